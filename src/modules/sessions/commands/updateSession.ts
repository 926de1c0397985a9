// Changes a session's title, dates, venue or access level, guarded by its version (If-Match).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { checkIfMatch } from '../../../http/etag.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { sessionPolicy } from '../policies.js';
import type { UpdateSessionInput } from '../schema.js';
import { checkDates } from './scheduleSession.js';

export async function updateSession(
  db: Kysely<DB>,
  actor: Actor,
  props: { id: string; input: UpdateSessionInput; ifMatch?: string },
): Promise<void> {
  const boards = await db
    .selectFrom('session_boards')
    .select('board_id')
    .where('session_id', '=', props.id)
    .execute();
  await runCommand(db, actor, {
    name: 'sessions.update',
    authorize: (a) => {
      if (boards.length === 0) throw errors.notFound('Session', props.id);
      sessionPolicy.manage(
        a,
        boards.map((b) => b.board_id),
      );
    },
    run: async ({ trx, now, audit }) => {
      const before = await trx
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', props.id)
        .executeTakeFirst();
      if (!before) throw errors.notFound('Session', props.id);
      checkIfMatch(props.ifMatch, before.id, before.version);
      const i = props.input;
      const start = i.startDate ?? before.start_date;
      const end = i.endDate ?? before.end_date;
      checkDates(start, end);
      const changes = {
        title: i.title ?? before.title,
        start_date: start,
        end_date: end,
        year: Number(start.slice(0, 4)),
        venue: i.venue === undefined ? before.venue : i.venue,
        access_level: i.accessLevel ?? before.access_level,
        version: before.version + 1,
        updated_at: now,
      };
      await trx.updateTable('sessions').set(changes).where('id', '=', props.id).execute();
      audit({
        action: 'session.updated',
        recordType: 'session',
        recordId: props.id,
        before,
        after: { ...before, ...changes },
      });
    },
  });
}
