// The secretariat's remaining forms and the administrators' pages, on both backends: briefing
// attendance and records (the records reach a delegation that did not attend), edits of a session
// and a decision guarded by their version, a delegation's size, users and roles, and document
// import in two steps. Each form is refused to the public (401) and to other roles (403); a valid
// post changes the record through its command (seen through the JSON API) with an audit event; a
// rejected one comes back 400 with the message beside its field in the UI language.
import fs from 'node:fs';
import { pageWeight, PAGE_BUDGET } from '../../test/support/web.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../modules/access/actor.js';
import { createUser } from '../modules/access/commands/createUser.js';
import { JOINT_MEETING_REPORT, seedDemo } from '../seed/demo.js';
import { BACKENDS } from '../../test/support/db.js';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { createWebUsers, emailOf, PASSWORD, signInCookie } from '../../test/browser/support.js';
import { grantsOf } from './pages/admin.js';
import { parseMultipart } from './pages/import-form.js';

const BOARD = 'undp-unfpa-unops';
type Session = { cookie: string; csrfToken: string };

describe('admin form helpers', () => {
  it('reads grants from checkbox values, all boards as null', () => {
    expect(grantsOf(['secretariat@unicef', 'administrator@*', 'nonsense'])).toEqual([
      { role: 'secretariat', boardId: 'unicef' },
      { role: 'administrator', boardId: null },
      { role: 'nonsense', boardId: null },
    ]);
  });

  it('reads multipart fields and a file, and names a file cut off at the size limit', () => {
    const part = (headers: string, body: string) => `--XyZ\r\n${headers}\r\n\r\n${body}\r\n`;
    const whole = Buffer.from(
      part('Content-Disposition: form-data; name="_csrf"', 'tok') +
        part('Content-Disposition: form-data; name="boardIds"', 'a') +
        part('Content-Disposition: form-data; name="boardIds"', 'b') +
        part('Content-Disposition: form-data; name="file"; filename="r\u00e9sum\u00e9.txt"\r\nContent-Type: text/plain', 'line 1\r\nline 2') +
        '--XyZ--\r\n',
    );
    const body = parseMultipart(whole, 'XyZ', false);
    expect(body._csrf).toBe('tok');
    expect(body.boardIds).toEqual(['a', 'b']);
    expect(body.file).toMatchObject({ name: 'résumé.txt' });
    expect(String((body.file as { bytes: Buffer }).bytes)).toBe('line 1\r\nline 2');
    const cut = parseMultipart(whole.subarray(0, whole.indexOf('line 2')), 'XyZ', true);
    expect(cut).toMatchObject({ _csrf: 'tok', file: { name: 'résumé.txt', tooLarge: true } });
  });
});

