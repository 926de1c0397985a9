// Adds a numbered item to a session's agenda, at the end.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { sessionPolicy } from '../policies.js';
import type { CreateAgendaItemInput } from '../schema.js';

export async function addAgendaItem(
  db: Kysely<DB>,
  actor: Actor,
  props: { sessionId: string; input: CreateAgendaItemInput },
): Promise<string> {
  const boards = await db
    .selectFrom('session_boards')
    .select('board_id')
    .where('session_id', '=', props.sessionId)
    .execute();
  return runCommand(db, actor, {
    name: 'sessions.addAgendaItem',
    authorize: (a) => {
      if (boards.length === 0) throw errors.notFound('Session', props.sessionId);
      sessionPolicy.manage(
        a,
        boards.map((b) => b.board_id),
      );
    },
    run: async ({ trx, now, audit }) => {
      const dup = await trx
        .selectFrom('agenda_items')
        .select('id')
        .where('session_id', '=', props.sessionId)
        .where('number', '=', props.input.number)
        .executeTakeFirst();
      if (dup) {
        throw errors.conflict(`Agenda item ${props.input.number} already exists in this session`, [
          { path: '/body/number', message: 'already used in this session', code: 'alreadyUsed' },
        ]);
      }
      const last = await trx
        .selectFrom('agenda_items')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('session_id', '=', props.sessionId)
        .executeTakeFirst();
      const row = {
        id: newId(),
        session_id: props.sessionId,
        number: props.input.number,
        position: Number(last?.max ?? 0) + 1,
        title: props.input.title,
        synthetic: props.input.synthetic ? 1 : 0,
        created_at: now,
      };
      await trx.insertInto('agenda_items').values(row).execute();
      audit({ action: 'agenda-item.added', recordType: 'agenda_item', recordId: row.id, after: row });
      return row.id;
    },
  });
}
