// Oversight dashboards under a synthetic history: 20 reviews x 50 recommendations x 4 addressees x
// 10 actions, with five years (2021-2025) of status changes and progress updates, plus mandates.
// Prints each dashboard endpoint's p50/p99 beside the p99 of a plain indexed read (GET one action
// by id) measured in the same run through the same HTTP stack (app.inject), and the ratio.
//
//   npx tsx bench/oversight.ts                      # SQLite in memory
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/oversight.ts
//
// The history is bulk-inserted (not through the audited commands) so that it builds in seconds;
// the figures measure reads only.
import pino from 'pino';
import { sql } from 'kysely';
import { readConfig } from '../src/app/config.js';
import type { AppContext } from '../src/app/context.js';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { buildServer } from '../src/http/server.js';
import { newId } from '../src/lib/ids.js';
import { loadReferenceData } from '../src/seed/demo.js';

const REVIEWS = 20;
const RECS = 50;
const ADDRESSEES = 4;
const ACTIONS = 10;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 400);

const ADDRESSEE_POOL = [
  { kind: 'board', board_id: 'undp-unfpa-unops', entity_id: null, key: 'board:undp-unfpa-unops' },
  { kind: 'board', board_id: 'unicef', entity_id: null, key: 'board:unicef' },
  { kind: 'board', board_id: 'unwomen', entity_id: null, key: 'board:unwomen' },
  { kind: 'board', board_id: 'wfp', entity_id: null, key: 'board:wfp' },
  { kind: 'executive-head', board_id: 'undp-unfpa-unops', entity_id: 'undp', key: 'head:undp' },
  { kind: 'executive-head', board_id: 'undp-unfpa-unops', entity_id: 'unfpa', key: 'head:unfpa' },
  { kind: 'executive-head', board_id: 'unicef', entity_id: 'unicef', key: 'head:unicef' },
  { kind: 'executive-head', board_id: 'wfp', entity_id: 'wfp', key: 'head:wfp' },
] as const;
const CATS = ['roles-and-responsibilities', 'structure', 'processes', 'systems', 'information', 'risk'];
const SESSION_TYPES = ['first-regular', 'annual', 'second-regular'];

// Deterministic pseudo-random numbers, so runs are comparable.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const day = (from: string, plusDays: number) => new Date(Date.parse(`${from}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);

