// Adds a member state to a working group (chair, co-chair, facilitator or member).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';

export async function workingGroupBoard(db: Kysely<DB>, id: string): Promise<string> {
  const wg = await db.selectFrom('oversight_working_groups').select('board_id').where('id', '=', id).executeTakeFirst();
  if (!wg) throw errors.notFound('Working group', id);
  return wg.board_id;
}

export async function addWorkingGroupMember(
  db: Kysely<DB>,
  actor: Actor,
  props: { workingGroupId: string; memberStateId: string; role: string },
): Promise<void> {
  const boardId = await workingGroupBoard(db, props.workingGroupId);
  await runCommand(db, actor, {
    name: 'oversight.addWorkingGroupMember',
    authorize: (a) => oversightPolicy.manageForBoard(a, boardId),
    run: async ({ trx, audit }) => {
      const ms = await trx.selectFrom('member_states').select('id').where('id', '=', props.memberStateId).executeTakeFirst();
      if (!ms) throw errors.validation([{ path: '/body/memberStateId', message: `unknown member state '${props.memberStateId}'` }]);
      const dup = await trx
        .selectFrom('oversight_working_group_members')
        .select('member_state_id')
        .where('working_group_id', '=', props.workingGroupId)
        .where('member_state_id', '=', props.memberStateId)
        .executeTakeFirst();
      if (dup) throw errors.conflict('Already a member', [{ path: '/body/memberStateId', message: 'is already a member' }]);
      if (props.role === 'chair') {
        const chair = await trx
          .selectFrom('oversight_working_group_members')
          .select('member_state_id')
          .where('working_group_id', '=', props.workingGroupId)
          .where('role', '=', 'chair')
          .executeTakeFirst();
        if (chair) throw errors.conflict('The group has a chair', [{ path: '/body/role', message: `${chair.member_state_id} already chairs` }]);
      }
      const row = { working_group_id: props.workingGroupId, member_state_id: props.memberStateId, role: props.role };
      await trx.insertInto('oversight_working_group_members').values(row).execute();
      audit({ action: 'oversight.working-group.member-added', recordType: 'oversight_working_group', recordId: props.workingGroupId, after: row });
    },
  });
}
