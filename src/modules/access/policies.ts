// Who may do what in access control, briefings, questions and the parity ledger.
import type { Actor } from './actor.js';
import { hasRole } from './actor.js';
import { requireAnyRole, requireSignedIn } from './policy.js';
import { errors } from '../../lib/errors.js';

export const accessPolicy = {
  manageUsers: (actor: Actor) => requireAnyRole(actor, ['administrator']),
  /** A user may manage their own tokens; administrators anyone's. */
  manageTokensOf: (actor: Actor, userId: string) => {
    requireSignedIn(actor);
    if (actor.id !== userId && !hasRole(actor, 'administrator'))
      throw errors.forbidden('Only administrators manage other users’ tokens');
  },
  setAccess: (actor: Actor, boardIds: string[]) => {
    for (const b of boardIds) requireAnyRole(actor, ['secretariat'], b);
  },
  /** Questions come from member-state delegations (members or observers of the board). */
  ask: (actor: Actor, boardId: string) =>
    requireAnyRole(actor, ['observer-delegate', 'member-delegate', 'bureau-member'], boardId),
  /** Answers come from management of an entity the board oversees, or the board's secretariat. */
  answer: (actor: Actor, boardId: string) =>
    requireAnyRole(actor, ['entity-management', 'secretariat'], boardId),
};
