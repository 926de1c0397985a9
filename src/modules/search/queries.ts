// Full-text search over the paragraphs of current language versions, filtered by facets and by
// what the caller may read, ranked by the engine, with snippets and paragraph anchors.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { errors } from '../../lib/errors.js';
import { ACCESS_LEVELS, canReadRecord, visibilityOf } from '../access/visibility.js';
import { clock } from '../../lib/clock.js';
import type { Actor } from '../access/actor.js';
import { facet, searchIndexFor, type SearchRequest } from '../../search/index.js';
import { aliasLookupKeys, expandAliases, parseQuery, phrases, type ParsedQuery } from '../../search/query.js';
import { snippet } from '../../search/highlight.js';
import type { Language } from '../../http/schemas.js';
import type { SearchQueryInput } from './schema.js';

function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeOffset(raw: string | undefined): number {
  if (!raw) return 0;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0 && v.o <= 10_000) return v.o;
  } catch {
    // fall through
  }
  throw errors.validation([
    { path: '/querystring/cursor', message: 'is not a cursor returned by this API', code: 'cursor' },
  ]);
}

/** Parses the text and expands acronyms the corpus defines (联检组 <-> 联合国联合检查组). */
export async function compileQuery(db: Kysely<DB>, q: string): Promise<ParsedQuery> {
  const parsed = parseQuery(q);
  const keys = aliasLookupKeys(parsed);
  if (!keys.length) return parsed;
  const aliases = await db
    .selectFrom('acronyms')
    .select(['short_key', 'long_key'])
    .distinct()
    .where((eb) => eb.or([eb('short_key', 'in', keys), eb('long_key', 'in', keys)]))
    .limit(50)
    .execute();
  return expandAliases(
    parsed,
    aliases.map((a) => ({ shortKey: a.short_key, longKey: a.long_key })),
  );
}

export function facetGroups(actor: Actor, f: Omit<SearchQueryInput, 'q' | 'limit' | 'cursor'>): string[][] {
  const groups: string[][] = [];
  // What the caller may read: whole levels, or levels on some boards only (see access/visibility).
  const v = visibilityOf(actor);
  if (ACCESS_LEVELS.some((l) => v.levels[l] !== 'all')) {
    const acl: string[] = [];
    for (const level of ACCESS_LEVELS) {
      const scope = v.levels[level];
      if (scope === 'all') acl.push(facet('acl', level));
      else for (const b of scope) acl.push(facet('aclb', `${level}.${b}`));
    }
    groups.push(acl);
  }
  if (f.board) groups.push([facet('board', f.board)]);
  if (f.entity) groups.push([facet('entity', f.entity)]);
  if (f.session) groups.push([facet('session', f.session)]);
  if (f.type) groups.push([facet('type', f.type)]);
  if (f.language) groups.push([facet('lang', f.language)]);
  if (f.speaker) groups.push([facet('spk', f.speaker.toLowerCase())]);
  if (f.year) groups.push([facet('year', f.year)]);
  if (f.theme) groups.push([facet('theme', f.theme)]);
  return groups;
}

/** `window`: the ranking window (search/window.ts), CONCORD_SEARCH_WINDOW; default RANKING_WINDOW. */
export async function searchParagraphs(
  db: Kysely<DB>,
  actor: Actor,
  input: SearchQueryInput,
  opts: { window?: number } = {},
) {
  const limit = input.limit ?? 20;
  const offset = decodeOffset(input.cursor);
  const parsed = await compileQuery(db, input.q);
  const index = searchIndexFor(db);
  const request: SearchRequest = {
    must: parsed.must,
    not: parsed.not,
    facets: facetGroups(actor, input),
    limit: limit + 1,
    offset,
    ...(opts.window ? { window: opts.window } : {}),
  };
  const { hits, windowed } = await index.search(db, request);
  const page = hits.slice(0, limit);
  if (page.length === 0) return { engine: index.engine, windowed, items: [], nextCursor: null };
  const ids = page.map((h) => h.paragraphId);
  const [rows, statements] = await Promise.all([
    db
      .selectFrom('paragraphs as p')
      .innerJoin('expressions as e', 'e.id', 'p.expression_id')
      .innerJoin('documents as d', 'd.id', 'e.document_id')
      .leftJoin('paragraphs as parent', 'parent.id', 'p.parent_id')
      .select([
        'p.id',
        'p.number',
        'p.text',
        'p.parent_id',
        'parent.number as parent_number',
        'e.language',
        'e.revision',
        'd.id as document_id',
        'd.symbol',
        'd.title',
        'd.type',
        'd.date',
        'd.access_level',
        'd.embargo_until',
      ])
      .where('p.id', 'in', ids)
      .execute(),
    db
      .selectFrom('statements')
      .select(['paragraph_id', 'speaker_role'])
      .where('paragraph_id', 'in', ids)
      .orderBy('id')
      .execute(),
  ]);
  // A sub-point is spoken by whoever speaks in its paragraph.
  const parentIds = [...new Set(rows.map((r) => r.parent_id).filter((x): x is string => x !== null))];
  if (parentIds.length)
    statements.push(
      ...(await db
        .selectFrom('statements')
        .select(['paragraph_id', 'speaker_role'])
        .where('paragraph_id', 'in', parentIds)
        .orderBy('id')
        .execute()),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const docBoards = new Map<string, string[]>();
  for (const l of await db
    .selectFrom('document_boards')
    .select(['document_id', 'board_id'])
    .where('document_id', 'in', [...new Set(rows.map((r) => r.document_id))])
    .execute()) {
    docBoards.set(l.document_id, [...(docBoards.get(l.document_id) ?? []), l.board_id]);
  }
  const now = clock.nowIso();
  const marks = [...phrases(parsed.must)];
  const items = page.flatMap((h) => {
    const r = byId.get(h.paragraphId);
    // The index is filtered by access level and board already; this applies embargoes (which
    // lift with time, not with a write) and guards against a stale entry.
    if (!r || !canReadRecord(actor, r, docBoards.get(r.document_id) ?? [], now)) return [];
    const anchor = `p${r.number}`;
    return [
      {
        paragraphId: r.id,
        documentId: r.document_id,
        documentSymbol: r.symbol,
        documentTitle: r.title,
        documentType: r.type,
        date: r.date,
        language: r.language as Language,
        revision: r.revision,
        number: r.number,
        parentNumber: r.parent_number ?? null,
        anchor,
        url: `/api/documents/${r.document_id}/paragraphs?language=${r.language}&revision=${r.revision}#${anchor}`,
        speakers: [
          ...new Set(
            statements
              .filter((s) => s.paragraph_id === r.id || s.paragraph_id === r.parent_id)
              .map((s) => s.speaker_role),
          ),
        ],
        snippet: snippet(r.text, marks),
        score: Math.round(h.score * 1e6) / 1e6,
      },
    ];
  });
  return {
    engine: index.engine,
    windowed,
    items,
    nextCursor: hits.length > limit ? encodeOffset(offset + limit) : null,
  };
}
