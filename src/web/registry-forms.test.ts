// Secretariat forms for memberships, bureau posts, language versions and access (level and embargo),
// on both backends: who may use them, that a valid post goes through the command (record + audit
// event), and that a rejected post comes back 400 with each message beside its field in the UI
// language while nothing is written.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../lib/clock.js';
import { seedDemo } from '../seed/demo.js';
import { BACKENDS } from '../../test/support/db.js';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { createWebUsers, signInCookie } from '../../test/browser/support.js';
import type { PageContext } from './context.js';
import { translateError } from './forms.js';
import { formatsFor, MESSAGES, type Locale } from './i18n/index.js';
import { embargoInstant, paragraphsOf } from './pages/registry-forms.js';

const BOARD = 'undp-unfpa-unops';

describe('registry form helpers', () => {
  it('splits pasted text into numbered paragraphs, keeping numbers the text gives', () => {
    expect(paragraphsOf('First part\nof the first.\n\n  \n5. Fifth.\n\nSixth.')).toEqual([
      { number: '1', text: 'First part of the first.' },
      { number: '5', text: 'Fifth.' },
      { number: '6', text: 'Sixth.' },
    ]);
    expect(paragraphsOf('   ')).toEqual([]);
  });

  it('translates an error by its code and params, and keeps the English text for an unknown code', () => {
    const ctx = (locale: Locale) => ({ locale, t: MESSAGES[locale], f: formatsFor(locale) }) as PageContext;
    expect(translateError(ctx('ru'), { path: '/body/title', message: 'must NOT have more than 200 characters', code: 'maxLength', params: { limit: 200 } })).toBe('должно содержать не более 200 симв.');
    expect(translateError(ctx('es'), { path: '/body/date', message: 'must match format "date"', code: 'format', params: { format: 'date' } })).toBe('debe ser una fecha (AAAA-MM-DD)');
    expect(translateError(ctx('fr'), { path: '/body/x', message: 'must be multiple of 5', code: 'multipleOf', params: { multipleOf: 5 } })).toBe('must be multiple of 5');
    expect(translateError(ctx('zh'), { path: '/body/x', message: 'is odd' })).toBe('is odd');
  });

  it('reads a datetime-local value as UTC and passes other text on for validation', () => {
    expect(embargoInstant('2030-05-01T09:30')).toBe('2030-05-01T09:30:00Z');
    expect(embargoInstant(undefined)).toBeNull();
    expect(embargoInstant('tomorrow')).toBe('tomorrow');
  });
});

