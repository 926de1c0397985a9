// Who may change oversight records. Reading is public: oversight of the boards is public data.
// Reviews are shared across boards, so any board's secretariat may register one; everything that
// belongs to a board (an addressee's response, its actions, a mandate, a working group) is managed
// by that board's secretariat, and entity management may record responses and actions for
// recommendations addressed to their executive head. Administrators hold every role.
import type { Actor } from '../access/actor.js';
import { requireAnyRole } from '../access/policy.js';

export const oversightPolicy = {
  manageReviews: (actor: Actor) => requireAnyRole(actor, ['secretariat']),
  manageForBoard: (actor: Actor, boardId: string) => requireAnyRole(actor, ['secretariat'], boardId),
  respond: (actor: Actor, a: { board_id: string; kind: string }) =>
    requireAnyRole(actor, a.kind === 'executive-head' ? ['secretariat', 'entity-management'] : ['secretariat'], a.board_id),
  configureWorkflows: (actor: Actor) => requireAnyRole(actor, ['administrator']),
  linkAcrossBoards: (actor: Actor) => requireAnyRole(actor, ['secretariat']),
};
