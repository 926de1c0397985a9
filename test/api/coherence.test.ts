// Coherence across boards over HTTP on both backends: suggested vs confirmed tags through audited
// commands, analyses and their findings on the synthetic demo, the matrix, the yearly report in
// four formats, the calendar and delegation load, and the CLI report.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { loadCoherenceDemo } from '../../src/modules/coherence/demo.js';
import { loadSyntheticExamples } from '../../src/seed/demo.js';
import { BACKENDS } from '../support/db.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe.each(BACKENDS)('coherence API on %s', (backend) => {
  let t: TestApp;
  const auditCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const decisionId = async (board: string, number: string) =>
    (
      await t.database.db
        .selectFrom('decisions')
        .select('id')
        .where('board_id', '=', board)
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    t = await createTestApp(backend);
    await loadSyntheticExamples(t.database.db);
    expect(await loadCoherenceDemo(t.database.db)).toBe(true);
  });
  afterAll(async () => t.close());

  it('lists the tag catalogue: 17 goals, 169 targets, 12 themes', async () => {
    const all = await t.call({ method: 'GET', url: '/api/coherence/catalogue' });
    expect(all.statusCode).toBe(200);
    const items = all.json().items as { id: string; kind: string }[];
    expect(items.filter((i) => i.kind === 'sdg-goal')).toHaveLength(17);
    expect(items.filter((i) => i.kind === 'sdg-target')).toHaveLength(169);
    expect(items.filter((i) => i.kind === 'theme')).toHaveLength(12);
    const goal5 = await t.call({ method: 'GET', url: '/api/coherence/catalogue?goal=5' });
    expect(goal5.json().items.map((i: { id: string }) => i.id)).toContain('sdg:5.a');
    expect((await t.call({ method: 'GET', url: '/api/coherence/catalogue?goal=18' })).statusCode).toBe(400);
  });

  it('previews the model on a text with its triggering terms', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/coherence/tagging/preview',
      payload: { text: '请执行主任报告性别平等和气候变化方面的进展' },
    });
    expect(res.statusCode).toBe(200);
    const tags = res.json().suggestions.map((s: { tag: string }) => s.tag);
    expect(tags).toEqual(expect.arrayContaining(['theme:gender-equality', 'theme:climate-action']));
    expect(
      (await t.call({ method: 'POST', url: '/api/coherence/tagging/preview', payload: { text: '' } }))
        .statusCode,
    ).toBe(400);
  });

  it('stores suggestions apart from confirmed tags; confirming and rejecting are audited and idempotent', async () => {
    const id = await decisionId('unicef', '2024/921');
    const tags = await t.call({ method: 'GET', url: `/api/coherence/subjects/decision/${id}/tags` });
    expect(tags.statusCode).toBe(200);
    expect(tags.json().confirmed).toEqual([]);
    const psea = tags.json().suggested.find((s: { tag: string }) => s.tag === 'theme:psea');
    expect(psea.status).toBe('suggested');
    expect(psea.triggers[0]).toMatchObject({ language: 'en' });
    expect(psea.triggers.map((x: { term: string }) => x.term)).toContain('sexual exploitation and abuse');

    const url = `/api/coherence/suggestions/${psea.id}/confirm`;
    expect((await t.call({ method: 'POST', url, payload: {} })).statusCode).toBe(401);
    // The secretariat of another board may not confirm a UNICEF decision's tags.
    expect((await t.call({ method: 'POST', url, as: 'secretariat', payload: {} })).statusCode).toBe(403);
    expect(
      (
        await t.call({
          method: 'POST',
          url: '/api/coherence/suggestions/nope/confirm',
          as: 'unicefSecretariat',
          payload: {},
        })
      ).statusCode,
    ).toBe(404);
    const before = await auditCount();
    const ok = await t.call({ method: 'POST', url, as: 'unicefSecretariat', payload: { note: 'checked' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('confirmed');
    expect(await auditCount()).toBe(before + 1);
    expect((await t.call({ method: 'POST', url, as: 'unicefSecretariat', payload: {} })).statusCode).toBe(
      200,
    );
    expect(await auditCount()).toBe(before + 1);
    const after = await t.call({ method: 'GET', url: `/api/coherence/subjects/decision/${id}/tags` });
    expect(after.json().confirmed).toMatchObject([
      { tag: 'theme:psea', suggestionId: psea.id, note: 'checked' },
    ]);

    // Rejecting withdraws the confirmed tag and keeps the suggestion as rejected.
    const rej = await t.call({
      method: 'POST',
      url: `/api/coherence/suggestions/${psea.id}/reject`,
      as: 'admin',
      payload: {},
    });
    expect(rej.json().status).toBe('rejected');
    const gone = await t.call({ method: 'GET', url: `/api/coherence/subjects/decision/${id}/tags` });
    expect(gone.json().confirmed).toEqual([]);
    const events = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_id', '=', psea.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'coherence.suggestion-confirmed',
      'coherence.suggestion-rejected',
    ]);
  });

  it('lets a person add and withdraw a tag; bad input changes nothing', async () => {
    const id = await decisionId('wfp', '2024/942');
    const url = `/api/coherence/subjects/decision/${id}/tags`;
    expect((await t.call({ method: 'POST', url, payload: { tag: 'sdg:2.4' } })).statusCode).toBe(401);
    expect(
      (await t.call({ method: 'POST', url, as: 'unicefSecretariat', payload: { tag: 'sdg:2.4' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await t.call({
          method: 'POST',
          url: '/api/coherence/subjects/decision/nope/tags',
          as: 'admin',
          payload: { tag: 'sdg:2.4' },
        })
      ).statusCode,
    ).toBe(404);
    const before = await auditCount();
    for (const payload of [
      { tag: 'sdg:18' },
      { tag: 'theme:unknown-theme' },
      { tag: 'sdg:2.4', extra: 1 },
      {},
    ]) {
      const bad = await t.call({ method: 'POST', url, as: 'admin', payload });
      expect(bad.statusCode).toBe(400);
    }
    expect(
      (
        await t.call({
          method: 'POST',
          url: `/api/coherence/subjects/widget/${id}/tags`,
          as: 'admin',
          payload: { tag: 'sdg:2.4' },
        })
      ).statusCode,
    ).toBe(400);
    expect(await auditCount()).toBe(before);
    const added = await t.call({
      method: 'POST',
      url,
      as: 'admin',
      payload: { tag: 'sdg:2.4', note: 'food systems' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ tag: 'sdg:2.4', boardId: 'wfp', year: 2024, suggestionId: null });
    expect((await t.call({ method: 'POST', url, as: 'admin', payload: { tag: 'sdg:2.4' } })).statusCode).toBe(
      409,
    );
    expect(
      (
        await t.call({
          method: 'DELETE',
          url: `/api/coherence/tags/${added.json().id}`,
          as: 'unicefSecretariat',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.call({ method: 'DELETE', url: `/api/coherence/tags/${added.json().id}`, as: 'admin' }))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.call({ method: 'DELETE', url: `/api/coherence/tags/${added.json().id}`, as: 'admin' }))
        .statusCode,
    ).toBe(404);
  });

  it('refreshes suggestions only for the secretariat, and refuses unknown subjects', async () => {
    const body = { subjectType: 'decision', year: 2024 };
    expect(
      (await t.call({ method: 'POST', url: '/api/coherence/tagging/suggest', payload: body })).statusCode,
    ).toBe(401);
    expect(
      (
        await t.call({
          method: 'POST',
          url: '/api/coherence/tagging/suggest',
          as: 'memberDelegate',
          payload: body,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.call({
          method: 'POST',
          url: '/api/coherence/tagging/suggest',
          as: 'secretariat',
          payload: { subjectType: 'decision' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.call({
          method: 'POST',
          url: '/api/coherence/tagging/suggest',
          as: 'secretariat',
          payload: { subjectType: 'decision', subjectIds: ['nope'] },
        })
      ).statusCode,
    ).toBe(422);
    // The demo already ran the model: nothing changes, and nothing is audited.
    const before = await auditCount();
    const res = await t.call({
      method: 'POST',
      url: '/api/coherence/tagging/suggest',
      as: 'secretariat',
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect(res.json().subjects).toBeGreaterThan(5);
    expect(await auditCount()).toBe(before);
    // The queue is the secretariat's working list.
    expect((await t.call({ method: 'GET', url: '/api/coherence/suggestions' })).statusCode).toBe(401);
    expect(
      (await t.call({ method: 'GET', url: '/api/coherence/suggestions', as: 'observer' })).statusCode,
    ).toBe(403);
    const queue = await t.call({
      method: 'GET',
      url: '/api/coherence/suggestions?status=suggested&tag=theme:psea&limit=2',
      as: 'secretariat',
    });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items).toHaveLength(2);
    expect(queue.json().nextCursor).not.toBeNull();
  });

  it('finds duplicates across boards and languages, duplicate reporting, conflicting deadlines, theme gaps and joint agenda candidates', async () => {
    const list = async (kind: string) =>
      (
        await t.call({ method: 'GET', url: `/api/coherence/findings?year=2024&kind=${kind}&limit=200` })
      ).json().items as {
        id: string;
        title: string;
        boardIds: string[];
        score: number;
        sharedTerms: string[];
        evidence: Record<string, unknown>;
        synthetic: boolean;
      }[];
    const near = await list('near-duplicate');
    const cross = near.find(
      (f) => f.boardIds.includes('unicef') && f.boardIds.includes('wfp') && /en\/zh|zh\/en/.test(f.title),
    );
    expect(cross).toBeDefined();
    expect(cross!.sharedTerms).toEqual(
      expect.arrayContaining(['sexual exploitation and abuse / 性剥削和性虐待']),
    );
    expect(near.every((f) => f.score >= 0.4 && f.synthetic !== undefined)).toBe(true);

    const dup = await list('duplicate-reporting');
    expect(dup.some((f) => f.boardIds.join() === 'unicef,unwomen')).toBe(true);
    const deadlines = await list('conflicting-deadlines');
    const psea = deadlines.find((f) => f.boardIds.join() === 'unicef,unwomen')!;
    expect(psea.title).toMatch(
      /annual session 2025.*second-regular session 2024|second-regular session 2024.*annual session 2025/,
    );
    const gaps = await list('theme-gap');
    expect(gaps.find((f) => f.title.startsWith('Risk management'))?.boardIds).toEqual(['unwomen']);
    const joint = await list('joint-agenda');
    expect(joint.find((f) => f.title.startsWith('PSEA'))?.boardIds).toEqual(['unicef', 'unwomen', 'wfp']);

    const one = await t.call({ method: 'GET', url: `/api/coherence/findings/${psea.id}` });
    expect(one.json().evidence.requests).toHaveLength(2);
    expect((await t.call({ method: 'GET', url: '/api/coherence/findings/nope' })).statusCode).toBe(404);
    expect((await t.call({ method: 'GET', url: '/api/coherence/findings' })).statusCode).toBe(400);
    const byBoard = await t.call({
      method: 'GET',
      url: '/api/coherence/findings?year=2024&board=wfp&limit=200',
    });
    expect(byBoard.json().items.every((f: { boardIds: string[] }) => f.boardIds.includes('wfp'))).toBe(true);
  });

  it('analyses a year only as the secretariat, replacing the year’s findings', async () => {
    expect(
      (await t.call({ method: 'POST', url: '/api/coherence/analyses', payload: { year: 2024 } })).statusCode,
    ).toBe(401);
    expect(
      (
        await t.call({
          method: 'POST',
          url: '/api/coherence/analyses',
          as: 'observer',
          payload: { year: 2024 },
        })
      ).statusCode,
    ).toBe(403);
    const before = await auditCount();
    expect(
      (
        await t.call({
          method: 'POST',
          url: '/api/coherence/analyses',
          as: 'secretariat',
          payload: { year: 'x' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.call({
          method: 'POST',
          url: '/api/coherence/analyses',
          as: 'secretariat',
          payload: { year: 2024, similarity: 5 },
        })
      ).statusCode,
    ).toBe(400);
    expect(await auditCount()).toBe(before);
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('coherence_findings')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('year', '=', 2024)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count();
    const res = await t.call({
      method: 'POST',
      url: '/api/coherence/analyses',
      as: 'secretariat',
      payload: { year: 2024 },
    });
    expect(res.statusCode).toBe(201);
    expect(Object.values(res.json().findings as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(n);
    expect(await count()).toBe(n);
    const runs = await t.database.db
      .selectFrom('coherence_runs')
      .select('id')
      .where('year', '=', 2024)
      .execute();
    expect(runs.length).toBe(2);
  });

  it('builds the board × theme matrix and the yearly report as JSON, HTML, CSV and PDF', async () => {
    const m = await t.call({ method: 'GET', url: '/api/coherence/matrix?year=2024' });
    expect(m.statusCode).toBe(200);
    const cell = m
      .json()
      .cells.find(
        (c: { board: string; tag: string }) => c.board === 'unwomen' && c.tag === 'theme:risk-management',
      );
    expect(cell.suggested).toBeGreaterThan(0);
    expect((await t.call({ method: 'GET', url: '/api/coherence/matrix' })).statusCode).toBe(400);

    const json = await t.call({ method: 'GET', url: '/api/coherence/report?year=2024' });
    expect(json.json().findings.map((g: { kind: string }) => g.kind)).toEqual([
      'near-duplicate',
      'duplicate-reporting',
      'conflicting-deadlines',
      'theme-gap',
      'joint-agenda',
    ]);
    const html = await t.call({ method: 'GET', url: '/api/coherence/report?year=2024&format=html' });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('Coherence across the Executive Boards, 2024');
    expect(html.body).toContain('性剥削和性虐待');
    expect(html.body).not.toMatch(/<script/i);
    const csv = await t.call({ method: 'GET', url: '/api/coherence/report?year=2024&format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe(
      'section,kind,year,boards,score,title,subject_a,subject_b,tag,shared_terms,confirmed,suggested,synthetic',
    );
    expect(lines.some((l) => l.startsWith('finding,conflicting-deadlines,2024,'))).toBe(true);
    const pdf = await t.call({ method: 'GET', url: '/api/coherence/report?year=2024&format=pdf' });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      (await t.call({ method: 'GET', url: '/api/coherence/report?year=2024&format=doc' })).statusCode,
    ).toBe(400);
  });

  it('shows overlapping meetings and flags the weeks a small delegation cannot cover', async () => {
    const cal = await t.call({ method: 'GET', url: '/api/coherence/calendar?year=2024' });
    expect(cal.statusCode).toBe(200);
    expect(
      cal
        .json()
        .overlaps.some(
          (o: { boards: string[] }) => o.boards.includes('unwomen') && o.boards.includes('undp-unfpa-unops'),
        ),
    ).toBe(true);
    const tuv = await t.call({ method: 'GET', url: '/api/coherence/load?year=2024&memberState=TUV' });
    const d = tuv.json().delegations[0];
    expect(d).toMatchObject({
      memberStateId: 'TUV',
      people: 1,
      small: true,
      memberOf: ['unicef', 'unwomen'],
    });
    expect(d.weeks.find((w: { week: string }) => w.week === '2024-06-10')).toMatchObject({
      hours: 24,
      overCapacity: true,
    });
    // Following every board as an observer adds the other boards' meetings.
    const all = await t.call({
      method: 'GET',
      url: '/api/coherence/load?year=2024&memberState=TUV&observes=all',
    });
    const june3 = all.json().delegations[0].weeks.find((w: { week: string }) => w.week === '2024-06-03');
    expect(june3.observerHours).toBeGreaterThan(0);
    expect(june3.cannotCoverParallel).toBe(true);
    expect(
      (await t.call({ method: 'GET', url: '/api/coherence/load?year=2024&memberState=XXX' })).statusCode,
    ).toBe(404);
    expect(
      (await t.call({ method: 'GET', url: '/api/coherence/load?year=2024&observes=DROP%20TABLE' }))
        .statusCode,
    ).toBe(400);
  });

  it('records a delegation’s capacity as the secretariat', async () => {
    const url = '/api/coherence/delegations/BTN/capacity';
    expect((await t.call({ method: 'PUT', url, payload: { people: 1 } })).statusCode).toBe(401);
    expect(
      (await t.call({ method: 'PUT', url, as: 'memberDelegate', payload: { people: 1 } })).statusCode,
    ).toBe(403);
    expect((await t.call({ method: 'PUT', url, as: 'secretariat', payload: { people: 0 } })).statusCode).toBe(
      400,
    );
    expect(
      (
        await t.call({
          method: 'PUT',
          url: '/api/coherence/delegations/XXX/capacity',
          as: 'secretariat',
          payload: { people: 1 },
        })
      ).statusCode,
    ).toBe(404);
    expect((await t.call({ method: 'PUT', url, as: 'secretariat', payload: { people: 1 } })).statusCode).toBe(
      204,
    );
    const btn = await t.call({ method: 'GET', url: '/api/coherence/load?year=2024&memberState=BTN' });
    expect(btn.json().delegations[0].people).toBe(1);
  });

  it('writes the yearly report from the CLI', async () => {
    if (backend !== 'sqlite') return; // the CLI opens its own database: a file, below
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-coherence-'));
    const db = `sqlite:${path.join(dir, 'c.db')}`;
    const io = { out: () => undefined, err: () => undefined, env: { LOG_LEVEL: 'silent' } };
    expect(await runCli(['--database', db, 'seed', 'demo'], io)).toBe(0);
    const out = path.join(dir, 'r.csv');
    expect(
      await runCli(
        ['--database', db, 'coherence', 'report', '--year', '2024', '--format', 'csv', '-o', out],
        io,
      ),
    ).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('finding,duplicate-reporting,2024,');
    expect(
      await runCli(['--database', db, 'coherence', 'report', '--year', '2024', '--format', 'pdf'], io),
    ).toBe(2);
    expect(await runCli(['--database', db, 'coherence', 'report', '--year', 'soon'], io)).toBe(2);
  }, 120_000);
});
