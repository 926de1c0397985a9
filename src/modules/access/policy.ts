// Small helpers that policies are written with. Each resource keeps its rules in its own
// policies.ts; these only turn a yes/no into the right error.
import { errors } from '../../lib/errors.js';
import { hasRole, type Actor, type Role } from './actor.js';

export function requireSignedIn(actor: Actor): void {
  if (actor.kind === 'anonymous') throw errors.unauthenticated();
}

/** Allows the actor when it holds any of `roles` for `boardId` (or globally). */
export function requireAnyRole(actor: Actor, roles: Role[], boardId?: string | null): void {
  requireSignedIn(actor);
  if (!roles.some((r) => hasRole(actor, r, boardId))) {
    throw errors.forbidden(`Requires one of: ${roles.join(', ')}${boardId ? ` for board ${boardId}` : ''}`);
  }
}
