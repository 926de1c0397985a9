// The oversight pages and forms and management's answers to questions, over HTTP (inject) on both
// backends with the synthetic oversight demo: content, 404s, visibility of linked documents, who
// may use each form, field errors (including moves the workflow refuses) and the page budget.
import { pageWeight, PAGE_BUDGET } from '../../test/support/web.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { BACKENDS } from '../../test/support/db.js';
import { createTestApp, setPassword, type TestApp } from '../../test/support/app.js';
import { createWebUsers, PASSWORD, signInCookie } from '../../test/browser/support.js';

type Session = { cookie: string; csrfToken: string };

describe.each(BACKENDS)('oversight pages on %s', (backend) => {
  let t: TestApp;
  let jiu: string;
  let wfpReview: string;
  let secretariat: Session;
  let management: Session;
  let delegate: Session;
  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });
  const post = (url: string, s: Session, fields: [string, string][]) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', s.csrfToken], ...fields]).toString(),
    });
  const db = () => t.database.db;
  /** The addressee of a demo recommendation by its key (board:unicef, head:undp, ...). */
  const addressee = async (review: string, number: string, key: string) =>
    (
      await db()
        .selectFrom('oversight_addressees as a')
        .innerJoin('oversight_recommendations as r', 'r.id', 'a.recommendation_id')
        .select(['a.id', 'a.recommendation_id'])
        .where('r.review_id', '=', review)
        .where('r.number', '=', number)
        .where('a.addressee_key', '=', key)
        .executeTakeFirstOrThrow()
    );

  beforeAll(async () => {
    t = await createTestApp(backend);
    await seedDemo(db());
    await createWebUsers(db());
    // The test app's management user manages the organizations overseen by the UNICEF board.
    await setPassword(t.database, t.users.management!.id, PASSWORD);
    secretariat = await signInCookie(t.app, 'webSecretariat');
    delegate = await signInCookie(t.app, 'webDelegate');
    management = await signInCookie(t.app, 'management');
    const reviews = await db().selectFrom('oversight_reviews').select(['id', 'issuing_body']).execute();
    jiu = reviews.find((r) => r.issuing_body === 'Joint Inspection Unit')!.id;
    wfpReview = reviews.find((r) => r.issuing_body === 'Independent consultant')!.id;
  });
  afterAll(async () => t.close());

  it('lists the reviews with a status summary, filtered by board, organization and status', async () => {
    const res = await get('/oversight');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/oversight/reviews/${jiu}"`);
    expect(res.body).toContain(`href="/oversight/reviews/${wfpReview}"`);
    expect(res.body).toMatch(/<li>Not accepted: 1<\/li>/);
    expect(res.body).toContain('aria-current="page">Oversight</a>');
    const wfp = await get('/oversight?board=wfp');
    expect(wfp.body).toContain(`href="/oversight/reviews/${wfpReview}"`);
    expect(wfp.body).not.toContain(`href="/oversight/reviews/${jiu}"`);
    expect(wfp.body).toContain('<option value="wfp" selected>');
    // Only the JIU review has a recommendation that an addressee did not accept.
    const declined = await get('/oversight?acceptance=not-accepted');
    expect(declined.body).toContain(`href="/oversight/reviews/${jiu}"`);
    expect(declined.body).not.toContain(`href="/oversight/reviews/${wfpReview}"`);
    // Executive heads: UNICEF's head is an addressee of the JIU review only.
    const head = await get('/oversight?entity=unicef&lang=fr');
    expect(head.body).toContain(`href="/oversight/reviews/${jiu}"`);
    expect(head.body).not.toContain(`href="/oversight/reviews/${wfpReview}"`);
    expect(head.body).toContain('Mise en œuvre: 1');
    // An unknown filter value is ignored, not an error.
    expect((await get('/oversight?acceptance=nonsense')).statusCode).toBe(200);
  });

  it('shows a review with its recommendations, addressees on both axes and actions', async () => {
    const res = await get(`/oversight/reviews/${jiu}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Recommendation 4');
    expect(res.body).toContain('timely, clear and data-driven information');
    expect(res.body).toContain('Executive head of UNICEF');
    expect(res.body).toMatch(/Executive head of UNICEF<\/th><td>Accepted<br><span class="meta">since January 20, 2024<\/span><\/td><td>Implemented/);
    expect(res.body).toContain('Open a board data portal with results and financial data (synthetic)');
    // The public gets no form links.
    expect(res.body).not.toContain('/oversight/addressees/');
    expect(res.body).not.toContain('/recommendations/new');
    // Management of the UNICEF board may respond for UNICEF's head, not for UNDP's.
    const unicefHead = await addressee(jiu, '4', 'head:unicef');
    const undpHead = await addressee(jiu, '4', 'head:undp');
    const asManagement = await get(`/oversight/reviews/${jiu}`, management);
    expect(asManagement.body).toContain(`href="/oversight/addressees/${unicefHead.id}/acceptance"`);
    expect(asManagement.body).not.toContain(`href="/oversight/addressees/${undpHead.id}/acceptance"`);
    expect((await get(`/oversight/reviews/${jiu}`, secretariat)).body).toContain(`href="/oversight/reviews/${jiu}/recommendations/new"`);
    expect((await get(`/oversight/reviews/${jiu}?lang=ar`)).body).toContain('التوصية 4');
    // Organizations by their short names in the UI language.
    expect((await get(`/oversight/reviews/${jiu}?lang=zh`)).body).toContain('儿基会行政首长');
    // English texts on an Arabic page keep their own language and direction.
    const ar = (await get(`/oversight/reviews/${jiu}?lang=ar`)).body;
    expect(ar).toMatch(/<h1><span lang="en" dir="ltr">Review of the governance/);
    expect(ar).toMatch(/<p lang="en" dir="ltr">[^<]*timely, clear and data-driven information/);
    expect(res.body).toMatch(/<p>[^<]*timely, clear and data-driven information/);
    expect((await get(`/oversight/reviews/${jiu}?lang=fr`)).body).toContain('Chef de secrétariat du PNUD');
  });

  it('shows a recommendation with each addressee’s status history and actions with evidence', async () => {
    const { recommendation_id: rec } = await addressee(jiu, '1', 'board:undp-unfpa-unops');
    const res = await get(`/oversight/recommendations/${rec}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Status history');
    expect(res.body).toMatch(/<th scope="row">Acceptance<\/th><td>Under consideration → Accepted<\/td>/);
    expect(res.body).toContain('Agreed in principle; scope to be set by the Bureau');
    expect(res.body).toContain('href="https://example.org/synthetic/bureau-note"');
    expect(res.body).toMatch(/<th scope="row">Action: Draft a note on roles and responsibilities for the Bureau \(synthetic\)<\/th><td>In progress → Completed<\/td><td class="num">60% → 100%<\/td>/);
    expect(res.body).toContain(`href="/oversight/reviews/${jiu}"`);
    const rec8 = (await addressee(jiu, '8', 'board:unicef')).recommendation_id;
    expect((await get(`/oversight/recommendations/${rec8}`)).body).toMatch(/href="\/decisions\/[^"]+">Decision 2024\/901<\/a>, paragraph 1/);
  });

  it('answers missing records with an HTML 404 and links a review’s report only for those who may read it', async () => {
    for (const url of ['/oversight/reviews/nope', '/oversight/recommendations/nope', '/oversight/reviews/nope/recommendations/new', '/oversight/addressees/nope/acceptance', '/oversight/actions/nope/progress']) {
      const res = await get(url, url.includes('new') ? secretariat : url === '/oversight/reviews/nope' || url === '/oversight/recommendations/nope' ? undefined : management);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.body, url).toContain('Page not found');
    }
    const doc = await t.call({
      method: 'POST',
      url: '/api/documents',
      as: 'secretariat',
      payload: { type: 'report', title: 'Restricted review report', date: '2024-03-01', originalLanguage: 'en', accessLevel: 'secretariat', boardIds: ['undp-unfpa-unops'] },
    });
    expect(doc.statusCode).toBe(201);
    const review = await t.call({
      method: 'POST',
      url: '/api/oversight/reviews',
      as: 'secretariat',
      payload: { title: 'Review with a restricted report', issuingBody: 'Internal audit', year: 2024, documentId: doc.json().id },
    });
    expect(review.statusCode).toBe(201);
    const url = `/oversight/reviews/${review.json().id}`;
    expect((await get(url)).body).not.toContain(`/documents/${doc.json().id}`);
    expect((await get(url, secretariat)).body).toContain(`href="/documents/${doc.json().id}"`);
  });

  it('lets the secretariat register a review, add a recommendation and an addressee; refuses other roles', async () => {
    expect((await get('/oversight/reviews/new')).statusCode).toBe(401);
    expect((await get('/oversight/reviews/new', delegate)).statusCode).toBe(403);
    expect((await get('/oversight/reviews/new', management)).statusCode).toBe(403);
    expect((await post('/oversight/reviews/new', delegate, [['title', 'x']])).statusCode).toBe(403);
    const form = await get('/oversight/reviews/new', secretariat);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<label for="f-issuingBody">');

    const bad = await post('/oversight/reviews/new', secretariat, [['title', 'Review of board working methods'], ['issuingBody', 'Joint Inspection Unit'], ['year', 'twenty']]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-year-error"');
    expect(bad.body).toContain('value="Review of board working methods"');
    // A rule of the command (issued in another year) comes back beside its field.
    const wrongYear = await post('/oversight/reviews/new', secretariat, [['title', 'Review of board working methods'], ['issuingBody', 'Joint Inspection Unit'], ['year', '2025'], ['issuedOn', '2024-12-01']]);
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.body).toContain('id="f-issuedOn-error"');
    const ok = await post('/oversight/reviews/new', secretariat, [['title', 'Review of board working methods'], ['issuingBody', 'Joint Inspection Unit'], ['year', '2025'], ['symbol', 'JIU/REP/2025/9']]);
    expect(ok.statusCode).toBe(303);
    const reviewId = /^\/oversight\/reviews\/(.+)$/.exec(String(ok.headers.location))![1]!;
    expect((await t.call({ method: 'GET', url: `/api/oversight/reviews/${reviewId}` })).json()).toMatchObject({ title: 'Review of board working methods', year: 2025, symbol: 'JIU/REP/2025/9' });

    const recUrl = `/oversight/reviews/${reviewId}/recommendations/new`;
    const recForm = await get(recUrl, secretariat);
    expect(recForm.body).toContain('value="board:undp-unfpa-unops"');
    expect(recForm.body).not.toContain('value="board:wfp"');
    expect(recForm.body).toContain('value="head:unicef"');
    const noAddressee = await post(recUrl, secretariat, [['number', '1'], ['text', 'Publish the agenda six weeks ahead.'], ['category', 'processes'], ['priority', 'high']]);
    expect(noAddressee.statusCode).toBe(400);
    expect(noAddressee.body).toContain('id="f-addressees-error"');
    const fields: [string, string][] = [['number', '1'], ['text', 'Publish the agenda six weeks ahead.'], ['category', 'processes'], ['priority', 'high'], ['addressees', 'board:undp-unfpa-unops'], ['addressees', 'head:unicef']];
    const recOk = await post(recUrl, secretariat, fields);
    expect(recOk.statusCode).toBe(303);
    const recId = /^\/oversight\/recommendations\/(.+)$/.exec(String(recOk.headers.location))![1]!;
    const api = (await t.call({ method: 'GET', url: `/api/oversight/recommendations/${recId}` })).json<{ weight: number; addressees: { kind: string; boardId: string; entityId: string | null }[] }>();
    expect(api.weight).toBe(3);
    expect(api.addressees.map((a) => a.entityId ?? a.boardId).sort()).toEqual(['undp-unfpa-unops', 'unicef']);
    // The same number twice is refused beside the number.
    const dup = await post(recUrl, secretariat, fields);
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('id="f-number-error"');

    const addUrl = `/oversight/recommendations/${recId}/addressees/new`;
    expect((await get(addUrl, management)).statusCode).toBe(403);
    const again = await post(addUrl, secretariat, [['kind', 'board'], ['boardId', 'undp-unfpa-unops']]);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('id="f-boardId-error"');
    const addOk = await post(addUrl, secretariat, [['kind', 'executive-head'], ['entityId', 'undp']]);
    expect(addOk.statusCode).toBe(303);
    expect(String(addOk.headers.location)).toMatch(new RegExp(`^/oversight/recommendations/${recId}#a-`));
    const after = (await t.call({ method: 'GET', url: `/api/oversight/recommendations/${recId}` })).json<{ addressees: unknown[] }>();
    expect(after.addressees).toHaveLength(3);
    const audit = await db().selectFrom('audit_events').select('action').where('action', '=', 'oversight.addressee.added').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('lets management record acceptance and implementation; the workflow’s refusals come back beside the field', async () => {
    const rec = await t.call({
      method: 'POST',
      url: `/api/oversight/reviews/${jiu}/recommendations`,
      as: 'admin',
      payload: { number: '90', text: 'Report on information shared with all members.', category: 'information', priority: 'medium', addressees: [{ kind: 'executive-head', entityId: 'unicef' }, { kind: 'executive-head', entityId: 'wfp' }] },
    });
    expect(rec.statusCode).toBe(201);
    const [unicef, wfp] = ['unicef', 'wfp'].map((e) => rec.json<{ addressees: { id: string; entityId: string }[] }>().addressees.find((a) => a.entityId === e)!.id);
    const acceptance = `/oversight/addressees/${unicef}/acceptance`;
    const implementation = `/oversight/addressees/${unicef}/implementation`;

    expect((await get(acceptance)).statusCode).toBe(401);
    expect((await get(acceptance, delegate)).statusCode).toBe(403);
    // WFP's head answers to the WFP board: not this management user's.
    const foreign = await get(`/oversight/addressees/${wfp}/acceptance`, management);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).toContain('Not allowed');
    expect((await post(`/oversight/addressees/${wfp}/acceptance`, management, [['status', 'accepted'], ['on', '2024-05-01']])).statusCode).toBe(403);

    const form = await get(acceptance, management);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Current status: Under consideration.');
    // Implementation cannot start before the recommendation is accepted.
    const early = await post(implementation, management, [['status', 'in-progress'], ['on', '2024-05-01']]);
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('id="f-status-error"');
    // Declining needs a justification.
    const declined = await post(acceptance, management, [['status', 'not-accepted'], ['on', '2024-05-01']]);
    expect(declined.statusCode).toBe(400);
    expect(declined.body).toContain('id="f-justification-error"');
    const badDate = await post(acceptance, management, [['status', 'accepted'], ['on', '1 May']]);
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('id="f-on-error"');

    const ok = await post(acceptance, management, [['status', 'accepted'], ['on', '2024-05-01']]);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/oversight/recommendations/${rec.json().id}#a-${unicef}`);
    // The same status again is not a move the workflow knows.
    const same = await post(acceptance, management, [['status', 'accepted'], ['on', '2024-05-02']]);
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain('id="f-status-error"');
    const started = await post(implementation, management, [['status', 'in-progress'], ['on', '2024-06-01']]);
    expect(started.statusCode).toBe(303);
    const api = (await t.call({ method: 'GET', url: `/api/oversight/addressees/${unicef}` })).json<{ acceptance: { status: string; by: string }; implementation: { status: string }; history: unknown[] }>();
    expect(api.acceptance).toMatchObject({ status: 'accepted', by: 'management@example.org' });
    expect(api.implementation.status).toBe('in-progress');
    expect(api.history).toHaveLength(2);
    const page = await get(`/oversight/recommendations/${rec.json().id}`);
    expect(page.body).toContain('<td>Not started → In progress</td>');
  });

  it('lets management add an action and record its progress', async () => {
    const { id: unicefHead, recommendation_id: rec } = await addressee(jiu, '4', 'head:unicef');
    const url = `/oversight/addressees/${unicefHead}/actions/new`;
    expect((await get(url, delegate)).statusCode).toBe(403);
    const form = await get(url, management);
    expect(form.body).toContain('<select id="f-dueSession" name="dueSession">');
    const missing = await post(url, management, [['title', 'Publish the results dashboard'], ['owner', '']]);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('id="f-owner-error"');
    const noSession = await post(url, management, [['title', 'Publish the results dashboard'], ['owner', 'Data team'], ['dueSessionYear', '2025']]);
    expect(noSession.statusCode).toBe(400);
    expect(noSession.body).toContain('id="f-dueSession-error"');
    const ok = await post(url, management, [['title', 'Publish the results dashboard'], ['owner', 'Data team'], ['dueSession', 'annual'], ['dueSessionYear', '2025']]);
    expect(ok.statusCode).toBe(303);
    const actions = (await t.call({ method: 'GET', url: `/api/oversight/actions?addressee=${unicefHead}` })).json<{ items: { id: string; title: string; dueSession: unknown }[] }>().items;
    const action = actions.find((a) => a.title === 'Publish the results dashboard')!;
    expect(action.dueSession).toEqual({ type: 'annual', year: 2025 });

    const progress = `/oversight/actions/${action.id}/progress`;
    expect((await get(progress, delegate)).statusCode).toBe(403);
    const tooMuch = await post(progress, management, [['progress', '150'], ['on', '2024-11-01']]);
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.body).toContain('id="f-progress-error"');
    expect((await post(progress, management, [['status', 'in-progress'], ['progress', '40'], ['on', '2024-11-01']])).statusCode).toBe(303);
    // Going back to "not started" needs a reason.
    const back = await post(progress, management, [['status', 'not-started'], ['on', '2024-11-02']]);
    expect(back.statusCode).toBe(400);
    expect(back.body).toContain('id="f-justification-error"');
    expect((await post(progress, management, [['status', 'completed'], ['on', '2024-12-01']])).statusCode).toBe(303);
    // A completed action cannot be cancelled: the workflow has no such move.
    const cancel = await post(progress, management, [['status', 'cancelled'], ['on', '2024-12-02'], ['justification', 'No longer needed']]);
    expect(cancel.statusCode).toBe(400);
    expect(cancel.body).toContain('id="f-status-error"');
    const saved = (await t.call({ method: 'GET', url: `/api/oversight/actions/${action.id}` })).json();
    expect(saved).toMatchObject({ status: 'completed', progress: 100 });
    expect((await get(`/oversight/recommendations/${rec}`)).body).toContain('<td>In progress → Completed</td><td class="num">40% → 100%</td>');
  });

  it('lets management answer questions on its board; every delegation then reads the answer', async () => {
    const asked = await t.call({ method: 'POST', url: '/api/questions', as: 'bureau', payload: { boardId: 'unicef', text: 'When will the data portal open to all members?' } });
    expect(asked.statusCode).toBe(201);
    const onWfp = await t.call({ method: 'POST', url: '/api/questions', as: 'observer', payload: { boardId: 'wfp', text: 'How are field risks reported to the Board?' } });
    expect(onWfp.statusCode).toBe(201);

    const workspace = await get('/workspace', management);
    expect(workspace.body).toContain('href="/workspace/answers"');
    expect((await get('/workspace', delegate)).body).not.toContain('href="/workspace/answers"');
    expect((await get('/workspace/answers', delegate)).statusCode).toBe(403);
    const list = await get('/workspace/answers', management);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('When will the data portal open to all members?');
    expect(list.body).toContain(`action="/workspace/questions/${asked.json().id}/answer"`);
    // A question to another board's management is not listed, and may not be answered from here.
    expect(list.body).not.toContain('How are field risks reported to the Board?');
    expect((await post(`/workspace/questions/${onWfp.json().id}/answer`, management, [['answer', 'Quarterly.']])).statusCode).toBe(403);
    expect((await get('/workspace/questions/nope/answer', management)).statusCode).toBe(404);

    const url = `/workspace/questions/${asked.json().id}/answer`;
    expect((await post(url, delegate, [['answer', 'x']])).statusCode).toBe(403);
    const empty = await post(url, management, [['answer', '  ']]);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('id="f-answer-error"');
    expect(empty.body).toContain('Question: When will the data portal open to all members?');
    const ok = await post(url, management, [['answer', 'The portal opens to all members in March 2025.']]);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/workspace/answers');
    expect((await get('/workspace/answers', management)).body).not.toContain('When will the data portal open to all members?');
    const api = (await t.call({ method: 'GET', url: '/api/questions?board=unicef', as: 'observer' })).json<{ items: { id: string; answer: string | null }[] }>();
    expect(api.items.find((q) => q.id === asked.json().id)!.answer).toBe('The portal opens to all members in March 2025.');
    // The delegate of Ghana, who did not ask, reads the answer in the workspace.
    const delegateView = await get('/workspace', delegate);
    expect(delegateView.body).toContain('When will the data portal open to all members?');
    expect(delegateView.body).toContain('The portal opens to all members in March 2025.');
  });

  it('keeps the oversight pages within 150 KB (HTML, CSS and JS, gzipped)', async () => {
    const { recommendation_id: rec, id: a } = await addressee(jiu, '1', 'board:undp-unfpa-unops');
    const urls: [string, Session | undefined][] = [
      ['/oversight', undefined],
      ['/oversight?lang=ar', undefined],
      [`/oversight/reviews/${jiu}`, undefined],
      [`/oversight/reviews/${jiu}?lang=zh`, management],
      [`/oversight/recommendations/${rec}`, undefined],
      ['/oversight/reviews/new', secretariat],
      [`/oversight/addressees/${a}/acceptance`, secretariat],
      ['/workspace/answers', management],
    ];
    for (const [url, s] of urls) {
      const res = await get(url, s);
      expect(res.statusCode, url).toBe(200);
      expect(pageWeight(res.body), url).toBeLessThanOrEqual(PAGE_BUDGET);
    }
  });
});
