// Document ingestion and search benchmark (SQLite, the embedded default). Prints each figure beside
// a same-run baseline: ingest throughput of the full pipeline (read, segment, enrich, write,
// annotate, index, audit) beside tokenizer-only throughput over the same paragraphs; search
// latency p50/p99 of /api/search's code path beside the raw FTS5 MATCH of the same compiled query.
//   npm run bench:search -- [--paragraphs 200000] [--db /tmp/concord-bench.db] [--reuse] [--queries 400] [--workers 1] [--slices 5]
// (compiled with tsc first, as `concord` runs; `npx tsx bench/search.ts …` runs the sources, slower:
// tsx adds a name-keeping wrapper to every function it creates.)
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { loadReferenceData } from '../src/seed/demo.js';
import { systemActor } from '../src/modules/access/actor.js';
import { ingestBulk, type BulkStats } from '../src/modules/ingest/bulk.js';
import { defaultWorkerCount, inThread, PreparePool } from '../src/ingest/prepare-pool.js';
import { tokenize } from '../src/search/tokenize.js';
import { loadRankFunction, rankFunctionStatus } from '../src/search/rank-function.js';
import { RANKING_WINDOW, searchIndexFor } from '../src/search/index.js';
import { countPhrases } from '../src/search/sqlite-fts5.js';
import { compileQuery, facetGroups, searchParagraphs } from '../src/modules/search/queries.js';
import type { SearchQueryInput } from '../src/modules/search/schema.js';
import { LANGS, paragraphText, rng, syntheticDocuments, type Lang } from './search-corpus.js';

