// Schedules a session of one or more boards (several for a joint meeting or joint field visit).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors, type FieldError } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { sessionPolicy } from '../policies.js';
import { recordAccessChange } from '../../access/commands/setAccess.js';
import type { CreateSessionInput } from '../schema.js';

export async function assertBoardsExist(
  trx: Transaction<DB>,
  boardIds: string[],
  path: string,
): Promise<void> {
  const found = await trx.selectFrom('boards').select('id').where('id', 'in', boardIds).execute();
  const missing = boardIds.filter((b) => !found.some((f) => f.id === b));
  if (missing.length) {
    throw errors.validation(
      missing.map((m): FieldError => ({
        path: `${path}/${boardIds.indexOf(m)}`,
        message: `unknown board '${m}'`,
        code: 'unknownBoard',
        params: { id: m },
      })),
    );
  }
}

export function checkDates(start: string, end: string): void {
  if (end < start)
    throw errors.validation([
      { path: '/body/endDate', message: 'must not be before startDate', code: 'endBeforeStart' },
    ]);
}

export async function scheduleSession(
  db: Kysely<DB>,
  actor: Actor,
  input: CreateSessionInput,
): Promise<string> {
  return runCommand(db, actor, {
    name: 'sessions.schedule',
    authorize: (a) => sessionPolicy.manage(a, input.boardIds),
    run: async (tx) => {
      const { trx, now, audit } = tx;
      checkDates(input.startDate, input.endDate);
      if (input.type === 'joint-meeting' && input.boardIds.length < 2) {
        throw errors.validation([
          {
            path: '/body/boardIds',
            message: 'a joint meeting involves at least two boards',
            code: 'jointMeetingBoards',
          },
        ]);
      }
      await assertBoardsExist(trx, input.boardIds, '/body/boardIds');
      const row = {
        id: newId(),
        type: input.type,
        title: input.title,
        start_date: input.startDate,
        end_date: input.endDate,
        year: Number(input.startDate.slice(0, 4)),
        venue: input.venue ?? null,
        access_level: input.accessLevel ?? 'public',
        synthetic: input.synthetic ? 1 : 0,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto('sessions').values(row).execute();
      await trx
        .insertInto('session_boards')
        .values(input.boardIds.map((b) => ({ session_id: row.id, board_id: b })))
        .execute();
      await recordAccessChange(tx, 'session', row.id, row.access_level, null);
      audit({
        action: 'session.scheduled',
        recordType: 'session',
        recordId: row.id,
        after: { ...row, boardIds: input.boardIds },
      });
      return row.id;
    },
  });
}
