// Server render time of the web UI's heaviest reading pages, beside the JSON API for the same data
// in the same run. Data: the demo data plus 1,000 documents in one session (10 agenda items, 100
// documents each, every document with an original-language version of 30 paragraphs, a speaker
// on every fifth paragraph and a theme on every seventh), and a 300-paragraph report in Chinese and
// English. Each target is called through the full HTTP stack (app.inject: authentication,
// routing, rendering, serialization; no compression, read cache off for both sides) after warm-up.
// Usage: npx tsx bench/web.ts [iterations]   (SQLite in memory)
import os from 'node:os';
import pino from 'pino';
import { readConfig } from '../src/app/config.js';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { buildServer } from '../src/http/server.js';
import { newId } from '../src/lib/ids.js';
import { seedDemo } from '../src/seed/demo.js';

const ITERATIONS = Number(process.argv[2] ?? 200);
const WARMUP = 20;
const DOCS = 1000;
const ITEMS = 10;
const PARAS = 30;
const READER_PARAS = 300;

const database = await openDatabase(':memory:');
await migrateToLatest(database.db);
await seedDemo(database.db);
const db = database.db;
const now = new Date().toISOString();
const sessionId = newId();
const readerId = newId();
const langs = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
const themes = ['gender-equality', 'qcpr', 'funding-compact', 'risk-management', 'climate-action'];
const speakers = ['UNICEF Executive Director', 'President of the WFP Executive Board', 'Delegations', 'UNDP Administrator'];

await db.transaction().execute(async (trx) => {
  await trx.insertInto('sessions').values({ id: sessionId, type: 'annual', title: 'Annual session 2025 (synthetic benchmark)', start_date: '2025-06-02', end_date: '2025-06-06', year: 2025, venue: 'New York', access_level: 'public', synthetic: 1, version: 1, created_at: now, updated_at: now }).execute();
  await trx.insertInto('session_boards').values({ session_id: sessionId, board_id: 'unicef' }).execute();
  const items: string[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const id = newId();
    items.push(id);
    await trx.insertInto('agenda_items').values({ id, session_id: sessionId, number: String(i + 1), position: i + 1, title: `Agenda item ${i + 1} (synthetic)`, synthetic: 1, created_at: now }).execute();
  }
  const addDoc = async (id: string, i: number, paras: number, languages: string[], agendaItem: string | null) => {
    await trx.insertInto('documents').values({ id, symbol: `E/ICEF/2025/B${i}`, type: i % 3 ? 'report' : 'conference-room-paper', title: `Synthetic benchmark document ${i}`, date: `2025-05-${String(1 + (i % 28)).padStart(2, '0')}`, year: 2025, access_level: 'public', original_language: languages[0]!, session_id: sessionId, agenda_item_id: agendaItem, synthetic: 1, version: 1, created_at: now, updated_at: now }).execute();
    await trx.insertInto('document_boards').values({ document_id: id, board_id: 'unicef' }).execute();
    for (const language of languages) {
      const expressionId = newId();
      await trx.insertInto('expressions').values({ id: expressionId, document_id: id, language, revision: 1, is_current: 1, title: `Synthetic ${i} (${language})`, content_hash: null, source_name: null, created_at: now }).execute();
      const rows = Array.from({ length: paras }, (_, p) => ({ id: newId(), expression_id: expressionId, parent_id: null, number: String(p + 1), position: p + 1, text: `Paragraph ${p + 1} of synthetic document ${i} in ${language}: the Executive Board took note of the report on the implementation of the strategic plan, risk management and joint programmes, and requested the secretariat to present an update at its next session.` }));
      for (let k = 0; k < rows.length; k += 200) await trx.insertInto('paragraphs').values(rows.slice(k, k + 200)).execute();
      if (language !== languages[0]) continue;
      const st = rows.filter((_, p) => p % 5 === 0).map((r, k) => ({ id: newId(), paragraph_id: r.id, speaker_role: speakers[k % speakers.length]!, entity_id: null, member_state_id: null }));
      if (st.length) await trx.insertInto('statements').values(st).execute();
      const th = rows.filter((_, p) => p % 7 === 0).map((r, k) => ({ paragraph_id: r.id, theme: themes[k % themes.length]! }));
      if (th.length) await trx.insertInto('paragraph_themes').values(th).execute();
    }
  };
  for (let i = 0; i < DOCS - 1; i++) await addDoc(newId(), i, PARAS, [langs[i % 6]!], items[i % ITEMS]!);
  await addDoc(readerId, DOCS, READER_PARAS, ['zh', 'en'], items[0]!);
});

const { config } = readConfig({ LOG_LEVEL: 'silent', CONCORD_READ_CACHE: 'false' });
const app = await buildServer({ database, config, logger: pino({ level: 'silent' }) }, { logger: false });

async function time(urls: string[]): Promise<{ p50: number; p99: number; bytes: number }> {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const t0 = process.hrtime.bigint();
    bytes = 0;
    for (const url of urls) {
      const res = await app.inject({ method: 'GET', url });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      bytes += res.rawPayload.length;
    }
    if (i >= WARMUP) samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p99: at(0.99), bytes };
}

const documentPages = Array.from({ length: DOCS / 200 }, (_, i) => i);
// The JSON API needs one call per page of 200 documents; the cursors come from a first pass.
const cursors: (string | null)[] = [null];
for (const _ of documentPages.slice(1)) {
  const prev = cursors[cursors.length - 1];
  const res = await app.inject({ method: 'GET', url: `/api/documents?session=${sessionId}&limit=200&sort=date${prev ? `&cursor=${prev}` : ''}` });
  cursors.push(res.json<{ nextCursor: string | null }>().nextCursor);
}
const apiDocumentUrls = cursors.map((c) => `/api/documents?session=${sessionId}&limit=200&sort=date${c ? `&cursor=${c}` : ''}`);

const targets: [string, string[]][] = [
  ['HTML  GET /sessions/:id (agenda, 1,000 documents, decisions, statements by speaker)', [`/sessions/${sessionId}`]],
  ['JSON  GET /api/sessions/:id (session and agenda only)', [`/api/sessions/${sessionId}`]],
  ['JSON  same data: session + 5 pages of 200 documents + decisions', [`/api/sessions/${sessionId}`, ...apiDocumentUrls, `/api/decisions?session=${sessionId}`]],
  ['HTML  GET /documents/:id (300 paragraphs, labels)', [`/documents/${readerId}?text=zh`]],
  ['HTML  GET /documents/:id side by side zh + en, highlights', [`/documents/${readerId}?text=zh&compare=en&q=risk`]],
  ['JSON  same data: GET /api/documents/:id + /paragraphs', [`/api/documents/${readerId}`, `/api/documents/${readerId}/paragraphs?language=zh`]],
  ['JSON  same data, two languages: document + 2 × /paragraphs', [`/api/documents/${readerId}`, `/api/documents/${readerId}/paragraphs?language=zh`, `/api/documents/${readerId}/paragraphs?language=en`]],
];

console.log(`\nNode ${process.version}, ${os.cpus().length} cores, SQLite in memory, ${DOCS} documents in the session, ${ITERATIONS} iterations after ${WARMUP} warm-up\n`);
console.log('| target | p50 ms | p99 ms | response bytes (uncompressed) |');
console.log('|---|---:|---:|---:|');
for (const [name, urls] of targets) {
  const r = await time(urls);
  console.log(`| ${name} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.bytes.toLocaleString('en')} |`);
}
await app.close();
await database.close();
