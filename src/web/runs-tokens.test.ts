// The secretariat's coherence operations and the user's API tokens in the web UI, over HTTP (inject)
// on both backends with the demo data: an analysis run and a tag refresh go through the module's
// commands (checked against the JSON API and the audit trail), the public tagger shows what the
// JSON preview returns for the same text, and a token's secret is shown once, works as a Bearer
// token until revoked, and never appears on the list. Refusals: 401/403 by role, CSRF, bad fields.
import { pageWeight, PAGE_BUDGET } from '../../test/support/web.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { BACKENDS } from '../../test/support/db.js';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { createWebUsers, emailOf, signInCookie } from '../../test/browser/support.js';

const KINDS = ['near-duplicate', 'duplicate-reporting', 'conflicting-deadlines', 'theme-gap', 'joint-agenda'];
const en = new Intl.NumberFormat('en');
/** A text with unmistakable SDG 5 and SDG 13 terms. */
const SDG_TEXT = 'Achieve gender equality and empower all women and girls. End all forms of violence against women and girls. Take urgent action to combat climate change and its impacts.';

interface Who {
  cookie: string;
  csrfToken: string;
}

describe.each(BACKENDS)('analysis runs, tag suggestions, the tagger and API tokens on %s', (backend) => {
  let t: TestApp;
  let secretariat: Who;
  let delegate: Who;
  const get = (url: string, who?: Who) => t.app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
  const post = (url: string, who: Who | null, fields: [string, string][] = [], csrf = who?.csrfToken) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...(who ? { cookie: who.cookie } : {}), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([...(csrf ? [['_csrf', csrf] as [string, string]] : []), ...fields]).toString(),
    });
  const runs = async () => (await t.database.db.selectFrom('coherence_runs').select('id').execute()).length;

  beforeAll(async () => {
    t = await createTestApp(backend);
    await seedDemo(t.database.db);
    await createWebUsers(t.database.db);
    secretariat = await signInCookie(t.app, 'webSecretariat');
    delegate = await signInCookie(t.app, 'webDelegate');
  });
  afterAll(async () => t.close());

  it('runs the analysis of a year through the same command as the API, audited, and shows its outcome', async () => {
    const form = await get('/coherence/analyses/new', secretariat);
    expect(form.statusCode).toBe(200);
    for (const f of ['year', 'similarity', 'crossLanguageSimilarity', 'reportingSimilarity', 'tagMinScore']) expect(form.body).toContain(`<label for="f-${f}">`);
    expect(form.body).toContain('value="2024"'); // the latest analysed year
    expect(pageWeight(form.body)).toBeLessThanOrEqual(PAGE_BUDGET);
    expect((await get('/coherence?year=2024', secretariat)).body).toContain('href="/coherence/analyses/new"');

    const before = await runs();
    const res = await post('/coherence/analyses/new', secretariat, [['year', '2024'], ['similarity', '0,45']]);
    expect(res.statusCode).toBe(303);
    const m = /^\/coherence\/runs\/([^?]+)\?done=1$/.exec(String(res.headers.location));
    expect(m).not.toBeNull();
    const runId = m![1]!;
    expect(await runs()).toBe(before + 1);
    const row = await t.database.db.selectFrom('coherence_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    expect(row.year).toBe(2024);
    // The run records how long it took.
    expect(row.duration_ms).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(row.params_json)).toMatchObject({ similarity: 0.45, crossLanguageSimilarity: 0.5 });
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'actor_id']).where('record_id', '=', runId).execute();
    expect(audit.map((a) => a.action)).toEqual(['coherence.analysed']);
    const me = await t.database.db.selectFrom('users').select('id').where('email', '=', emailOf('webSecretariat')).executeTakeFirstOrThrow();
    expect(audit[0]!.actor_id).toBe(me.id);

    // The outcome: the year's findings by kind, as the JSON API now lists them, with links.
    const page = await get(String(res.headers.location), secretariat);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<dt>Time taken</dt><dd>${en.format(row.duration_ms!)} ms</dd>`);
    let total = 0;
    for (const kind of KINDS) {
      const n = (await t.call({ method: 'GET', url: `/api/coherence/findings?year=2024&kind=${kind}&limit=200` })).json<{ items: { runId: string }[] }>().items;
      expect(n.every((f) => f.runId === runId)).toBe(true);
      total += n.length;
      expect(page.body).toContain(`<td class="num" data-kind="${kind}">${n.length}</td>`);
      expect(page.body).toContain(`href="/coherence/findings?year=2024&amp;kind=${kind}"`);
    }
    expect(total).toBeGreaterThan(0);
    expect(page.body).toContain(`<td class="num" data-kind="total">${total}</td>`);
    expect(page.body).toContain('<dd>0.45</dd>');
    expect(page.body).not.toContain('A later analysis');
    expect(pageWeight(page.body)).toBeLessThanOrEqual(PAGE_BUDGET);

    // The API's run with the same parameters finds the same; the page's run is then superseded.
    const api = await t.call({ method: 'POST', url: '/api/coherence/analyses', as: 'secretariat', payload: { year: 2024, similarity: 0.45 } });
    expect(api.statusCode).toBe(201);
    const counts = JSON.parse(row.counts_json) as { findings: Record<string, number> };
    expect(api.json<{ findings: Record<string, number> }>().findings).toEqual(counts.findings);
    expect((await get(`/coherence/runs/${runId}`, secretariat)).body).toContain('A later analysis of the same year has replaced these findings');
    const list = await get('/coherence/runs', secretariat);
    expect(list.body).toContain(`href="/coherence/runs/${runId}"`);
    expect(list.body).toContain(`href="/coherence/runs/${api.json<{ runId: string }>().runId}"`);
  });

  it('refuses a bad year or threshold beside its field, and a post without the CSRF token, running nothing', async () => {
    const before = await runs();
    for (const [field, value, message] of [
      ['year', '20x4', 'must be a whole number'],
      ['year', '1800', 'must be at least 1945'],
      ['similarity', '5', 'must be at most 1'],
      ['tagMinScore', 'high', 'has the wrong type'],
    ] as const) {
      const res = await post('/coherence/analyses/new', secretariat, field === 'year' ? [[field, value]] : [['year', '2024'], [field, value]]);
      expect(res.statusCode, `${field}=${value}`).toBe(400);
      expect(res.body).toMatch(new RegExp(`<p class="error" id="f-${field}-error">[^<]*${message}`));
    }
    expect((await post('/coherence/analyses/new', secretariat, [['year', '2024']], 'wrong')).statusCode).toBe(403);
    expect((await post('/coherence/analyses/new', secretariat, [['year', '2024']], '')).statusCode).toBe(403);
    expect(await runs()).toBe(before);
  });

  it('keeps runs to the secretariat: 401 for the public, 403 for a delegate', async () => {
    const before = await runs();
    const [run] = await t.database.db.selectFrom('coherence_runs').select('id').execute();
    for (const url of ['/coherence/analyses/new', '/coherence/runs', `/coherence/runs/${run!.id}`, '/coherence/tagging/suggest']) {
      expect((await get(url)).statusCode, url).toBe(401);
      expect((await get(url, delegate)).statusCode, url).toBe(403);
    }
    expect((await post('/coherence/analyses/new', null, [['year', '2024']])).statusCode).toBe(401);
    expect((await post('/coherence/analyses/new', delegate, [['year', '2024']])).statusCode).toBe(403);
    expect((await post('/coherence/tagging/suggest', delegate, [['subjectType', 'mandate'], ['year', '2024']])).statusCode).toBe(403);
    expect(await runs()).toBe(before);
    expect((await get('/coherence/runs/00000000-0000-7000-8000-000000000000', secretariat)).statusCode).toBe(404);
    expect((await get('/coherence/runs/%3Cx%3E', secretariat)).statusCode).toBe(404);
    const pub = (await get('/coherence?year=2024')).body;
    expect(pub).not.toContain('href="/coherence/analyses/new"');
    expect(pub).toContain('href="/coherence/tagger"');
  });

  it('refreshes the suggestions of a record through the tagging command, as the API does', async () => {
    const doc = await t.database.db.selectFrom('documents').select('id').where('access_level', '=', 'public').executeTakeFirstOrThrow();
    const tags = async () => (await t.call({ method: 'GET', url: `/api/coherence/subjects/document/${doc.id}/tags` })).json<{ suggested: { tag: string }[] }>().suggested;
    expect(await tags()).toEqual([]);
    const form = await get(`/coherence/tagging/suggest?subjectType=document&subject=${doc.id}`, secretariat);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<option value="document" selected>');
    expect(form.body).toContain(`>${doc.id}</textarea>`);

    const res = await post('/coherence/tagging/suggest', secretariat, [['subjectType', 'document'], ['subjectIds', doc.id]]);
    expect(res.statusCode).toBe(303);
    const location = new URL(String(res.headers.location), 'http://local');
    const suggested = await tags();
    expect(suggested.length).toBeGreaterThan(0);
    expect(Object.fromEntries(location.searchParams)).toEqual({ subjectType: 'document', subject: doc.id, subjects: '1', added: String(suggested.length), updated: '0', removed: '0' });
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('record_id', '=', doc.id).execute();
    expect(audit.map((a) => a.action)).toContain('coherence.tags-suggested');
    const done = await get(String(res.headers.location), secretariat);
    expect(done.body).toContain('The suggestions were refreshed.');
    expect(done.body).toContain(`<dt>Tag suggestions added</dt><dd>${suggested.length}</dd>`);
    expect(done.body).toContain(`href="/coherence/subjects/document/${doc.id}"`);

    // A year of mandates: the API's refresh right after finds nothing left to change.
    const year = await post('/coherence/tagging/suggest', secretariat, [['subjectType', 'mandate'], ['year', '2024'], ['minScore', '0.6']]);
    expect(year.statusCode).toBe(303);
    const subjects = new URL(String(year.headers.location), 'http://local').searchParams.get('subjects');
    const api = await t.call({ method: 'POST', url: '/api/coherence/tagging/suggest', as: 'secretariat', payload: { subjectType: 'mandate', year: 2024, minScore: 0.6 } });
    expect(api.json()).toEqual({ subjects: Number(subjects), added: 0, updated: 0, removed: 0 });
    expect(Number(subjects)).toBeGreaterThan(0);

    // Neither records nor a year; an unknown record; an unknown kind: named beside the field.
    for (const [fields, field] of [
      [[['subjectType', 'decision']], 'year'],
      [[['subjectType', 'decision'], ['subjectIds', '00000000-0000-7000-8000-000000000000']], 'subjectIds'],
      [[['subjectType', 'speech'], ['year', '2024']], 'subjectType'],
      [[['subjectType', 'decision'], ['subjectIds', 'not an id']], 'subjectIds'],
    ] as [[string, string][], string][]) {
      const bad = await post('/coherence/tagging/suggest', secretariat, fields);
      expect(bad.statusCode, JSON.stringify(fields)).toBe(400);
      expect(bad.body).toContain(`id="f-${field}-error"`);
    }
  });

  it('shows the public what the tagger suggests for a text, as the JSON preview does, with the triggering words', async () => {
    const api = (await t.call({ method: 'POST', url: '/api/coherence/tagging/preview', payload: { text: SDG_TEXT } })).json<{
      suggestions: { tag: string; score: number; raw: number; lengthFactor: number; triggers: { matched: string[] }[] }[];
    }>().suggestions;
    expect(api.map((s) => s.tag)).toEqual(expect.arrayContaining(['sdg:5', 'sdg:13']));
    const form = await get('/coherence/tagger');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<label for="f-text">');

    const res = await post('/coherence/tagger', null, [['text', SDG_TEXT]]);
    expect(res.statusCode).toBe(200);
    const rows = [...res.body.matchAll(/<tr data-tag="([^"]+)">/g)].map((x) => x[1]);
    expect(rows).toEqual(api.map((s) => s.tag));
    for (const s of api) {
      const row = new RegExp(`<tr data-tag="${s.tag.replace('.', '\\.')}">.*?</tr>`, 's').exec(res.body)![0];
      expect(row).toContain(`<td class="num">${en.format(s.score)}</td><td class="num">${en.format(s.raw)}</td>`);
      for (const tr of s.triggers) expect(row).toContain(`<span class="tag" lang="en">${[...new Set(tr.matched)].join(', ')}</span>`);
    }
    expect(res.body).toMatch(/<tr data-tag="sdg:5"><th scope="row">[^<]+ <span class="meta" dir="ltr">sdg:5<\/span><\/th>/);
    expect(res.body).toContain(`Length factor of this text: ${en.format(api[0]!.lengthFactor)}.`);
    // The text stays in the form.
    expect(res.body).toContain(`>${SDG_TEXT}</textarea>`);
    expect(pageWeight(res.body)).toBeLessThanOrEqual(PAGE_BUDGET);

    // A higher minimum score leaves out what the API leaves out.
    const strict = (await t.call({ method: 'POST', url: '/api/coherence/tagging/preview', payload: { text: SDG_TEXT, minScore: 0.9 } })).json<{ suggestions: { tag: string }[] }>().suggestions;
    const strictPage = await post('/coherence/tagger', null, [['text', SDG_TEXT], ['minScore', '0.9']]);
    expect([...strictPage.body.matchAll(/<tr data-tag="([^"]+)">/g)].map((x) => x[1])).toEqual(strict.map((s) => s.tag));
    // Signed in, the CSRF token is needed (the layout's forms carry it).
    expect((await post('/coherence/tagger', delegate, [['text', SDG_TEXT]])).statusCode).toBe(200);
    expect((await post('/coherence/tagger', delegate, [['text', SDG_TEXT]], 'wrong')).statusCode).toBe(403);
    const none = await post('/coherence/tagger', null, [['text', 'The meeting was adjourned at noon.']]);
    expect(none.body).toContain('The tagger suggests no goal or theme for this text');
    expect((await get('/coherence/tagger?lang=ar')).body).toMatch(/<html lang="ar" dir="rtl">/);
  });

  it('refuses an oversized or empty text beside the field, as the API refuses it', async () => {
    const long = 'climate '.repeat(2501).slice(0, 20_001);
    expect((await t.call({ method: 'POST', url: '/api/coherence/tagging/preview', payload: { text: long } })).statusCode).toBe(400);
    const res = await post('/coherence/tagger', null, [['text', long]]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<p class="error" id="f-text-error">must have at most 20000 characters</p>');
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).not.toContain('<tr data-tag=');
    const empty = await post('/coherence/tagger', null, [['text', '  ']]);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('id="f-text-error">is required</p>');
    const score = await post('/coherence/tagger', null, [['text', SDG_TEXT], ['minScore', '2']]);
    expect(score.statusCode).toBe(400);
    expect(score.body).toContain('id="f-minScore-error">must be at most 0.99</p>');
  });

  it('creates an API token whose secret is shown once, works as a Bearer token, and stays off the list', async () => {
    expect((await get('/workspace/tokens')).headers.location).toBe('/sign-in?redirect=/workspace/tokens');
    expect((await post('/workspace/tokens', null, [['name', 'x']])).statusCode).toBe(401);
    expect((await get('/workspace', delegate)).body).toContain('href="/workspace/tokens"');
    const empty = await get('/workspace/tokens', delegate);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('You have no API tokens.');
    expect(empty.body).toContain('<label for="f-name">');

    const delegateId = (await t.database.db.selectFrom('users').select('id').where('email', '=', emailOf('webDelegate')).executeTakeFirstOrThrow()).id;
    const count = async () => (await t.database.db.selectFrom('api_tokens').select('id').where('user_id', '=', delegateId).execute()).length;
    // No CSRF token: refused before anything is issued.
    expect((await post('/workspace/tokens', delegate, [['name', 'Forged']], '')).statusCode).toBe(403);
    // The API's name limit applies to the form too.
    const long = 'n'.repeat(101);
    expect((await t.call({ method: 'POST', url: `/api/users/${t.users.memberDelegate!.id}/tokens`, as: 'memberDelegate', payload: { name: long } })).statusCode).toBe(400);
    const bad = await post('/workspace/tokens', delegate, [['name', long]]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-name-error">must have at most 100 characters</p>');
    expect(await count()).toBe(0);

    const res = await post('/workspace/tokens', delegate, [['name', 'Statistics script']]);
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const secret = /value="(cnc_[A-Za-z0-9_-]+)"/.exec(res.body)?.[1];
    expect(secret).toBeDefined();
    expect(res.body).toContain('It is shown only this once');
    expect(pageWeight(res.body)).toBeLessThanOrEqual(PAGE_BUDGET);
    expect(await count()).toBe(1);

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${secret}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json<{ user: { id: string; email: string } }>().user).toMatchObject({ id: delegateId, email: emailOf('webDelegate') });

    const token = await t.database.db.selectFrom('api_tokens').selectAll().where('user_id', '=', delegateId).executeTakeFirstOrThrow();
    const list = await get('/workspace/tokens', delegate);
    expect(list.body).toContain(`<tr data-token="${token.id}"><th scope="row">Statistics script</th>`);
    expect(list.body).not.toContain(secret!);
    expect(list.body).not.toContain(token.token_hash);
    expect(list.body).toContain(`action="/workspace/tokens/${token.id}/revoke"`);
    const audit = await t.database.db.selectFrom('audit_events').selectAll().where('record_id', '=', token.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['token.issued']);
    expect(JSON.stringify(audit)).not.toContain(secret!);

    // Someone else cannot revoke it; without the CSRF token the owner cannot either.
    expect((await post(`/workspace/tokens/${token.id}/revoke`, secretariat)).statusCode).toBe(403);
    expect((await post(`/workspace/tokens/${token.id}/revoke`, delegate, [], '')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(200);
    expect((await post('/workspace/tokens/00000000-0000-7000-8000-000000000000/revoke', delegate)).statusCode).toBe(404);

    const revoked = await post(`/workspace/tokens/${token.id}/revoke`, delegate);
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe('/workspace/tokens?done=revoked');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(401);
    const after = await get('/workspace/tokens?done=revoked', delegate);
    expect(after.body).toContain('The token was revoked: it no longer works.');
    expect(after.body).toContain(`<tr data-token="${token.id}"><th scope="row">Statistics script</th><td>`);
    expect(after.body).toMatch(new RegExp(`<tr data-token="${token.id}">.*?<td>Revoked</td><td>—</td></tr>`));
    expect(after.body).not.toContain(`action="/workspace/tokens/${token.id}/revoke"`);
    const actions = await t.database.db.selectFrom('audit_events').select('action').where('record_id', '=', token.id).execute();
    expect(actions.map((a) => a.action)).toEqual(['token.issued', 'token.revoked']);
    // Another user's list does not show it.
    expect((await get('/workspace/tokens', secretariat)).body).not.toContain(token.id);
  });
});
