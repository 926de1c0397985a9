// Who may change coherence records. Reading is public (findings use public records only). The model's
// suggestions are refreshed, confirmed and rejected by the secretariat — of the subject's board when
// it has one — or an administrator; analyses across boards and delegation capacities are the
// secretariat's (any board) or an administrator's.
import type { Actor } from '../access/actor.js';
import { requireAnyRole, requireSignedIn } from '../access/policy.js';
import { errors } from '../../lib/errors.js';
import { hasRole } from '../access/actor.js';

export const coherencePolicy = {
  /** Tags on a subject: the secretariat of one of its boards (any secretariat for cross-board subjects). */
  tag: (actor: Actor, boards: string[]) => {
    requireSignedIn(actor);
    if (boards.length === 0 || boards.length > 1) return requireAnyRole(actor, ['secretariat']);
    return requireAnyRole(actor, ['secretariat'], boards[0]);
  },
  suggest: (actor: Actor) => requireAnyRole(actor, ['secretariat']),
  analyse: (actor: Actor) => requireAnyRole(actor, ['secretariat']),
  manageCapacity: (actor: Actor) => requireAnyRole(actor, ['secretariat']),
  /** The review queue of suggestions is a working list of the secretariats. */
  readQueue: (actor: Actor) => {
    requireSignedIn(actor);
    if (!hasRole(actor, 'secretariat')) throw errors.forbidden('Requires one of: secretariat, administrator');
  },
};
