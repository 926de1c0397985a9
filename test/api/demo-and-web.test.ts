// Demo data, the home page and the OpenAPI document, on both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { seedDemo } from '../../src/seed/demo.js';
import { BACKENDS, createTestDatabase } from '../support/db.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe.each(BACKENDS)('demo data and pages on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
    await seedDemo(t.database.db);
  });
  afterAll(async () => t.close());

  it('holds 193 member states in five regional groups', async () => {
    const rows = await t.database.db
      .selectFrom('member_states')
      .select(['regional_group', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('regional_group')
      .orderBy('regional_group')
      .execute();
    expect(rows.map((r) => [r.regional_group, Number(r.n)])).toEqual([
      ['african', 54],
      ['asia-pacific', 54],
      ['eastern-european', 23],
      ['latin-american-caribbean', 33],
      ['western-european-others', 29],
    ]);
    const codes = await t.database.db
      .selectFrom('member_states')
      .select(['id', 'iso2', 'iso_numeric'])
      .execute();
    expect(new Set(codes.map((c) => c.iso2)).size).toBe(193);
    expect(new Set(codes.map((c) => c.iso_numeric)).size).toBe(193);
    expect(
      codes.every(
        (c) => /^[A-Z]{3}$/.test(c.id) && /^[A-Z]{2}$/.test(c.iso2) && /^\d{3}$/.test(c.iso_numeric),
      ),
    ).toBe(true);
  });

  it('seeding twice adds nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    expect(await seedDemo(t.database.db)).toEqual({ reference: false, jointMeeting: false });
    expect(await count()).toBe(before);
  });

  it('seeds whole or not at all: a report that cannot be read leaves an empty database, seeded next time', async () => {
    const database = await createTestDatabase(backend);
    try {
      const db = database.db;
      const count = async (table: 'boards' | 'sessions' | 'audit_events') =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      // The reference data's command commits nothing when the joint meeting after it fails.
      await expect(
        seedDemo(db, { jointMeetingReport: path.join(os.tmpdir(), 'no-such-report.txt') }),
      ).rejects.toThrow(/ENOENT/);
      expect([await count('boards'), await count('sessions'), await count('audit_events')]).toEqual([
        0, 0, 0,
      ]);
      expect(await seedDemo(db)).toEqual({ reference: true, jointMeeting: true });
      expect(await count('boards')).toBe(4);
    } finally {
      await database.close();
    }
  });

  it('marks every invented record synthetic, and the real joint meeting not', async () => {
    const sessions = await t.database.db
      .selectFrom('sessions')
      .select(['type', 'title', 'synthetic'])
      .execute();
    expect(sessions.find((s) => s.type === 'joint-meeting')?.synthetic).toBe(0);
    for (const s of sessions.filter((x) => x.synthetic)) expect(s.title).toMatch(/synthetic|合成/i);
    const decisions = await t.database.db.selectFrom('decisions').select(['title', 'synthetic']).execute();
    expect(decisions.length).toBeGreaterThan(0);
    for (const d of decisions) {
      expect(d.synthetic).toBe(1);
      expect(d.title).toMatch(/synthetic|合成/i);
    }
  });

  it('serves the portal with the boards, the joint meeting page with its report, and labels synthetic records', async () => {
    const res = await t.call({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Executive Board of UN-Women');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const joint = await t.database.db
      .selectFrom('sessions')
      .select('id')
      .where('type', '=', 'joint-meeting')
      .where('start_date', '=', '2024-05-31')
      .executeTakeFirstOrThrow();
    const page = await t.call({ method: 'GET', url: `/sessions/${joint.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Report of the joint meeting');
    expect(page.body).not.toContain('synthetic demo record');
    const synthetic = await t.database.db
      .selectFrom('sessions')
      .select('id')
      .where('synthetic', '=', 1)
      .where('type', '=', 'annual')
      .executeTakeFirstOrThrow();
    const synthPage = await t.call({ method: 'GET', url: `/sessions/${synthetic.id}` });
    expect(synthPage.body).toContain('(synthetic demo record)');
  });

  it('serves an OpenAPI 3.1 document describing every API route, and the docs UI', async () => {
    const res = await t.call({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/boards',
      '/api/member-states',
      '/api/sessions',
      '/api/sessions/{id}',
      '/api/documents',
      '/api/documents/{id}/paragraphs',
      '/api/decisions',
      '/api/decisions/{id}',
    ]) {
      expect(Object.keys(doc.paths), p).toContain(p);
    }
    expect(doc.paths['/api/decisions']!.post).toBeDefined();
    const ui = await t.call({ method: 'GET', url: '/api/docs/' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('reports health with no pending migrations', async () => {
    const res = await t.call({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: backend, pendingMigrations: [] });
  });
});