describe.each(BACKENDS)('registry and access forms on %s', (backend) => {
  let t: TestApp;
  let secretariat: { cookie: string; csrfToken: string };
  let delegate: { cookie: string; csrfToken: string };
  let docId: string;
  let sessionId: string;
  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  /** Posts a form as the secretariat (or `as`), in the UI language `lang` (cookie). */
  const post = (url: string, fields: Record<string, string>, opts: { lang?: string; as?: { cookie: string; csrfToken: string } | null } = {}) => {
    const who = opts.as === undefined ? secretariat : opts.as;
    const cookie = [who?.cookie, opts.lang ? `concord_lang=${opts.lang}` : ''].filter(Boolean).join('; ');
    return t.app.inject({
      method: 'POST',
      url,
      headers: { ...(cookie ? { cookie } : {}), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: who?.csrfToken ?? '', ...fields }).toString(),
    });
  };
  const count = async (table: 'board_memberships' | 'bureau_posts' | 'expressions' | 'access_changes' | 'audit_events') =>
    Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const audited = async (recordId: string) =>
    (await t.database.db.selectFrom('audit_events').select('action').where('record_id', '=', recordId).execute()).map((a) => a.action);
  /** The text of the error shown beside field `name`. */
  const errorOf = (body: string, name: string) => [...body.matchAll(/<p class="error" id="f-([^"]+)-error">([^<]*)<\/p>/g)].find((m) => m[1] === name)?.[2];

  beforeAll(async () => {
    t = await createTestApp(backend);
    await seedDemo(t.database.db);
    await createWebUsers(t.database.db);
    secretariat = await signInCookie(t.app, 'webSecretariat');
    delegate = await signInCookie(t.app, 'webDelegate');
    const doc = await t.call({
      method: 'POST',
      url: '/api/documents',
      as: 'secretariat',
      payload: { symbol: 'DP/2030/7', type: 'report', title: 'Annual report on evaluation', date: '2030-04-01', originalLanguage: 'en', accessLevel: 'public', boardIds: [BOARD] },
    });
    expect(doc.statusCode).toBe(201);
    docId = doc.json().id;
    const session = await t.call({
      method: 'POST',
      url: '/api/sessions',
      as: 'secretariat',
      payload: { type: 'annual', title: 'Annual session 2030', startDate: '2030-06-03', endDate: '2030-06-07', accessLevel: 'public', boardIds: [BOARD] },
    });
    expect(session.statusCode).toBe(201);
    sessionId = session.json().id;
  });
  afterEach(() => clock.set(null));
  afterAll(async () => t.close());

  const forms = () => [
    { url: `/secretariat/boards/${BOARD}/memberships/new`, field: 'memberStateId' },
    { url: `/secretariat/boards/${BOARD}/bureau/new`, field: 'post' },
    { url: `/secretariat/documents/${docId}/expressions/new`, field: 'paragraphs' },
    { url: `/secretariat/documents/${docId}/access`, field: 'embargoUntil' },
    { url: `/secretariat/sessions/${sessionId}/access`, field: 'accessLevel' },
  ];

  it('shows each form to the secretariat of the board and refuses it to others', async () => {
    for (const { url, field } of forms()) {
      const page = await get(url, secretariat.cookie);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain(`<label for="f-${field}">`);
      expect(page.body, url).toContain(`name="_csrf" value="${secretariat.csrfToken}"`);
      // The public is asked to authenticate, a delegation is refused, on both methods.
      expect((await get(url)).statusCode, url).toBe(401);
      expect((await post(url, {}, { as: null })).statusCode, url).toBe(401);
      expect((await get(url, delegate.cookie)).statusCode, url).toBe(403);
      expect((await post(url, {}, { as: delegate })).statusCode, url).toBe(403);
    }
    // The secretariat of one board may not use the forms of another board.
    const other = await get('/secretariat/boards/unicef/memberships/new', secretariat.cookie);
    expect(other.statusCode).toBe(403);
    expect(other.headers['content-type']).toContain('text/html');
    expect((await get('/secretariat/documents/no-such-document/access', secretariat.cookie)).statusCode).toBe(404);
  });

  it('links the forms from the secretariat index and the board, document and session pages, for the secretariat only', async () => {
    const index = (await get('/secretariat', secretariat.cookie)).body;
    for (const { url } of forms()) expect(index).toContain(`href="${url}"`);
    const pages: [string, string[]][] = [
      [`/boards/${BOARD}`, [`/secretariat/boards/${BOARD}/memberships/new`, `/secretariat/boards/${BOARD}/bureau/new`]],
      [`/documents/${docId}`, [`/secretariat/documents/${docId}/expressions/new`, `/secretariat/documents/${docId}/access`]],
      [`/sessions/${sessionId}`, [`/secretariat/sessions/${sessionId}/access`]],
    ];
    for (const [page, links] of pages) {
      const mine = (await get(page, secretariat.cookie)).body;
      const theirs = (await get(page, delegate.cookie)).body;
      const publicPage = (await get(page)).body;
      for (const link of links) {
        expect(mine, page).toContain(`href="${link}"`);
        expect(theirs, page).not.toContain(`href="${link}"`);
        expect(publicPage, page).not.toContain(`href="${link}"`);
      }
    }
    expect((await get('/boards/unicef', secretariat.cookie)).body).not.toContain('/secretariat/boards/unicef/');
  });

  it('adds a member state to the board for a term; rejected terms come back in French and write nothing', async () => {
    const url = `/secretariat/boards/${BOARD}/memberships/new`;
    const before = await count('board_memberships');
    const audits = await count('audit_events');
    const reversed = await post(url, { memberStateId: 'GHA', termStart: '2031-01-01', termEnd: '2030-12-31' }, { lang: 'fr' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('<html lang="fr"');
    expect(errorOf(reversed.body, 'termEnd')).toBe('ne doit pas précéder la date de début');
    expect(reversed.body).toMatch(/id="f-termEnd" name="termEnd" value="2030-12-31" aria-describedby="f-termEnd-hint f-termEnd-error" aria-invalid="true"/);
    const malformed = await post(url, { memberStateId: '', termStart: '2031-02-30x', termEnd: '2033-12-31' }, { lang: 'fr' });
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed.body, 'memberStateId')).toBe('est obligatoire');
    expect(errorOf(malformed.body, 'termStart')).toBe('doit être une date (AAAA-MM-JJ)');
    expect(await count('board_memberships')).toBe(before);
    expect(await count('audit_events')).toBe(audits);

    const ok = await post(url, { memberStateId: 'GHA', termStart: '2031-01-01', termEnd: '2033-12-31' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/boards/${BOARD}#members`);
    const api = await t.call({ method: 'GET', url: `/api/boards/${BOARD}/memberships?on=2032-06-01` });
    const added = api.json().items.find((m: { memberStateId: string }) => m.memberStateId === 'GHA');
    expect(added).toMatchObject({ termStart: '2031-01-01', termEnd: '2033-12-31' });
    expect(await audited(added.id)).toContain('membership.added');

    // A rule of the command (overlapping terms, 409) is shown beside its field, in Chinese.
    const overlap = await post(url, { memberStateId: 'GHA', termStart: '2033-01-01', termEnd: '2035-12-31' }, { lang: 'zh' });
    expect(overlap.statusCode).toBe(400);
    expect(errorOf(overlap.body, 'termStart')).toBe('与该会员国在本执行局的现有任期重叠');
    expect(await count('board_memberships')).toBe(before + 1);
  });

  it('elects bureau posts and explains the regional-group rule in Chinese', async () => {
    const url = `/secretariat/boards/${BOARD}/bureau/new`;
    const ok = await post(url, { year: '2031', post: 'president', memberStateId: 'GHA', personName: 'H.E. Ms. Example' });
    expect(ok.statusCode).toBe(303);
    const api = await t.call({ method: 'GET', url: `/api/boards/${BOARD}/bureau?year=2031` });
    const president = api.json().items.find((b: { post: string }) => b.post === 'president');
    expect(president).toMatchObject({ memberStateId: 'GHA', personName: 'H.E. Ms. Example' });
    expect(await audited(president.id)).toContain('bureau.elected');

    const before = await count('bureau_posts');
    const sameGroup = await post(url, { year: '2031', post: 'vice-president', memberStateId: 'KEN' }, { lang: 'zh' });
    expect(sameGroup.statusCode).toBe(400);
    expect(errorOf(sameGroup.body, 'memberStateId')).toBe('非洲国家：该区域组当年已在主席团担任职位');
    const secondPresident = await post(url, { year: '2031', post: 'president', memberStateId: 'JPN' }, { lang: 'zh' });
    expect(errorOf(secondPresident.body, 'post')).toBe('执行局当年已有主席');
    const badYear = await post(url, { year: 'next', post: 'chair', memberStateId: 'JPN' }, { lang: 'fr' });
    expect(badYear.statusCode).toBe(400);
    expect(errorOf(badYear.body, 'year')).toBe('doit être un nombre entier');
    // A union of literals fails once per literal; the field shows the message once.
    expect(errorOf(badYear.body, 'post')).toBe("n'est pas une des valeurs autorisées".replace("'", '&#39;'));
    const early = await post(url, { year: '1900', post: 'vice-president', memberStateId: 'JPN' }, { lang: 'zh' });
    expect(errorOf(early.body, 'year')).toBe('不得小于 1945');
    expect(await count('bureau_posts')).toBe(before);
  });

  it('adds a language version from pasted text; bad text comes back in French beside the field', async () => {
    const url = `/secretariat/documents/${docId}/expressions/new`;
    // The form proposes the first language the document lacks.
    expect((await get(url, secretariat.cookie)).body).toContain('<option value="ar" selected>');
    const before = await count('expressions');
    const dup = await post(url, { language: 'fr', title: 'Rapport annuel', paragraphs: '1. Premier.\n\n1. Encore le premier.' }, { lang: 'fr' });
    expect(dup.statusCode).toBe(400);
    expect(errorOf(dup.body, 'paragraphs')).toContain('le numéro de paragraphe 1 figure plus');
    expect(dup.body).toContain('Encore le premier.</textarea>');
    const empty = await post(url, { language: 'fr', title: 'x'.repeat(1001), paragraphs: ' ' }, { lang: 'fr' });
    expect(errorOf(empty.body, 'title')).toBe('doit compter au plus 1000 caractères');
    expect(errorOf(empty.body, 'paragraphs')).toBe('est obligatoire');
    const wrongLanguage = await post(url, { language: 'de', title: 'Jahresbericht', paragraphs: 'Text.' }, { lang: 'zh' });
    expect(errorOf(wrongLanguage.body, 'language')).toBe('不是允许的值之一');
    expect(await count('expressions')).toBe(before);

    const ok = await post(url, { language: 'zh', title: '年度评价报告', paragraphs: '1. 执行局注意到报告。\n\n2. 请署长\n提出后续行动。' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/documents/${docId}?text=zh`);
    const api = await t.call({ method: 'GET', url: `/api/documents/${docId}/paragraphs?language=zh` });
    expect(api.json()).toMatchObject({ title: '年度评价报告', items: [{ number: '1', text: '执行局注意到报告。' }, { number: '2', text: '请署长提出后续行动。' }] });
    expect(await audited(docId)).toContain('document.expression-added');
  });

  it('sets a document embargo that hides it from the public list until release', async () => {
    const url = `/secretariat/documents/${docId}/access`;
    const form = await get(url, secretariat.cookie);
    expect(form.body).toContain('<option value="public" selected>');
    expect(form.body).toMatch(/<input type="datetime-local" id="f-embargoUntil" name="embargoUntil" value=""/);

    const changes = await count('access_changes');
    const bad = await post(url, { accessLevel: 'everyone', embargoUntil: '2030-13-01 25:00' }, { lang: 'zh' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad.body, 'accessLevel')).toBe('不是允许的值之一');
    expect(errorOf(bad.body, 'embargoUntil')).toBe('必须是日期和时间');
    expect(await count('access_changes')).toBe(changes);

    // Release in an hour (sessions stay valid while the clock moves past it).
    const release = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3600_000).toISOString().slice(0, 16);
    const ok = await post(url, { accessLevel: 'public', embargoUntil: release });
    expect(ok.statusCode).toBe(303);
    expect(await audited(docId)).toContain('document.access-set');
    expect((await get(url, secretariat.cookie)).body).toContain(`value="${release}"`);
    // Until release only the board's secretariat sees it.
    expect((await get('/documents')).body).not.toContain(`href="/documents/${docId}"`);
    expect((await get('/documents', secretariat.cookie)).body).toContain(`href="/documents/${docId}"`);
    expect((await t.call({ method: 'GET', url: `/api/documents/${docId}` })).statusCode).toBe(404);
    clock.set(new Date(`${release}:00Z`));
    expect((await get('/documents')).body).toContain(`href="/documents/${docId}"`);
  });

  it('restricts a session to the member states, showing the current level first', async () => {
    const url = `/secretariat/sessions/${sessionId}/access`;
    expect((await get(url, secretariat.cookie)).body).toContain('<option value="public" selected>');
    const bad = await post(url, { accessLevel: '', embargoUntil: 'tomorrow' }, { lang: 'fr' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad.body, 'accessLevel')).toBe('est obligatoire');
    expect(errorOf(bad.body, 'embargoUntil')).toBe('doit être une date et une heure');
    const ok = await post(url, { accessLevel: 'member-states', embargoUntil: '' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/sessions/${sessionId}`);
    expect((await t.call({ method: 'GET', url: `/api/sessions/${sessionId}` })).statusCode).toBe(404);
    expect((await t.call({ method: 'GET', url: `/api/sessions/${sessionId}`, as: 'secretariat' })).json()).toMatchObject({ accessLevel: 'member-states' });
    expect(await audited(sessionId)).toContain('session.access-set');
    expect((await get(url, secretariat.cookie)).body).toContain('<option value="member-states" selected>');
  });

  it('keeps the API’s English messages and adds the code and params', async () => {
    const res = await t.call({
      method: 'POST',
      url: `/api/boards/${BOARD}/memberships`,
      as: 'secretariat',
      payload: { memberStateId: 'GHA', termStart: 'soon', termEnd: '2040-01-01' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: '/body/termStart', message: 'must match format "date"', code: 'format', params: { format: 'date' } });
  });
});
