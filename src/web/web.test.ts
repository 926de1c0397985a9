// The web UI over HTTP (inject) on both backends: content of each page, escaping of hostile text,
// language negotiation with lang/dir, locale formats, side-by-side reading and highlights, facet
// counts, secretariat forms with field errors and CSRF, and the page-weight budget.
import { pageWeight, PAGE_BUDGET } from '../../test/support/web.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { BACKENDS } from '../../test/support/db.js';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { createWebUsers, signInCookie } from '../../test/browser/support.js';
import { assets } from './assets.js';
import { fromAcceptLanguage, LOCALES, MESSAGES, negotiateLocale } from './i18n/index.js';


describe('i18n', () => {
  it('has every message in every language, none empty', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    const en = keys(MESSAGES.en).sort();
    for (const l of LOCALES) {
      expect(keys(MESSAGES[l]).sort(), l).toEqual(en);
      const walk = (o: object): void =>
        Object.values(o).forEach((v) => {
          if (typeof v === 'string') expect(v.trim().length, l).toBeGreaterThan(0);
          else if (typeof v === 'function')
            expect(String((v as (x: string) => string)('7')), l).toContain('7');
          else walk(v as object);
        });
      walk(MESSAGES[l]);
    }
  });

  it('negotiates ?lang, then the cookie, then Accept-Language, then English', () => {
    expect(negotiateLocale({ query: 'ar', cookie: 'fr', acceptLanguage: 'zh' })).toBe('ar');
    expect(negotiateLocale({ query: 'xx', cookie: 'fr', acceptLanguage: 'zh' })).toBe('fr');
    expect(negotiateLocale({ acceptLanguage: 'de-CH, ru;q=0.8, en;q=0.5' })).toBe('ru');
    expect(fromAcceptLanguage('zh-TW,zh;q=0.9')).toBe('zh');
    expect(fromAcceptLanguage('es;q=0, fr;q=0.1')).toBe('fr');
    expect(negotiateLocale({})).toBe('en');
  });
});

