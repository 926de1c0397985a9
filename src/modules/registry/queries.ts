// Reads of the reference registry. Dialect-neutral Kysely.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { afterCursor, decodeCursor, pageOf, parseSort } from '../../lib/pagination.js';

export async function listEntities(db: Kysely<DB>) {
  return db
    .selectFrom('entities')
    .leftJoin('board_entities', 'board_entities.entity_id', 'entities.id')
    .select([
      'entities.id',
      'entities.code',
      'entities.name',
      'entities.executive_head_title',
      'entities.website',
      'board_entities.board_id',
    ])
    .orderBy('entities.code')
    .execute();
}

export async function getEntity(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('entities')
    .leftJoin('board_entities', 'board_entities.entity_id', 'entities.id')
    .select([
      'entities.id',
      'entities.code',
      'entities.name',
      'entities.executive_head_title',
      'entities.website',
      'board_entities.board_id',
    ])
    .where('entities.id', '=', id)
    .executeTakeFirst();
}

export async function listBoards(db: Kysely<DB>) {
  const [boards, links] = await Promise.all([
    db.selectFrom('boards').selectAll().orderBy('code').execute(),
    db.selectFrom('board_entities').selectAll().orderBy('entity_id').execute(),
  ]);
  return boards.map((b) => ({
    ...b,
    entityIds: links.filter((l) => l.board_id === b.id).map((l) => l.entity_id),
  }));
}

export async function getBoard(db: Kysely<DB>, id: string) {
  const board = await db.selectFrom('boards').selectAll().where('id', '=', id).executeTakeFirst();
  if (!board) return undefined;
  const links = await db
    .selectFrom('board_entities')
    .select('entity_id')
    .where('board_id', '=', id)
    .orderBy('entity_id')
    .execute();
  return { ...board, entityIds: links.map((l) => l.entity_id) };
}

export async function boardExists(db: Kysely<DB>, id: string): Promise<boolean> {
  return !!(await db.selectFrom('boards').select('id').where('id', '=', id).executeTakeFirst());
}

export async function listMemberStates(
  db: Kysely<DB>,
  q: { limit?: number; cursor?: string; regionalGroup?: string; q?: string; sort?: string },
) {
  const limit = q.limit ?? 50;
  const sort = parseSort(q.sort, { name: 'member_states.name', id: 'member_states.id' }, 'name');
  const spec = { column: sort.column, idColumn: 'member_states.id', descending: sort.descending };
  let query = db.selectFrom('member_states').selectAll();
  if (q.regionalGroup) query = query.where('regional_group', '=', q.regionalGroup);
  if (q.q) {
    const needle = `%${q.q.toLowerCase().replace(/[%_\\]/g, '')}%`;
    query = query.where((eb) =>
      eb.or([eb(eb.fn('lower', ['name']), 'like', needle), eb(eb.fn('lower', ['id']), 'like', needle)]),
    );
  }
  const cursor = decodeCursor(q.cursor);
  if (cursor) query = query.where(afterCursor(spec, cursor));
  const dir = sort.descending ? 'desc' : 'asc';
  const rows = await query
    .orderBy(sort.key === 'name' ? 'name' : 'id', dir)
    .orderBy('id', dir)
    .limit(limit + 1)
    .execute();
  return pageOf(rows, limit, (r) => (sort.key === 'name' ? r.name : r.id));
}

export async function getMemberState(db: Kysely<DB>, id: string) {
  return db.selectFrom('member_states').selectAll().where('id', '=', id.toUpperCase()).executeTakeFirst();
}

/** Memberships of a board, optionally only those whose term covers a date. */
export async function listMemberships(db: Kysely<DB>, boardId: string, on?: string) {
  let q = db
    .selectFrom('board_memberships as m')
    .innerJoin('member_states as s', 's.id', 'm.member_state_id')
    .select([
      'm.id',
      'm.board_id',
      'm.member_state_id',
      's.name',
      's.regional_group',
      'm.term_start',
      'm.term_end',
      'm.synthetic',
    ])
    .where('m.board_id', '=', boardId);
  if (on) q = q.where('m.term_start', '<=', on).where('m.term_end', '>=', on);
  return q.orderBy('s.name').orderBy('m.term_start').execute();
}

export async function listBureau(db: Kysely<DB>, boardId: string, year?: number) {
  let q = db
    .selectFrom('bureau_posts as b')
    .innerJoin('member_states as s', 's.id', 'b.member_state_id')
    .select([
      'b.id',
      'b.board_id',
      'b.year',
      'b.post',
      'b.member_state_id',
      's.name',
      's.regional_group',
      'b.person_name',
      'b.synthetic',
    ])
    .where('b.board_id', '=', boardId);
  if (year) q = q.where('b.year', '=', year);
  return q.orderBy('b.year', 'desc').orderBy('b.post', 'desc').orderBy('s.name').execute();
}
