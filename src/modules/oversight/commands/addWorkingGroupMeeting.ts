// Records a meeting of a working group, optionally with its summary document.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import { requireDocument } from '../write-helpers.js';
import { workingGroupBoard } from './addWorkingGroupMember.js';

export async function addWorkingGroupMeeting(
  db: Kysely<DB>,
  actor: Actor,
  props: { workingGroupId: string; input: { date: string; title: string; summary?: string; documentId?: string } },
): Promise<string> {
  const boardId = await workingGroupBoard(db, props.workingGroupId);
  return runCommand(db, actor, {
    name: 'oversight.addWorkingGroupMeeting',
    authorize: (a) => oversightPolicy.manageForBoard(a, boardId),
    run: async ({ trx, now, audit }) => {
      const wg = await trx
        .selectFrom('oversight_working_groups')
        .select('established_on')
        .where('id', '=', props.workingGroupId)
        .executeTakeFirstOrThrow();
      if (props.input.date < wg.established_on)
        throw errors.validation([{ path: '/body/date', message: `is before the group was established (${wg.established_on})` }]);
      if (props.input.documentId) await requireDocument(trx, props.input.documentId, '/body/documentId');
      const row = {
        id: newId(),
        working_group_id: props.workingGroupId,
        date: props.input.date,
        title: props.input.title,
        summary: props.input.summary ?? null,
        document_id: props.input.documentId ?? null,
        created_at: now,
      };
      await trx.insertInto('oversight_working_group_meetings').values(row).execute();
      audit({ action: 'oversight.working-group.meeting-added', recordType: 'oversight_working_group', recordId: props.workingGroupId, after: row });
      return row.id;
    },
  });
}
