// Reads of coherence records: the suggestion queue, a subject's tags, findings.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { afterCursor, decodeCursor, pageOf } from '../../lib/pagination.js';

export async function listSuggestions(
  db: Kysely<DB>,
  f: { status?: string; subjectType?: string; subjectId?: string; tag?: string; board?: string; year?: number; limit?: number; cursor?: string },
) {
  const limit = f.limit ?? 50;
  let q = db.selectFrom('coherence_tag_suggestions').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.tag) q = q.where('tag', '=', f.tag);
  if (f.board) q = q.where('board_id', '=', f.board);
  if (f.year) q = q.where('year', '=', f.year);
  const cursor = decodeCursor(f.cursor);
  if (cursor) q = q.where(afterCursor({ column: 'coherence_tag_suggestions.id', idColumn: 'coherence_tag_suggestions.id', descending: false }, cursor));
  const rows = await q.orderBy('id').limit(limit + 1).execute();
  return pageOf(rows, limit, (r) => r.id);
}

export async function subjectTags(db: Kysely<DB>, type: string, id: string) {
  const confirmed = await db.selectFrom('coherence_tags').selectAll().where('subject_type', '=', type).where('subject_id', '=', id).orderBy('tag').execute();
  const suggested = await db
    .selectFrom('coherence_tag_suggestions')
    .selectAll()
    .where('subject_type', '=', type)
    .where('subject_id', '=', id)
    .orderBy('score', 'desc')
    .orderBy('tag')
    .execute();
  return { confirmed, suggested };
}

export async function listFindings(
  db: Kysely<DB>,
  f: { year: number; kind?: string; board?: string; limit?: number; cursor?: string },
) {
  const limit = f.limit ?? 50;
  let q = db.selectFrom('coherence_findings').selectAll().where('year', '=', f.year);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.board) q = q.where((eb) => eb.or([eb('board_ids', '=', f.board!), eb('board_ids', 'like', `${f.board},%`), eb('board_ids', 'like', `%,${f.board}`), eb('board_ids', 'like', `%,${f.board},%`)]));
  const cursor = decodeCursor(f.cursor);
  if (cursor) q = q.where(afterCursor({ column: 'coherence_findings.id', idColumn: 'coherence_findings.id', descending: false }, cursor));
  const rows = await q.orderBy('id').limit(limit + 1).execute();
  return pageOf(rows, limit, (r) => r.id);
}

export async function getFinding(db: Kysely<DB>, id: string) {
  return db.selectFrom('coherence_findings').selectAll().where('id', '=', id).executeTakeFirst();
}
