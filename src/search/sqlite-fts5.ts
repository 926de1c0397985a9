// SQLite engine of the search index: an FTS5 table over the pre-tokenized text of tokenize.ts.
// The 'ascii' tokenizer only splits on spaces (every non-ASCII character is a token character and
// our tokens are already normalized), so FTS5 keeps exactly our tokens. Ranking is bm25 over the
// body column; the facets column (filters) weighs nothing, over at most the newest RANKING_WINDOW
// matches (index.ts). `search_rows` maps FTS rowids to paragraphs; deleting a paragraph cascades to
// it and a trigger removes the FTS row.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { insertRaw } from '../db/rows.js';
import type { IndexEntry, SearchIndex, SearchRequest, SearchResult } from './index.js';
import { rankingWindow } from './window.js';
import { rankFunctionStatus } from './rank-function.js';
import type { QueryNode } from './query.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function createSqliteSearchSchema(db: AnyDb): Promise<void> {
  await createSearchRowsTable(db, 'search_rows');
  await createSqliteFtsTable(db);
}

/**
 * The table that gives each indexed paragraph its FTS rowid (a paragraph's own rowid is not
 * stable: VACUUM may renumber a table without an integer primary key). A language version's
 * entries are found through the paragraphs table, so no other column or index is needed.
 */
export async function createSearchRowsTable(db: AnyDb, name: string): Promise<void> {
  await sql`create table ${sql.table(name)} (
    rowid integer primary key,
    paragraph_id text not null unique references paragraphs(id) on delete cascade
  )`.execute(db);
}

/** The trigger that removes a paragraph's FTS entry with its search_rows row. */
export async function createSearchRowsTrigger(db: AnyDb): Promise<void> {
  await sql`create trigger search_rows_delete after delete on search_rows begin
    delete from search_fts where rowid = old.rowid;
  end`.execute(db);
}

/**
 * The full-text table and the trigger that keeps it in step with search_rows. No prefix index:
 * prefix queries (a single ideograph is one, "组*") read the terms that start with the prefix
 * instead, and writing every token once more into a prefix index cost a third of the indexing
 * time for queries that are rare. Automerge at 16 segments a level instead of 4 rewrites each
 * entry half as often while indexing, for the same query times (docs/BENCHMARKS.md).
 */
export async function createSqliteFtsTable(db: AnyDb): Promise<void> {
  await sql`create virtual table search_fts using fts5(
    body, facets, tokenize = "ascii tokenchars '_'", content = '', contentless_delete = 1
  )`.execute(db);
  await sql`insert into search_fts (search_fts, rank) values ('rank', 'bm25(1.0, 0.0)')`.execute(db);
  await sql`insert into search_fts (search_fts, rank) values ('automerge', 16)`.execute(db);
  await createSearchRowsTrigger(db);
}

/** Drops the full-text table and its trigger (search_rows stays). */
export async function dropSqliteFtsTable(db: AnyDb): Promise<void> {
  await sql`drop trigger if exists search_rows_delete`.execute(db);
  await sql`drop table if exists search_fts`.execute(db);
}

export async function dropSqliteSearchSchema(db: AnyDb): Promise<void> {
  await sql`drop trigger if exists search_rows_delete`.execute(db);
  await sql`drop table if exists search_fts`.execute(db);
  await sql`drop table if exists search_rows`.execute(db);
}

function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

export function compileFts5(node: QueryNode): string {
  switch (node.op) {
    case 'phrase':
      return `${quote(node.phrase.tokens.join(' '))}${node.phrase.prefix ? ' *' : ''}`;
    case 'and':
      return `(${node.items.map(compileFts5).join(' AND ')})`;
    case 'or':
      return `(${node.items.map(compileFts5).join(' OR ')})`;
  }
}

function facetExpr(groups: string[][]): string | null {
  const parts = groups.filter((g) => g.length > 0).map((g) => `(${g.map(quote).join(' OR ')})`);
  return parts.length ? parts.join(' AND ') : null;
}

/** The FTS5 phrases a query node compiles to (compileFts5 gives each phrase node one). */
export function countPhrases(node: QueryNode): number {
  return node.op === 'phrase' ? 1 : node.items.reduce((n, x) => n + countPhrases(x), 0);
}

const CHUNK = 250;

export class SqliteFts5Index implements SearchIndex {
  readonly engine = 'sqlite-fts5' as const;

  compile(r: SearchRequest): { match: string; facets: string | null } {
    let match = `(body : ${compileFts5(r.must)})`;
    if (r.not.length) match = `(${match} NOT (body : (${r.not.map(compileFts5).join(' OR ')})))`;
    const f = facetExpr(r.facets);
    return { match: f ? `${match} AND (facets : (${f}))` : match, facets: f };
  }

