// Informal briefings: attendance is recorded, but the records (summary, slides, questions and
// answers) go to every member state of the board at the same moment, whoever attended. Publishing
// sets one access level and one release time on all of them in one transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors, type FieldError } from '../../../lib/errors.js';
import { clock } from '../../../lib/clock.js';
import type { Actor } from '../actor.js';
import { runCommand } from '../../audit/command.js';
import { accessPolicy } from '../policies.js';
import type { PublishBriefingRecordsInput } from '../schema.js';
import { normalizeInstant, recordAccessChange, reindexDocumentAccess } from './setAccess.js';

async function briefingBoards(db: Kysely<DB>, sessionId: string) {
  const session = await db
    .selectFrom('sessions')
    .select(['id', 'type'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!session) throw errors.notFound('Session', sessionId);
  if (session.type !== 'informal-briefing')
    throw errors.validation([{ path: '/params/id', message: 'is not an informal briefing' }]);
  return (
    await db.selectFrom('session_boards').select('board_id').where('session_id', '=', sessionId).execute()
  ).map((b) => b.board_id);
}

export async function recordAttendance(
  db: Kysely<DB>,
  actor: Actor,
  props: { sessionId: string; memberStateIds: string[] },
) {
  const boards = await briefingBoards(db, props.sessionId);
  await runCommand(db, actor, {
    name: 'briefings.recordAttendance',
    authorize: (a) => accessPolicy.setAccess(a, boards),
    run: async ({ trx, now, audit }) => {
      const known = new Set(
        (
          await trx.selectFrom('member_states').select('id').where('id', 'in', props.memberStateIds).execute()
        ).map((r) => r.id),
      );
      const problems: FieldError[] = props.memberStateIds.flatMap((m, i) =>
        known.has(m) ? [] : [{ path: `/body/memberStateIds/${i}`, message: `unknown member state '${m}'` }],
      );
      if (problems.length) throw errors.validation(problems);
      await trx.deleteFrom('attendance').where('session_id', '=', props.sessionId).execute();
      await trx
        .insertInto('attendance')
        .values(
          props.memberStateIds.map((m) => ({
            session_id: props.sessionId,
            member_state_id: m,
            recorded_at: now,
          })),
        )
        .execute();
      audit({
        action: 'briefing.attendance-recorded',
        recordType: 'session',
        recordId: props.sessionId,
        after: { memberStateIds: props.memberStateIds },
      });
    },
  });
}

export async function publishBriefingRecords(
  db: Kysely<DB>,
  actor: Actor,
  props: { sessionId: string; input: PublishBriefingRecordsInput },
) {
  const boards = await briefingBoards(db, props.sessionId);
  const releaseAt = normalizeInstant(props.input.releaseAt, '/body/releaseAt') ?? clock.nowIso();
  const level = props.input.accessLevel ?? 'board-members';
  await runCommand(db, actor, {
    name: 'briefings.publishRecords',
    authorize: (a) => accessPolicy.setAccess(a, boards),
    run: async (tx) => {
      const docs = await tx.trx
        .selectFrom('documents')
        .select(['id', 'session_id', 'access_level', 'embargo_until', 'version'])
        .where('id', 'in', props.input.documentIds)
        .execute();
      const problems: FieldError[] = [];
      props.input.documentIds.forEach((id, i) => {
        const d = docs.find((x) => x.id === id);
        if (!d) problems.push({ path: `/body/documentIds/${i}`, message: `unknown document '${id}'` });
        else if (d.session_id !== props.sessionId)
          problems.push({ path: `/body/documentIds/${i}`, message: 'is not a record of this briefing' });
      });
      if (problems.length) throw errors.validation(problems);
      for (const d of docs) {
        await tx.trx
          .updateTable('documents')
          .set({ access_level: level, embargo_until: releaseAt, version: d.version + 1, updated_at: tx.now })
          .where('id', '=', d.id)
          .execute();
        await recordAccessChange(tx, 'document', d.id, level, releaseAt);
        await reindexDocumentAccess(tx.trx, d.id);
      }
      tx.audit({
        action: 'briefing.records-published',
        recordType: 'session',
        recordId: props.sessionId,
        after: { documentIds: props.input.documentIds, accessLevel: level, releaseAt },
      });
    },
  });
  return { releaseAt, accessLevel: level };
}
