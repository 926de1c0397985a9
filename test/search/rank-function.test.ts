// concord_rank(), the SQLite engine's ranking function (native/concordfts.c), must order every
// query's matches exactly as FTS5's bm25(search_fts, 1.0, 0.0) does: with the same scores where the
// query has several searched phrases, and with scores in one constant proportion where it has one
// (the skipped IDF). SQLite only: PostgreSQL ranks with ts_rank and has no such function.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, migrateToLatest, type Database } from '../../src/db/database.js';
import { countPhrases, SqliteFts5Index } from '../../src/search/sqlite-fts5.js';
import { parseQuery } from '../../src/search/query.js';
import { rankFunctionStatus } from '../../src/search/rank-function.js';

// A deterministic synthetic corpus: words drawn with Zipf-like frequencies, so that phrases, common
// and rare words, repeated words and rows of very different lengths all occur.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const VOCAB = Array.from({ length: 60 }, (_, i) => `w${i}`);
const random = rng(11);
const word = () => VOCAB[Math.min(VOCAB.length - 1, Math.floor(VOCAB.length * random() ** 2.2))]!;
const ROWS = 3000;

const status = rankFunctionStatus;

describe('concord_rank() against bm25()', () => {
  let d: Database;
  const engine = new SqliteFts5Index();

  beforeAll(async () => {
    d = await openDatabase(':memory:');
    await migrateToLatest(d.db);
    const rows: string[] = [];
    for (let i = 1; i <= ROWS; i++) {
      const length = 3 + Math.floor(random() * (i % 7 === 0 ? 120 : 30));
      const body = Array.from({ length }, word).join(' ');
      const facets = `lang_${['en', 'fr', 'zh'][i % 3]} year_${2015 + (i % 10)}`;
      rows.push(`(${i}, '${body}', '${facets}')`);
    }
    for (let i = 0; i < rows.length; i += 500)
      await sql
        .raw(`insert into search_fts (rowid, body, facets) values ${rows.slice(i, i + 500).join(',')}`)
        .execute(d.db);
  });
  afterAll(async () => {
    await d?.close();
  });

  it('is loaded where the library is built (CI builds it)', () => {
    if (process.env.CI) expect(status()).toEqual({ name: 'concord_rank' });
    else expect(['concord_rank', 'bm25']).toContain(status().name);
  });

  const queries: Array<{ q: string; facets?: string[][] }> = [
    { q: 'w0' },
    { q: 'w7' },
    { q: 'w45' },
    { q: 'w1 w2' },
    { q: 'w3 w30' },
    { q: 'w0 OR w9' },
    { q: '"w0 w1"' },
    { q: '"w0 w0"' },
    { q: '"w2 w5 w1"' },
    { q: '"w0 w1" w4' },
    { q: 'w0 -w1' },
    { q: '"w1 w0" -w3' },
    { q: 'w1', facets: [['lang_en']] },
    { q: '"w0 w2"', facets: [['lang_fr', 'lang_zh'], ['year_2019']] },
    { q: 'w2 w6', facets: [['year_2016']] },
    { q: 'w1*' },
  ];

  it.each(queries)('orders $q (facets $facets) as bm25 does', async ({ q, facets }) => {
    if (status().name !== 'concord_rank') return; // covered by the CI assertion above
    const parsed = parseQuery(q);
    const { match } = engine.compile({ ...parsed, facets: facets ?? [], limit: 10, offset: 0 });
    const n = countPhrases(parsed.must);
    const bm25 = await sql<{ rowid: number; s: number }>`select rowid, bm25(search_fts, 1.0, 0.0) as s
      from search_fts where search_fts match ${match} order by s, rowid`.execute(d.db);
    const ours = await sql<{ rowid: number; s: number }>`select rowid, concord_rank(search_fts, ${n}) as s
      from search_fts where search_fts match ${match} order by s, rowid`.execute(d.db);
    expect(bm25.rows.length).toBeGreaterThan(0);
    expect(ours.rows.map((r) => r.rowid)).toEqual(bm25.rows.map((r) => r.rowid));
    // Scores: equal with several searched phrases; one constant factor (the IDF) with one.
    const ratio = bm25.rows[0]!.s / ours.rows[0]!.s;
    if (n > 1) expect(ratio).toBeCloseTo(1, 12);
    for (let i = 0; i < ours.rows.length; i++) {
      expect(ours.rows[i]!.s).toBeLessThan(0);
      expect(bm25.rows[i]!.s / ours.rows[i]!.s).toBeCloseTo(ratio, 9);
    }
  });

  it('counts every phrase when not told how many are searched, as bm25 does', async () => {
    if (status().name !== 'concord_rank') return;
    const { match } = engine.compile({ ...parseQuery('w1 w2'), facets: [['lang_en']], limit: 10, offset: 0 });
    const r = await sql<{
      a: number;
      b: number;
    }>`select bm25(search_fts, 1.0, 0.0) as a, concord_rank(search_fts) as b
      from search_fts where search_fts match ${match}`.execute(d.db);
    expect(r.rows.length).toBeGreaterThan(0);
    for (const x of r.rows) expect(x.b).toBeCloseTo(x.a, 12);
  });
});
