// Questions from delegations to management, and management's answers, visible to every
// member-state delegation (and so to the members who could not attend where they were asked).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../actor.js';
import { runCommand } from '../../audit/command.js';
import { accessPolicy } from '../policies.js';
import type { AskQuestionInput } from '../schema.js';

export async function askQuestion(db: Kysely<DB>, actor: Actor, input: AskQuestionInput): Promise<string> {
  return runCommand(db, actor, {
    name: 'questions.ask',
    authorize: (a) => accessPolicy.ask(a, input.boardId),
    run: async ({ trx, now, audit }) => {
      if (!(await trx.selectFrom('boards').select('id').where('id', '=', input.boardId).executeTakeFirst())) {
        throw errors.validation([
          {
            path: '/body/boardId',
            message: `unknown board '${input.boardId}'`,
            code: 'unknownBoard',
            params: { id: input.boardId },
          },
        ]);
      }
      if (input.sessionId) {
        const s = await trx
          .selectFrom('session_boards')
          .select('session_id')
          .where('session_id', '=', input.sessionId)
          .where('board_id', '=', input.boardId)
          .executeTakeFirst();
        if (!s)
          throw errors.validation([
            { path: '/body/sessionId', message: 'is not a session of this board', code: 'notSessionOfBoard' },
          ]);
      }
      if (input.entityId) {
        const e = await trx
          .selectFrom('board_entities')
          .select('entity_id')
          .where('entity_id', '=', input.entityId)
          .where('board_id', '=', input.boardId)
          .executeTakeFirst();
        if (!e)
          throw errors.validation([
            {
              path: '/body/entityId',
              message: 'is not an entity this board oversees',
              code: 'notEntityOfBoard',
            },
          ]);
      }
      const row = {
        id: newId(),
        board_id: input.boardId,
        session_id: input.sessionId ?? null,
        entity_id: input.entityId ?? null,
        member_state_id: actor.memberStateId,
        asked_by: actor.id,
        text: input.text,
        asked_at: now,
        answer: null,
        answered_by: null,
        answered_at: null,
      };
      await trx.insertInto('questions').values(row).execute();
      audit({ action: 'question.asked', recordType: 'question', recordId: row.id, after: row });
      return row.id;
    },
  });
}

export async function answerQuestion(db: Kysely<DB>, actor: Actor, props: { id: string; answer: string }) {
  const q = await db
    .selectFrom('questions')
    .select(['id', 'board_id', 'answer'])
    .where('id', '=', props.id)
    .executeTakeFirst();
  if (!q) throw errors.notFound('Question', props.id);
  await runCommand(db, actor, {
    name: 'questions.answer',
    authorize: (a) => accessPolicy.answer(a, q.board_id),
    run: async ({ trx, now, audit }) => {
      await trx
        .updateTable('questions')
        .set({ answer: props.answer, answered_by: actor.id, answered_at: now })
        .where('id', '=', props.id)
        .execute();
      audit({
        action: q.answer ? 'question.answer-revised' : 'question.answered',
        recordType: 'question',
        recordId: props.id,
        before: { answer: q.answer },
        after: { answer: props.answer },
      });
    },
  });
}
