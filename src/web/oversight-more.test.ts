// Mandates, working groups, shared subjects, decision links, evidence and action edits in the web
// UI, over HTTP (inject) on both backends with the synthetic oversight demo: pages show what the
// API holds, unknown ids are HTML 404s, each form is refused to the wrong role (401/403), reports bad
// input beside its field (400) and, for the right role, changes the record through the command
// (checked through the API) with an audit event. Pages stay within the budget; Arabic is right-to-left.
import { pageWeight, PAGE_BUDGET } from '../../test/support/web.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { BACKENDS } from '../../test/support/db.js';
import { createTestApp, setPassword, type TestApp } from '../../test/support/app.js';
import { createWebUsers, PASSWORD, signInCookie } from '../../test/browser/support.js';

type Session = { cookie: string; csrfToken: string };
type Mandate = { id: string; boardId: string; decisionId: string | null; paragraphNumber: string | null; deliverable: string; status: string; fulfilledByDocumentId: string | null; history?: { to: string; actorName: string }[] };

describe.each(BACKENDS)('more oversight pages on %s', (backend) => {
  let t: TestApp;
  let secretariat: Session;
  let management: Session;
  let delegate: Session;
  let d901: string;
  let d902: string;
  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });
  const post = (url: string, s: Session | undefined, fields: [string, string][]) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...(s ? { cookie: s.cookie } : {}), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', s?.csrfToken ?? ''], ...fields]).toString(),
    });
  const api = async <T>(url: string) => (await t.call({ method: 'GET', url })).json<T>();
  const db = () => t.database.db;
  const audited = async (action: string) => (await db().selectFrom('audit_events').select('id').where('action', '=', action).execute()).length;
  const recId = async (issuingBody: string, number: string) =>
    (
      await db()
        .selectFrom('oversight_recommendations as r')
        .innerJoin('oversight_reviews as v', 'v.id', 'r.review_id')
        .select('r.id')
        .where('v.issuing_body', '=', issuingBody)
        .where('r.number', '=', number)
        .executeTakeFirstOrThrow()
    ).id;
  const located = (res: { headers: Record<string, unknown> }, re: RegExp) => re.exec(String(res.headers.location))?.[1] ?? '';

  beforeAll(async () => {
    t = await createTestApp(backend);
    await seedDemo(db());
    await createWebUsers(db());
    // The test app's management user manages the organizations overseen by the UNICEF board.
    await setPassword(t.database, t.users.management!.id, PASSWORD);
    secretariat = await signInCookie(t.app, 'webSecretariat');
    delegate = await signInCookie(t.app, 'webDelegate');
    management = await signInCookie(t.app, 'management');
    const decisions = await db().selectFrom('decisions').select(['id', 'number', 'board_id']).where('number', 'in', ['2024/901', '2024/902']).execute();
    d901 = decisions.find((d) => d.number === '2024/901' && d.board_id === 'undp-unfpa-unops')!.id;
    d902 = decisions.find((d) => d.number === '2024/902' && d.board_id === 'wfp')!.id;
  });
  afterAll(async () => t.close());

  it('lists the mandates the API holds, filtered by board, status and decision; /oversight links the new lists', async () => {
    const all = (await api<{ items: Mandate[] }>('/api/oversight/mandates?limit=200')).items;
    expect(all.length).toBeGreaterThan(1);
    const res = await get('/oversight/mandates');
    expect(res.statusCode).toBe(200);
    for (const m of all) expect(res.body).toContain(`href="/oversight/mandates/${m.id}"`);
    const wfp = (await api<{ items: Mandate[] }>('/api/oversight/mandates?board=wfp')).items;
    expect(wfp.length).toBeGreaterThan(0);
    const filtered = await get('/oversight/mandates?board=wfp');
    for (const m of all) expect(filtered.body.includes(`href="/oversight/mandates/${m.id}"`), m.id).toBe(m.boardId === 'wfp');
    expect(filtered.body).toContain('<option value="wfp" selected>');
    // The WFP decision's mandates are suggested (the demo does not confirm them), in Chinese.
    const suggested = await get(`/oversight/mandates?status=suggested&decision=${d902}`);
    expect(suggested.body).toContain('Mandates from decision 2024/902');
    expect(suggested.body).toContain(`lang="zh">${wfp[0]!.deliverable}</a>`);
    expect((await get('/oversight/mandates?status=fulfilled')).body).toContain('No mandates match.');
    // Unknown filter values and cursors are ignored, not errors.
    expect((await get('/oversight/mandates?status=nonsense&cursor=zzz&dueYear=x')).statusCode).toBe(200);
    const ar = await get('/oversight/mandates?lang=ar');
    expect(ar.body).toContain('dir="rtl"');
    expect(ar.body).toContain('الولايات');
    const overview = await get('/oversight');
    for (const href of ['/oversight/mandates', '/oversight/working-groups', '/oversight/shared-subjects']) expect(overview.body).toContain(`href="${href}"`);
  });

  it('shows a mandate with its source paragraph, who confirmed it and its history; unknown ids are 404', async () => {
    const undp = (await api<{ items: Mandate[] }>(`/api/oversight/mandates?decision=${d901}`)).items[0]!;
    const detail = await api<Mandate>(`/api/oversight/mandates/${undp.id}`);
    const confirmedBy = detail.history!.find((h) => h.to === 'confirmed')!.actorName;
    const res = await get(`/oversight/mandates/${undp.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/decisions/${d901}#op${undp.paragraphNumber}"`);
    expect(res.body).toContain(undp.deliverable);
    expect(res.body).toContain(`Confirmed by ${confirmedBy}`);
    expect(res.body).toContain('<td>Suggested → Confirmed</td>');
    // The public gets no form links; the UNDP secretariat may fulfil or reject this one.
    expect(res.body).not.toContain(`/oversight/mandates/${undp.id}/fulfil`);
    const own = await get(`/oversight/mandates/${undp.id}`, secretariat);
    expect(own.body).toContain(`href="/oversight/mandates/${undp.id}/fulfil"`);
    expect(own.body).toContain(`href="/oversight/mandates/${undp.id}/reject"`);
    expect(own.body).not.toContain(`href="/oversight/mandates/${undp.id}/confirm"`);
    const wfp = (await api<{ items: Mandate[] }>(`/api/oversight/mandates?decision=${d902}`)).items[0]!;
    expect((await get(`/oversight/mandates/${wfp.id}`, secretariat)).body).not.toContain(`/oversight/mandates/${wfp.id}/confirm`);
    for (const url of ['/oversight/mandates/nope', '/oversight/working-groups/nope', '/oversight/shared-subjects/nope']) {
      const missing = await get(url);
      expect(missing.statusCode, url).toBe(404);
      expect(missing.body, url).toContain('Page not found');
    }
    for (const url of ['/oversight/mandates/nope/confirm', '/oversight/working-groups/nope/members/new', '/oversight/shared-subjects/nope/members/new', '/oversight/recommendations/nope/decision-links/new']) expect((await get(url, secretariat)).statusCode, url).toBe(404);
    for (const url of ['/oversight/actions/nope/edit', '/oversight/actions/nope/evidence/new']) expect((await get(url, management)).statusCode, url).toBe(404);
  });

  it('suggests mandates from a decision page; the secretariat confirms, fulfils and rejects them', async () => {
    const decision = await t.call({
      method: 'POST',
      url: '/api/decisions',
      as: 'secretariat',
      payload: {
        boardId: 'undp-unfpa-unops',
        number: '2024/930',
        title: 'Follow-up of the governance review',
        adoptedOn: '2024-09-06',
        paragraphs: [
          { kind: 'operative', number: '1', text: 'Requests the Administrator to present a report on the implementation plan to the Executive Board at its annual session 2025;' },
          { kind: 'operative', number: '2', text: 'Requests UNFPA to submit an update on the data portal at its second regular session 2025.' },
        ],
      },
    });
    expect(decision.statusCode).toBe(201);
    const id = decision.json<{ id: string }>().id;
    const page = `/decisions/${id}`;
    const action = `/oversight/decisions/${id}/mandate-suggestions`;
    expect((await get(page)).body).not.toContain(`action="${action}"`);
    expect((await get(page, delegate)).body).not.toContain(`action="${action}"`);
    expect((await get(page, secretariat)).body).toContain(`action="${action}"`);
    expect((await post(action, undefined, [])).statusCode).toBe(401);
    expect((await post(action, delegate, [])).statusCode).toBe(403);
    // The WFP board's decision is not this secretariat's; an unknown decision is a 404.
    expect((await post(`/oversight/decisions/${d902}/mandate-suggestions`, secretariat, [])).statusCode).toBe(403);
    expect((await post('/oversight/decisions/nope/mandate-suggestions', secretariat, [])).statusCode).toBe(404);

    const before = await audited('oversight.mandate.suggested');
    const ok = await post(action, secretariat, []);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/oversight/mandates?decision=${id}&suggested=2`);
    expect(await audited('oversight.mandate.suggested')).toBe(before + 2);
    const [first, second] = (await api<{ items: Mandate[] }>(`/api/oversight/mandates?decision=${id}`)).items;
    expect([first!.status, second!.status]).toEqual(['suggested', 'suggested']);
    const list = await get(String(ok.headers.location));
    expect(list.body).toContain('New mandates suggested from this decision: 2.');
    expect(list.body).toContain(`href="/decisions/${id}#op1"`);
    // Running it again finds nothing new.
    expect((await post(action, secretariat, [])).headers.location).toBe(`/oversight/mandates?decision=${id}&suggested=0`);

    const confirm = `/oversight/mandates/${first!.id}/confirm`;
    expect((await get(confirm)).statusCode).toBe(401);
    expect((await get(confirm, delegate)).statusCode).toBe(403);
    expect((await get(confirm, management)).statusCode).toBe(403);
    const wfp = (await api<{ items: Mandate[] }>(`/api/oversight/mandates?decision=${d902}`)).items[0]!;
    expect((await get(`/oversight/mandates/${wfp.id}/confirm`, secretariat)).statusCode).toBe(403);
    const form = await get(confirm, secretariat);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`${first!.deliverable}</textarea>`);
    const yearOnly = await post(confirm, secretariat, [['dueSession', ''], ['dueSessionYear', '2025']]);
    expect(yearOnly.statusCode).toBe(400);
    expect(yearOnly.body).toContain('id="f-dueSession-error"');
    const wrongEntity = await post(confirm, secretariat, [['entityId', 'wfp']]);
    expect(wrongEntity.statusCode).toBe(400);
    expect(wrongEntity.body).toContain('id="f-entityId-error"');
    const confirmed = await post(confirm, secretariat, [['entityId', 'undp'], ['deliverable', 'present a report on the implementation plan of the review'], ['dueSession', 'annual'], ['dueSessionYear', '2025']]);
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe(`/oversight/mandates/${first!.id}`);
    expect(await api<Mandate>(`/api/oversight/mandates/${first!.id}`)).toMatchObject({ status: 'confirmed', deliverable: 'present a report on the implementation plan of the review', dueSession: { type: 'annual', year: 2025 } });
    expect(await audited('oversight.mandate.confirmed')).toBeGreaterThan(0);
    // A confirmed mandate cannot be confirmed again: the workflow's refusal is shown on the form.
    const twice = await post(confirm, secretariat, []);
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('role="alert"');

    const report = await t.call({
      method: 'POST',
      url: '/api/documents',
      as: 'secretariat',
      payload: { symbol: 'DP/2025/30', type: 'report', title: 'Report on the implementation plan', date: '2025-05-02', originalLanguage: 'en', accessLevel: 'public', boardIds: ['undp-unfpa-unops'] },
    });
    expect(report.statusCode).toBe(201);
    const reportId = report.json<{ id: string }>().id;
    const fulfil = `/oversight/mandates/${first!.id}/fulfil`;
    expect((await get(fulfil, secretariat)).body).toContain(`<option value="${reportId}" >DP/2025/30`);
    const noDoc = await post(fulfil, secretariat, [['on', '2025-06-01']]);
    expect(noDoc.statusCode).toBe(400);
    expect(noDoc.body).toContain('id="f-documentId-error"');
    const early = await post(fulfil, secretariat, [['documentId', reportId], ['on', '2024-01-01']]);
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('id="f-on-error"');
    expect((await post(fulfil, secretariat, [['documentId', reportId], ['on', '2025-06-01']])).statusCode).toBe(303);
    expect(await api<Mandate>(`/api/oversight/mandates/${first!.id}`)).toMatchObject({ status: 'fulfilled', fulfilledByDocumentId: reportId, fulfilledOn: '2025-06-01' });
    expect(await audited('oversight.mandate.fulfilled')).toBeGreaterThan(0);
    expect((await get(`/oversight/mandates/${first!.id}`)).body).toContain(`href="/documents/${reportId}"`);

    const reject = `/oversight/mandates/${second!.id}/reject`;
    expect((await post(reject, delegate, [['justification', 'x']])).statusCode).toBe(403);
    const noReason = await post(reject, secretariat, [['justification', '']]);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('id="f-justification-error"');
    expect((await post(reject, secretariat, [['justification', 'The update is asked of UNFPA in its own decision.']])).statusCode).toBe(303);
    expect((await api<Mandate>(`/api/oversight/mandates/${second!.id}`)).status).toBe('rejected');
    expect(await audited('oversight.mandate.rejected')).toBeGreaterThan(0);
    expect((await get(`/oversight/mandates/${second!.id}`)).body).toContain('The update is asked of UNFPA in its own decision.');
  });

  it('lets the secretariat record a mandate by hand', async () => {
    const url = '/oversight/mandates/new';
    expect((await get(url)).statusCode).toBe(401);
    expect((await get(url, delegate)).statusCode).toBe(403);
    const form = await get(url, secretariat);
    expect(form.body).toContain('<option value="undp-unfpa-unops"');
    expect(form.body).not.toContain('<option value="wfp"');
    const missing = await post(url, secretariat, [['boardId', 'undp-unfpa-unops'], ['addresseeText', 'the Executive Director']]);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('id="f-deliverable-error"');
    expect(missing.body).toContain('value="the Executive Director"');
    const foreign = await post(url, secretariat, [['boardId', 'undp-unfpa-unops'], ['addresseeText', 'the Executive Director'], ['deliverable', 'report on staffing'], ['entityId', 'unicef']]);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain('id="f-entityId-error"');
    const ok = await post(url, secretariat, [['boardId', 'undp-unfpa-unops'], ['decisionId', d901], ['paragraphNumber', '1'], ['addresseeText', 'the Executive Director of UNOPS'], ['entityId', 'unops'], ['deliverable', 'report on staffing of the working group'], ['dueSession', 'second-regular'], ['dueSessionYear', '2025']]);
    expect(ok.statusCode).toBe(303);
    const id = located(ok, /^\/oversight\/mandates\/(.+)$/);
    expect(await api<Mandate>(`/api/oversight/mandates/${id}`)).toMatchObject({ status: 'confirmed', entityId: 'unops', decisionId: d901, deliverable: 'report on staffing of the working group' });
    expect(await audited('oversight.mandate.created')).toBeGreaterThan(0);
  });

  it('shows the working groups and lets the secretariat of the board record members, meetings and recommendations', async () => {
    type Group = { id: string; boardId: string; name: string; members: { memberStateId: string; role: string }[]; meetings: { title: string }[]; recommendationIds: string[] };
    const groups = (await api<{ items: Group[] }>('/api/oversight/working-groups')).items;
    expect(groups).toHaveLength(2);
    const list = await get('/oversight/working-groups');
    // English names: unmarked on an English page, marked on a Chinese one.
    for (const g of groups) expect(list.body).toContain(`href="/oversight/working-groups/${g.id}">${g.name}</a>`);
    const zhList = await get('/oversight/working-groups?lang=zh');
    for (const g of groups) expect(zhList.body).toContain(`href="/oversight/working-groups/${g.id}" lang="en" dir="ltr">${g.name}</a>`);
    const undp = groups.find((g) => g.boardId === 'undp-unfpa-unops')!;
    const wfp = groups.find((g) => g.boardId === 'wfp')!;
    expect((await get('/oversight/working-groups?board=wfp')).body).not.toContain(`/oversight/working-groups/${undp.id}`);
    const page = await get(`/oversight/working-groups/${undp.id}`);
    expect(page.body).toContain('<tr><th scope="row">Ghana</th><td>Chair</td></tr>');
    for (const m of undp.meetings) expect(page.body).toContain(m.title);
    for (const r of undp.recommendationIds) expect(page.body).toContain(`href="/oversight/recommendations/${r}"`);
    expect(page.body).toContain(`href="/decisions/${d901}"`);
    expect(page.body).not.toContain('/members/new');
    expect((await get(`/oversight/working-groups/${undp.id}`, secretariat)).body).toContain(`href="/oversight/working-groups/${undp.id}/members/new"`);
    expect((await get(`/oversight/working-groups/${undp.id}?lang=zh`)).body).toContain('主席');

    const create = '/oversight/working-groups/new';
    expect((await get(create, delegate)).statusCode).toBe(403);
    const badDate = await post(create, secretariat, [['boardId', 'undp-unfpa-unops'], ['name', 'Working group on field visits'], ['establishedOn', '6 June']]);
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('id="f-establishedOn-error"');
    const created = await post(create, secretariat, [['boardId', 'undp-unfpa-unops'], ['name', 'Working group on field visits'], ['establishedOn', '2024-09-10']]);
    expect(created.statusCode).toBe(303);
    const gid = located(created, /^\/oversight\/working-groups\/(.+)$/);
    expect(await api<Group>(`/api/oversight/working-groups/${gid}`)).toMatchObject({ name: 'Working group on field visits', boardId: 'undp-unfpa-unops', establishedOn: '2024-09-10' });
    expect(await audited('oversight.working-group.created')).toBeGreaterThan(2);

    // The WFP group is not this secretariat's.
    expect((await get(`/oversight/working-groups/${wfp.id}/members/new`, secretariat)).statusCode).toBe(403);
    const members = `/oversight/working-groups/${gid}/members/new`;
    expect((await post(members, delegate, [['memberStateId', 'GHA'], ['role', 'chair']])).statusCode).toBe(403);
    expect((await post(members, secretariat, [['memberStateId', 'GHA'], ['role', 'chair']])).statusCode).toBe(303);
    const secondChair = await post(members, secretariat, [['memberStateId', 'NOR'], ['role', 'chair']]);
    expect(secondChair.statusCode).toBe(400);
    expect(secondChair.body).toContain('id="f-role-error"');
    const again = await post(members, secretariat, [['memberStateId', 'GHA'], ['role', 'member']]);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('id="f-memberStateId-error"');
    expect((await post(members, secretariat, [['memberStateId', 'NOR'], ['role', 'co-chair']])).statusCode).toBe(303);

    const meetings = `/oversight/working-groups/${gid}/meetings/new`;
    const beforeGroup = await post(meetings, secretariat, [['date', '2024-01-10'], ['title', 'Kick-off']]);
    expect(beforeGroup.statusCode).toBe(400);
    expect(beforeGroup.body).toContain('id="f-date-error"');
    expect((await post(meetings, secretariat, [['date', '2024-10-01'], ['title', 'Kick-off'], ['summary', 'Terms of reference agreed.']])).statusCode).toBe(303);

    const recs = `/oversight/working-groups/${gid}/recommendations/new`;
    const wfpRec = await recId('Independent consultant', '1');
    const jiuRec = await recId('Joint Inspection Unit', '1');
    const recForm = await get(recs, secretariat);
    expect(recForm.body).toContain(`value="${jiuRec}"`);
    expect(recForm.body).not.toContain(`value="${wfpRec}"`);
    const foreign = await post(recs, secretariat, [['recommendationId', wfpRec]]);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain('id="f-recommendationId-error"');
    expect((await post(recs, secretariat, [['recommendationId', jiuRec]])).statusCode).toBe(303);

    const saved = await api<Group>(`/api/oversight/working-groups/${gid}`);
    expect(saved.members.map((m) => `${m.memberStateId}:${m.role}`).sort()).toEqual(['GHA:chair', 'NOR:co-chair']);
    expect(saved.meetings.map((m) => m.title)).toEqual(['Kick-off']);
    expect(saved.recommendationIds).toEqual([jiuRec]);
    expect(await audited('oversight.working-group.meeting-added')).toBeGreaterThan(3);
  });

  it('shows shared subjects side by side and lets a secretariat mark one and add to it', async () => {
    type Shared = { id: string; title: string; boards: string[]; rows: { subjectType: string; subjectId: string; boardId: string }[] };
    const subjects = (await api<{ items: Shared[] }>('/api/oversight/shared-subjects')).items;
    expect(subjects).toHaveLength(2);
    const list = await get('/oversight/shared-subjects');
    for (const s of subjects) expect(list.body).toContain(`href="/oversight/shared-subjects/${s.id}">${s.title}</a>`);
    const arList = await get('/oversight/shared-subjects?lang=ar');
    for (const s of subjects) expect(arList.body).toContain(`href="/oversight/shared-subjects/${s.id}" lang="en" dir="ltr">${s.title}</a>`);
    const first = subjects[0]!;
    const page = await get(`/oversight/shared-subjects/${first.id}`);
    expect(page.statusCode).toBe(200);
    expect((page.body.match(/<tr><td>/g) ?? []).length).toBe(first.rows.length);
    for (const r of first.rows) expect(page.body).toContain(`href="/oversight/recommendations/${r.subjectId}"`);
    expect(page.body).toContain('<td>Executive Board of WFP</td>');

    const create = '/oversight/shared-subjects/new';
    expect((await get(create)).statusCode).toBe(401);
    expect((await get(create, management)).statusCode).toBe(403);
    const jiu3 = await recId('Joint Inspection Unit', '3');
    const jiu5 = await recId('Joint Inspection Unit', '5');
    const wfp3 = await recId('Independent consultant', '3');
    const one = await post(create, secretariat, [['title', 'Risk appetite statements'], ['members', `recommendation:${jiu3}`]]);
    expect(one.statusCode).toBe(400);
    expect(one.body).toContain('id="f-members-error"');
    const wfpRecs = (await api<{ items: { id: string }[] }>('/api/oversight/recommendations?board=wfp&limit=200')).items.map((r) => r.id);
    const sameBoard = wfpRecs.filter((id) => id !== wfp3).slice(0, 1);
    const oneBoard = await post(create, secretariat, [['title', 'Risk appetite statements'], ['members', `recommendation:${wfp3}`], ['members', `recommendation:${sameBoard[0]}`]]);
    expect(oneBoard.statusCode).toBe(400);
    expect(oneBoard.body).toContain('id="f-members-error"');
    const ok = await post(create, secretariat, [['title', 'Risk appetite statements'], ['description', 'Both boards asked for one.'], ['members', `recommendation:${jiu3}`], ['members', `recommendation:${wfp3}`]]);
    expect(ok.statusCode).toBe(303);
    const sid = located(ok, /^\/oversight\/shared-subjects\/(.+)$/);
    expect(await audited('oversight.shared-subject.created')).toBeGreaterThan(2);

    const add = `/oversight/shared-subjects/${sid}/members/new`;
    expect((await post(add, delegate, [['subjectId', `recommendation:${jiu5}`]])).statusCode).toBe(403);
    const none = await post(add, secretariat, [['subjectId', '']]);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('id="f-subjectId-error"');
    const mandate = (await api<{ items: Mandate[] }>(`/api/oversight/mandates?decision=${d901}`)).items[0]!;
    expect((await get(add, secretariat)).body).not.toContain(`value="recommendation:${jiu3}"`);
    expect((await post(add, secretariat, [['subjectId', `mandate:${mandate.id}`]])).statusCode).toBe(303);
    const saved = await api<Shared>(`/api/oversight/shared-subjects/${sid}`);
    expect(saved.rows.map((r) => r.subjectId)).toEqual(expect.arrayContaining([jiu3, wfp3, mandate.id]));
    expect((await get(`/oversight/shared-subjects/${sid}`)).body).toContain(`href="/oversight/mandates/${mandate.id}"`);
  });

  it('links a recommendation to a board decision from its page', async () => {
    const rec = await recId('Joint Inspection Unit', '2');
    expect((await get(`/oversight/recommendations/${rec}`)).body).not.toContain('/decision-links/new');
    expect((await get(`/oversight/recommendations/${rec}`, secretariat)).body).toContain(`href="/oversight/recommendations/${rec}/decision-links/new"`);
    const url = `/oversight/recommendations/${rec}/decision-links/new`;
    expect((await get(url, management)).statusCode).toBe(403);
    expect((await post(url, delegate, [['decisionId', d901], ['relation', 'endorses']])).statusCode).toBe(403);
    const form = await get(url, secretariat);
    expect(form.body).toContain(`<option value="${d901}"`);
    expect(form.body).not.toContain(`<option value="${d902}"`);
    const noParagraph = await post(url, secretariat, [['decisionId', d901], ['paragraphNumber', '99'], ['relation', 'requests']]);
    expect(noParagraph.statusCode).toBe(400);
    expect(noParagraph.body).toContain('id="f-paragraphNumber-error"');
    const ok = await post(url, secretariat, [['decisionId', d901], ['paragraphNumber', '1'], ['relation', 'requests']]);
    expect(ok.statusCode).toBe(303);
    const links = (await api<{ decisionLinks: { decisionId: string; relation: string; paragraphNumber: string }[] }>(`/api/oversight/recommendations/${rec}`)).decisionLinks;
    expect(links).toContainEqual(expect.objectContaining({ decisionId: d901, relation: 'requests', paragraphNumber: '1' }));
    expect(await audited('oversight.decision.linked')).toBeGreaterThan(3);
    const twice = await post(url, secretariat, [['decisionId', d901], ['paragraphNumber', '1'], ['relation', 'requests']]);
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('id="f-decisionId-error"');
    expect((await get(`/oversight/recommendations/${rec}`)).body).toContain(`href="/decisions/${d901}">Decision 2024/901</a>`);
  });

  it('lets management edit an action and attach evidence where the policy allows', async () => {
    type Action = { id: string; addresseeId: string; title: string; owner: string; weight: number; evidence: { kind: string; title: string; url: string | null }[] };
    const head = await db()
      .selectFrom('oversight_addressees as a')
      .innerJoin('oversight_recommendations as r', 'r.id', 'a.recommendation_id')
      .innerJoin('oversight_reviews as v', 'v.id', 'r.review_id')
      .select(['a.id', 'a.recommendation_id'])
      .where('v.issuing_body', '=', 'Joint Inspection Unit')
      .where('r.number', '=', '4')
      .where('a.addressee_key', '=', 'head:unicef')
      .executeTakeFirstOrThrow();
    // UNICEF's head has no action in the demo: management adds one through the API.
    const added = await t.call({ method: 'POST', url: `/api/oversight/addressees/${head.id}/actions`, as: 'management', payload: { title: 'Open the UNICEF data portal', owner: 'Division of Data', weight: 2 } });
    expect(added.statusCode).toBe(201);
    const action = (await api<{ items: Action[] }>(`/api/oversight/actions?addressee=${head.id}`)).items[0]!;
    const page = await get(`/oversight/recommendations/${head.recommendation_id}`, management);
    expect(page.body).toContain(`href="/oversight/actions/${action.id}/edit"`);
    expect(page.body).toContain(`href="/oversight/actions/${action.id}/evidence/new"`);
    expect((await get(`/oversight/recommendations/${head.recommendation_id}`)).body).not.toContain('/evidence/new');
    // The UNDP board's own action is not for UNICEF's management.
    const undpAddressee = (await api<{ addressees: { id: string; boardId: string; kind: string }[] }>(`/api/oversight/recommendations/${await recId('Joint Inspection Unit', '1')}`)).addressees.find((a) => a.kind === 'board' && a.boardId === 'undp-unfpa-unops')!;
    const undpAction = (await api<{ items: Action[] }>(`/api/oversight/actions?addressee=${undpAddressee.id}`)).items[0]!;
    expect((await get(`/oversight/actions/${undpAction.id}/edit`, management)).statusCode).toBe(403);
    expect((await post(`/oversight/actions/${undpAction.id}/evidence/new`, management, [['kind', 'link'], ['title', 'x'], ['url', 'https://example.org']])).statusCode).toBe(403);

    const edit = `/oversight/actions/${action.id}/edit`;
    expect((await get(edit)).statusCode).toBe(401);
    expect((await get(edit, delegate)).statusCode).toBe(403);
    const form = await get(edit, management);
    expect(form.body).toContain(`value="${action.owner}"`);
    const noOwner = await post(edit, management, [['title', action.title], ['owner', ''], ['weight', '2']]);
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.body).toContain('id="f-owner-error"');
    const heavy = await post(edit, management, [['title', action.title], ['owner', action.owner], ['weight', '500']]);
    expect(heavy.statusCode).toBe(400);
    expect(heavy.body).toContain('id="f-weight-error"');
    const saved = await post(edit, management, [['title', 'Open the board data portal to all members'], ['owner', 'Data and analytics section'], ['dueDate', '2025-03-31'], ['weight', '3']]);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/oversight/recommendations/${head.recommendation_id}#a-${head.id}`);
    expect(await api<Action>(`/api/oversight/actions/${action.id}`)).toMatchObject({ title: 'Open the board data portal to all members', owner: 'Data and analytics section', dueDate: '2025-03-31', weight: 3 });
    expect(await audited('oversight.action.updated')).toBeGreaterThan(0);

    const evidence = `/oversight/actions/${action.id}/evidence/new`;
    const noUrl = await post(evidence, management, [['kind', 'link'], ['title', 'Portal announcement']]);
    expect(noUrl.statusCode).toBe(400);
    expect(noUrl.body).toContain('id="f-url-error"');
    const badUrl = await post(evidence, management, [['kind', 'link'], ['title', 'Portal announcement'], ['url', 'ftp://example.org/portal']]);
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.body).toContain('id="f-url-error"');
    const before = await audited('oversight.evidence.added');
    expect((await post(evidence, management, [['kind', 'link'], ['title', 'Portal announcement'], ['url', 'https://example.org/portal']])).statusCode).toBe(303);
    expect((await api<Action>(`/api/oversight/actions/${action.id}`)).evidence).toContainEqual(expect.objectContaining({ kind: 'link', title: 'Portal announcement', url: 'https://example.org/portal' }));
    expect(await audited('oversight.evidence.added')).toBe(before + 1);
    expect((await get(`/oversight/recommendations/${head.recommendation_id}`)).body).toContain('href="https://example.org/portal">Portal announcement</a>');
  });

  it('keeps the new pages within 150 KB (HTML, CSS and JS, gzipped) and right-to-left in Arabic', async () => {
    const mandate = (await api<{ items: Mandate[] }>(`/api/oversight/mandates?decision=${d901}`)).items[0]!;
    const group = (await api<{ items: { id: string }[] }>('/api/oversight/working-groups?board=undp-unfpa-unops')).items[0]!;
    const shared = (await api<{ items: { id: string }[] }>('/api/oversight/shared-subjects')).items[0]!;
    const urls: [string, Session | undefined][] = [
      ['/oversight/mandates', undefined],
      [`/oversight/mandates/${mandate.id}?lang=ar`, undefined],
      ['/oversight/working-groups?lang=ar', undefined],
      [`/oversight/working-groups/${group.id}`, secretariat],
      ['/oversight/shared-subjects', undefined],
      [`/oversight/shared-subjects/${shared.id}?lang=ar`, undefined],
      ['/oversight/mandates/new', secretariat],
      ['/oversight/shared-subjects/new', secretariat],
      [`/oversight/working-groups/${group.id}/members/new`, secretariat],
    ];
    for (const [url, s] of urls) {
      const res = await get(url, s);
      expect(res.statusCode, url).toBe(200);
      expect(pageWeight(res.body), url).toBeLessThanOrEqual(PAGE_BUDGET);
      if (url.includes('lang=ar')) expect(res.body, url).toContain('<html lang="ar" dir="rtl"');
    }
  });
});
