// API throughput benchmark: GET /api/boards and a filtered GET /api/documents on the SQLite
// default, beside a bare Fastify hello-world route measured in the same run. Prints requests/s,
// p99 latency and the ratio to hello-world. Usage: npx tsx bench/api.ts [seconds] [connections]
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { newId } from '../src/lib/ids.js';
import { seedDemo } from '../src/seed/demo.js';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 10);
const DOCS = 2000;

async function prepareDatabase(file: string): Promise<void> {
  const d = await openDatabase(`sqlite:${file}`);
  await migrateToLatest(d.db);
  await seedDemo(d.db);
  // Synthetic documents so the filtered list reads from a realistic table, not a near-empty one.
  const boards = ['undp-unfpa-unops', 'unicef', 'unwomen', 'wfp'];
  const langs = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
  const now = new Date().toISOString();
  await d.db.transaction().execute(async (trx) => {
    for (let i = 0; i < DOCS; i++) {
      const id = newId();
      const year = 2015 + (i % 10);
      await trx.insertInto('documents').values({ id, symbol: null, type: i % 3 ? 'report' : 'informal-note', title: `Synthetic benchmark document ${i}`, date: `${year}-0${1 + (i % 9)}-15`, year, access_level: 'public', original_language: langs[i % 6]!, session_id: null, agenda_item_id: null, synthetic: 1, version: 1, created_at: now, updated_at: now }).execute();
      await trx.insertInto('document_boards').values({ document_id: id, board_id: boards[i % 4]! }).execute();
      await trx.insertInto('expressions').values({ id: newId(), document_id: id, language: langs[i % 6]!, revision: 1, is_current: 1, title: `Synthetic ${i}`, content_hash: null, source_name: null, created_at: now }).execute();
    }
  });
  await d.close();
}

function start(args: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, 'api-server.ts'), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function measure(url: string): Promise<{ rps: number; p99: number; errors: number }> {
  await autocannon({ url, connections, duration: 2 }); // warm-up
  const r = await autocannon({ url, connections, duration: seconds });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-'));
const dbFile = path.join(tmp, 'bench.db');
await prepareDatabase(dbFile);
const hello = await start(['hello', '3901']);
const concord = await start(['concord', '3902', dbFile]);
const uncached = await start(['concord-nocache', '3903', dbFile]);
try {
  const paths = ['/api/boards', '/api/documents?board=unicef&year=2019&language=ru&type=report', '/api/documents?board=wfp&sort=-date&limit=50'];
  const targets = [
    ['hello-world (baseline)', 'http://127.0.0.1:3901/hello'],
    ...paths.map((p) => [`GET ${p}`, `http://127.0.0.1:3902${p}`]),
    ...paths.map((p) => [`GET ${p} (read cache off)`, `http://127.0.0.1:3903${p}`]),
  ] as const;
  const results: { name: string; rps: number; p99: number; errors: number }[] = [];
  for (const [name, url] of targets) results.push({ name, ...(await measure(url)) });
  const base = results[0]!.rps;
  console.log(`\nNode ${process.version}, ${os.cpus().length} cores, ${connections} connections, ${seconds} s per target, ${DOCS} synthetic documents\n`);
  console.log('| target | requests/s | p99 latency (ms) | ratio to hello-world | errors |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of results) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p99} | ${(r.rps / base).toFixed(2)} | ${r.errors} |`);
} finally {
  hello.kill();
  concord.kill();
  uncached.kill();
  fs.rmSync(tmp, { recursive: true, force: true });
}
