// Reads of documents, expressions and paragraphs, filtered to what the caller may see.
import type { Kysely } from 'kysely';
import type { DB, DocumentTable } from '../../db/schema.js';
import { afterCursor, decodeCursor, pageOf, parseSort } from '../../lib/pagination.js';
import type { Actor } from '../access/actor.js';
import { visibleTo } from '../access/visibility.js';
import { clock } from '../../lib/clock.js';

export interface DocumentFilter {
  limit?: number;
  cursor?: string;
  board?: string;
  session?: string;
  year?: number;
  type?: string;
  language?: string;
  sort?: string;
}

export type DocumentRow = DocumentTable & { boardIds: string[]; languages: string[] };

export async function decorate(db: Kysely<DB>, rows: DocumentTable[]): Promise<DocumentRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [boards, langs] = await Promise.all([
    db.selectFrom('document_boards').select(['document_id', 'board_id']).where('document_id', 'in', ids).execute(),
    db
      .selectFrom('expressions')
      .select(['document_id', 'language'])
      .where('document_id', 'in', ids)
      .where('is_current', '=', 1)
      .execute(),
  ]);
  // Group in one pass and sort in memory: cheaper than a sort in SQL for a page of rows.
  const group = (pairs: { document_id: string; value: string }[]) => {
    const m = new Map<string, string[]>();
    for (const p of pairs) {
      const list = m.get(p.document_id);
      if (list) list.push(p.value);
      else m.set(p.document_id, [p.value]);
    }
    for (const list of m.values()) list.sort();
    return m;
  };
  const boardsBy = group(boards.map((b) => ({ document_id: b.document_id, value: b.board_id })));
  const langsBy = group(langs.map((l) => ({ document_id: l.document_id, value: l.language })));
  return rows.map((r) => ({ ...r, boardIds: boardsBy.get(r.id) ?? [], languages: langsBy.get(r.id) ?? [] }));
}

export async function listDocuments(db: Kysely<DB>, actor: Actor, f: DocumentFilter) {
  const limit = f.limit ?? 50;
  const sort = parseSort(f.sort, { date: 'documents.date', title: 'documents.title' }, '-date');
  let q = db
    .selectFrom('documents')
    .selectAll('documents')
    .where(visibleTo('documents', actor, clock.nowIso()));
  if (f.board) {
    const board = f.board;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('document_boards')
          .select('document_id')
          .whereRef('document_boards.document_id', '=', 'documents.id')
          .where('document_boards.board_id', '=', board),
      ),
    );
  }
  if (f.language) {
    const language = f.language;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('expressions')
          .select('id')
          .whereRef('expressions.document_id', '=', 'documents.id')
          .where('expressions.language', '=', language)
          .where('expressions.is_current', '=', 1),
      ),
    );
  }
  if (f.session) q = q.where('documents.session_id', '=', f.session);
  if (f.year) q = q.where('documents.year', '=', f.year);
  if (f.type) q = q.where('documents.type', '=', f.type);
  const cursor = decodeCursor(f.cursor);
  if (cursor)
    q = q.where(
      afterCursor({ column: sort.column, idColumn: 'documents.id', descending: sort.descending }, cursor),
    );
  const dir = sort.descending ? 'desc' : 'asc';
  const rows = await q
    .orderBy(sort.key === 'title' ? 'documents.title' : 'documents.date', dir)
    .orderBy('documents.id', dir)
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => (sort.key === 'title' ? r.title : r.date));
  return { items: await decorate(db, page.items), nextCursor: page.nextCursor };
}

export async function getDocument(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
): Promise<DocumentRow | undefined> {
  const row = await db
    .selectFrom('documents')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo('documents', actor, clock.nowIso()))
    .executeTakeFirst();
  return row ? (await decorate(db, [row]))[0] : undefined;
}

export async function listExpressions(db: Kysely<DB>, documentId: string) {
  return db
    .selectFrom('expressions as e')
    .select((eb) => [
      'e.id',
      'e.language',
      'e.revision',
      'e.is_current',
      'e.title',
      'e.created_at',
      eb
        .selectFrom('paragraphs as p')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('p.expression_id', '=', 'e.id')
        .where('p.parent_id', 'is', null)
        .as('paragraph_count'),
    ])
    .where('e.document_id', '=', documentId)
    .orderBy('e.language')
    .orderBy('e.revision', 'desc')
    .execute();
}

/** The expression to read: the requested language (or the original) and revision (or the current). */
export async function findExpression(db: Kysely<DB>, doc: DocumentRow, language?: string, revision?: number) {
  let q = db
    .selectFrom('expressions')
    .selectAll()
    .where('document_id', '=', doc.id)
    .where('language', '=', language ?? doc.original_language);
  q = revision ? q.where('revision', '=', revision) : q.where('is_current', '=', 1);
  return q.executeTakeFirst();
}

export async function paragraphTree(db: Kysely<DB>, expressionId: string) {
  const [paras, statements] = await Promise.all([
    db
      .selectFrom('paragraphs')
      .selectAll()
      .where('expression_id', '=', expressionId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('statements as s')
      .innerJoin('paragraphs as p', 'p.id', 's.paragraph_id')
      .select(['s.paragraph_id', 's.speaker_role', 's.entity_id', 's.member_state_id', 'p.number'])
      .where('p.expression_id', '=', expressionId)
      .orderBy('p.position')
      .orderBy('s.id')
      .execute(),
  ]);
  const top = paras.filter((p) => p.parent_id === null);
  return {
    statements,
    items: top.map((p) => ({
      id: p.id,
      number: p.number,
      anchor: `p${p.number}`,
      text: p.text,
      speakers: statements
        .filter((s) => s.paragraph_id === p.id)
        .map((s) => ({ role: s.speaker_role, entityId: s.entity_id, memberStateId: s.member_state_id })),
      subpoints: paras
        .filter((c) => c.parent_id === p.id)
        .map((c) => ({ id: c.id, number: c.number, anchor: `p${c.number}`, text: c.text })),
    })),
  };
}
