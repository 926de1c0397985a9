// Reads that only pages need and no module offers yet: paragraph themes for the reader, statements
// of a whole session by speaker, what is new since a date, and facet counts for the search page.
// Everything else the pages show comes from the modules' own queries.ts. Dialect-neutral Kysely,
// and every read is filtered by the caller's access levels like the module queries are.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../modules/access/actor.js';
import { clock } from '../lib/clock.js';
import { visibleTo } from '../modules/access/visibility.js';
import { decorate, listDocuments, type DocumentRow } from '../modules/documents/queries.js';
import { compileQuery, facetGroups } from '../modules/search/queries.js';
import type { SearchQueryInput } from '../modules/search/schema.js';
import { searchIndexFor } from '../search/index.js';

/** Themes of paragraphs, by paragraph id. */
export async function paragraphThemes(db: Kysely<DB>, paragraphIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < paragraphIds.length; i += 500) {
    const rows = await db
      .selectFrom('paragraph_themes')
      .select(['paragraph_id', 'theme'])
      .where('paragraph_id', 'in', paragraphIds.slice(i, i + 500))
      .orderBy('theme')
      .execute();
    for (const r of rows) {
      const list = out.get(r.paragraph_id);
      if (list) list.push(r.theme);
      else out.set(r.paragraph_id, [r.theme]);
    }
  }
  return out;
}

/** Every document of a session the actor may read (all pages of listDocuments). */
export async function sessionDocuments(db: Kysely<DB>, actor: Actor, sessionId: string): Promise<DocumentRow[]> {
  const out: DocumentRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDocuments(db, actor, { session: sessionId, limit: 1000, sort: 'date', cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < 20_000);
  return out;
}

export interface SessionStatement {
  speakerRole: string;
  documentId: string;
  language: string;
  number: string;
}

/** Who spoke where in the session's documents (their original-language current versions). */
export async function sessionStatements(db: Kysely<DB>, actor: Actor, sessionId: string): Promise<SessionStatement[]> {
  const rows = await db
    .selectFrom('statements as s')
    .innerJoin('paragraphs as p', 'p.id', 's.paragraph_id')
    .innerJoin('expressions as e', 'e.id', 'p.expression_id')
    .innerJoin('documents', 'documents.id', 'e.document_id')
    .select(['s.speaker_role', 'documents.id as document_id', 'documents.original_language', 'e.language', 'p.number', 'p.position'])
    .where('documents.session_id', '=', sessionId)
    .where(visibleTo('documents', actor, clock.nowIso()) as never)
    .where('e.is_current', '=', 1)
    .orderBy('s.speaker_role')
    .orderBy('documents.date')
    .orderBy('documents.id')
    .orderBy('p.position')
    .execute();
  // The original language is compared here, not in SQL: as a join condition it leads SQLite to
  // scan expressions by language instead of by document.
  return rows.filter((r) => r.language === r.original_language).map((r) => ({ speakerRole: r.speaker_role, documentId: r.document_id, language: r.language, number: r.number }));
}

/** Sessions, documents and decisions recorded after `since` (ISO timestamp), newest first. */
export async function recordedSince(db: Kysely<DB>, actor: Actor, since: string, boardIds: string[] | null, limit = 20) {
  const now = clock.nowIso();
  let sessions = db
    .selectFrom('sessions')
    .selectAll('sessions')
    .where('sessions.created_at', '>', since)
    .where(visibleTo('sessions', actor, now));
  let documents = db
    .selectFrom('documents')
    .selectAll('documents')
    .where('documents.created_at', '>', since)
    .where(visibleTo('documents', actor, now));
  let decisions = db.selectFrom('decisions').selectAll().where('created_at', '>', since);
  if (boardIds && boardIds.length) {
    sessions = sessions.where((eb) =>
      eb.exists(
        eb
          .selectFrom('session_boards')
          .select('session_id')
          .whereRef('session_boards.session_id', '=', 'sessions.id')
          .where('session_boards.board_id', 'in', boardIds),
      ),
    );
    documents = documents.where((eb) =>
      eb.exists(
        eb
          .selectFrom('document_boards')
          .select('document_id')
          .whereRef('document_boards.document_id', '=', 'documents.id')
          .where('document_boards.board_id', 'in', boardIds),
      ),
    );
    decisions = decisions.where('board_id', 'in', boardIds);
  }
  const [s, d, c] = await Promise.all([
    sessions.orderBy('sessions.created_at', 'desc').limit(limit).execute(),
    documents.orderBy('documents.created_at', 'desc').limit(limit).execute(),
    decisions.orderBy('created_at', 'desc').limit(limit).execute(),
  ]);
  return { sessions: s, documents: await decorate(db, d), decisions: c };
}

export const FACET_SAMPLE = 1000;

export interface FacetCounts {
  language: Map<string, number>;
  type: Map<string, number>;
  year: Map<string, number>;
  board: Map<string, number>;
  /** Paragraphs counted (at most FACET_SAMPLE). */
  counted: number;
  capped: boolean;
}

/**
 * Facet counts for a search: the same query and filters as the search module, over its first
 * FACET_SAMPLE hits, counted by language, document type, year and board.
 */
export async function searchFacetCounts(
  db: Kysely<DB>,
  actor: Actor,
  input: SearchQueryInput,
  window?: number,
): Promise<FacetCounts> {
  const parsed = await compileQuery(db, input.q);
  const { hits } = await searchIndexFor(db).search(db, {
    must: parsed.must,
    not: parsed.not,
    facets: facetGroups(actor, input),
    limit: FACET_SAMPLE + 1,
    offset: 0,
    ...(window ? { window } : {}),
  });
  const ids = hits.slice(0, FACET_SAMPLE).map((h) => h.paragraphId);
  const counts: FacetCounts = {
    language: new Map(),
    type: new Map(),
    year: new Map(),
    board: new Map(),
    counted: ids.length,
    capped: hits.length > FACET_SAMPLE,
  };
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom('paragraphs as p')
      .innerJoin('expressions as e', 'e.id', 'p.expression_id')
      .innerJoin('documents as d', 'd.id', 'e.document_id')
      .select(['p.id', 'e.language', 'd.type', 'd.year', 'd.id as document_id'])
      .where('p.id', 'in', chunk)
      .execute();
    if (rows.length === 0) continue;
    const boards = await db
      .selectFrom('document_boards')
      .select(['document_id', 'board_id'])
      .where('document_id', 'in', [...new Set(rows.map((r) => r.document_id))])
      .execute();
    for (const r of rows) {
      bump(counts.language, r.language);
      bump(counts.type, r.type);
      bump(counts.year, String(r.year));
      for (const b of boards) if (b.document_id === r.document_id) bump(counts.board, b.board_id);
    }
  }
  return counts;
}

/** The user's last visit as the access module records it (null when it does not, yet). */
export async function lastVisitOf(db: Kysely<DB>, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('last_visit_at').where('id', '=', userId).executeTakeFirst();
  return row?.last_visit_at ?? null;
}

/** Recent questions to management on the given boards, with their answers. */
export async function recentQuestions(db: Kysely<DB>, boardIds: string[], limit = 10) {
  if (boardIds.length === 0) return [];
  return db
    .selectFrom('questions')
    .select(['id', 'board_id', 'session_id', 'entity_id', 'member_state_id', 'text', 'asked_at', 'answer', 'answered_at'])
    .where('board_id', 'in', boardIds)
    .orderBy('asked_at', 'desc')
    .limit(limit)
    .execute();
}
