// Decisions are recorded by the secretariat of the board that adopted them.
import type { Actor } from '../access/actor.js';
import { requireAnyRole } from '../access/policy.js';

export const decisionPolicy = {
  record: (actor: Actor, boardId: string) => requireAnyRole(actor, ['secretariat'], boardId),
};
