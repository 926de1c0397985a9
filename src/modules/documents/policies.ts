// Documents are registered and revised by the secretariat of the boards they belong to.
import type { Actor } from '../access/actor.js';
import { requireAnyRole } from '../access/policy.js';

export const documentPolicy = {
  manage: (actor: Actor, boardIds: string[]) => {
    for (const b of boardIds) requireAnyRole(actor, ['secretariat'], b);
  },
};
