// Keeps the search index in step with the documents, inside the caller's transaction: a new
// language version replaces the entries of the one it supersedes, in the same transaction as the
// paragraphs themselves, so the index never shows a half-written document. Also rebuilds it.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import {
  selectParagraphsForIndex,
  takeAnnotated,
  type AnnotatedParagraph,
  type StatementRow,
} from '../ingest/annotate.js';
import { speakerKeys } from '../ingest/enrich.js';
import { facet, searchIndexFor, type IndexEntry } from './index.js';
import { tokenText } from './tokenize.js';

const IN_CHUNK = 500;

async function inChunks<T, R>(values: T[], fn: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += IN_CHUNK) out.push(...(await fn(values.slice(i, i + IN_CHUNK))));
  return out;
}

/** The index entries (tokens and facets) of every paragraph of these language versions. */
export async function buildEntries(db: Kysely<DB>, expressionIds: string[]): Promise<IndexEntry[]> {
  if (expressionIds.length === 0) return [];
  // Right after annotateExpression in the same transaction (the write path, reindex), what it read
  // and wrote is handed over instead of read back.
  const handed = expressionIds.map((id) => takeAnnotated(db, id));
  if (handed.every((a) => a !== undefined)) {
    const annotated = handed
      .map((a, i) => ({ a: a, id: expressionIds[i]! }))
      .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    return entriesOf(
      db,
      annotated.flatMap((x) => x.a.paragraphs),
      annotated.flatMap((x) => x.a.mentions).filter((r) => r.kind === 'entity' || r.kind === 'body'),
      annotated.flatMap((x) => x.a.themes),
      annotated.every((x) => x.a.statements) ? annotated.flatMap((x) => x.a.statements!) : undefined,
    );
  }
  const paras = await inChunks(expressionIds, (ids) =>
    selectParagraphsForIndex(db)
      .where('p.expression_id', 'in', ids)
      .orderBy('p.expression_id')
      .orderBy('p.position')
      .execute(),
  );
  if (paras.length === 0) return [];
  const paragraphIds = paras.map((p) => p.id);
  const [mentions, themes] = await Promise.all([
    inChunks(paragraphIds, (ids) =>
      db
        .selectFrom('paragraph_mentions')
        .select(['paragraph_id', 'kind', 'ref_id'])
        .where('paragraph_id', 'in', ids)
        .execute()
        // The kind is filtered here, not in SQL: with `kind in (…)` SQLite picks the (kind, ref_id)
        // index and reads every entity mention of the corpus for each document (quadratic ingest).
        .then((rows) => rows.filter((r) => r.kind === 'entity' || r.kind === 'body')),
    ),
    inChunks(paragraphIds, (ids) =>
      db
        .selectFrom('paragraph_themes')
        .select(['paragraph_id', 'theme'])
        .where('paragraph_id', 'in', ids)
        .execute(),
    ),
  ]);
  return entriesOf(db, paras, mentions, themes);
}

async function entriesOf(
  db: Kysely<DB>,
  paras: AnnotatedParagraph[],
  mentions: { paragraph_id: string; kind: string; ref_id: string }[],
  themes: { paragraph_id: string; theme: string }[],
  /** The statements of these paragraphs when the caller has them (else they are read). */
  known?: StatementRow[],
): Promise<IndexEntry[]> {
  if (paras.length === 0) return [];
  const documentIds = [...new Set(paras.map((p) => p.document_id))];
  const paragraphIds = paras.map((p) => p.id);
  const [boards, statements] = await Promise.all([
    inChunks(documentIds, (ids) =>
      db
        .selectFrom('document_boards')
        .select(['document_id', 'board_id'])
        .where('document_id', 'in', ids)
        .execute(),
    ),
    known ??
      inChunks(paragraphIds, (ids) =>
        db
          .selectFrom('statements')
          .select(['paragraph_id', 'speaker_role', 'entity_id', 'member_state_id'])
          .where('paragraph_id', 'in', ids)
          .execute(),
      ),
  ]);
  const group = <T extends object>(rows: T[], key: (r: T) => string) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const k = key(r);
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    return m;
  };
  const boardsOf = group(boards, (r) => r.document_id);
  const statementsOf = group(statements, (r) => r.paragraph_id);
  const mentionsOf = group(mentions, (r) => r.paragraph_id);
  const themesOf = group(themes, (r) => r.paragraph_id);
  return paras.map((p) => {
    const facets = new Set<string>([
      facet('lang', p.language),
      facet('year', p.year),
      facet('type', p.type),
      facet('acl', p.access_level),
    ]);
    if (p.session_id) facets.add(facet('session', p.session_id));
    for (const b of boardsOf.get(p.document_id) ?? []) {
      facets.add(facet('board', b.board_id));
      // Access level per board, so a board-scoped reader matches only the boards it may read.
      facets.add(facet('aclb', `${p.access_level}.${b.board_id}`));
    }
    // A sub-point is spoken by whoever speaks in its paragraph.
    for (const s of statementsOf.get(p.parent_id ?? p.id) ?? []) {
      for (const k of speakerKeys(s.speaker_role, s.entity_id, s.member_state_id))
        facets.add(facet('spk', k));
      if (s.entity_id) facets.add(facet('entity', s.entity_id));
    }
    for (const m of mentionsOf.get(p.id) ?? []) facets.add(facet('entity', m.ref_id));
    for (const t of themesOf.get(p.id) ?? []) facets.add(facet('theme', t.theme));
    return {
      paragraphId: p.id,
      documentId: p.document_id,
      expressionId: p.expression_id,
      body: p.known?.tokens ?? tokenText(p.text),
      facets: [...facets],
    };
  });
}

/**
 * Indexes a new language version and drops the entries of the version it replaces. `fresh`: its
 * paragraphs were written in this transaction, so none of them is indexed yet.
 */
export async function indexExpression(
  db: Kysely<DB>,
  expressionId: string,
  replacesExpressionId?: string | null,
  opts: { fresh?: boolean } = {},
): Promise<number> {
  const index = searchIndexFor(db);
  if (replacesExpressionId) await index.removeExpression(db, replacesExpressionId);
  const entries = await buildEntries(db, [expressionId]);
  await index.add(db, entries, opts);
  return entries.length;
}
