// Demo data, the home page and the OpenAPI document, on both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { systemActor } from '../../src/modules/access/actor.js';
import { scheduleSession } from '../../src/modules/sessions/commands/scheduleSession.js';
import { loadJointMeeting2024, seedDemo } from '../../src/seed/demo.js';
import { BACKENDS } from '../support/db.js';
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

  it('finishes the joint meeting on the next start when a start stopped short of its report', async () => {
    const fresh = await createTestApp(backend);
    try {
      const db = fresh.database.db;
      const sessions = () =>
        db.selectFrom('sessions').select('id').where('type', '=', 'joint-meeting').execute();
      // A report that cannot be read stops the seed before the session is written.
      await expect(
        loadJointMeeting2024(db, undefined, path.join(os.tmpdir(), 'no-such-report.txt')),
      ).rejects.toThrow(/ENOENT/);
      expect(await sessions()).toEqual([]);
      // A start that stopped after the session (the session's own command committed) …
      await scheduleSession(db, systemActor('seed'), {
        type: 'joint-meeting',
        title: 'Joint meeting of the Executive Boards (interrupted seed)',
        startDate: '2024-05-31',
        endDate: '2024-05-31',
        boardIds: ['unicef', 'wfp'],
      });
      // … gets its report on the next one, in that session, and the one after adds nothing.
      const documentId = await loadJointMeeting2024(db);
      expect(documentId).not.toBeNull();
      const [session] = await sessions();
      const doc = await db
        .selectFrom('documents')
        .select('session_id')
        .where('id', '=', documentId!)
        .executeTakeFirstOrThrow();
      expect(doc.session_id).toBe(session!.id);
      expect(await sessions()).toHaveLength(1);
      expect(await loadJointMeeting2024(db)).toBeNull();
    } finally {
      await fresh.close();
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
