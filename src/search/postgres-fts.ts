// PostgreSQL engine of the search index: tsvector columns built directly from the tokens of
// tokenize.ts (a tsvector literal with positions, so no text search configuration re-parses or
// stems them), GIN indexes, ts_rank for relevance, <-> for phrases and :* for prefixes.
// Limits of tsvector, both far beyond a board paragraph: positions stop at 16383 and a token keeps
// at most 256 positions.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { IndexEntry, SearchIndex, SearchRequest, SearchResult } from './index.js';
import { rankingWindow } from './window.js';
import type { QueryNode } from './query.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function createPostgresSearchSchema(db: AnyDb): Promise<void> {
  await sql`create table search_entries (
    paragraph_id text primary key references paragraphs(id) on delete cascade,
    document_id text not null,
    expression_id text not null,
    body tsvector not null,
    facets tsvector not null
  )`.execute(db);
  await sql`create index search_entries_body on search_entries using gin (body)`.execute(db);
  await sql`create index search_entries_facets on search_entries using gin (facets)`.execute(db);
  await sql`create index search_entries_expression on search_entries (expression_id)`.execute(db);
}

export async function dropPostgresSearchSchema(db: AnyDb): Promise<void> {
  await sql`drop table if exists search_entries`.execute(db);
}

function lexeme(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;

/** The tsvector literal of a token sequence, positions from 1. */
export function tsvectorLiteral(tokens: string[]): string {
  const positions = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    const list = positions.get(t) ?? [];
    if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(Math.min(i + 1, MAX_POSITION));
    positions.set(t, list);
  });
  return [...positions].map(([t, ps]) => `${lexeme(t)}:${[...new Set(ps)].join(',')}`).join(' ');
}

export function compileTsquery(node: QueryNode): string {
  switch (node.op) {
    case 'phrase': {
      const ts = node.phrase.tokens.map(lexeme);
      if (node.phrase.prefix) ts[ts.length - 1] += ':*';
      return ts.length === 1 ? ts[0]! : `(${ts.join(' <-> ')})`;
    }
    case 'and':
      return `(${node.items.map(compileTsquery).join(' & ')})`;
    case 'or':
      return `(${node.items.map(compileTsquery).join(' | ')})`;
  }
}

const CHUNK = 250;

export class PostgresFullTextIndex implements SearchIndex {
  readonly engine = 'postgres-fts' as const;

  compile(r: SearchRequest): { match: string; facets: string | null } {
    let match = compileTsquery(r.must);
    for (const n of r.not) match = `${match} & !${compileTsquery(n)}`;
    const groups = r.facets.filter((g) => g.length > 0);
    const facets = groups.length ? groups.map((g) => `(${g.map(lexeme).join(' | ')})`).join(' & ') : null;
    return { match, facets };
  }

  async add(db: Kysely<DB>, entries: IndexEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += CHUNK) {
      const chunk = entries.slice(i, i + CHUNK);
      await sql`insert into search_entries (paragraph_id, document_id, expression_id, body, facets)
        values ${sql.join(
          chunk.map(
            (e) =>
              sql`(${e.paragraphId}, ${e.documentId}, ${e.expressionId}, cast(${tsvectorLiteral(e.body === '' ? [] : e.body.split(' '))} as tsvector), cast(${e.facets.map(lexeme).join(' ')} as tsvector))`,
          ),
        )}
        on conflict (paragraph_id) do update set document_id = excluded.document_id,
          expression_id = excluded.expression_id, body = excluded.body, facets = excluded.facets`.execute(db);
    }
  }

  async removeExpression(db: Kysely<DB>, expressionId: string): Promise<void> {
    await sql`delete from search_entries where expression_id = ${expressionId}`.execute(db);
  }

  async clear(db: Kysely<DB>): Promise<void> {
    await sql`delete from search_entries`.execute(db);
  }

  async count(db: Kysely<DB>): Promise<number> {
    const r = await sql<{ n: number }>`select count(*) as n from search_entries`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  }

  async search(db: Kysely<DB>, r: SearchRequest): Promise<SearchResult> {
    const { match, facets } = this.compile(r);
    // The same ranking window as the SQLite engine: paragraph ids are time-ordered (UUID v7), so
    // the newest matches are those with the greatest ids. window + 1 rows tell whether more matched.
    const window = rankingWindow(r);
    const res = await sql<{
      paragraph_id: string;
      score: number;
      n: string;
    }>`select paragraph_id, score, n from (
        select paragraph_id, score, row_number() over (order by paragraph_id desc) as rn, count(*) over () as n
        from (select paragraph_id, ts_rank(body, cast(${match} as tsquery)) as score
              from search_entries
              where body @@ cast(${match} as tsquery)
              ${facets ? sql`and facets @@ cast(${facets} as tsquery)` : sql``}
              order by paragraph_id desc limit ${window + 1}) newest) ranked
      where rn <= ${window}
      order by score desc, paragraph_id
      limit ${r.limit} offset ${r.offset}`.execute(db);
    return {
      hits: res.rows.map((x) => ({ paragraphId: x.paragraph_id, score: Number(x.score) })),
      windowed: Number(res.rows[0]?.n ?? 0) > window,
    };
  }
}