async function main() {
  const url = process.env.BENCH_DATABASE_URL ?? ':memory:';
  const database = await openDatabase(url);
  await migrateToLatest(database.db);
  await loadReferenceData(database.db);
  const db = database.db;
  const now = new Date().toISOString();
  const t0 = performance.now();

  const chunked = async <T>(table: Parameters<typeof db.insertInto>[0], rows: T[]) => {
    const cols = rows.length ? Object.keys(rows[0] as object).length : 1;
    const size = Math.max(1, Math.floor(30000 / cols));
    for (let i = 0; i < rows.length; i += size) await db.insertInto(table).values(rows.slice(i, i + size)).execute();
  };

  let counts = { addressees: 0, actions: 0, changes: 0, mandates: 0 };
  for (let v = 0; v < REVIEWS; v++) {
    const year = 2021 + (v % 3);
    const issued = `${year}-0${1 + (v % 9)}-15`;
    const reviewId = newId();
    const recs = [], adds = [], acts = [], changes = [];
    for (let r = 0; r < RECS; r++) {
      const recId = newId();
      const priority = pick(['high', 'medium', 'low']);
      recs.push({ id: recId, review_id: reviewId, number: String(r + 1), position: r, text: `Synthetic benchmark recommendation ${v}.${r + 1}`, category: pick(CATS), intended_impact: null, priority, weight: priority === 'high' ? 3 : priority === 'medium' ? 2 : 1, synthetic: 1, version: 1, created_at: now, updated_at: now });
      const start = Math.floor(rand() * ADDRESSEE_POOL.length);
      for (let a = 0; a < ADDRESSEES; a++) {
        const who = ADDRESSEE_POOL[(start + a) % ADDRESSEE_POOL.length]!;
        const addrId = newId();
        // Five years of history: acceptance after 2-8 months, implementation moves over the years.
        const accOn = day(issued, 60 + Math.floor(rand() * 180));
        const acceptance = pick(['accepted', 'accepted', 'accepted', 'partially-accepted', 'not-accepted', 'under-consideration']);
        const accepting = acceptance === 'accepted' || acceptance === 'partially-accepted';
        const implementation = accepting ? pick(['not-started', 'in-progress', 'in-progress', 'implemented']) : 'not-started';
        const implOn = day(accOn, 30 + Math.floor(rand() * 900));
        let last = acceptance === 'under-consideration' ? issued : accOn;
        if (acceptance !== 'under-consideration') changes.push({ axis: 'acceptance', subject_id: addrId, from_status: 'under-consideration', to_status: acceptance, effective_on: accOn });
        if (implementation !== 'not-started') {
          changes.push({ axis: 'implementation', subject_id: addrId, from_status: 'not-started', to_status: 'in-progress', effective_on: day(accOn, 20) });
          if (implementation === 'implemented') changes.push({ axis: 'implementation', subject_id: addrId, from_status: 'in-progress', to_status: 'implemented', effective_on: implOn });
          last = implOn;
        }
        let wp = 0;
        let w = 0;
        for (let x = 0; x < ACTIONS; x++) {
          const actId = newId();
          const due = day(issued, 120 + Math.floor(rand() * 1600));
          const useSession = rand() < 0.3;
          const sessionYear = Number(due.slice(0, 4));
          const sessionType = pick(SESSION_TYPES);
          const progress = implementation === 'implemented' ? 100 : implementation === 'in-progress' ? pick([0, 20, 40, 60, 80, 100]) : 0;
          const status = progress === 100 ? 'completed' : progress > 0 ? 'in-progress' : pick(['not-started', 'not-started', 'cancelled']);
          const weight = 1 + Math.floor(rand() * 3);
          acts.push({
            id: actId, addressee_id: addrId, title: `Synthetic action ${x + 1}`, owner: pick(['Secretariat', 'Bureau', 'Management', 'Working group']),
            due_date: useSession ? null : due, due_session_type: useSession ? sessionType : null, due_session_year: useSession ? sessionYear : null,
            due_on: useSession ? `${sessionYear}-${sessionType === 'first-regular' ? '02-01' : sessionType === 'annual' ? '06-01' : '09-01'}` : due,
            status, progress, weight, completed_on: status === 'completed' ? due : null, synthetic: 1, version: 1, created_at: now, updated_at: now,
          });
          if (status !== 'cancelled') {
            wp += weight * progress;
            w += weight;
          }
          // Progress updates spread over the five years.
          for (let p = 20; p <= progress; p += 40)
            changes.push({ axis: 'action', subject_id: actId, from_status: 'in-progress', to_status: p >= 100 ? 'completed' : 'in-progress', effective_on: day(accOn, p * 8) });
        }
        const progress = implementation === 'implemented' ? 100 : w ? wp / w : 0;
        adds.push({
          id: addrId, recommendation_id: recId, kind: who.kind, board_id: who.board_id, entity_id: who.entity_id, addressee_key: who.key,
          acceptance, acceptance_on: acceptance === 'under-consideration' ? null : accOn, acceptance_by: 'bench', acceptance_justification: null,
          implementation, implementation_on: implementation === 'not-started' ? null : implOn, implementation_by: 'bench', implementation_justification: null,
          progress, last_progress_on: last, synthetic: 1, version: 1, created_at: now, updated_at: now,
        });
      }
    }
    await db.insertInto('oversight_reviews').values({ id: reviewId, title: `Synthetic benchmark review ${v + 1}`, issuing_body: v % 2 ? 'JIU' : 'Independent consultant', year, symbol: null, issued_on: issued, document_id: null, synthetic: 1, version: 1, created_at: now, updated_at: now }).execute();
    await chunked('oversight_recommendations', recs);
    await chunked('oversight_addressees', adds);
    await chunked('oversight_actions', acts);
    await chunked(
      'oversight_status_changes',
      changes.map((c) => ({ id: newId(), subject_type: c.axis === 'action' ? 'action' : 'addressee', progress_before: null, progress_after: null, recorded_at: `${c.effective_on}T12:00:00.000Z`, actor_id: 'bench', actor_name: 'bench', justification: null, synthetic: 1, ...c })),
    );
    counts = { addressees: counts.addressees + adds.length, actions: counts.actions + acts.length, changes: counts.changes + changes.length, mandates: counts.mandates };
  }
  const mandates = [];
  for (let i = 0; i < 2000; i++) {
    const who = pick(ADDRESSEE_POOL.filter((a) => a.entity_id));
    mandates.push({
      id: newId(), board_id: who.board_id, decision_id: null, paragraph_number: null, entity_id: who.entity_id, addressee_text: 'Executive head', verb: 'report',
      deliverable: `Synthetic report ${i}`, due_session_type: pick(SESSION_TYPES), due_session_year: 2021 + Math.floor(rand() * 8), status: pick(['suggested', 'confirmed', 'confirmed', 'fulfilled', 'rejected']),
      language: 'en', span_start: null, span_end: null, span_text: null, fulfilled_by_document_id: null, fulfilled_on: null, synthetic: 1, version: 1, created_at: now, updated_at: now,
    });
  }
  await chunked('oversight_mandates', mandates);
  counts.mandates = mandates.length;
  if (database.dialect === 'postgres') await sql`analyze`.execute(db);
  else await sql`analyze`.execute(db);
  const built = performance.now() - t0;

  const { config } = readConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' });
  const ctx: AppContext = { database, config, logger: pino({ level: 'silent' }) };
  const app = await buildServer(ctx, { logger: false });
  const actionIds = (await db.selectFrom('oversight_actions').select('id').limit(2000).execute()).map((r) => r.id);

  const measure = async (urlFor: () => string) => {
    for (let i = 0; i < 100; i++) await app.inject({ method: 'GET', url: urlFor() }); // warm-up (JIT, statement cache)
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const u = urlFor();
      const s = performance.now();
      const res = await app.inject({ method: 'GET', url: u });
      times.push(performance.now() - s);
      if (res.statusCode !== 200) throw new Error(`${u}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
    return { p50: q(50), p99: q(99) };
  };

  const baseline = await measure(() => `/api/oversight/actions/${pick(actionIds)}`);
  const endpoints: [string, () => string][] = [
    ['rates by board', () => '/api/oversight/dashboard/rates?by=board'],
    ['rates by entity', () => '/api/oversight/dashboard/rates?by=entity'],
    ['rates by review', () => '/api/oversight/dashboard/rates?by=review'],
    ['overdue actions (page of 50)', () => `/api/oversight/dashboard/overdue-actions?asOf=${pick(['2023-06-01', '2024-06-01', '2025-06-01'])}`],
    ['stalled, no progress 6 months (page of 50)', () => `/api/oversight/dashboard/stalled?months=6&asOf=${pick(['2024-06-01', '2025-06-01', '2026-01-01'])}`],
    ['reporting load, next 3 sessions', () => `/api/oversight/dashboard/reporting-load?fromYear=${pick([2024, 2025, 2026])}`],
  ];
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  console.log(`backend: ${database.description}; data built in ${(built / 1000).toFixed(1)} s: ${REVIEWS} reviews, ${REVIEWS * RECS} recommendations, ${counts.addressees} addressees, ${counts.actions} actions, ${counts.changes} status changes, ${counts.mandates} mandates; ${ITERATIONS} requests per endpoint`);
  console.log(`baseline  GET /api/oversight/actions/:id   p50 ${fmt(baseline.p50)} ms   p99 ${fmt(baseline.p99)} ms`);
  console.log('endpoint'.padEnd(44) + 'p50 ms'.padStart(9) + 'p99 ms'.padStart(9) + '  p99 / baseline p99   (p50 / baseline p50)');
  let worst = 0;
  for (const [name, u] of endpoints) {
    const r = await measure(u);
    const ratio = r.p99 / baseline.p99;
    worst = Math.max(worst, ratio);
    console.log(`${name.padEnd(44)}${fmt(r.p50)} ${fmt(r.p99)}   ${ratio.toFixed(1)}x ${ratio <= 10 ? '(within 10x)' : '(OVER 10x)'}   (${(r.p50 / baseline.p50).toFixed(1)}x)`);
  }
  console.log(`worst ratio ${worst.toFixed(1)}x (target: within 10x)`);
  await app.close();
  await database.close();
}

await main();
