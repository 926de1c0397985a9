// Sessions are planned by the secretariat of every board taking part.
import type { Actor } from '../access/actor.js';
import { requireAnyRole } from '../access/policy.js';

export const sessionPolicy = {
  manage: (actor: Actor, boardIds: string[]) => {
    for (const b of boardIds) requireAnyRole(actor, ['secretariat'], b);
  },
};