  async add(db: Kysely<DB>, entries: IndexEntry[], opts: { fresh?: boolean } = {}): Promise<void> {
    if (entries.length === 0) return;
    // A paragraph indexed again keeps its rowid, so rowid order stays the order paragraphs were
    // first indexed in (the ranking window takes the newest matches by rowid): its old FTS entry
    // is deleted. New paragraphs (the usual case) get the next rowids, given here (this
    // transaction holds the write lock), so no row needs to come back from the insert.
    const rowidOf = new Map<string, number>();
    for (let i = 0; !opts.fresh && i < entries.length; i += CHUNK) {
      const ids = sql.join(entries.slice(i, i + CHUNK).map((e) => e.paragraphId));
      const rows = await sql<{
        rowid: number;
        paragraph_id: string;
      }>`select rowid, paragraph_id from search_rows where paragraph_id in (${ids})`.execute(db);
      for (const r of rows.rows) rowidOf.set(r.paragraph_id, Number(r.rowid));
    }
    const indexed = [...rowidOf.values()];
    for (let i = 0; i < indexed.length; i += CHUNK)
      await sql`delete from search_fts where rowid in (${sql.join(indexed.slice(i, i + CHUNK))})`.execute(db);
    const fresh = entries.filter((e) => !rowidOf.has(e.paragraphId));
    if (fresh.length) {
      const max = await sql<{ m: number | null }>`select max(rowid) as m from search_rows`.execute(db);
      let next = Number(max.rows[0]?.m ?? 0);
      const rows = fresh.map((e) => {
        const rowid = ++next;
        rowidOf.set(e.paragraphId, rowid);
        return { rowid, paragraph_id: e.paragraphId };
      });
      await insertRaw(db, 'search_rows', ['rowid', 'paragraph_id'], rows);
    }
    await insertRaw(
      db,
      'search_fts',
      ['rowid', 'body', 'facets'],
      entries.map((e) => ({ rowid: rowidOf.get(e.paragraphId)!, body: e.body, facets: e.facets.join(' ') })),
    );
  }

  async removeExpression(db: Kysely<DB>, expressionId: string): Promise<void> {
    await sql`delete from search_rows
      where paragraph_id in (select id from paragraphs where expression_id = ${expressionId})`.execute(db);
  }

  async clear(db: Kysely<DB>): Promise<void> {
    await sql`delete from search_rows`.execute(db);
    await sql`delete from search_fts`.execute(db);
  }

  async count(db: Kysely<DB>): Promise<number> {
    const r = await sql<{ n: number }>`select count(*) as n from search_rows`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  }

  async search(db: Kysely<DB>, r: SearchRequest): Promise<SearchResult> {
    const { match } = this.compile(r);
    // One pass, newest match first, stopping after window + 1 matches: the rank is computed for
    // those only (`order by rank` would score every match first). The extra row tells whether
    // more than the window matched; the newest `window` are ranked. concord_rank() orders as
    // bm25(search_fts, 1.0, 0.0) does, told how many phrases of the match are the searched words
    // (they come first; the rest are excluded words and facets, which add nothing to a score), so
    // that a lone phrase's matches are not counted over the whole table (rank-function.ts).
    const window = rankingWindow(r);
    const rank =
      rankFunctionStatus().name === 'concord_rank'
        ? sql`concord_rank(search_fts, ${countPhrases(r.must)})`
        : sql`bm25(search_fts, 1.0, 0.0)`;
    // The newest window + 1 matches are scored once (materialized); `e` counts them and finds
    // the oldest, which is left out when there are window + 1. (Window functions over the same
    // rows, row_number() and count(*) over (), sorted them twice more: 26 against 15 ms for a
    // common word at 1M paragraphs, docs/BENCHMARKS.md.)
    const res = await sql<{
      paragraph_id: string;
      score: number;
      n: number;
    }>`with w as materialized (
        select rowid, ${rank} as score from search_fts
        where search_fts match ${match} order by rowid desc limit ${window + 1}),
      e as (select min(rowid) as lo, count(*) as n from w)
      select m.paragraph_id, f.score, e.n
      from (select w.rowid, w.score from w, e where e.n <= ${window} or w.rowid > e.lo
            order by w.score, w.rowid limit ${r.limit} offset ${r.offset}) f
      join search_rows m on m.rowid = f.rowid, e
      order by f.score, m.rowid`.execute(db);
    return {
      hits: res.rows.map((x) => ({ paragraphId: x.paragraph_id, score: -Number(x.score) })),
      windowed: Number(res.rows[0]?.n ?? 0) > window,
    };
  }
}
