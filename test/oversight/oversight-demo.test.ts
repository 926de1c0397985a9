// The synthetic oversight demo loads on both backends through the audited commands, is flagged
// synthetic throughout, loads once, and feeds the dashboards and the status report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSyntheticExamples } from '../../src/seed/demo.js';
import { loadOversightDemo } from '../../src/modules/oversight/demo.js';
import { BACKENDS } from '../support/db.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe.each(BACKENDS)('oversight demo on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
    await loadSyntheticExamples(t.database.db);
    expect(await loadOversightDemo(t.database.db)).toBe(true);
  });
  afterAll(async () => t.close());

  it('flags every review, recommendation and addressee synthetic, and loads only once', async () => {
    const db = t.database.db;
    for (const table of ['oversight_reviews', 'oversight_recommendations', 'oversight_addressees', 'oversight_actions', 'oversight_mandates', 'oversight_working_groups'] as const) {
      const rows = await db.selectFrom(table).select('synthetic').execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.synthetic === 1)).toBe(true);
    }
    const texts = await db.selectFrom('oversight_recommendations').select('text').execute();
    expect(texts.every((r) => r.text.includes('synthetic'))).toBe(true);
    expect(await loadOversightDemo(db)).toBe(false);
  });

  it('suggests the mandates of decisions 2024/901 (English) and 2024/902 (Chinese)', async () => {
    const res = await t.call({ method: 'GET', url: '/api/oversight/mandates?limit=200' });
    const items = res.json().items as { decisionNumber: string; entityId: string; status: string; dueSession: { type: string; year: number } }[];
    expect(items.find((m) => m.decisionNumber === '2024/901')).toMatchObject({ entityId: 'undp', status: 'confirmed', dueSession: { type: 'annual', year: 2025 } });
    expect(items.find((m) => m.decisionNumber === '2024/902')).toMatchObject({ entityId: 'wfp', status: 'suggested', dueSession: { type: 'second-regular', year: 2025 } });
  });

  it('feeds rates per board, a shared subject across two boards, and the review report', async () => {
    const rates = await t.call({ method: 'GET', url: '/api/oversight/dashboard/rates?by=board' });
    expect(rates.json().items.map((r: { key: string }) => r.key)).toEqual(['undp-unfpa-unops', 'unicef', 'unwomen', 'wfp']);
    const shared = await t.call({ method: 'GET', url: '/api/oversight/shared-subjects' });
    expect(shared.json().items[0].boards.length).toBeGreaterThanOrEqual(2);
    const reviews = await t.call({ method: 'GET', url: '/api/oversight/reviews' });
    const id = reviews.json().items[0].id;
    const pdf = await t.call({ method: 'GET', url: `/api/oversight/reviews/${id}/report?format=pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.length).toBeGreaterThan(2000);
  });
});
