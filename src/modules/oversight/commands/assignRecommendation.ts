// Puts a recommendation in a working group's hands. The recommendation must be addressed to the
// group's board (or to the executive head of an entity that board oversees).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import { workingGroupBoard } from './addWorkingGroupMember.js';

export async function assignRecommendation(
  db: Kysely<DB>,
  actor: Actor,
  props: { workingGroupId: string; recommendationId: string },
): Promise<void> {
  const boardId = await workingGroupBoard(db, props.workingGroupId);
  await runCommand(db, actor, {
    name: 'oversight.assignRecommendation',
    authorize: (a) => oversightPolicy.manageForBoard(a, boardId),
    run: async ({ trx, audit }) => {
      const rec = await trx
        .selectFrom('oversight_recommendations')
        .select('id')
        .where('id', '=', props.recommendationId)
        .executeTakeFirst();
      if (!rec) throw errors.validation([{ path: '/body/recommendationId', message: `unknown recommendation '${props.recommendationId}'` }]);
      const addressed = await trx
        .selectFrom('oversight_addressees')
        .select('id')
        .where('recommendation_id', '=', rec.id)
        .where('board_id', '=', boardId)
        .executeTakeFirst();
      if (!addressed)
        throw errors.validation([{ path: '/body/recommendationId', message: "is not addressed to the group's board" }]);
      const dup = await trx
        .selectFrom('oversight_working_group_recommendations')
        .select('recommendation_id')
        .where('working_group_id', '=', props.workingGroupId)
        .where('recommendation_id', '=', rec.id)
        .executeTakeFirst();
      if (dup) throw errors.conflict('Already assigned', [{ path: '/body/recommendationId', message: 'is already handled by this group' }]);
      const row = { working_group_id: props.workingGroupId, recommendation_id: rec.id };
      await trx.insertInto('oversight_working_group_recommendations').values(row).execute();
      audit({ action: 'oversight.working-group.recommendation-assigned', recordType: 'oversight_working_group', recordId: props.workingGroupId, after: row });
    },
  });
}
