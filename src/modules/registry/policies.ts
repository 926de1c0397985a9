// Who may change the registry: the board's secretariat or an administrator. Everyone may read it.
import type { Actor } from '../access/actor.js';
import { requireAnyRole } from '../access/policy.js';

export const registryPolicy = {
  manageBoardMembership: (actor: Actor, boardId: string) => requireAnyRole(actor, ['secretariat'], boardId),
  manageReferenceData: (actor: Actor) => requireAnyRole(actor, ['administrator']),
};