if (process.argv.includes('--help')) {
  console.log(`npm run bench:search -- [options]
  --paragraphs N   synthetic paragraphs to ingest (default 200000)
  --db FILE        SQLite file (default /tmp/concord-bench-N.db); removed first unless --reuse
  --reuse          skip ingest and search an existing database
  --queries N      queries per kind (default 400)
  --workers N      threads preparing files during the ingest (default: cores - 1; 0 = none)
  --slices N       parts the corpus is ingested in, each followed by its tokenizer-only pass (default 5)`);
  process.exit(0);
}
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const N = Number(arg('paragraphs', '200000'));
const dbFile = arg('db', `/tmp/concord-bench-${N}.db`);
const reuse = process.argv.includes('--reuse');
const QUERIES = Number(arg('queries', '400'));
const WORKERS = Number(arg('workers', String(defaultWorkerCount())));
const SLICES = Math.max(1, Number(arg('slices', '5')));
const BOARDS = ['undp-unfpa-unops', 'unicef', 'unwomen', 'wfp'];
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function main() {
  console.log(`# corpus: ${N} synthetic paragraphs over ${LANGS.length} languages; database ${dbFile}`);
  if (!reuse) for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
  const d = await openDatabase(`sqlite:${dbFile}`);
  await migrateToLatest(d.db);
  await loadReferenceData(d.db);
  const actor = systemActor('bench');

  if (!reuse) {
    // Ingest: the full pipeline per document, each document one transaction.
    let paragraphs = 0;
    let docs = 0;
    // CPU time of this process besides wall time: on a shared machine it hardly depends on load.
    const cpuMs = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    // The ingest of `concord ingest`: files prepared ahead on worker threads (--workers), documents
    // committed in batches (one savepoint each). Baseline, same run: the tokenizer alone over the
    // same paragraphs. The corpus is taken in --slices parts; each part is ingested and then
    // tokenized alone, so both sides are measured close together in time and a machine getting
    // faster or slower during the run moves both alike. The corpus generator runs before each part
    // and is not timed.
    const preparer = WORKERS > 0 ? new PreparePool(WORKERS) : inThread;
    const stats: BulkStats = { files: 0, writerTokenized: 0, writerWaitMs: 0 };
    const corpus = syntheticDocuments(N)[Symbol.iterator]();
    const perSlice = Math.ceil(N / SLICES);
    let ingestMs = 0;
    let ingestCpu = 0;
    let tokenizerMs = 0;
    let tokenizerCpuMs = 0;
    let tokens = 0;
    const sliceRatios: number[] = [];
    for (let done = false; !done;) {
      const part: ReturnType<typeof syntheticDocuments> extends Iterable<infer D> ? D[] : never = [];
      let inPart = 0;
      while (inPart < perSlice) {
        const n = corpus.next();
        if (n.done) {
          done = true;
          break;
        }
        part.push(n.value);
        inPart += n.value.paragraphs.length;
      }
      if (part.length === 0) break;
      const sources = part.map((doc) => ({
        name: doc.name,
        load: () => takeText(doc),
        opts: { language: doc.lang },
        meta: { boardIds: [BOARDS[docs++ % BOARDS.length]!], type: 'report' as const, synthetic: true },
      }));
      const before = { ...stats, busy: preparer.busyMs?.() ?? 0 };
      let t = performance.now();
      let c = cpuMs();
      for await (const o of ingestBulk(d.db, actor, sources, { preparer, stats })) {
        if (!o.ok) throw o.error;
        const before = paragraphs;
        paragraphs += o.result ? o.result.paragraphs : 0;
        if (Math.floor(paragraphs / 10000) > Math.floor(before / 10000))
          process.stderr.write(`\r  ingested ${paragraphs} paragraphs`);
      }
      const partIngestMs = performance.now() - t;
      ingestMs += partIngestMs;
      ingestCpu += cpuMs() - c;
      t = performance.now();
      c = cpuMs();
      for (const doc of part) for (const p of doc.paragraphs) tokens += tokenize(p).length;
      const partTokenizerMs = performance.now() - t;
      tokenizerMs += partTokenizerMs;
      tokenizerCpuMs += cpuMs() - c;
      sliceRatios.push(partTokenizerMs / partIngestMs);
      process.stderr.write(
        `\n  part: ${inPart} paragraphs, ingest ${Math.round(partIngestMs)} ms, tokenizer ${Math.round(partTokenizerMs)} ms, writer tokenized ${stats.writerTokenized - before.writerTokenized} of ${stats.files - before.files} files, waited ${Math.round(stats.writerWaitMs - before.writerWaitMs)} ms; workers busy ${Math.round((preparer.busyMs?.() ?? 0) - before.busy)} ms\n`,
      );
    }
    await preparer.close();
    const ingestSeconds = ingestMs / 1000;
    const ingestCpuSeconds = ingestCpu / 1000;
    process.stderr.write('\n');
    const ingestRss = process.resourceUsage().maxRSS;
    const ingestRate = paragraphs / ingestSeconds;
    const tokRate = paragraphs / (tokenizerMs / 1000);
    console.log(`ingest: ${docs} documents, ${paragraphs} paragraphs in ${ingestSeconds.toFixed(1)} s`);
    console.log(
      `ingest throughput: ${Math.round(ingestRate)} paragraphs/s | tokenizer only: ${Math.round(tokRate)} paragraphs/s (${tokens} tokens) | ratio ${((100 * ingestRate) / tokRate).toFixed(1)}% (target >= 50%; by part ${sliceRatios.map((r) => `${(100 * r).toFixed(0)}%`).join(' ')})`,
    );
    const cpuRate = paragraphs / ingestCpuSeconds;
    const tokCpuRate = paragraphs / (tokenizerCpuMs / 1000);
    console.log(
      `ingest CPU time: ${ingestCpuSeconds.toFixed(1)} s, ${Math.round(cpuRate)} paragraphs per CPU second | tokenizer only: ${Math.round(tokCpuRate)} per CPU second | ratio ${((100 * cpuRate) / tokCpuRate).toFixed(1)}%`,
    );
    console.log(`peak RSS after ingest: ${mb(ingestRss)}`);
    if (WORKERS > 0)
      console.log(`files tokenized by the writing thread: ${stats.writerTokenized} of ${stats.files}`);
  }
  const indexed = await searchIndexFor(d.db).count(d.db);
  console.log(
    `index entries: ${indexed}; database file: ${Math.round(fs.statSync(dbFile).size / 1048576)} MB`,
  );

  // Queries drawn from the same vocabularies (deterministic).
  const random = rng(7);
  const words: Record<Lang, string[]> = Object.fromEntries(
    LANGS.map((l) => [
      l,
      paragraphText(l, random, () => Math.floor(random() * 80))
        .replace(/[.。，]/g, ' ')
        .split(l === 'zh' ? /(?=[\u4e00-\u9fff]{2})/ : /\s+/)
        .filter((w) => w.length > 1),
    ]),
  ) as Record<Lang, string[]>;
  const zhWords = [
    '治理',
    '监督',
    '联检组',
    '风险管理',
    '筹资契约',
    '透明度',
    '工作组',
    '性别平等',
    '实地考察',
    '问责制',
  ];
  const pickWord = (l: Lang) =>
    l === 'zh'
      ? zhWords[Math.floor(random() * zhWords.length)]!
      : words[l][Math.floor(random() * words[l].length)]!.toLowerCase();
  const kinds: Record<string, () => SearchQueryInput> = {
    'one word': () => ({ q: pickWord(LANGS[Math.floor(random() * 6)]!) }),
    'two words': () => {
      const l = LANGS[Math.floor(random() * 6)]!;
      return { q: `${pickWord(l)} ${pickWord(l)}` };
    },
    phrase: () => {
      const l = LANGS[Math.floor(random() * 6)]!;
      const p = paragraphText(l, random, () => Math.floor(random() * 20)).replace(/[.。，]/g, ' ');
      const parts = l === 'zh' ? [p.slice(4, 10)] : p.split(/\s+/).slice(2, 4);
      return { q: `"${parts.join(' ')}"` };
    },
    filtered: () => {
      const l = LANGS[Math.floor(random() * 6)]!;
      return { q: pickWord(l), language: l, year: 2015 + Math.floor(random() * 10) };
    },
  };
  const raw = new SqliteDatabase(dbFile, { readonly: true });
  const rawStmt = raw.prepare(
    'select rowid, rank from search_fts where search_fts match ? order by rank limit 21',
  );
  // The raw engine doing the same windowed work as ours, in the same form (sqlite-fts5.ts): the
  // newest window + 1 matches scored once, the oldest left out when there are window + 1, the best
  // 21 of the rest; bm25(), then concord_rank() (rank-function.ts) where it is built.
  const windowedSql = (rank: string) =>
    `with w as materialized (select rowid, ${rank} as score from search_fts where search_fts match ?
       order by rowid desc limit ${RANKING_WINDOW + 1}),
     e as (select min(rowid) as lo, count(*) as n from w)
     select w.rowid, w.score from w, e where e.n <= ${RANKING_WINDOW} or w.rowid > e.lo
     order by w.score, w.rowid limit 21`;
  const rawWindowedStmt = raw.prepare(windowedSql('bm25(search_fts, 1.0, 0.0)'));
  const rawWindowed = (match: string) => rawWindowedStmt.all(match);
  const rawRanked = loadRankFunction(raw) ? raw.prepare(windowedSql('concord_rank(search_fts, ?)')) : null;
  const index = searchIndexFor(d.db);
  const rank = rankFunctionStatus();
  console.log(`ranking function of ours: ${rank.name}${rank.reason ? ` (${rank.reason})` : ''}; raw: bm25()`);
  console.log(
    `\nsearch latency over ${QUERIES} queries per kind (limit 20), ms: ours p50 / p99 | raw FTS5 ranking every match (order by rank) p50 / p99, ratio of p99s | raw FTS5 with the same ranking window p50 / p99, ratio of p99s | the same with concord_rank() p50 / p99`,
  );
  for (const [kind, make] of Object.entries(kinds)) {
    const qs = Array.from({ length: QUERIES }, make);
    const ours: number[] = [];
    const base: number[] = [];
    const baseWindowed: number[] = [];
    const baseRanked: number[] = [];
    let hits = 0;
    let windowed = 0;
    for (const q of qs.slice(0, 20)) await searchParagraphs(d.db, actor, { ...q, limit: 20 });
    for (const q of qs) {
      const parsed = await compileQuery(d.db, q.q);
      const match = index.compile({ ...parsed, facets: facetGroups(actor, q), limit: 21, offset: 0 }).match;
      let t = performance.now();
      const r = await searchParagraphs(d.db, actor, { ...q, limit: 20 });
      ours.push(performance.now() - t);
      hits += r.items.length;
      if (r.windowed) windowed++;
      t = performance.now();
      rawStmt.all(match);
      base.push(performance.now() - t);
      t = performance.now();
      rawWindowed(match);
      baseWindowed.push(performance.now() - t);
      if (rawRanked) {
        t = performance.now();
        rawRanked.all(countPhrases(parsed.must), match);
        baseRanked.push(performance.now() - t);
      }
    }
    const f = (xs: number[]) => `${pct(xs, 50).toFixed(2)} / ${pct(xs, 99).toFixed(2)}`;
    const ratio = (xs: number[]) => `${(pct(ours, 99) / pct(xs, 99)).toFixed(2)}x`;
    console.log(
      `${kind.padEnd(10)} ours ${f(ours)} | raw ${f(base)}, ${ratio(base)} | raw windowed ${f(baseWindowed)}, ${ratio(baseWindowed)}${rawRanked ? ` | raw windowed, concord_rank ${f(baseRanked)}` : ''} | avg hits/page ${(hits / qs.length).toFixed(1)}, ${windowed} of ${qs.length} queries windowed | e.g. ${JSON.stringify(qs[0])}`,
    );
  }
  console.log(
    `peak RSS (whole run, ingest and search): ${mb(process.resourceUsage().maxRSS)}; RSS now ${Math.round(process.memoryUsage().rss / 1048576)} MB`,
  );
  raw.close();
  await d.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
/**
 * A document's file bytes, handed over once: the text is not kept afterwards (the tokenizer-only
 * pass reads the paragraphs), as `concord ingest` keeps no file it has read.
 */
function takeText(doc: { text: string }): Buffer {
  const bytes = Buffer.from(doc.text);
  doc.text = '';
  return bytes;
}
