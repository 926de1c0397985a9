// Reads of sessions and agenda items, filtered to what the caller may see.
import type { Kysely } from 'kysely';
import type { DB, SessionTable } from '../../db/schema.js';
import { afterCursor, decodeCursor, pageOf, parseSort } from '../../lib/pagination.js';
import type { Actor } from '../access/actor.js';
import { visibleTo } from '../access/visibility.js';
import { clock } from '../../lib/clock.js';

export interface SessionFilter {
  limit?: number;
  cursor?: string;
  board?: string;
  year?: number;
  type?: string;
  from?: string;
  to?: string;
  sort?: string;
}

export type SessionRow = SessionTable & { boardIds: string[] };

async function withBoards(db: Kysely<DB>, rows: SessionTable[]): Promise<SessionRow[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('session_boards')
    .selectAll()
    .where(
      'session_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('board_id')
    .execute();
  return rows.map((r) => ({
    ...r,
    boardIds: links.filter((l) => l.session_id === r.id).map((l) => l.board_id),
  }));
}

export async function listSessions(db: Kysely<DB>, actor: Actor, f: SessionFilter) {
  const limit = f.limit ?? 50;
  const sort = parseSort(f.sort, { startDate: 'sessions.start_date', title: 'sessions.title' }, '-startDate');
  let q = db
    .selectFrom('sessions')
    .selectAll('sessions')
    .where(visibleTo('sessions', actor, clock.nowIso()));
  if (f.board) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('session_boards')
          .select('session_id')
          .whereRef('session_boards.session_id', '=', 'sessions.id')
          .where('session_boards.board_id', '=', f.board!),
      ),
    );
  }
  if (f.year) q = q.where('sessions.year', '=', f.year);
  if (f.type) q = q.where('sessions.type', '=', f.type);
  if (f.from) q = q.where('sessions.end_date', '>=', f.from);
  if (f.to) q = q.where('sessions.start_date', '<=', f.to);
  const cursor = decodeCursor(f.cursor);
  if (cursor)
    q = q.where(
      afterCursor({ column: sort.column, idColumn: 'sessions.id', descending: sort.descending }, cursor),
    );
  const dir = sort.descending ? 'desc' : 'asc';
  const rows = await q
    .orderBy(sort.key === 'title' ? 'sessions.title' : 'sessions.start_date', dir)
    .orderBy('sessions.id', dir)
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => (sort.key === 'title' ? r.title : r.start_date));
  return { items: await withBoards(db, page.items), nextCursor: page.nextCursor };
}

/** A session the actor may read, or undefined (absent and hidden look the same). */
export async function getSession(db: Kysely<DB>, actor: Actor, id: string): Promise<SessionRow | undefined> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo('sessions', actor, clock.nowIso()))
    .executeTakeFirst();
  if (!row) return undefined;
  return (await withBoards(db, [row]))[0];
}

export async function listAgendaItems(db: Kysely<DB>, sessionId: string) {
  return db
    .selectFrom('agenda_items')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('position')
    .execute();
}