describe.each(BACKENDS)('secretariat and administrator forms on %s', (backend) => {
  let t: TestApp;
  let secretariat: Session;
  let delegate: Session;
  let admin: Session;
  let briefingId: string;
  let recordId: string;
  let sessionId: string;
  let decisionId: string;
  const get = (url: string, cookie?: string, lang?: string) =>
    t.app.inject({ method: 'GET', url, headers: { ...(cookie ? { cookie } : {}), ...(lang ? { 'accept-language': lang } : {}) } });
  /** Posts a form as the secretariat (or `as`), in the UI language `lang` (cookie). */
  const post = (url: string, fields: Record<string, string | string[]>, opts: { lang?: string; as?: Session | null } = {}) => {
    const who = opts.as === undefined ? secretariat : opts.as;
    const cookie = [who?.cookie, opts.lang ? `concord_lang=${opts.lang}` : ''].filter(Boolean).join('; ');
    const body = new URLSearchParams({ _csrf: who?.csrfToken ?? '' });
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { ...(cookie ? { cookie } : {}), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  };
  /** Posts multipart/form-data as a browser builds it. */
  const upload = async (fields: Record<string, string | string[]>, file: { name: string; bytes: Uint8Array } | null, opts: { lang?: string; as?: Session | null; csrf?: boolean } = {}) => {
    const who = opts.as === undefined ? secretariat : opts.as;
    const fd = new FormData();
    if (opts.csrf !== false) fd.append('_csrf', who?.csrfToken ?? '');
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
    if (file) fd.append('file', new Blob([file.bytes]), file.name);
    const req = new Request('http://local/', { method: 'POST', body: fd });
    const cookie = [who?.cookie, opts.lang ? `concord_lang=${opts.lang}` : ''].filter(Boolean).join('; ');
    return t.app.inject({
      method: 'POST',
      url: '/secretariat/documents/import',
      headers: { ...(cookie ? { cookie } : {}), 'content-type': req.headers.get('content-type')! },
      payload: Buffer.from(await req.arrayBuffer()),
    });
  };
  const audited = async (recordId: string) =>
    (await t.database.db.selectFrom('audit_events').select('action').where('record_id', '=', recordId).execute()).map((a) => a.action);
  const auditCount = async () => Number((await t.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  /** The text of the error shown beside field `name`. */
  const errorOf = (body: string, name: string) => [...body.matchAll(/<p class="error" id="f-([^"]+)-error">([^<]*)<\/p>/g)].find((m) => m[1] === name)?.[2];
  const small = (body: string) => expect(pageWeight(body)).toBeLessThanOrEqual(PAGE_BUDGET);

  beforeAll(async () => {
    t = await createTestApp(backend);
    await seedDemo(t.database.db);
    await createWebUsers(t.database.db);
    await createUser(t.database.db, systemActor('test'), {
      email: emailOf('webAdmin'),
      displayName: 'Administrator',
      password: PASSWORD,
      grants: [{ role: 'administrator', boardId: null }],
    });
    secretariat = await signInCookie(t.app, 'webSecretariat');
    delegate = await signInCookie(t.app, 'webDelegate');
    admin = await signInCookie(t.app, 'webAdmin');
    const created = async (url: string, payload: object) => {
      const res = await t.call({ method: 'POST', url, as: 'secretariat', payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    briefingId = await created('/api/sessions', { type: 'informal-briefing', title: 'Informal briefing on the evaluation policy', startDate: '2030-02-10', endDate: '2030-02-10', accessLevel: 'member-states', boardIds: [BOARD] });
    // The summary is drafted by the secretariat before it goes to every member.
    recordId = await created('/api/documents', { type: 'informal-briefing-summary', title: 'Summary of the informal briefing on the evaluation policy', date: '2030-02-10', originalLanguage: 'en', accessLevel: 'secretariat', sessionId: briefingId, boardIds: [BOARD] });
    sessionId = await created('/api/sessions', { type: 'annual', title: 'Annual session 2030', startDate: '2030-06-03', endDate: '2030-06-07', accessLevel: 'public', boardIds: [BOARD] });
    decisionId = await created('/api/decisions', {
      boardId: BOARD,
      number: '2030/4',
      title: 'Evaluation policy',
      language: 'en',
      adoptedOn: '2030-06-07',
      paragraphs: [
        { kind: 'preambular', text: 'Recalling its decision 2024/3,' },
        { kind: 'operative', number: '1', text: 'Takes note of the report;' },
        { kind: 'operative', number: '3', text: 'Requests a review in 2032.' },
      ],
    });
  });
  afterAll(async () => t.close());

  const secretariatForms = () => [
    { url: `/secretariat/sessions/${briefingId}/attendance`, field: 'memberStateIds', group: true },
    { url: `/secretariat/sessions/${briefingId}/briefing-records/new`, field: 'releaseAt' },
    { url: `/secretariat/sessions/${sessionId}/edit`, field: 'title' },
    { url: `/secretariat/decisions/${decisionId}/edit`, field: 'operative' },
    { url: '/coherence/delegations/capacity', field: 'people' },
    { url: '/secretariat/documents/import', field: 'file' },
  ];
  const adminForms = async () => {
    const id = (await t.database.db.selectFrom('users').select('id').where('email', '=', emailOf('webDelegate')).executeTakeFirstOrThrow()).id;
    return [
      { url: '/admin/users/new', field: 'email' },
      { url: `/admin/users/${id}/edit`, field: 'displayName' },
      { url: `/admin/users/${id}/password`, field: 'password' },
    ];
  };

  it('shows each form to its role and refuses it to the public (401) and to other roles (403)', async () => {
    for (const { url, field, group } of secretariatForms()) {
      const page = await get(url, secretariat.cookie);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain(group ? `<legend>` : `<label for="f-${field}">`);
      expect(page.body, url).toContain(`name="_csrf" value="${secretariat.csrfToken}"`);
      small(page.body);
      expect((await get(url)).statusCode, url).toBe(401);
      expect((await post(url, {}, { as: null })).statusCode, url).toBe(401);
      expect((await get(url, delegate.cookie)).statusCode, url).toBe(403);
      expect((await post(url, {}, { as: delegate })).statusCode, url).toBe(403);
    }
    for (const { url, field } of [{ url: '/admin/users', field: '' }, ...(await adminForms())]) {
      const page = await get(url, admin.cookie);
      expect(page.statusCode, url).toBe(200);
      if (field) expect(page.body, url).toContain(`<label for="f-${field}">`);
      small(page.body);
      expect((await get(url)).statusCode, url).toBe(401);
      expect((await get(url, secretariat.cookie)).statusCode, url).toBe(403);
      if (field) expect((await post(url, {}, { as: secretariat })).statusCode, url).toBe(403);
    }
    // The secretariat of another board may not edit this board's records; a missing one is a 404 page.
    const unicef = await t.call({ method: 'GET', url: `/secretariat/decisions/${decisionId}/edit`, as: 'unicefSecretariat' });
    expect(unicef.statusCode).toBe(403);
    expect(unicef.headers['content-type']).toContain('text/html');
    expect((await get('/secretariat/sessions/no-such-session/edit', secretariat.cookie)).statusCode).toBe(404);
    expect((await get('/admin/users/no-such-user/edit', admin.cookie)).statusCode).toBe(404);
    // Attendance and records belong to informal briefings only.
    expect((await get(`/secretariat/sessions/${sessionId}/attendance`, secretariat.cookie)).statusCode).toBe(404);
  });

  it('links the forms for their roles only', async () => {
    const links: [string, string][] = [
      [`/sessions/${sessionId}`, `/secretariat/sessions/${sessionId}/edit`],
      [`/sessions/${briefingId}`, `/secretariat/sessions/${briefingId}/attendance`],
      [`/sessions/${briefingId}`, `/secretariat/sessions/${briefingId}/briefing-records/new`],
      [`/decisions/${decisionId}`, `/secretariat/decisions/${decisionId}/edit`],
      ['/coherence/calendar', '/coherence/delegations/capacity'],
      ['/secretariat', '/secretariat/documents/import'],
    ];
    for (const [page, link] of links) {
      expect((await get(page, secretariat.cookie)).body, page).toContain(`href="${link}"`);
      expect((await get(page, delegate.cookie)).body, page).not.toContain(`href="${link}"`);
    }
    expect((await get('/secretariat', admin.cookie)).body).toContain('href="/admin/users"');
    expect((await get('/secretariat', secretariat.cookie)).body).not.toContain('href="/admin/users"');
  });

  it('records attendance and publishes the briefing records to every member at once, attended or not', async () => {
    // The delegate of Ghana (a member of the board) does not attend; the records are not yet out.
    const before = await t.call({ method: 'GET', url: `/sessions/${briefingId}`, as: 'memberDelegate' });
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('id="briefing"');
    expect(before.body).not.toContain(`href="/documents/${recordId}"`);

    const audits = await auditCount();
    const bad = await post(`/secretariat/sessions/${briefingId}/attendance`, {}, { lang: 'fr' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad.body, 'memberStateIds')).toBe('doit compter au moins 1 élément(s)');
    expect(await auditCount()).toBe(audits);
    const attended = await post(`/secretariat/sessions/${briefingId}/attendance`, { memberStateIds: ['JPN', 'FRA'] });
    expect(attended.statusCode).toBe(303);
    expect(attended.headers.location).toBe(`/sessions/${briefingId}#briefing`);
    const rows = await t.database.db.selectFrom('attendance').select('member_state_id').where('session_id', '=', briefingId).orderBy('member_state_id').execute();
    expect(rows.map((r) => r.member_state_id)).toEqual(['FRA', 'JPN']);
    expect(await audited(briefingId)).toContain('briefing.attendance-recorded');
    // The form opens with the attendance recorded.
    expect((await get(`/secretariat/sessions/${briefingId}/attendance`, secretariat.cookie)).body).toMatch(/value="JPN" id="f-memberStateIds-\d+" checked/);

    const url = `/secretariat/sessions/${briefingId}/briefing-records/new`;
    const form = await get(url, secretariat.cookie);
    expect(form.body).toMatch(new RegExp(`value="${recordId}" id="f-documentIds-0" checked`));
    const none = await post(url, { accessLevel: 'everyone', releaseAt: 'soon' }, { lang: 'zh' });
    expect(none.statusCode).toBe(400);
    expect(errorOf(none.body, 'documentIds')).toBeTruthy();
    expect(errorOf(none.body, 'accessLevel')).toBe('不是允许的值之一');
    expect(errorOf(none.body, 'releaseAt')).toBe('必须是日期和时间');
    const ok = await post(url, { documentIds: recordId, accessLevel: 'board-members', releaseAt: '' });
    expect(ok.statusCode).toBe(303);
    expect(await audited(briefingId)).toContain('briefing.records-published');

    const api = await t.call({ method: 'GET', url: `/api/sessions/${briefingId}/briefing-records`, as: 'memberDelegate' });
    expect(api.json().items.map((d: { id: string }) => d.id)).toEqual([recordId]);
    const page = await t.call({ method: 'GET', url: `/sessions/${briefingId}`, as: 'memberDelegate' });
    const section = /<section class="notice" aria-labelledby="briefing">[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
    expect(section).toContain(`href="/documents/${recordId}"`);
    expect(section).toContain('Members of the board');
    expect(section).toContain('whether or not its delegation attended');
    small(page.body);
    // A delegation of another board is not among the members the records went to.
    expect((await get(`/sessions/${briefingId}`, delegate.cookie)).body).not.toContain(`href="/documents/${recordId}"`);
  });

  it('edits a session with its current values; a stale edit is a clear error, not an overwrite', async () => {
    const url = `/secretariat/sessions/${sessionId}/edit`;
    const form = (await get(url, secretariat.cookie)).body;
    expect(form).toContain('value="Annual session 2030"');
    const version = /name="version" value="(\d+)"/.exec(form)![1]!;

    const reversed = await post(url, { version, title: 'Annual session 2030', startDate: '2030-06-07', endDate: '2030-06-03', venue: '' }, { lang: 'fr' });
    expect(reversed.statusCode).toBe(400);
    expect(errorOf(reversed.body, 'endDate')).toBe('ne doit pas précéder la date de début');
    const empty = await post(url, { version, title: '', startDate: '2030-06-03', endDate: '2030-06-07' }, { lang: 'fr' });
    expect(errorOf(empty.body, 'title')).toBe('doit compter au moins 1 caractères');
    expect(empty.body).toContain(`name="version" value="${version}"`);

    const ok = await post(url, { version, title: 'Annual session 2030 (resumed)', startDate: '2030-06-03', endDate: '2030-06-08', venue: 'New York' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/sessions/${sessionId}`);
    const api = await t.call({ method: 'GET', url: `/api/sessions/${sessionId}` });
    expect(api.json()).toMatchObject({ title: 'Annual session 2030 (resumed)', endDate: '2030-06-08', venue: 'New York', version: Number(version) + 1 });
    expect(await audited(sessionId)).toContain('session.updated');

    // The form was read at the old version: saving it again would undo the edit above.
    const stale = await post(url, { version, title: 'Annual session 2030', startDate: '2030-06-03', endDate: '2030-06-07' }, { lang: 'fr' });
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('Une autre personne a modifié cet enregistrement');
    expect((await t.call({ method: 'GET', url: `/api/sessions/${sessionId}` })).json().title).toBe('Annual session 2030 (resumed)');
  });

  it('edits a decision, keeping paragraph numbers, and refuses a stale edit', async () => {
    const url = `/secretariat/decisions/${decisionId}/edit`;
    const form = (await get(url, secretariat.cookie)).body;
    expect(form).toContain('1. Takes note of the report;\n3. Requests a review in 2032.</textarea>');
    const version = /name="version" value="(\d+)"/.exec(form)![1]!;
    const fields = { version, title: 'Evaluation policy of UNDP', adoptedOn: '2030-06-07', preambular: 'Recalling its decision 2024/3,', operative: '1. Takes note of the report;\n3. Requests a review in 2031.\nDecides to remain seized of the matter.' };

    const bad = await post(url, { ...fields, adoptedOn: '7 June' }, { lang: 'zh' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad.body, 'adoptedOn')).toBe('必须是日期（YYYY-MM-DD）');

    const ok = await post(url, fields);
    expect(ok.statusCode).toBe(303);
    const api = (await t.call({ method: 'GET', url: `/api/decisions/${decisionId}` })).json();
    expect(api.title).toBe('Evaluation policy of UNDP');
    expect(api.paragraphs).toEqual([
      { kind: 'preambular', number: null, text: 'Recalling its decision 2024/3,' },
      { kind: 'operative', number: '1', text: 'Takes note of the report;' },
      { kind: 'operative', number: '3', text: 'Requests a review in 2031.' },
      { kind: 'operative', number: '4', text: 'Decides to remain seized of the matter.' },
    ]);
    expect(await audited(decisionId)).toContain('decision.amended');

    const stale = await post(url, { ...fields, title: 'Evaluation policy' }, { lang: 'zh' });
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('其他人修改了这条记录');
    expect((await t.call({ method: 'GET', url: `/api/decisions/${decisionId}` })).json().title).toBe('Evaluation policy of UNDP');
  });

  it('records the size of a delegation used by the load calendar', async () => {
    const url = '/coherence/delegations/capacity';
    const bad = await post(url, { memberStateId: 'GHA', people: '0' }, { lang: 'fr' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad.body, 'people')).toBe('doit être au moins 1');
    const unknown = await post(url, { memberStateId: 'XXX', people: 'two' }, { lang: 'fr' });
    expect(errorOf(unknown.body, 'people')).toBe('doit être un nombre entier');
    const ok = await post(url, { memberStateId: 'GHA', people: '3' });
    expect(ok.statusCode).toBe(303);
    const load = await t.call({ method: 'GET', url: '/api/coherence/load?year=2030&memberState=GHA' });
    expect(load.json().delegations[0]).toMatchObject({ memberStateId: 'GHA', people: 3, capacityRecorded: true });
    expect(await audited('GHA')).toContain('coherence.delegation-capacity-set');
    expect((await get(`${url}?memberState=GHA`, secretariat.cookie)).body).toContain('name="people" value="3"');
  });

  it('creates, edits and disables users and resets a password, never echoing it', async () => {
    const secret = 'a long and secret passphrase';
    const short = await post('/admin/users/new', { email: 'not-an-email', displayName: 'New secretary', grants: 'secretariat@unicef', password: 'short' }, { as: admin, lang: 'fr' });
    expect(short.statusCode).toBe(400);
    expect(errorOf(short.body, 'password')).toBe('doit compter au moins 12 caractères');
    expect(errorOf(short.body, 'email')).toBe('n&#39;a pas la forme attendue');
    expect(short.body).not.toContain('value="short"');
    const duplicate = await post('/admin/users/new', { email: emailOf('webDelegate'), displayName: 'Again', grants: [], password: secret }, { as: admin, lang: 'zh' });
    expect(duplicate.statusCode).toBe(400);
    expect(errorOf(duplicate.body, 'email')).toBeTruthy();
    expect(duplicate.body).not.toContain(secret);

    const ok = await post('/admin/users/new', { email: 'New.Secretary@example.org', displayName: 'New secretary', memberStateId: '', grants: ['secretariat@unicef', 'observer-delegate@*'], password: secret }, { as: admin });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/admin/users');
    const list = (await t.call({ method: 'GET', url: '/api/users', as: 'admin' })).json().items;
    const user = list.find((u: { email: string }) => u.email === 'new.secretary@example.org');
    expect(user.grants).toEqual(expect.arrayContaining([{ role: 'secretariat', boardId: 'unicef' }, { role: 'observer-delegate', boardId: null }]));
    expect(await audited(user.id)).toContain('user.created');
    const listPage = (await get('/admin/users', admin.cookie)).body;
    expect(listPage).toContain('new.secretary@example.org');
    expect(listPage).not.toContain(secret);
    const events = await t.database.db.selectFrom('audit_events').selectAll().where('record_id', '=', user.id).execute();
    expect(JSON.stringify(events)).not.toContain(secret);

    // The new user signs in; a reset of the password ends that session.
    const signedIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'new.secretary@example.org', password: secret } });
    expect(signedIn.statusCode).toBe(200);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(200);
    const tooShort = await post(`/admin/users/${user.id}/password`, { password: 'x' }, { as: admin, lang: 'zh' });
    expect(tooShort.statusCode).toBe(400);
    expect(errorOf(tooShort.body, 'password')).toBe('至少须有 12 个字符');
    const reset = await post(`/admin/users/${user.id}/password`, { password: 'another long passphrase' }, { as: admin });
    expect(reset.statusCode).toBe(303);
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(401);
    expect(await audited(user.id)).toContain('user.password-reset');

    const edit = `/admin/users/${user.id}/edit`;
    expect((await get(edit, admin.cookie)).body).toMatch(/value="secretariat@unicef" id="f-grants-\d+" checked/);
    const badEdit = await post(edit, { displayName: '', grants: 'secretariat@unicef', disabled: 'maybe' }, { as: admin, lang: 'fr' });
    expect(badEdit.statusCode).toBe(400);
    expect(errorOf(badEdit.body, 'displayName')).toBe('doit compter au moins 1 caractères');
    expect(errorOf(badEdit.body, 'disabled')).toBeTruthy();
    const edited = await post(edit, { displayName: 'Secretary of UNICEF', grants: 'secretariat@unicef', disabled: 'yes' }, { as: admin });
    expect(edited.statusCode).toBe(303);
    const after = (await t.call({ method: 'GET', url: '/api/users', as: 'admin' })).json().items.find((u: { id: string }) => u.id === user.id);
    expect(after).toMatchObject({ displayName: 'Secretary of UNICEF', disabled: true, grants: [{ role: 'secretariat', boardId: 'unicef' }] });
    expect(await audited(user.id)).toContain('user.updated');
  });

  it('previews an uploaded report, then commits the same file; bad files come back named, with the reason', async () => {
    const text = [
      'DP/2030/9',
      'Executive Board of UNDP, UNFPA and UNOPS',
      '15 March 2030',
      'Annual report on the evaluation function',
      '1. The Executive Board takes note of the annual report on evaluation.',
      '2. The Executive Board requests a management response by the annual session.',
      '4. The Executive Board decides to review the policy in 2032.',
    ].join('\n');
    const file = { name: 'evaluation-2030.txt', bytes: Buffer.from(text) };
    const fields = { boardIds: BOARD, type: 'report', accessLevel: 'public', sessionId: '', language: '', title: '' };

    const preview = await upload({ ...fields, mode: 'preview' }, file);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.body).toContain('What Concord found in evaluation-2030.txt');
    expect(preview.body).toContain('<span dir="ltr">DP/2030/9</span>');
    expect(preview.body).toContain('numbering gap');
    expect(preview.body).toContain('name="mode" value="commit"');
    const hash = /name="expectedHash" value="([0-9a-f]{64})"/.exec(preview.body)![1]!;
    expect(await t.database.db.selectFrom('documents').select('id').where('symbol', '=', 'DP/2030/9').execute()).toEqual([]);

    // Another file under the previewed hash is refused.
    const other = await upload({ ...fields, mode: 'commit', expectedHash: hash }, { name: 'other.txt', bytes: Buffer.from(`${text}\n5. One more paragraph.`) }, { lang: 'fr' });
    expect(other.statusCode).toBe(400);
    expect(errorOf(other.body, 'file')).toBe('other.txt: ce n&#39;est pas le fichier prévisualisé ; prévisualisez-le d&#39;abord'.replace(/&#39;/g, '’'));

    const commit = await upload({ ...fields, mode: 'commit', expectedHash: hash }, file);
    expect(commit.statusCode, commit.body).toBe(303);
    const id = /^\/documents\/([^?]+)\?text=en$/.exec(String(commit.headers.location))![1]!;
    const doc = (await t.call({ method: 'GET', url: `/api/documents/${id}` })).json();
    expect(doc).toMatchObject({ symbol: 'DP/2030/9', type: 'report', boardIds: [BOARD] });
    expect(await audited(id)).toContain('document.imported');

    // The sample report of the demo data previews and commits (it is already there: unchanged).
    const sample = { name: 'joint-meeting-2024.zh.txt', bytes: fs.readFileSync(JOINT_MEETING_REPORT) };
    const samplePreview = await upload({ ...fields, mode: 'preview' }, sample, { lang: 'zh' });
    expect(samplePreview.statusCode).toBe(200);
    small(samplePreview.body);
    // What the ingest found, paragraph by paragraph: the speaker, in the reader's language, and the acronym the text defines.
    expect(samplePreview.body).toMatch(/<strong>2\.<\/strong> <span lang="zh" dir="ltr">[^<]*<\/span><div class="labels">[\s\S]*?<span class="tag">开发署\/人口基金\/项目署执行局主席<\/span>/);
    expect(samplePreview.body).toContain('<span class="tag" lang="zh" dir="ltr">联检组 = 联合国联合检查组</span>');
    const sampleHash = /name="expectedHash" value="([0-9a-f]{64})"/.exec(samplePreview.body)![1]!;
    // It belongs to every board (a joint meeting): the administrator may commit it, a board's secretariat may not.
    expect((await upload({ ...fields, mode: 'commit', expectedHash: sampleHash }, sample)).statusCode).toBe(403);
    const sampleCommit = await upload({ ...fields, mode: 'commit', expectedHash: sampleHash }, sample, { as: admin });
    expect(sampleCommit.statusCode).toBe(303);
    expect(String(sampleCommit.headers.location)).toMatch(/^\/documents\/[^?]+\?text=zh$/);

    const audits = await auditCount();
    const binary = await upload({ ...fields, mode: 'preview' }, { name: 'photo.txt', bytes: Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(2048)]) }, { lang: 'zh' });
    expect(binary.statusCode).toBe(400);
    expect(errorOf(binary.body, 'file')).toBe('photo.txt: 文件不是文本、PDF、Word（.docx）或 HTML');
    const empty = await upload({ ...fields, mode: 'commit' }, { name: 'empty.txt', bytes: new Uint8Array() });
    expect(errorOf(empty.body, 'file')).toBe('empty.txt: the file is empty');
    const missing = await upload({ ...fields, mode: 'preview' }, null, { lang: 'fr' });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing.body, 'file')).toBe('est obligatoire');
    const badType = await upload({ ...fields, type: 'poem', mode: 'preview' }, file, { lang: 'fr' });
    expect(errorOf(badType.body, 'type')).toBe('n&#39;est pas une des valeurs autorisées');
    expect(await auditCount()).toBe(audits);
    // Without the form's anti-forgery token the upload is refused.
    expect((await upload({ ...fields, mode: 'preview' }, file, { csrf: false })).statusCode).toBe(403);
    expect((await upload({ ...fields, mode: 'preview' }, file, { as: delegate })).statusCode).toBe(403);
  });
});
