// Records a decision adopted by a board. Its number (year/sequence) is unique per board.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { decisionPolicy } from '../policies.js';
import type { CreateDecisionInput, UpdateDecisionInput } from '../schema.js';

export function parseDecisionNumber(n: string): { year: number; seq: number } {
  const [y, s] = n.split('/');
  return { year: Number(y), seq: Number(s) };
}

export async function writeParagraphs(
  trx: Transaction<DB>,
  decisionId: string,
  paragraphs: NonNullable<UpdateDecisionInput['paragraphs']>,
) {
  await trx.deleteFrom('decision_paragraphs').where('decision_id', '=', decisionId).execute();
  if (paragraphs.length === 0) return;
  await trx
    .insertInto('decision_paragraphs')
    .values(
      paragraphs.map((p, i) => ({
        id: newId(),
        decision_id: decisionId,
        kind: p.kind,
        position: i,
        number: p.number ?? null,
        text: p.text,
      })),
    )
    .execute();
}

export async function adoptDecision(
  db: Kysely<DB>,
  actor: Actor,
  input: CreateDecisionInput,
): Promise<string> {
  return runCommand(db, actor, {
    name: 'decisions.adopt',
    authorize: (a) => decisionPolicy.record(a, input.boardId),
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
      const { year, seq } = parseDecisionNumber(input.number);
      if (input.sessionId) {
        const s = await trx
          .selectFrom('sessions')
          .innerJoin('session_boards', 'session_boards.session_id', 'sessions.id')
          .select(['sessions.id', 'sessions.year'])
          .where('sessions.id', '=', input.sessionId)
          .where('session_boards.board_id', '=', input.boardId)
          .executeTakeFirst();
        if (!s)
          throw errors.validation([
            { path: '/body/sessionId', message: 'is not a session of this board', code: 'notSessionOfBoard' },
          ]);
        if (s.year !== year)
          throw errors.validation([
            {
              path: '/body/number',
              message: `the year must be the session's year (${s.year})`,
              code: 'decisionYear',
              params: { year: s.year },
            },
          ]);
      }
      if (input.agendaItemId) {
        const item = await trx
          .selectFrom('agenda_items')
          .select('session_id')
          .where('id', '=', input.agendaItemId)
          .executeTakeFirst();
        if (!item || item.session_id !== input.sessionId) {
          throw errors.validation([
            {
              path: '/body/agendaItemId',
              message: 'is not an agenda item of the given session',
              code: 'notAgendaItemOfSession',
            },
          ]);
        }
      }
      const dup = await trx
        .selectFrom('decisions')
        .select('id')
        .where('board_id', '=', input.boardId)
        .where('number', '=', input.number)
        .executeTakeFirst();
      if (dup) {
        throw errors.conflict(`Decision ${input.number} already exists for board ${input.boardId}`, [
          { path: '/body/number', message: 'already used by this board', code: 'alreadyUsed' },
        ]);
      }
      const row = {
        id: newId(),
        board_id: input.boardId,
        number: input.number,
        year,
        seq,
        session_id: input.sessionId ?? null,
        agenda_item_id: input.agendaItemId ?? null,
        title: input.title,
        language: input.language ?? 'en',
        adopted_on: input.adoptedOn ?? null,
        synthetic: input.synthetic ? 1 : 0,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto('decisions').values(row).execute();
      await writeParagraphs(trx, row.id, input.paragraphs);
      audit({
        action: 'decision.adopted',
        recordType: 'decision',
        recordId: row.id,
        after: { ...row, paragraphs: input.paragraphs },
      });
      return row.id;
    },
  });
}
