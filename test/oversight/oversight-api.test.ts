// The oversight tracker over HTTP on both backends: reviews, recommendations, responses on two
// axes checked against the configured workflow, implementation plans with progress roll-up, and
// bad input that must change nothing (compared by row counts and audit events before and after).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/db.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe.each(BACKENDS)('oversight API on %s', (backend) => {
  let t: TestApp;
  let reviewId: string;
  let recId: string;
  let undpBoardAddressee: string;
  let unicefHeadAddressee: string;

  /** Counts of every oversight table and audit event: "nothing changed" means these are equal. */
  const snapshot = async () => {
    const db = t.database.db;
    const n = async (
      table: 'oversight_reviews' | 'oversight_recommendations' | 'oversight_addressees' | 'oversight_actions' | 'oversight_status_changes' | 'audit_events',
    ) =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const versions = await db.selectFrom('oversight_addressees').select(['id', 'version', 'acceptance', 'implementation', 'progress']).orderBy('id').execute();
    return {
      reviews: await n('oversight_reviews'),
      recommendations: await n('oversight_recommendations'),
      addressees: await n('oversight_addressees'),
      actions: await n('oversight_actions'),
      changes: await n('oversight_status_changes'),
      audit: await n('audit_events'),
      versions,
    };
  };

  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(async () => t.close());

  const review = {
    title: 'Review of governance and oversight of the Executive Boards (synthetic test record)',
    issuingBody: 'JIU',
    year: 2023,
    issuedOn: '2023-06-15',
    symbol: 'TEST/REP/2023/1',
    synthetic: true,
  };

  describe('reviews', () => {
    it('requires a token (401) and a secretariat role (403)', async () => {
      expect((await t.call({ method: 'POST', url: '/api/oversight/reviews', payload: review })).statusCode).toBe(401);
      for (const as of ['memberDelegate', 'observer'])
        expect((await t.call({ method: 'POST', url: '/api/oversight/reviews', payload: review, as })).statusCode).toBe(403);
    });

    it('rejects a body with a missing title and an unknown field, naming both (400)', async () => {
      const { title: _t, ...rest } = review;
      const res = await t.call({ method: 'POST', url: '/api/oversight/reviews', payload: { ...rest, colour: 'red' }, as: 'secretariat' });
      expect(res.statusCode).toBe(400);
      const paths = res.json().errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['/body/title', '/body/colour']));
    });

    it('registers a review (201), reads it back, and refuses the same symbol twice (409)', async () => {
      const res = await t.call({ method: 'POST', url: '/api/oversight/reviews', payload: review, as: 'secretariat' });
      expect(res.statusCode).toBe(201);
      reviewId = res.json().id;
      expect(res.json()).toMatchObject({ issuingBody: 'JIU', issuedOn: '2023-06-15', recommendationCount: 0, progress: 0, synthetic: true });
      const got = await t.call({ method: 'GET', url: `/api/oversight/reviews/${reviewId}` });
      expect(got.statusCode).toBe(200);
      expect(got.headers.etag).toBe(`"${reviewId}.v1"`);
      const dup = await t.call({ method: 'POST', url: '/api/oversight/reviews', payload: review, as: 'unicefSecretariat' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().errors[0].path).toBe('/body/symbol');
      expect((await t.call({ method: 'GET', url: '/api/oversight/reviews/nope' })).statusCode).toBe(404);
      const list = await t.call({ method: 'GET', url: '/api/oversight/reviews?issuingBody=JIU' });
      expect(list.json().items.map((r: { id: string }) => r.id)).toEqual([reviewId]);
    });

    it('updates with If-Match and answers 412 to a stale ETag', async () => {
      const ok = await t.call({ method: 'PATCH', url: `/api/oversight/reviews/${reviewId}`, payload: { title: `${review.title} (rev.)` }, as: 'secretariat', headers: { 'if-match': `"${reviewId}.v1"` } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().version).toBe(2);
      const stale = await t.call({ method: 'PATCH', url: `/api/oversight/reviews/${reviewId}`, payload: { title: 'x' }, as: 'secretariat', headers: { 'if-match': `"${reviewId}.v1"` } });
      expect(stale.statusCode).toBe(412);
    });
  });

  describe('recommendations and addressees', () => {
    const rec = {
      number: '1',
      text: 'The Executive Boards should clarify the respective roles of the boards and management (synthetic test text).',
      category: 'roles-and-responsibilities',
      priority: 'high',
      addressees: [
        { kind: 'board', boardId: 'undp-unfpa-unops' },
        { kind: 'executive-head', entityId: 'unicef' },
      ],
    };

    it('adds a recommendation with a board and an executive head as addressees (201)', async () => {
      const res = await t.call({ method: 'POST', url: `/api/oversight/reviews/${reviewId}/recommendations`, payload: rec, as: 'admin' });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      recId = body.id;
      expect(body.weight).toBe(3); // high priority
      expect(body.synthetic).toBe(true); // inherited from the synthetic review
      const byKind = Object.fromEntries(body.addressees.map((a: { kind: string; id: string }) => [a.kind, a]));
      expect(byKind['executive-head']).toMatchObject({ boardId: 'unicef', entityId: 'unicef', label: 'Executive Director of UNICEF' });
      expect(byKind.board.acceptance.status).toBe('under-consideration');
      expect(byKind.board.implementation.status).toBe('not-started');
      undpBoardAddressee = byKind.board.id;
      unicefHeadAddressee = byKind['executive-head'].id;
    });

    it('refuses an unknown addressee with 400 naming the field, and nothing changes', async () => {
      const before = await snapshot();
      const res = await t.call({
        method: 'POST',
        url: `/api/oversight/reviews/${reviewId}/recommendations`,
        payload: { ...rec, number: '2', addressees: [{ kind: 'board', boardId: 'undp-unfpa-unops' }, { kind: 'executive-head', entityId: 'unesco' }] },
        as: 'admin',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('/body/addressees/1/entityId');
      expect(await snapshot()).toEqual(before);
    });

    it("forbids another board's secretariat to address this board (403), and a taken number is 409", async () => {
      const res = await t.call({ method: 'POST', url: `/api/oversight/reviews/${reviewId}/recommendations`, payload: { ...rec, number: '9' }, as: 'unicefSecretariat' });
      expect(res.statusCode).toBe(403);
      const dup = await t.call({ method: 'POST', url: `/api/oversight/reviews/${reviewId}/recommendations`, payload: rec, as: 'admin' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().errors[0].path).toBe('/body/number');
      expect((await t.call({ method: 'POST', url: '/api/oversight/reviews/nope/recommendations', payload: { ...rec, number: '5' }, as: 'admin' })).statusCode).toBe(404);
    });

    it('filters the list by board and by status', async () => {
      const unicef = await t.call({ method: 'GET', url: '/api/oversight/recommendations?board=unicef' });
      expect(unicef.json().items.map((r: { id: string }) => r.id)).toEqual([recId]);
      const wfp = await t.call({ method: 'GET', url: '/api/oversight/recommendations?board=wfp' });
      expect(wfp.json().items).toHaveLength(0);
      const bad = await t.call({ method: 'GET', url: '/api/oversight/recommendations?acceptance=maybe' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('/querystring/acceptance');
    });
  });

  describe('responses on two axes, checked against the workflow', () => {
    it("records acceptance with date, author and justification; another board's secretariat may not (403)", async () => {
      expect((await t.call({ method: 'POST', url: `/api/oversight/addressees/${undpBoardAddressee}/acceptance`, payload: { status: 'accepted', on: '2023-09-01' } })).statusCode).toBe(401);
      expect(
        (await t.call({ method: 'POST', url: `/api/oversight/addressees/${undpBoardAddressee}/acceptance`, payload: { status: 'accepted', on: '2023-09-01' }, as: 'unicefSecretariat' })).statusCode,
      ).toBe(403);
      const res = await t.call({
        method: 'POST',
        url: `/api/oversight/addressees/${undpBoardAddressee}/acceptance`,
        payload: { status: 'accepted', on: '2023-09-01', justification: 'Endorsed by the Board' },
        as: 'secretariat',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().acceptance).toMatchObject({ status: 'accepted', on: '2023-09-01', by: 'secretariat@example.org', justification: 'Endorsed by the Board' });
      expect(res.json().history.map((h: { axis: string; from: string; to: string }) => `${h.axis}:${h.from}->${h.to}`)).toEqual(['acceptance:under-consideration->accepted']);
      expect((await t.call({ method: 'POST', url: '/api/oversight/addressees/nope/acceptance', payload: { status: 'accepted', on: '2023-09-01' }, as: 'admin' })).statusCode).toBe(404);
    });

    it('refuses implementation before acceptance (409) and a date before the review (400), changing nothing', async () => {
      const before = await snapshot();
      const early = await t.call({ method: 'POST', url: `/api/oversight/addressees/${unicefHeadAddressee}/implementation`, payload: { status: 'in-progress', on: '2023-10-01' }, as: 'unicefSecretariat' });
      expect(early.statusCode).toBe(409);
      expect(early.json().errors[0].path).toBe('/body/status');
      const beforeReview = await t.call({ method: 'POST', url: `/api/oversight/addressees/${undpBoardAddressee}/implementation`, payload: { status: 'in-progress', on: '2023-01-01' }, as: 'secretariat' });
      expect(beforeReview.statusCode).toBe(400);
      expect(beforeReview.json().errors[0].path).toBe('/body/on');
      const unknown = await t.call({ method: 'POST', url: `/api/oversight/addressees/${undpBoardAddressee}/implementation`, payload: { status: 'finished', on: '2024-01-01' }, as: 'secretariat' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0].path).toBe('/body/status');
      expect(await snapshot()).toEqual(before);
    });

    it('moves implementation to implemented; going back to not started needs a reason (400 without, nothing changes)', async () => {
      const a = `/api/oversight/addressees/${undpBoardAddressee}/implementation`;
      expect((await t.call({ method: 'POST', url: a, payload: { status: 'in-progress', on: '2023-10-01' }, as: 'secretariat' })).statusCode).toBe(200);
      const done = await t.call({ method: 'POST', url: a, payload: { status: 'implemented', on: '2024-06-07' }, as: 'secretariat' });
      expect(done.statusCode).toBe(200);
      expect(done.json().progress).toBe(100);
      const before = await snapshot();
      const back = await t.call({ method: 'POST', url: a, payload: { status: 'not-started', on: '2024-07-01' }, as: 'secretariat' });
      expect(back.statusCode).toBe(400);
      expect(back.json().errors[0].path).toBe('/body/justification');
      const same = await t.call({ method: 'POST', url: a, payload: { status: 'implemented', on: '2024-07-01' }, as: 'secretariat' });
      expect(same.statusCode).toBe(409); // implemented -> implemented is not a transition
      expect(await snapshot()).toEqual(before);
      const reopened = await t.call({ method: 'POST', url: a, payload: { status: 'not-started', on: '2024-07-01', justification: 'Board decision reopened the matter' }, as: 'secretariat' });
      expect(reopened.statusCode).toBe(200);
      expect(reopened.json().progress).toBe(0);
      const after = await snapshot();
      expect(after.audit).toBe(before.audit + 1);
      expect(after.changes).toBe(before.changes + 1);
      const events = await t.database.db.selectFrom('audit_events').select(['action', 'actor_roles']).orderBy('seq', 'desc').limit(1).execute();
      expect(events[0]).toMatchObject({ action: 'oversight.implementation.recorded', actor_roles: 'secretariat@undp-unfpa-unops' });
    });
  });

  describe('implementation plans', () => {
    let a1: string;
    let a2: string;

    it('refuses a due date before the review (400), nothing changes', async () => {
      const before = await snapshot();
      const res = await t.call({
        method: 'POST',
        url: `/api/oversight/addressees/${undpBoardAddressee}/actions`,
        payload: { title: 'Draft terms of reference', owner: 'Secretary of the Board', dueDate: '2022-12-31' },
        as: 'secretariat',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('/body/dueDate');
      const session = await t.call({
        method: 'POST',
        url: `/api/oversight/addressees/${undpBoardAddressee}/actions`,
        payload: { title: 'x', owner: 'y', dueSession: { type: 'annual', year: 2021 } },
        as: 'secretariat',
      });
      expect(session.statusCode).toBe(400);
      expect(session.json().errors[0].path).toBe('/body/dueSession/year');
      expect(await snapshot()).toEqual(before);
    });

    it('rolls weighted action progress up to the addressee, the recommendation and the review', async () => {
      const url = `/api/oversight/addressees/${undpBoardAddressee}/actions`;
      const r1 = await t.call({ method: 'POST', url, payload: { title: 'Draft terms of reference', owner: 'Secretary of the Board', dueDate: '2024-03-31', weight: 1 }, as: 'secretariat' });
      const r2 = await t.call({ method: 'POST', url, payload: { title: 'Joint board retreat', owner: 'Bureau', dueSession: { type: 'annual', year: 2025 }, weight: 3 }, as: 'secretariat' });
      expect(r1.statusCode).toBe(201);
      expect(r2.json().dueSession).toEqual({ type: 'annual', year: 2025 });
      a1 = r1.json().id;
      a2 = r2.json().id;
      const p = await t.call({ method: 'POST', url: `/api/oversight/actions/${a1}/progress`, payload: { status: 'completed', on: '2024-07-15' }, as: 'secretariat' });
      expect(p.statusCode).toBe(200);
      expect(p.json()).toMatchObject({ status: 'completed', progress: 100, completedOn: '2024-07-15' });
      await t.call({ method: 'POST', url: `/api/oversight/actions/${a2}/progress`, payload: { status: 'in-progress', progress: 40, on: '2024-08-01' }, as: 'secretariat' });
      const addr = await t.call({ method: 'GET', url: `/api/oversight/addressees/${undpBoardAddressee}` });
      // (1 x 100 + 3 x 40) / 4 = 55
      expect(addr.json().progress).toBe(55);
      expect(addr.json().lastProgressOn).toBe('2024-08-01');
      const rec = await t.call({ method: 'GET', url: `/api/oversight/recommendations/${recId}` });
      expect(rec.json().progress).toBe(27.5); // mean of 55 and 0 (UNICEF head has no plan yet)
      expect(rec.json().actions).toHaveLength(2);
      const rv = await t.call({ method: 'GET', url: `/api/oversight/reviews/${reviewId}` });
      expect(rv.json().progress).toBe(27.5);
    });

    it('refuses progress outside 0-100 (400 naming progress) and a drop without a reason, changing nothing', async () => {
      const before = await snapshot();
      for (const progress of [150, -5]) {
        const res = await t.call({ method: 'POST', url: `/api/oversight/actions/${a2}/progress`, payload: { progress, on: '2024-09-01' }, as: 'secretariat' });
        expect(res.statusCode).toBe(400);
        expect(res.json().errors[0].path).toBe('/body/progress');
      }
      const drop = await t.call({ method: 'POST', url: `/api/oversight/actions/${a2}/progress`, payload: { progress: 10, on: '2024-09-01' }, as: 'secretariat' });
      expect(drop.statusCode).toBe(400);
      expect(drop.json().errors[0].path).toBe('/body/justification');
      const cancel = await t.call({ method: 'POST', url: `/api/oversight/actions/${a2}/progress`, payload: { status: 'cancelled', on: '2024-09-01' }, as: 'secretariat' });
      expect(cancel.statusCode).toBe(400);
      expect(await snapshot()).toEqual(before);
      expect((await t.call({ method: 'POST', url: '/api/oversight/actions/nope/progress', payload: { progress: 5, on: '2024-09-01' }, as: 'secretariat' })).statusCode).toBe(404);
      expect((await t.call({ method: 'POST', url: `/api/oversight/actions/${a2}/progress`, payload: { progress: 50, on: '2024-09-01' }, as: 'memberDelegate' })).statusCode).toBe(403);
    });

    it('attaches evidence: a link, or a registered document; a javascript: URL is refused', async () => {
      const link = await t.call({ method: 'POST', url: `/api/oversight/actions/${a1}/evidence`, payload: { kind: 'link', title: 'Terms of reference', url: 'https://example.org/tor.pdf' }, as: 'secretariat' });
      expect(link.statusCode).toBe(201);
      const bad = await t.call({ method: 'POST', url: `/api/oversight/actions/${a1}/evidence`, payload: { kind: 'link', title: 'x', url: 'javascript:alert(1)' }, as: 'secretariat' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('/body/url');
      const missing = await t.call({ method: 'POST', url: `/api/oversight/actions/${a1}/evidence`, payload: { kind: 'document', title: 'x', documentId: 'nope' }, as: 'secretariat' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors[0].path).toBe('/body/documentId');
      const action = await t.call({ method: 'GET', url: `/api/oversight/actions/${a1}` });
      expect(action.json().evidence.map((e: { url: string }) => e.url)).toEqual(['https://example.org/tor.pdf']);
    });

    it('lists overdue actions (due session passed, not completed) as of a date', async () => {
      const before = await t.call({ method: 'GET', url: '/api/oversight/dashboard/overdue-actions?asOf=2025-05-01' });
      expect(before.json().items).toHaveLength(0);
      const after = await t.call({ method: 'GET', url: '/api/oversight/dashboard/overdue-actions?asOf=2025-07-01' });
      expect(after.json().items).toHaveLength(1);
      expect(after.json().items[0]).toMatchObject({ actionId: a2, dueOn: '2025-06-01', daysOverdue: 30, boardId: 'undp-unfpa-unops' });
    });
  });

  describe('workflows are data', () => {
    it('lists the configured transitions and lets only an administrator replace them', async () => {
      const wf = await t.call({ method: 'GET', url: '/api/oversight/workflows' });
      const impl = wf.json().items.find((w: { axis: string }) => w.axis === 'implementation');
      expect(impl.transitions).toContainEqual({ axis: 'implementation', from: 'implemented', to: 'not-started', requiresJustification: true });
      const body = { transitions: [{ from: 'not-started', to: 'in-progress', requiresJustification: false }], justification: 'test' };
      expect((await t.call({ method: 'PUT', url: '/api/oversight/workflows/implementation', payload: body, as: 'secretariat' })).statusCode).toBe(403);
      const badStatus = await t.call({ method: 'PUT', url: '/api/oversight/workflows/implementation', payload: { ...body, transitions: [{ from: 'not-started', to: 'done', requiresJustification: false }] }, as: 'admin' });
      expect(badStatus.statusCode).toBe(400);
      expect(badStatus.json().errors[0].path).toBe('/body/transitions/0/to');
    });

    it('checks every change against the configured map: removing a transition forbids it', async () => {
      const wf = await t.call({ method: 'GET', url: '/api/oversight/workflows' });
      const acceptance = wf.json().items.find((w: { axis: string }) => w.axis === 'acceptance').transitions as { from: string; to: string; requiresJustification: boolean }[];
      const without = acceptance.filter((x) => !(x.from === 'under-consideration' && x.to === 'accepted'));
      const put = await t.call({
        method: 'PUT',
        url: '/api/oversight/workflows/acceptance',
        payload: { transitions: without.map(({ from, to, requiresJustification }) => ({ from, to, requiresJustification })), justification: 'Acceptance now goes through partial acceptance first' },
        as: 'admin',
      });
      expect(put.statusCode).toBe(200);
      const refused = await t.call({ method: 'POST', url: `/api/oversight/addressees/${unicefHeadAddressee}/acceptance`, payload: { status: 'accepted', on: '2023-09-01' }, as: 'unicefSecretariat' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().errors[0].message).toContain('allowed: ');
      await t.call({
        method: 'PUT',
        url: '/api/oversight/workflows/acceptance',
        payload: { transitions: acceptance.map(({ from, to, requiresJustification }) => ({ from, to, requiresJustification })), justification: 'restore' },
        as: 'admin',
      });
      const ok = await t.call({ method: 'POST', url: `/api/oversight/addressees/${unicefHeadAddressee}/acceptance`, payload: { status: 'accepted', on: '2023-09-01' }, as: 'unicefSecretariat' });
      expect(ok.statusCode).toBe(200);
    });
  });

  describe('dashboards', () => {
    it('gives acceptance and implementation rates per board, entity and review', async () => {
      const byBoard = await t.call({ method: 'GET', url: '/api/oversight/dashboard/rates?by=board' });
      expect(byBoard.statusCode).toBe(200);
      const undp = byBoard.json().items.find((r: { key: string }) => r.key === 'undp-unfpa-unops');
      expect(undp).toMatchObject({ addressees: 1, responded: 1, accepted: 1, acceptanceRate: 1, implementationRate: 0, progress: 55 });
      const byEntity = await t.call({ method: 'GET', url: '/api/oversight/dashboard/rates?by=entity' });
      expect(byEntity.json().items).toEqual([expect.objectContaining({ key: 'unicef', label: 'Executive Director of UNICEF', accepted: 1 })]);
      const byReview = await t.call({ method: 'GET', url: '/api/oversight/dashboard/rates?by=review' });
      expect(byReview.json().items[0]).toMatchObject({ key: reviewId, addressees: 2, accepted: 2, acceptanceRate: 1 });
      expect((await t.call({ method: 'GET', url: '/api/oversight/dashboard/rates?by=colour' })).statusCode).toBe(400);
    });

    it('lists recommendations with no progress for N months', async () => {
      const res = await t.call({ method: 'GET', url: '/api/oversight/dashboard/stalled?months=6&asOf=2024-06-01' });
      expect(res.statusCode).toBe(200);
      // The UNICEF head accepted on 2023-09-01 and did nothing since: stalled; the UNDP board last moved 2024-08-01.
      expect(res.json()).toMatchObject({ cutoff: '2023-12-01' });
      expect(res.json().items.map((i: { addresseeId: string }) => i.addresseeId)).toEqual([unicefHeadAddressee]);
      const later = await t.call({ method: 'GET', url: '/api/oversight/dashboard/stalled?months=6&asOf=2025-06-01' });
      expect(later.json().items.map((i: { addresseeId: string }) => i.addresseeId).sort()).toEqual([undpBoardAddressee, unicefHeadAddressee].sort());
    });
  });

  describe('exports and the status report', () => {
    it('exports lists as RFC 4180 CSV and as JSON', async () => {
      const csv = await t.call({ method: 'GET', url: '/api/oversight/exports/addressees?format=csv' });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const { parseCsv } = await import('../../src/lib/csv.js');
      const rows = parseCsv(csv.body);
      const header = rows[0]!.fields;
      expect(header).toEqual(expect.arrayContaining(['id', 'acceptance', 'implementation', 'acceptance_justification', 'label']));
      expect(rows).toHaveLength(3);
      const json = await t.call({ method: 'GET', url: '/api/oversight/exports/status-changes?format=json' });
      const items = json.json().items as { justification: string | null }[];
      expect(items.some((i) => i.justification === 'Board decision reopened the matter')).toBe(true);
      expect((await t.call({ method: 'GET', url: '/api/oversight/exports/nothing' })).statusCode).toBe(400);
    });

    it('renders the status report of a review as HTML and PDF', async () => {
      const h = await t.call({ method: 'GET', url: `/api/oversight/reviews/${reviewId}/report?asOf=2025-01-01` });
      expect(h.statusCode).toBe(200);
      expect(h.headers['content-type']).toContain('text/html');
      expect(h.body).toContain('Recommendation 1');
      expect(h.body).toContain('Executive Director of UNICEF');
      expect(h.body).toContain('synthetic demo record');
      const p = await t.call({ method: 'GET', url: `/api/oversight/reviews/${reviewId}/report?format=pdf` });
      expect(p.statusCode).toBe(200);
      expect(p.headers['content-type']).toBe('application/pdf');
      expect(p.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await t.call({ method: 'GET', url: '/api/oversight/reviews/nope/report' })).statusCode).toBe(404);
    });
  });
});