describe.each(BACKENDS)('web pages on %s', (backend) => {
  let t: TestApp;
  let jointSession: string;
  let syntheticSession: string;
  let reportId: string;
  let decisionId: string;
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await createTestApp(backend);
    await seedDemo(t.database.db);
    await createWebUsers(t.database.db);
    const sessions = await t.database.db.selectFrom('sessions').select(['id', 'type']).execute();
    jointSession = sessions.find((s) => s.type === 'joint-meeting')!.id;
    syntheticSession = sessions.find((s) => s.type === 'annual')!.id;
    reportId = (
      await t.database.db
        .selectFrom('documents')
        .select('id')
        .where('session_id', '=', jointSession)
        .executeTakeFirstOrThrow()
    ).id;
    decisionId = (await t.database.db.selectFrom('decisions').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t.close());

  it('serves the public portal in English by default, with boards, sessions, documents and decisions', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toMatch(/^<!doctype html><html lang="en" dir="ltr">/);
    expect(res.body).toContain('What the Executive Boards do');
    expect(res.body).toContain('Executive Board of UN-Women');
    expect(res.body).toContain('href="/boards/unicef"');
    expect(res.body).toContain(`href="/sessions/${jointSession}"`);
    expect(res.body).toContain(`href="/documents/${reportId}"`);
    expect(res.body).toContain(`href="/decisions/${decisionId}"`);
    expect(res.body).toContain('(synthetic demo record)');
    // The organizations each board oversees, by the short names of the UI language.
    expect(res.body).toContain('Oversees: UN-Women</p>');
    expect((await get('/?lang=zh')).body).toContain('开发署, 人口基金, 项目署</p>');
    expect((await get('/?lang=ru')).body).toContain('ПРООН, ЮНФПА, ЮНОПС</p>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers.vary).toContain('Accept-Language');
  });

  it('switches to Arabic right to left with ?lang=ar and remembers it in a cookie', async () => {
    const res = await get('/?lang=ar');
    expect(res.body).toMatch(/<html lang="ar" dir="rtl">/);
    expect(res.body).toContain('المجلس التنفيذي لليونيسف');
    expect(String(res.headers['set-cookie'])).toContain('concord_lang=ar');
    const again = await get('/calendar', { cookie: 'concord_lang=ar' });
    expect(again.body).toMatch(/<html lang="ar" dir="rtl">/);
    // The language switch keeps the page and its query.
    expect(again.body).toContain('href="/calendar?lang=zh"');
  });

  it('follows Accept-Language, in Chinese with UN terminology and Chinese date formats', async () => {
    const res = await get(`/sessions/${jointSession}`, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' });
    expect(res.body).toMatch(/<html lang="zh" dir="ltr">/);
    expect(res.body).toContain('执行局联席会议');
    expect(res.body).toContain('2024年5月31日');
    const fr = await get(`/sessions/${jointSession}?lang=fr`);
    expect(fr.body).toContain('31 mai 2024');
    expect(fr.body).toContain('Conseil d&#39;administration');
    const ru = await get(`/sessions/${jointSession}?lang=ru`);
    expect(ru.body).toContain('31 мая 2024');
  });

  it('shows a session with its agenda, the documents of each item, its decisions and its statements by speaker', async () => {
    const synth = await get(`/sessions/${syntheticSession}`);
    expect(synth.statusCode).toBe(200);
    expect(synth.body).toContain('Follow-up to the review of governance and oversight functions');
    expect(synth.body).toContain(`href="/decisions/${decisionId}"`);
    const joint = await get(`/sessions/${jointSession}`);
    expect(joint.body).toContain(`href="/documents/${reportId}"`);
    expect(joint.body).toContain('Statements by speaker');
    expect(joint.body).toMatch(new RegExp(`href="/documents/${reportId}\\?text=zh#p\\d+"`));
    expect(joint.body).toContain('Executive Director');
  });

  it('reads a document: numbered paragraphs with anchors, sub-points, speakers, themes and highlights', async () => {
    const res = await get(`/documents/${reportId}?q=${encodeURIComponent('执行局')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="p25"');
    expect(res.body).toContain('href="#p25"');
    expect(res.body).toMatch(/<ol class="sub"><li id="p25\.\d+"/);
    expect(res.body).toContain('<mark>执行局</mark>');
    expect(res.body).toContain('class="tag theme"');
    expect(res.body).toContain('<span class="tag">President of the UNDP/UNFPA/UNOPS Executive Board</span>');
    expect(res.body).toContain('<div class="text" lang="zh" dir="ltr">');
    // Speakers in the reader's language: paragraph 10 is the UNFPA Executive Director speaking.
    const zh = await get(`/documents/${reportId}?lang=zh`);
    expect(zh.body).toMatch(/id="p10"[\s\S]*?<span class="tag">人口基金执行主任<\/span>/);
    expect(zh.body).not.toContain('President of the UNDP/UNFPA/UNOPS Executive Board');
    // Titles carry their own language and direction on an Arabic page.
    const arDoc = await get(`/documents/${reportId}?lang=ar&text=zh`);
    expect(arDoc.body).toMatch(/<h1><span lang="zh" dir="ltr">联合国开发计划署/);
    expect(arDoc.body).toContain('<p><span lang="en" dir="ltr">Report of the joint meeting');
    const ar = await get(`/sessions/${jointSession}?lang=ar`);
    expect(ar.body).toContain('<th scope="row">المدير التنفيذي لصندوق الأمم المتحدة للسكان</th>');
    const found = await get(`/search?q=${encodeURIComponent('联检组')}&lang=ru`);
    expect(found.body).toContain('<span class="tag">Делегации</span>');
  });

  it('puts two language versions side by side, paragraph by paragraph', async () => {
    const add = await t.call({
      method: 'POST',
      url: `/api/documents/${reportId}/expressions`,
      as: 'admin',
      payload: {
        language: 'en',
        title: 'Report of the joint meeting (English)',
        paragraphs: [
          { number: '1', text: 'The joint meeting of the Executive Boards is held once a year.' },
          { number: '2', text: 'The President of the joint meeting opened the meeting.' },
        ],
      },
    });
    expect([200, 201]).toContain(add.statusCode);
    const res = await get(`/documents/${reportId}?text=zh&compare=en&q=meeting`);
    expect(res.body).toContain('class="para pair" id="p1"');
    expect(res.body).toContain('<div class="text" lang="en" dir="ltr"><p>The joint <mark>meeting</mark>');
    // Paragraph 3 exists only in Chinese: the English column says so.
    expect(res.body).toMatch(/id="p3"[\s\S]*?class="text missing"/);
    // The reader follows the UI language when that version exists.
    const inEnglish = await get(`/documents/${reportId}`);
    expect(inEnglish.body).toContain('<div class="text" lang="en" dir="ltr"><p>The joint meeting');
  });

  it('escapes hostile text everywhere it is shown', async () => {
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const res = await t.call({
      method: 'POST',
      url: '/api/sessions',
      as: 'secretariat',
      payload: {
        type: 'informal-briefing',
        title: hostile,
        startDate: '2024-09-02',
        endDate: '2024-09-02',
        venue: hostile,
        boardIds: ['undp-unfpa-unops'],
      },
    });
    expect(res.statusCode).toBe(201);
    for (const url of [
      `/sessions/${res.json().id}`,
      '/calendar',
      '/',
      `/search?q=${encodeURIComponent(hostile)}`,
      `/documents/${reportId}?q=${encodeURIComponent(hostile)}`,
    ]) {
      const page = await get(url);
      expect(page.body, url).not.toContain('<script>alert');
      expect(page.body, url).not.toContain('<img src=x');
    }
    expect((await get(`/sessions/${res.json().id}`)).body).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;',
    );
  });

  it('answers a missing or hidden record with an HTML 404 page in the UI language', async () => {
    const res = await get('/sessions/no-such-session?lang=es');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Página no encontrada');
  });

  it('searches with filters and facet counts, linking hits into the reader with highlights', async () => {
    const res = await get(`/search?q=${encodeURIComponent('执行局')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<mark>');
    expect(res.body).toMatch(/Chinese<\/a> <span class="meta">\(\d+\)<\/span>/);
    expect(res.body).toMatch(new RegExp(`href="/documents/${reportId}\\?text=zh&amp;q=[^"]+#p\\d+"`));
    // By speaker: what the delegations said, and nothing else.
    const bySpeaker = await get(`/search?q=${encodeURIComponent('治理')}&speaker=delegations&lang=zh`);
    expect(bySpeaker.body).toContain('<option value="delegations" selected>各代表团（会员国）</option>');
    const hits = bySpeaker.body.split('<li><a href="/documents/').slice(1);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h).toContain('<span class="tag">各代表团</span>');
    expect((await get(`/search?q=${encodeURIComponent('治理')}&speaker=unfpa`)).body).toContain('<option value="unfpa" selected>UNFPA</option>');
    // An unknown speaker is no filter.
    expect((await get(`/search?q=${encodeURIComponent('治理')}&speaker=nobody`)).body).toContain('<select name="speaker"><option value="" selected>');
    // Within a session, from the search form of the session's page.
    expect((await get(`/sessions/${jointSession}`)).body).toContain(`<input type="hidden" name="session" value="${jointSession}">`);
    const inSession = await get(`/search?q=${encodeURIComponent('联检组')}&session=${jointSession}`);
    expect(inSession.body).toContain(`Within the session: <a href="/sessions/${jointSession}">`);
    expect(inSession.body).toContain(`<input type="hidden" name="session" value="${jointSession}">`);
    const inSessionHits = inSession.body.split('<li><a href="/documents/').slice(1);
    expect(inSessionHits.length).toBeGreaterThan(0);
    for (const h of inSessionHits) expect(h.startsWith(reportId)).toBe(true);
    const synthInSession = await get(`/search?q=${encodeURIComponent('联检组')}&session=${syntheticSession}`);
    expect(synthInSession.body).toContain('No paragraph matches.');
    expect((await get(`/search?q=${encodeURIComponent('联检组')}&session=../../etc`)).body).not.toContain('Within the session');
    const filtered = await get(`/search?q=${encodeURIComponent('执行局')}&language=en`);
    expect(filtered.body).toContain('No paragraph matches.');
    const bad = await get('/search?q=%22%22');
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain(
      '<div class="alert" role="alert"><p>Words to search for: has no word to search for (letters, digits or characters)</p></div>',
    );
    // In the reader's language, saying what is wrong with the query.
    const excluded = await get('/search?q=-wfp&lang=zh');
    expect(excluded.body).toContain('只排除了词语（-词语）：请至少给出一个要查找的词');
    const cursor = await get('/search?q=board&cursor=nonsense&lang=fr');
    expect(cursor.body).toContain('cette page de résultats n’est plus valable : relancez la recherche');
  });

  it('draws dashboards as chart islands with table alternatives', async () => {
    const res = await get('/dashboards');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-chart="heatmap"');
    expect(res.body).toMatch(/<table class="heat"><caption>/);
    expect(res.body).toContain(assets().uplot.url);
    // Boards on the charts' axes by the short names of the UI language.
    expect(res.body).toContain('"yLabels":["UN-Women","UNDP/UNFPA/UNOPS","UNICEF","WFP"]');
    const fr = await get('/dashboards?lang=fr');
    expect(fr.body).toContain('"yLabels":["ONU-Femmes","PNUD/FNUAP/UNOPS","UNICEF","PAM"]');
    expect((await get('/coherence?lang=zh')).body).toContain('<abbr title="儿基会执行局">儿基会</abbr>');
    // No chart scripts on reading pages.
    expect((await get(`/documents/${reportId}`)).body).not.toContain(assets().uplot.url);
  });

  it('serves assets compressed with long cache lifetimes', async () => {
    const css = await get(assets().css.url, { 'accept-encoding': 'br, gzip' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['cache-control']).toContain('immutable');
    const page = await get('/', { 'accept-encoding': 'gzip' });
    expect(page.headers['content-encoding']).toBe('gzip');
  });

  it('keeps every page within 150 KB (HTML, CSS and JS, gzipped) on first load', async () => {
    const urls = [
      '/',
      '/?lang=ar',
      '/?lang=zh',
      '/boards/undp-unfpa-unops',
      '/calendar',
      '/documents',
      `/documents/${reportId}`,
      `/documents/${reportId}?compare=zh&q=meeting`,
      '/decisions',
      `/decisions/${decisionId}`,
      `/sessions/${jointSession}`,
      `/sessions/${syntheticSession}`,
      `/search?q=${encodeURIComponent('执行局')}`,
      '/dashboards',
      '/sign-in',
    ];
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(pageWeight(res.body), url).toBeLessThanOrEqual(PAGE_BUDGET);
    }
  });

  describe('signed in', () => {
    let secretariat: { cookie: string; csrfToken: string };
    let delegate: { cookie: string; csrfToken: string };
    beforeAll(async () => {
      secretariat = await signInCookie(t.app, 'webSecretariat');
      delegate = await signInCookie(t.app, 'webDelegate');
    });

    it('sends the public to the sign-in page and shows the sign-in form', async () => {
      const res = await get('/workspace');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/sign-in?redirect=/workspace');
      const page = await get('/sign-in?redirect=/workspace&error=invalid');
      expect(page.body).toContain('action="/api/auth/sign-in"');
      expect(page.body).toContain('name="redirect" value="/workspace"');
      expect(page.body).toContain('aria-invalid="true"');
      expect(page.body).toContain('The email address or the password is not correct.');
    });

    it('shows the workspace: my boards, upcoming sessions, what is new, questions, mandates and dashboards', async () => {
      const res = await get('/workspace', { cookie: delegate.cookie });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Signed in as Delegate of Ghana');
      expect(res.body).toContain('href="/boards/unicef"');
      expect(res.body).not.toContain('href="/boards/wfp"');
      expect(res.body).toContain('New in the last 30 days');
      expect(res.body).toContain('Questions and answers');
      expect(res.body).toContain('data-chart="heatmap"');
      expect(String(res.headers['set-cookie'])).toContain('concord_seen=');
      // The sign-out form carries the CSRF token of the session.
      expect(res.body).toContain(`name="_csrf" value="${delegate.csrfToken}"`);
    });

    it('lets a delegate ask management a question, shown in the workspace', async () => {
      const bad = await t.app.inject({
        method: 'POST',
        url: '/workspace/questions/new',
        headers: { cookie: delegate.cookie },
        payload: { _csrf: delegate.csrfToken, boardId: 'unicef', text: 'x' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('id="f-text-error"');
      const ok = await t.app.inject({
        method: 'POST',
        url: '/workspace/questions/new',
        headers: { cookie: delegate.cookie },
        payload: {
          _csrf: delegate.csrfToken,
          boardId: 'unicef',
          text: 'When will the evaluation of <b>programme</b> results be presented?',
        },
      });
      expect(ok.statusCode).toBe(303);
      const page = await get('/workspace', { cookie: delegate.cookie });
      expect(page.body).toContain(
        'When will the evaluation of &lt;b&gt;programme&lt;/b&gt; results be presented?',
      );
    });

    it('refuses secretariat forms to others and shows them to the secretariat', async () => {
      expect((await get('/secretariat/sessions/new')).statusCode).toBe(401);
      expect((await get('/secretariat/sessions/new', { cookie: delegate.cookie })).statusCode).toBe(403);
      const res = await get('/secretariat/sessions/new', { cookie: secretariat.cookie });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<label for="f-title">');
      expect(res.body).toContain(`name="_csrf" value="${secretariat.csrfToken}"`);
      // Only the boards whose secretariat the user is.
      expect(res.body).toContain('value="undp-unfpa-unops"');
      expect(res.body).not.toContain('name="boardIds" value="wfp"');
    });

    it('re-renders a form with the messages beside the fields, then saves through the command', async () => {
      const post = (payload: Record<string, string | string[]>, csrf = secretariat.csrfToken) =>
        t.app.inject({
          method: 'POST',
          url: '/secretariat/sessions/new',
          headers: { cookie: secretariat.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams([
            ['_csrf', csrf],
            ...Object.entries(payload).flatMap(([k, v]): [string, string][] =>
              Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]],
            ),
          ]).toString(),
        });
      const missing = await post({
        type: 'annual',
        title: '',
        startDate: '2025-06-02',
        endDate: '2025-06-06',
        accessLevel: 'public',
        boardIds: 'undp-unfpa-unops',
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain('id="f-title-error"');
      expect(missing.body).toMatch(
        /<input type="text" id="f-title" name="title" value="" aria-describedby="f-title-error" aria-invalid="true"/,
      );
      // A rule of the command (end before start) comes back beside its field too.
      const reversed = await post({
        type: 'annual',
        title: 'Annual session 2025',
        startDate: '2025-06-06',
        endDate: '2025-06-02',
        accessLevel: 'public',
        boardIds: 'undp-unfpa-unops',
      });
      expect(reversed.statusCode).toBe(400);
      expect(reversed.body).toContain('id="f-endDate-error"');
      expect(reversed.body).toContain('must not be before the start date');
      expect(reversed.body).toContain('value="Annual session 2025"');
      // Without the CSRF token nothing is saved.
      expect(
        (
          await post(
            {
              type: 'annual',
              title: 'x',
              startDate: '2025-06-02',
              endDate: '2025-06-06',
              boardIds: 'undp-unfpa-unops',
            },
            'wrong',
          )
        ).statusCode,
      ).toBe(403);
      const ok = await post({
        type: 'annual',
        title: 'Annual session 2025 (web form)',
        startDate: '2025-06-02',
        endDate: '2025-06-06',
        venue: 'New York',
        accessLevel: 'public',
        boardIds: 'undp-unfpa-unops',
      });
      expect(ok.statusCode).toBe(303);
      const id = /^\/sessions\/(.+)$/.exec(String(ok.headers.location))![1]!;
      const api = await t.call({ method: 'GET', url: `/api/sessions/${id}` });
      expect(api.json()).toMatchObject({
        title: 'Annual session 2025 (web form)',
        venue: 'New York',
        boardIds: ['undp-unfpa-unops'],
      });
      const audit = await t.database.db
        .selectFrom('audit_events')
        .select('action')
        .where('record_id', '=', id)
        .execute();
      expect(audit.map((a) => a.action)).toContain('session.scheduled');
    });

    it('records a decision and a document through their forms', async () => {
      const form = (url: string, fields: [string, string][]) =>
        t.app.inject({
          method: 'POST',
          url,
          headers: { cookie: secretariat.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams([['_csrf', secretariat.csrfToken], ...fields]).toString(),
        });
      const dup = await form('/secretariat/decisions/new', [
        ['boardId', 'undp-unfpa-unops'],
        ['number', '2024/901'],
        ['title', 'Again'],
        ['language', 'en'],
        ['operative', 'Decides.'],
      ]);
      expect(dup.statusCode).toBe(400);
      expect(dup.body).toContain('id="f-number-error"');
      const ok = await form('/secretariat/decisions/new', [
        ['boardId', 'undp-unfpa-unops'],
        ['number', '2025/1'],
        ['title', 'Structured dialogue on financing'],
        ['language', 'en'],
        ['preambular', 'Recalling its decision 2024/901,'],
        [
          'operative',
          'Takes note of the report;\nRequests the Administrator to report at the annual session 2026.',
        ],
      ]);
      expect(ok.statusCode).toBe(303);
      const page = await get(String(ok.headers.location));
      expect(page.body).toContain('Requests the Administrator to report at the annual session 2026.');
      expect(page.body).toContain('id="op2"');
      const doc = await form('/secretariat/documents/new', [
        ['symbol', 'DP/2025/1'],
        ['type', 'report'],
        ['title', 'Annual report of the Administrator'],
        ['date', '2025-04-01'],
        ['originalLanguage', 'en'],
        ['accessLevel', 'public'],
        ['boardIds', 'undp-unfpa-unops'],
      ]);
      expect(doc.statusCode).toBe(303);
      expect((await get(String(doc.headers.location))).body).toContain('Annual report of the Administrator');
    });
  });
});

describe.each(BACKENDS)('member-state names in the UI language on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
    await seedDemo(t.database.db);
    await createWebUsers(t.database.db);
  });
  afterAll(async () => t.close());

  it('names the members of a board in the page language, and sorts form choices in it', async () => {
    const members = (await t.app.inject({ method: 'GET', url: '/api/boards/unicef/memberships' })).json()
      .items as {
      memberStateId: string;
    }[];
    expect(members.length).toBeGreaterThan(0);
    const states = (
      await t.app.inject({ method: 'GET', url: `/api/member-states/${members[0]!.memberStateId}` })
    ).json();
    const zh = new Intl.DisplayNames(['zh'], { type: 'region' }).of(states.iso2)!;
    const en = await t.app.inject({ method: 'GET', url: '/boards/unicef?lang=en' });
    const zhPage = await t.app.inject({ method: 'GET', url: '/boards/unicef?lang=zh' });
    expect(en.body).toContain(states.name);
    expect(zhPage.body).toContain(zh);
    expect(zh).not.toBe(states.name);
    // The membership form lists member states by their French names, in French order.
    const { cookie } = await signInCookie(t.app, 'webSecretariat');
    const form = await t.app.inject({
      method: 'GET',
      url: '/secretariat/boards/undp-unfpa-unops/memberships/new?lang=fr',
      headers: { cookie },
    });
    expect(form.statusCode).toBe(200);
    const labels = [...form.body.matchAll(/<option value="[A-Z]{3}"[^>]*>([^<]+)<\/option>/g)].map(
      (m) => m[1]!,
    );
    expect(labels).toHaveLength(193);
    expect(labels.some((l) => l.startsWith('Fidji'))).toBe(true);
    expect([...labels].sort(new Intl.Collator('fr').compare)).toEqual(labels);
  });
});

describe.each(BACKENDS)('the ranking window on %s', (backend) => {
  let narrow: TestApp;
  let wide: TestApp;
  beforeAll(async () => {
    narrow = await createTestApp(backend, { jointMeeting: true, searchWindow: 3 });
    wide = await createTestApp(backend, { jointMeeting: true });
  });
  afterAll(async () => {
    await narrow.close();
    await wide.close();
  });

  it('says so, in the API and on the search page, when more paragraphs match than the window', async () => {
    const api = async (app: TestApp, url: string) => (await app.app.inject({ method: 'GET', url })).json();
    // 的 is in nearly every paragraph of the report; a page of 2 ranks within the window of 3.
    const windowed = await api(narrow, `/api/search?q=${encodeURIComponent('的')}&limit=2`);
    expect(windowed.windowed).toBe(true);
    expect(windowed.items).toHaveLength(2);
    const full = await api(wide, `/api/search?q=${encodeURIComponent('的')}&limit=2`);
    expect(full.windowed).toBe(false);
    // A rare term is ranked in full whatever the window.
    expect((await api(narrow, `/api/search?q=${encodeURIComponent('48/162')}&limit=2`)).windowed).toBe(false);
    const page = await narrow.app.inject({
      method: 'GET',
      url: `/search?q=${encodeURIComponent('的')}&lang=fr`,
    });
    expect(page.body).toContain('id="windowed"');
    expect(page.body).toContain('parmi les 3 plus récents');
    const widePage = await wide.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('的')}` });
    expect(widePage.body).not.toContain('id="windowed"');
  });
});
