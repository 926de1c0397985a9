// The coherence pages over HTTP (inject) on both backends, with the demo's synthetic coherence data
// and its 2024 analysis: every figure a page shows is checked against the JSON API in the same test;
// filters, 400/404 answers, the secretariat's review (confirm, reject, add, remove) through the
// module's commands with their audit events, the 403 of other roles, visibility of the records a
// finding names, Arabic right to left and the page-weight budget.
import { pageWeight, PAGE_BUDGET } from '../../test/support/web.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { BACKENDS } from '../../test/support/db.js';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { createWebUsers, signInCookie } from '../../test/browser/support.js';
import { assets } from './assets.js';

interface Ref {
  type: string;
  id: string;
  ref: string;
  boards: string[];
}
interface Finding {
  id: string;
  kind: string;
  score: number;
  title: string;
  boardIds: string[];
  subjectA: Ref;
  subjectB: Ref | null;
  sharedTerms: string[];
  evidence: Record<string, unknown>;
}
interface Suggestion {
  id: string;
  subjectType: string;
  subjectId: string;
  boardId: string | null;
  tag: string;
  status: string;
}

/** Text as the html template escapes it. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe.each(BACKENDS)('coherence pages on %s', (backend) => {
  let t: TestApp;
  let secretariat: { cookie: string; csrfToken: string };
  let delegate: { cookie: string; csrfToken: string };
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const post = (url: string, who: { cookie: string; csrfToken: string }, fields: [string, string][] = [], csrf = who.csrfToken) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', csrf], ...fields]).toString(),
    });
  const findings = async (query: string): Promise<Finding[]> =>
    (await t.call({ method: 'GET', url: `/api/coherence/findings?year=2024&limit=200${query}` })).json<{ items: Finding[] }>().items;

  beforeAll(async () => {
    t = await createTestApp(backend);
    // The demo seeds the synthetic coherence records and runs the 2024 analysis, as `concord seed` does.
    await seedDemo(t.database.db);
    await createWebUsers(t.database.db);
    secretariat = await signInCookie(t.app, 'webSecretariat');
    delegate = await signInCookie(t.app, 'webDelegate');
  });
  afterAll(async () => t.close());

  it('shows the overview: findings by kind and the board × theme matrix as the API has them, with the report links', async () => {
    const res = await get('/coherence?year=2024');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<html lang="en" dir="ltr">/);
    for (const kind of ['near-duplicate', 'duplicate-reporting', 'conflicting-deadlines', 'theme-gap', 'joint-agenda']) {
      const n = (await findings(`&kind=${kind}`)).length;
      expect(n, kind).toBeGreaterThan(0);
      expect(res.body).toContain(`<td class="num" data-kind="${kind}">${n}</td>`);
    }
    const matrix = (await t.call({ method: 'GET', url: '/api/coherence/matrix?year=2024' })).json<{
      cells: { board: string; tag: string; confirmed: number; suggested: number }[];
    }>();
    const psea = matrix.cells.find((c) => c.board === 'unicef' && c.tag === 'theme:psea')!;
    expect(psea.suggested).toBeGreaterThan(0);
    for (const c of [psea, ...matrix.cells.filter((x) => x.board === 'wfp')])
      expect(res.body).toContain(`data-board="${c.board}" data-tag="${c.tag}"><span aria-hidden="true">${c.confirmed} + ${c.suggested}</span>`);
    // A theme nobody acted on in 2024 has no row.
    expect(matrix.cells.some((c) => c.tag === 'theme:un-2-0')).toBe(false);
    expect(res.body).not.toContain('data-tag="theme:un-2-0"');
    expect(res.body).toContain('<th scope="row">Protection from sexual exploitation and abuse</th>');
    expect(res.body).toContain('data-chart="heatmap"');
    expect(res.body).toContain(assets().charts.url);
    for (const format of ['html', 'csv', 'pdf']) expect(res.body).toContain(`href="/api/coherence/report?year=2024&amp;format=${format}"`);
    expect((await get('/api/coherence/report?year=2024&format=csv')).statusCode).toBe(200);
    // Without ?year the latest analysed year is shown.
    expect((await get('/coherence')).body).toContain('value="2024"');
    expect(pageWeight(res.body)).toBeLessThanOrEqual(PAGE_BUDGET);
  });

  it('lists findings filtered by kind, board and year, as the API filters them', async () => {
    const deadlines = await findings('&kind=conflicting-deadlines');
    const others = await findings('&kind=theme-gap');
    const res = await get('/coherence/findings?year=2024&kind=conflicting-deadlines');
    expect(res.statusCode).toBe(200);
    for (const f of deadlines) expect(res.body).toContain(`href="/coherence/findings/${f.id}"`);
    for (const f of others) expect(res.body).not.toContain(`href="/coherence/findings/${f.id}"`);
    expect(res.body).toContain('<option value="conflicting-deadlines" selected>');

    const unwomen = await findings('&board=unwomen');
    const all = await findings('');
    const byBoard = await get('/coherence/findings?year=2024&board=unwomen');
    expect(unwomen.length).toBeGreaterThan(0);
    for (const f of all) expect(byBoard.body.includes(`href="/coherence/findings/${f.id}"`), f.title).toBe(f.boardIds.includes('unwomen'));
    expect((await get('/coherence/findings?year=2023')).body).toContain('No findings match.');
  });

  it('answers 400 naming the field for a bad filter, and 404 for an unknown finding', async () => {
    for (const [url, field] of [
      ['/coherence/findings?kind=duplicates', 'kind'],
      ['/coherence/findings?board=unhcr', 'board'],
      ['/coherence/findings?year=20x4', 'year'],
      ['/coherence?year=1800', 'year'],
      ['/coherence/calendar?show=everyone', 'show'],
      ['/coherence/findings?year=2024&cursor=%25%25%25', 'cursor'],
    ]) {
      const res = await get(url!);
      expect(res.statusCode, url).toBe(400);
      expect(res.body).toContain(`“${field}”`);
    }
    expect((await get('/coherence/findings/00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/coherence/findings/%3Cscript%3E')).statusCode).toBe(404);
    expect((await get('/coherence/subjects/speech/abc')).statusCode).toBe(404);
  });

  it('explains a cross-language near-duplicate: score, shared terms, excerpts and paragraph links on each board', async () => {
    const f = (await findings('&kind=near-duplicate')).find((x) => x.evidence.basis === 'concepts across languages' && x.subjectA.type === 'decision-paragraph')!;
    expect(f).toBeDefined();
    const api = (await t.call({ method: 'GET', url: `/api/coherence/findings/${f.id}` })).json<Finding>();
    const res = await get(`/coherence/findings/${f.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(esc(api.title));
    expect(res.body).toContain(`<dd>${api.score}</dd>`);
    for (const term of api.sharedTerms) expect(res.body).toContain(`<span class="tag">${esc(term)}</span>`);
    for (const s of [api.subjectA, api.subjectB!]) {
      const p = await t.database.db.selectFrom('decision_paragraphs').select(['decision_id', 'number']).where('id', '=', s.id).executeTakeFirstOrThrow();
      expect(res.body).toContain(`<a href="/decisions/${p.decision_id}#op${p.number}" lang="en">${esc(s.ref)}</a>`);
      expect(res.body).toContain(`<th scope="row">${esc(s.boards[0] === 'wfp' ? 'Executive Board of WFP' : s.boards[0] === 'unicef' ? 'Executive Board of UNICEF' : 'Executive Board of UN-Women')}</th>`);
    }
    expect(res.body).toContain('<blockquote lang="zh">');
    expect(res.body).toContain(esc(String(api.evidence.textA).slice(0, 40)));
  });

  it('shows the reporting requests of a conflicting deadline', async () => {
    const f = (await findings('&kind=conflicting-deadlines'))[0]!;
    const reqs = f.evidence.requests as { deliverable: string; due: string }[];
    const res = await get(`/coherence/findings/${f.id}`);
    for (const r of reqs) {
      expect(res.body).toContain(esc(r.deliverable));
      expect(res.body).toContain(esc(r.due));
    }
    expect(res.body).toContain(`${f.evidence.monthsApart} months apart`);
  });

  it('links a record only for callers who may read it', async () => {
    const f = (await findings('&kind=near-duplicate')).find((x) => x.subjectA.type === 'agenda-item' && x.subjectB?.type === 'agenda-item')!;
    const item = await t.database.db.selectFrom('agenda_items').select('session_id').where('id', '=', f.subjectA.id).executeTakeFirstOrThrow();
    const before = await get(`/coherence/findings/${f.id}`);
    expect(before.body).toContain(`href="/sessions/${item.session_id}#item-${f.subjectA.id}"`);
    const setLevel = (accessLevel: string) => t.call({ method: 'PUT', url: `/api/sessions/${item.session_id}/access`, as: 'admin', payload: { accessLevel } });
    expect((await setLevel('secretariat')).statusCode).toBe(204);
    try {
      // The API still serves the finding; the page names the record but neither links it nor quotes it.
      expect((await t.call({ method: 'GET', url: `/api/coherence/findings/${f.id}` })).statusCode).toBe(200);
      const after = await get(`/coherence/findings/${f.id}`);
      expect(after.body).not.toContain(`href="/sessions/${item.session_id}`);
      expect(after.body).toContain('(not open to you)');
      // Only the other board's item (still public) is quoted.
      expect(before.body.split('<blockquote').length - 1).toBe(2);
      expect(after.body.split('<blockquote').length - 1).toBe(1);
    } finally {
      await setLevel('public');
    }
  });

  it('shows overlapping meetings and the flagged weeks of delegations, readable without colour', async () => {
    const cal = (await t.call({ method: 'GET', url: '/api/coherence/calendar?year=2024' })).json<{ overlaps: { a: { id: string }; b: { id: string }; days: string[] }[] }>();
    const load = (await t.call({ method: 'GET', url: '/api/coherence/load?year=2024&onlyFlagged=true' })).json<{
      delegations: { memberStateId: string; flaggedWeeks: number; weeks: { hours: number; overCapacity: boolean }[] }[];
    }>();
    expect(cal.overlaps.length).toBeGreaterThan(0);
    const res = await get('/coherence/calendar?year=2024');
    expect(res.statusCode).toBe(200);
    for (const o of cal.overlaps) {
      expect(res.body).toContain(`href="/sessions/${o.a.id}"`);
      expect(res.body).toContain(`href="/sessions/${o.b.id}"`);
      expect(res.body).toContain(`<td class="num">${o.days.length}</td></tr>`);
    }
    const shown = [...res.body.matchAll(/<tr data-state="([A-Z]{3})">/g)].map((m) => m[1]).sort();
    expect(shown).toEqual(load.delegations.map((d) => d.memberStateId).sort());
    const tuv = load.delegations.find((d) => d.memberStateId === 'TUV')!;
    const worst = tuv.weeks.find((w) => w.overCapacity)!;
    expect(res.body).toMatch(new RegExp(`<td class="num h4 flagged">${worst.hours} h<br><strong>⚑ over capacity</strong></td>`));
    const row = /<tr data-state="TUV">.*?<\/tr>/s.exec(res.body)![0];
    expect(row).toContain(`<td class="num">${tuv.flaggedWeeks}</td></tr>`);
    // All delegations on a board: more rows than the flagged ones.
    const all = await get('/coherence/calendar?year=2024&show=all');
    expect([...all.body.matchAll(/<tr data-state=/g)].length).toBeGreaterThan(shown.length);
    expect(pageWeight(all.body)).toBeLessThanOrEqual(PAGE_BUDGET);
  });

  it('serves the pages in Arabic, right to left', async () => {
    for (const url of ['/coherence?lang=ar', '/coherence/findings?lang=ar', '/coherence/calendar?lang=ar']) {
      const res = await get(url);
      expect(res.body, url).toMatch(/<html lang="ar" dir="rtl">/);
    }
    expect((await get('/coherence?lang=ar')).body).toContain('الاتساق بين المجالس');
  });

  it('keeps the review queue to the secretariat: 401 for the public, 403 for a delegate', async () => {
    expect((await get('/coherence/suggestions')).statusCode).toBe(401);
    expect((await get('/coherence/suggestions', { cookie: delegate.cookie })).statusCode).toBe(403);
    const [sg] = (await t.call({ method: 'GET', url: '/api/coherence/suggestions?status=suggested&board=unicef', as: 'admin' })).json<{ items: Suggestion[] }>().items;
    expect((await post(`/coherence/suggestions/${sg!.id}/confirm`, delegate)).statusCode).toBe(403);
    expect((await post(`/coherence/subjects/${sg!.subjectType}/${sg!.subjectId}/tags`, delegate, [['tag', 'theme:psea']])).statusCode).toBe(403);
    // The UNDP/UNFPA/UNOPS secretariat may not decide for UNICEF's subjects (the command's board rule).
    expect((await post(`/coherence/suggestions/${sg!.id}/confirm`, secretariat)).statusCode).toBe(403);
    const unchanged = (await t.call({ method: 'GET', url: `/api/coherence/subjects/${sg!.subjectType}/${sg!.subjectId}/tags` })).json<{ confirmed: unknown[] }>();
    expect(unchanged.confirmed).toEqual([]);
  });

  it('lets the secretariat confirm a suggestion: it becomes a confirmed tag, with an audit event', async () => {
    const queue = (await t.call({ method: 'GET', url: '/api/coherence/suggestions?status=suggested&board=undp-unfpa-unops&subjectType=decision', as: 'secretariat' })).json<{ items: Suggestion[] }>().items;
    const sg = queue[0]!;
    const page = await get('/coherence/suggestions?board=undp-unfpa-unops', { cookie: secretariat.cookie });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/coherence/suggestions/${sg.id}/confirm"`);
    expect(page.body).toContain(`name="_csrf" value="${secretariat.csrfToken}"`);
    expect(pageWeight(page.body)).toBeLessThanOrEqual(PAGE_BUDGET);

    expect((await post(`/coherence/suggestions/${sg.id}/confirm`, secretariat, [], 'wrong')).statusCode).toBe(403);
    expect((await post('/coherence/suggestions/00000000-0000-7000-8000-000000000000/confirm', secretariat)).statusCode).toBe(404);
    const ok = await post(`/coherence/suggestions/${sg.id}/confirm`, secretariat, [['back', '/coherence/suggestions?board=undp-unfpa-unops']]);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/coherence/suggestions?board=undp-unfpa-unops&done=confirmed');
    const tags = (await t.call({ method: 'GET', url: `/api/coherence/subjects/${sg.subjectType}/${sg.subjectId}/tags` })).json<{
      confirmed: { id: string; tag: string; suggestionId: string }[];
      suggested: Suggestion[];
    }>();
    expect(tags.confirmed).toContainEqual(expect.objectContaining({ tag: sg.tag, suggestionId: sg.id }));
    expect(tags.suggested.find((s) => s.id === sg.id)!.status).toBe('confirmed');
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('record_id', '=', sg.id).execute();
    expect(audit.map((a) => a.action)).toContain('coherence.suggestion-confirmed');
    const after = await get(String(ok.headers.location), { cookie: secretariat.cookie });
    expect(after.body).toContain('The tag was confirmed.');
    expect(after.body).not.toContain(`data-suggestion="${sg.id}"`);
    // The matrix counts it as confirmed now.
    const matrix = (await t.call({ method: 'GET', url: '/api/coherence/matrix?year=2024' })).json<{ cells: { board: string; tag: string; confirmed: number; suggested: number }[] }>();
    const cell = matrix.cells.find((c) => c.board === 'undp-unfpa-unops' && c.tag === sg.tag);
    if (cell) expect((await get('/coherence?year=2024')).body).toContain(`data-tag="${sg.tag}"><span aria-hidden="true">${cell.confirmed} + ${cell.suggested}</span>`);
    // Rejecting another one marks it rejected.
    const other = queue[1]!;
    expect((await post(`/coherence/suggestions/${other.id}/reject`, secretariat)).statusCode).toBe(303);
    const rejected = (await t.call({ method: 'GET', url: `/api/coherence/suggestions?status=rejected`, as: 'secretariat' })).json<{ items: Suggestion[] }>().items;
    expect(rejected.map((s) => s.id)).toContain(other.id);
  });

  it('adds a tag to a document, shows it on the document page, refuses bad input, and removes it', async () => {
    const doc = await t.database.db
      .selectFrom('documents')
      .innerJoin('document_boards', 'document_boards.document_id', 'documents.id')
      .select('documents.id')
      .where('document_boards.board_id', '=', 'undp-unfpa-unops')
      .where('documents.access_level', '=', 'public')
      .executeTakeFirstOrThrow();
    const url = `/coherence/subjects/document/${doc.id}`;
    const form = await get(url, { cookie: secretariat.cookie });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<label for="f-tag">');
    // The public sees the tags but no forms.
    expect((await get(url)).body).not.toContain('<form method="post"');

    const bad = await post(`${url}/tags`, secretariat, [['tag', 'sdg:99']]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-tag-error"');
    expect((await post('/coherence/subjects/document/00000000-0000-7000-8000-000000000000/tags', secretariat, [['tag', 'sdg:5']])).statusCode).toBe(404);

    const ok = await post(`${url}/tags`, secretariat, [['tag', 'theme:climate-action'], ['note', 'Climate action in the country programmes']]);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`${url}?done=added`);
    const again = await post(`${url}/tags`, secretariat, [['tag', 'theme:climate-action']]);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('id="f-tag-error"');

    const tags = (await t.call({ method: 'GET', url: `/api/coherence/subjects/document/${doc.id}/tags` })).json<{ confirmed: { id: string; tag: string; note: string }[] }>();
    const tag = tags.confirmed.find((c) => c.tag === 'theme:climate-action')!;
    expect(tag.note).toBe('Climate action in the country programmes');
    const docPage = await get(`/documents/${doc.id}`);
    expect(docPage.body).toContain('Themes and goals: <span class="tag theme">Climate action</span>');
    const addAudit = await t.database.db.selectFrom('audit_events').select('action').where('record_id', '=', tag.id).execute();
    expect(addAudit.map((a) => a.action)).toContain('coherence.tag-added');

    expect((await post(`/coherence/tags/${tag.id}/remove`, delegate)).statusCode).toBe(403);
    const removed = await post(`/coherence/tags/${tag.id}/remove`, secretariat, [['back', url]]);
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`${url}?done=removed`);
    expect((await post(`/coherence/tags/${tag.id}/remove`, secretariat)).statusCode).toBe(404);
    const left = (await t.call({ method: 'GET', url: `/api/coherence/subjects/document/${doc.id}/tags` })).json<{ confirmed: { tag: string }[] }>();
    expect(left.confirmed.map((c) => c.tag)).not.toContain('theme:climate-action');
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('record_id', '=', tag.id).execute();
    expect(audit.map((a) => a.action)).toContain('coherence.tag-removed');
    // A `back` outside the coherence pages is not followed.
    const tag2 = await post(`${url}/tags`, secretariat, [['tag', 'sdg:13']]);
    expect(tag2.statusCode).toBe(303);
    const id2 = (await t.call({ method: 'GET', url: `/api/coherence/subjects/document/${doc.id}/tags` })).json<{ confirmed: { id: string; tag: string }[] }>().confirmed.find((c) => c.tag === 'sdg:13')!.id;
    const away = await post(`/coherence/tags/${id2}/remove`, secretariat, [['back', '//evil.example/coherence/']]);
    expect(away.headers.location).toBe(`${url}?done=removed`);
  });
});
