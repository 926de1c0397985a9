// Mandates suggested from decision text (the demo decision 2024/901), confirmed, rejected and
// fulfilled; the two-phase CSV import; working groups; cross-board shared subjects — over HTTP on
// both backends, with bad input shown to change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSyntheticExamples } from '../../src/seed/demo.js';
import { BACKENDS } from '../support/db.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe.each(BACKENDS)('oversight mandates, import, groups and links on %s', (backend) => {
  let t: TestApp;
  let decisionId: string;
  let reviewId: string;

  const count = async (table: 'oversight_mandates' | 'oversight_recommendations' | 'oversight_addressees' | 'oversight_status_changes' | 'audit_events') =>
    Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => ({
    mandates: await count('oversight_mandates'),
    recommendations: await count('oversight_recommendations'),
    addressees: await count('oversight_addressees'),
    changes: await count('oversight_status_changes'),
    audit: await count('audit_events'),
  });

  beforeAll(async () => {
    t = await createTestApp(backend);
    await loadSyntheticExamples(t.database.db);
    const d = await t.database.db.selectFrom('decisions').select('id').where('number', '=', '2024/901').executeTakeFirstOrThrow();
    decisionId = d.id;
    const r = await t.call({
      method: 'POST',
      url: '/api/oversight/reviews',
      payload: { title: 'WFP governance review (synthetic test record)', issuingBody: 'Independent consultant', year: 2023, issuedOn: '2023-03-01', synthetic: true },
      as: 'admin',
    });
    reviewId = r.json().id;
  });
  afterAll(async () => t.close());

  describe('mandates', () => {
    let mandateId: string;

    it('previews extraction from English and Chinese text without storing anything', async () => {
      const before = await counts();
      const zh = await t.call({
        method: 'POST',
        url: '/api/oversight/mandates/extract?board=wfp',
        payload: { text: '要求执行主任在2025年第二届常会上向执行局提交关于治理审查执行计划的报告；' },
      });
      expect(zh.statusCode).toBe(200);
      expect(zh.json().items).toEqual([
        expect.objectContaining({ entityId: 'wfp', verb: '提交', deliverable: '提交关于治理审查执行计划的报告', dueSession: { type: 'second-regular', year: 2025 }, language: 'zh' }),
      ]);
      expect(await counts()).toEqual(before);
    });

    it('requires the secretariat of the decision’s board to suggest (401/403), 404 for an unknown decision', async () => {
      const url = `/api/oversight/decisions/${decisionId}/mandate-suggestions`;
      expect((await t.call({ method: 'POST', url })).statusCode).toBe(401);
      expect((await t.call({ method: 'POST', url, as: 'unicefSecretariat' })).statusCode).toBe(403);
      expect((await t.call({ method: 'POST', url: '/api/oversight/decisions/nope/mandate-suggestions', as: 'secretariat' })).statusCode).toBe(404);
    });

    it('suggests the mandate in paragraph 2 of decision 2024/901, once (idempotent)', async () => {
      const url = `/api/oversight/decisions/${decisionId}/mandate-suggestions`;
      const res = await t.call({ method: 'POST', url, as: 'secretariat' });
      expect(res.statusCode).toBe(200);
      expect(res.json().created).toHaveLength(1);
      const m = res.json().items[0];
      expect(m).toMatchObject({
        boardId: 'undp-unfpa-unops',
        decisionNumber: '2024/901',
        paragraphNumber: '2',
        entityId: 'undp',
        addresseeText: 'Administrator',
        verb: 'report',
        deliverable: 'report on the implementation of the recommendations',
        dueSession: { type: 'annual', year: 2025 },
        status: 'suggested',
        synthetic: true,
      });
      expect(m.span.text).toBe('Requests the Administrator to report on the implementation of the recommendations at its annual session 2025');
      mandateId = m.id;
      const before = await counts();
      const again = await t.call({ method: 'POST', url, as: 'secretariat' });
      expect(again.json().created).toEqual([]);
      expect(await counts()).toEqual(before);
    });

    it('rejecting needs a reason (400, nothing changes); confirming is audited; fulfilment needs a document of the board', async () => {
      const before = await counts();
      const noReason = await t.call({ method: 'POST', url: `/api/oversight/mandates/${mandateId}/reject`, payload: { justification: ' ' }, as: 'secretariat' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().errors[0].path).toBe('/body/justification');
      const early = await t.call({ method: 'POST', url: `/api/oversight/mandates/${mandateId}/fulfil`, payload: { documentId: 'nope', on: '2025-06-01' }, as: 'secretariat' });
      expect(early.statusCode).toBe(400);
      expect(await counts()).toEqual(before);

      const ok = await t.call({ method: 'POST', url: `/api/oversight/mandates/${mandateId}/confirm`, payload: {}, as: 'secretariat' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().status).toBe('confirmed');
      expect(ok.json().history.map((h: { to: string }) => h.to)).toEqual(['suggested', 'confirmed']);
      const doc = await t.call({
        method: 'POST',
        url: '/api/documents',
        payload: { type: 'report', title: 'Report on the implementation of the recommendations (synthetic)', date: '2025-04-20', originalLanguage: 'en', boardIds: ['undp-unfpa-unops'], synthetic: true },
        as: 'admin',
      });
      const wrongBoard = await t.call({
        method: 'POST',
        url: '/api/documents',
        payload: { type: 'report', title: 'UNICEF report (synthetic)', date: '2025-04-20', originalLanguage: 'en', boardIds: ['unicef'], synthetic: true },
        as: 'admin',
      });
      const bad = await t.call({ method: 'POST', url: `/api/oversight/mandates/${mandateId}/fulfil`, payload: { documentId: wrongBoard.json().id, on: '2025-06-01' }, as: 'secretariat' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('/body/documentId');
      const done = await t.call({ method: 'POST', url: `/api/oversight/mandates/${mandateId}/fulfil`, payload: { documentId: doc.json().id, on: '2025-06-02' }, as: 'secretariat' });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ status: 'fulfilled', fulfilledByDocumentId: doc.json().id, fulfilledOn: '2025-06-02' });
      const reject = await t.call({ method: 'POST', url: `/api/oversight/mandates/${mandateId}/reject`, payload: { justification: 'x' }, as: 'secretariat' });
      expect(reject.statusCode).toBe(409); // fulfilled -> rejected is not in the mandate workflow
    });

    it('shows the reporting load per upcoming session and entity', async () => {
      await t.call({
        method: 'POST',
        url: '/api/oversight/mandates',
        payload: { boardId: 'undp-unfpa-unops', entityId: 'unfpa', addresseeText: 'Executive Director of UNFPA', deliverable: 'update on the implementation plan', dueSession: { type: 'annual', year: 2025 } },
        as: 'secretariat',
      });
      const badEntity = await t.call({
        method: 'POST',
        url: '/api/oversight/mandates',
        payload: { boardId: 'undp-unfpa-unops', entityId: 'wfp', addresseeText: 'x', deliverable: 'y' },
        as: 'secretariat',
      });
      expect(badEntity.statusCode).toBe(400);
      expect(badEntity.json().errors[0].path).toBe('/body/entityId');
      const load = await t.call({ method: 'GET', url: '/api/oversight/dashboard/reporting-load?fromYear=2025' });
      expect(load.statusCode).toBe(200);
      const annual = load.json().sessions[0];
      expect(annual).toMatchObject({ type: 'annual', year: 2025, total: 1 });
      expect(annual.entities).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ entityId: 'unfpa', confirmed: 1, fulfilled: 0 }),
          expect.objectContaining({ entityId: 'undp', confirmed: 0, fulfilled: 1 }),
        ]),
      );
    });
  });

  describe('two-phase CSV import', () => {
    const header = 'number,text,category,priority,addressee,acceptance,acceptance_date,acceptance_justification,implementation,implementation_date';

    it('previews with per-row errors; committing that preview is 409 and changes nothing', async () => {
      const csv = [
        header,
        '1,"Establish a working group, with a clear mandate (synthetic)",structure,high,board:wfp,accepted,2023-05-02,,in-progress,2023-06-01',
        '2,Align agendas (synthetic),processes,medium,board:unesco,accepted,2023-05-02,,,',
        '3,Reduce information asymmetry (synthetic),information,high,head:wfp,,,,implemented,2023-06-01',
        '4,Progress outside the review (synthetic),systems,low,board:wfp,accepted,2022-12-01,,,',
      ].join('\r\n');
      const before = await counts();
      const res = await t.call({ method: 'POST', url: `/api/oversight/reviews/${reviewId}/imports`, payload: { csv }, as: 'admin' });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({ status: 'previewed', rowCount: 4, errorCount: 3 });
      expect(body.rows[0]).toMatchObject({ row: 2, errors: [], effects: ['create recommendation 1', 'add addressee board:wfp', 'acceptance: under-consideration -> accepted', 'implementation: not-started -> in-progress'] });
      expect(body.rows[1].errors).toEqual([{ field: 'addressee', message: "unknown board 'unesco'" }]);
      expect(body.rows[2].errors[0].field).toBe('implementation');
      expect(body.rows[3].errors[0].field).toBe('acceptance_date');
      const commit = await t.call({ method: 'POST', url: `/api/oversight/imports/${body.id}/commit`, as: 'admin' });
      expect(commit.statusCode).toBe(409);
      expect(commit.json().errors.map((e: { path: string }) => e.path)).toEqual(['/csv/row/3/addressee', '/csv/row/4/implementation', '/csv/row/5/acceptance_date']);
      const after = await counts();
      expect(after.recommendations).toBe(before.recommendations);
      expect(after.addressees).toBe(before.addressees);
      expect(after.changes).toBe(before.changes);
      expect(after.audit).toBe(before.audit + 1); // only the preview itself is recorded
    });

    it('rejects a malformed file (400) and requires the secretariat role (401/403)', async () => {
      const bad = await t.call({ method: 'POST', url: `/api/oversight/reviews/${reviewId}/imports`, payload: { csv: 'number,colour\n1,red' }, as: 'admin' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('/body/csv/colour');
      const quote = await t.call({ method: 'POST', url: `/api/oversight/reviews/${reviewId}/imports`, payload: { csv: `${header}\n"1"x,` }, as: 'admin' });
      expect(quote.statusCode).toBe(400);
      expect((await t.call({ method: 'POST', url: `/api/oversight/reviews/${reviewId}/imports`, payload: { csv: header } })).statusCode).toBe(401);
      expect((await t.call({ method: 'POST', url: `/api/oversight/reviews/${reviewId}/imports`, payload: { csv: header }, as: 'observer' })).statusCode).toBe(403);
      expect((await t.call({ method: 'POST', url: '/api/oversight/imports/nope/commit', as: 'admin' })).statusCode).toBe(404);
    });

    it('commits a clean preview through the audited commands, once', async () => {
      const csv = [
        header,
        '1,"Establish a working group, with a clear mandate (synthetic)",structure,high,board:wfp,accepted,2023-05-02,,in-progress,2023-06-01',
        '1,,,,head:wfp,partially-accepted,2023-05-10,Resources are limited,,',
        '2,"Share information with all members, not only those attending informal meetings (synthetic)",information,medium,board:wfp,not-relevant,2023-05-02,Covered by existing practice,,',
      ].join('\n');
      const before = await counts();
      const preview = await t.call({ method: 'POST', url: `/api/oversight/reviews/${reviewId}/imports`, payload: { csv }, as: 'admin' });
      expect(preview.json().errorCount).toBe(0);
      const commit = await t.call({ method: 'POST', url: `/api/oversight/imports/${preview.json().id}/commit`, as: 'admin' });
      expect(commit.statusCode).toBe(200);
      expect(commit.json().status).toBe('committed');
      const after = await counts();
      expect(after.recommendations).toBe(before.recommendations + 2);
      expect(after.addressees).toBe(before.addressees + 3);
      expect(after.changes).toBe(before.changes + 4);
      const recs = await t.call({ method: 'GET', url: `/api/oversight/recommendations?review=${reviewId}` });
      const r1 = recs.json().items.find((r: { number: string }) => r.number === '1');
      expect(r1.addressees.map((a: { label: string; acceptance: { status: string } }) => `${a.label}:${a.acceptance.status}`).sort()).toEqual([
        'Executive Board of WFP:accepted',
        'Executive Director of WFP:partially-accepted',
      ]);
      expect((await t.call({ method: 'POST', url: `/api/oversight/imports/${preview.json().id}/commit`, as: 'admin' })).statusCode).toBe(409);
    });
  });

  describe('working groups and shared subjects', () => {
    let wgId: string;

    it('establishes a working group with members, meetings and recommendations', async () => {
      expect((await t.call({ method: 'POST', url: '/api/oversight/working-groups', payload: { boardId: 'wfp', name: 'x', establishedOn: '2023-06-01' }, as: 'secretariat' })).statusCode).toBe(403);
      const res = await t.call({ method: 'POST', url: '/api/oversight/working-groups', payload: { boardId: 'wfp', name: 'Working group on the governance review (synthetic)', establishedOn: '2023-06-01', synthetic: true }, as: 'admin' });
      expect(res.statusCode).toBe(201);
      wgId = res.json().id;
      expect((await t.call({ method: 'POST', url: `/api/oversight/working-groups/${wgId}/members`, payload: { memberStateId: 'KEN', role: 'chair' }, as: 'admin' })).statusCode).toBe(201);
      const second = await t.call({ method: 'POST', url: `/api/oversight/working-groups/${wgId}/members`, payload: { memberStateId: 'NLD', role: 'chair' }, as: 'admin' });
      expect(second.statusCode).toBe(409);
      const unknown = await t.call({ method: 'POST', url: `/api/oversight/working-groups/${wgId}/members`, payload: { memberStateId: 'ZZZ', role: 'member' }, as: 'admin' });
      expect(unknown.statusCode).toBe(400);
      const early = await t.call({ method: 'POST', url: `/api/oversight/working-groups/${wgId}/meetings`, payload: { date: '2023-01-01', title: 'x' }, as: 'admin' });
      expect(early.json().errors[0].path).toBe('/body/date');
      await t.call({ method: 'POST', url: `/api/oversight/working-groups/${wgId}/meetings`, payload: { date: '2023-07-10', title: 'First meeting' }, as: 'admin' });
      const recs = await t.call({ method: 'GET', url: `/api/oversight/recommendations?review=${reviewId}&board=wfp` });
      const assigned = await t.call({ method: 'POST', url: `/api/oversight/working-groups/${wgId}/recommendations`, payload: { recommendationId: recs.json().items[0].id }, as: 'admin' });
      expect(assigned.statusCode).toBe(201);
      expect(assigned.json()).toMatchObject({ members: [{ memberStateId: 'KEN', name: 'Kenya', role: 'chair' }], meetings: [{ title: 'First meeting' }], recommendationIds: [recs.json().items[0].id] });
      expect((await t.call({ method: 'GET', url: '/api/oversight/working-groups/nope' })).statusCode).toBe(404);
    });

    it('links recommendations of two boards as one subject and shows them side by side; one board is not enough', async () => {
      const wfpRec = (await t.call({ method: 'GET', url: `/api/oversight/recommendations?review=${reviewId}&board=wfp` })).json().items[0];
      const rv = await t.call({ method: 'POST', url: '/api/oversight/reviews', payload: { title: 'JIU review (synthetic test record)', issuingBody: 'JIU', year: 2023, synthetic: true }, as: 'admin' });
      const unicefRec = await t.call({
        method: 'POST',
        url: `/api/oversight/reviews/${rv.json().id}/recommendations`,
        payload: { number: '3', text: 'Establish a working group (synthetic)', category: 'structure', priority: 'medium', addressees: [{ kind: 'board', boardId: 'unicef' }] },
        as: 'admin',
      });
      const same = await t.call({
        method: 'POST',
        url: '/api/oversight/shared-subjects',
        payload: { title: 'x', members: [{ subjectType: 'recommendation', subjectId: wfpRec.id }, { subjectType: 'recommendation', subjectId: wfpRec.id }] },
        as: 'admin',
      });
      expect(same.statusCode).toBe(400);
      const res = await t.call({
        method: 'POST',
        url: '/api/oversight/shared-subjects',
        payload: {
          title: 'Working groups on governance reviews (shared practice)',
          members: [
            { subjectType: 'recommendation', subjectId: wfpRec.id },
            { subjectType: 'recommendation', subjectId: unicefRec.json().id },
          ],
        },
        as: 'unicefSecretariat',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().boards).toEqual(['unicef', 'wfp']);
      expect(res.json().rows.map((r: { boardId: string; status: string }) => `${r.boardId}:${r.status}`)).toEqual([
        'unicef:under-consideration',
        'wfp:accepted',
        'wfp:partially-accepted',
      ]);
      const members = [
        { subjectType: 'recommendation', subjectId: wfpRec.id },
        { subjectType: 'recommendation', subjectId: unicefRec.json().id },
      ];
      expect((await t.call({ method: 'POST', url: '/api/oversight/shared-subjects', payload: { title: 'x', members }, as: 'memberDelegate' })).statusCode).toBe(403);
      expect((await t.call({ method: 'GET', url: `/api/oversight/shared-subjects/${res.json().id}` })).json().rows).toHaveLength(3);
    });

    it('links a recommendation to the decision that endorsed it', async () => {
      const rec = (await t.call({ method: 'GET', url: `/api/oversight/recommendations?review=${reviewId}` })).json().items[0];
      const bad = await t.call({ method: 'POST', url: '/api/oversight/decision-links', payload: { subjectType: 'recommendation', subjectId: rec.id, decisionId: decisionId, paragraphNumber: '9', relation: 'endorses' }, as: 'secretariat' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('/body/paragraphNumber');
      const ok = await t.call({ method: 'POST', url: '/api/oversight/decision-links', payload: { subjectType: 'recommendation', subjectId: rec.id, decisionId: decisionId, paragraphNumber: '1', relation: 'endorses' }, as: 'secretariat' });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ decisionNumber: '2024/901', boardId: 'undp-unfpa-unops', relation: 'endorses' });
      const detail = await t.call({ method: 'GET', url: `/api/oversight/recommendations/${rec.id}` });
      expect(detail.json().decisionLinks).toHaveLength(1);
      expect((await t.call({ method: 'POST', url: '/api/oversight/decision-links', payload: { subjectType: 'recommendation', subjectId: rec.id, decisionId: decisionId, paragraphNumber: '1', relation: 'endorses' }, as: 'secretariat' })).statusCode).toBe(409);
    });
  });
});
