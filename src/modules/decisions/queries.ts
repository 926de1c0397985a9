// Reads of decisions. Decisions are public records of the boards.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { afterCursor, decodeCursor, pageOf, parseSort } from '../../lib/pagination.js';

export interface DecisionFilter {
  limit?: number;
  cursor?: string;
  board?: string;
  session?: string;
  year?: number;
  language?: string;
  sort?: string;
}

export async function listDecisions(db: Kysely<DB>, f: DecisionFilter) {
  const limit = f.limit ?? 50;
  // "number" sorts by year then sequence; the sort value packs both into one integer.
  const sort = parseSort(f.sort, { number: 'decisions.year', title: 'decisions.title' }, '-number');
  let q = db.selectFrom('decisions').selectAll();
  if (f.board) q = q.where('board_id', '=', f.board);
  if (f.session) q = q.where('session_id', '=', f.session);
  if (f.year) q = q.where('year', '=', f.year);
  if (f.language) q = q.where('language', '=', f.language);
  const cursor = decodeCursor(f.cursor);
  if (cursor) {
    q = q.where(
      sort.key === 'title'
        ? afterCursor({ column: sort.column, idColumn: 'decisions.id', descending: sort.descending }, cursor)
        : (eb) => {
            const v = Number(cursor.v);
            const key = eb(eb('year', '*', 1000), '+', eb.ref('seq'));
            return sort.descending
              ? eb.or([eb(key, '<', v), eb.and([eb(key, '=', v), eb('id', '<', cursor.id)])])
              : eb.or([eb(key, '>', v), eb.and([eb(key, '=', v), eb('id', '>', cursor.id)])]);
          },
    );
  }
  const dir = sort.descending ? 'desc' : 'asc';
  q = sort.key === 'title' ? q.orderBy('title', dir) : q.orderBy('year', dir).orderBy('seq', dir);
  const rows = await q
    .orderBy('id', dir)
    .limit(limit + 1)
    .execute();
  return pageOf(rows, limit, (r) => (sort.key === 'title' ? r.title : r.year * 1000 + r.seq));
}

export async function getDecision(db: Kysely<DB>, id: string) {
  return db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function decisionParagraphs(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('decision_paragraphs')
    .selectAll()
    .where('decision_id', '=', id)
    .orderBy('position')
    .execute();
}
