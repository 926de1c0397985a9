import Database from 'better-sqlite3';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { syntheticDocuments } from './bench/search-corpus.js';
import { tokenText } from './src/search/tokenize.js';
const N = Number(process.argv[2] ?? 200000);
const rows = [...syntheticDocuments(N)].flatMap((d, di) => d.paragraphs.map((p) => [tokenText(p), `lang_${d.lang} year_${2015 + (di % 10)}`]));
for (const variant of (process.argv[3] ?? 'prefix,noprefix').split(',')) {
  const f = `/tmp/prefq-${variant}.db`;
  for (const x of [f, f + '-wal', f + '-shm']) fs.rmSync(x, { force: true });
  const db = new Database(f);
  db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL');
  const opts = variant.startsWith('prefix') ? `, prefix = '1'` : '';
  const am = variant.match(/am(\d+)/)?.[1];
  db.exec(`create virtual table t using fts5(body, facets, tokenize = "ascii tokenchars '_'"${opts}, content = '', contentless_delete = 1)`);
  if (am) db.exec(`insert into t(t, rank) values('automerge', ${am})`);
  const ins = db.prepare('insert into t (rowid, body, facets) values (?, ?, ?)');
  let id = 1;
  const t0 = performance.now();
  db.exec('begin'); for (const r of rows) { ins.run(id++, r[0], r[1]); if (id % 5000 === 0) { db.exec('commit'); db.exec('begin'); } else if (id % 200 === 0) { db.exec('savepoint s'); db.exec('release s'); } } db.exec('commit');
  console.log(variant, 'insert', (performance.now() - t0).toFixed(0), 'ms', Math.round(fs.statSync(f).size / 1e6), 'MB + wal', Math.round(fs.statSync(f + '-wal').size / 1e6));
  const q = db.prepare(`select rowid, score from (select rowid, bm25(t, 1.0, 0.0) as score from t where t match ? order by rowid desc limit 10001) order by score limit 20`);
  for (const m of ['body : ("会" *)', 'body : ("组" *)', 'body : ("治" *)', 'body : ("g" *)', 'body : ("监督")', 'body : ("gov" *)']) {
    q.all(m);
    const ts: number[] = [];
    for (let k = 0; k < 20; k++) { const t = performance.now(); q.all(m); ts.push(performance.now() - t); }
    ts.sort((a, b) => a - b);
    console.log(variant, m.padEnd(20), 'median', ts[10]!.toFixed(1), 'max', ts[19]!.toFixed(1), 'ms');
  }
  db.close();
}
