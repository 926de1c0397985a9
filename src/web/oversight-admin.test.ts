// The last oversight operations in the web UI, on both backends with the demo data: edits of a
// review and a recommendation (guarded by their version), the two-phase CSV import of
// recommendations from a review's page, and the workflow tables for administrators. Each page is
// refused to the public (401) and to other roles (403); a valid post changes the record through its
// command (seen through the JSON API) with an audit event; a refused one comes back 400 with the
// message beside its field, and stores nothing.
import { pageWeight, PAGE_BUDGET } from '../../test/support/web.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../modules/access/actor.js';
import { createUser } from '../modules/access/commands/createUser.js';
import { IMPORT_COLUMNS } from '../modules/oversight/import-rows.js';
import { seedDemo } from '../seed/demo.js';
import { BACKENDS } from '../../test/support/db.js';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { createWebUsers, emailOf, PASSWORD, signInCookie } from '../../test/browser/support.js';
import { decodeCsv } from './pages/oversight-import.js';
import { transitionsOf } from './pages/workflows.js';

type Session = { cookie: string; csrfToken: string };

describe('oversight administration helpers', () => {
  it('reads a CSV file as UTF-8 or UTF-16 with its BOM, and names what it refuses', () => {
    expect(decodeCsv(Buffer.from('\ufeffnumber,text\n1,Café', 'utf8'))).toEqual({
      text: 'number,text\n1,Café',
    });
    expect(
      decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('number\n1', 'utf16le')])),
    ).toEqual({ text: 'number\n1' });
    expect(decodeCsv(Buffer.from('number,text\n1,Caf\xe9', 'latin1'))).toEqual({ reason: 'encoding' });
    expect(decodeCsv(Buffer.from('PK\x03\x04\x00\x00', 'latin1'))).toEqual({ reason: 'binary' });
    expect(decodeCsv(Buffer.from(' \r\n'))).toEqual({ reason: 'empty' });
  });

  it('reads the workflow grid: cells left "not allowed" are left out, an unreadable choice goes on', () => {
    expect(
      transitionsOf({
        't:a>b': 'yes',
        't:a>c': 'justified',
        't:b>a': 'no',
        't:c>a': 'maybe',
        justification: 'x',
      }),
    ).toEqual([
      { from: 'a', to: 'b', requiresJustification: false },
      { from: 'a', to: 'c', requiresJustification: true },
      { from: 'c', to: 'a', requiresJustification: 'maybe' },
    ]);
  });
});

describe.each(BACKENDS)('oversight edits, CSV import and workflows on %s', (backend) => {
  let t: TestApp;
  let secretariat: Session;
  let delegate: Session;
  let admin: Session;
  let jiu: string;
  let recId: string;
  const get = (url: string, s?: Session, lang?: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: { ...(s ? { cookie: s.cookie } : {}), ...(lang ? { 'accept-language': lang } : {}) },
    });
  /** Posts a form as the secretariat (or `as`), in the UI language `lang`. */
  const post = (
    url: string,
    fields: Record<string, string | string[]>,
    opts: { lang?: string; as?: Session | null } = {},
  ) => {
    const who = opts.as === undefined ? secretariat : opts.as;
    const cookie = [who?.cookie, opts.lang ? `concord_lang=${opts.lang}` : ''].filter(Boolean).join('; ');
    const body = new URLSearchParams({ _csrf: who?.csrfToken ?? '' });
    for (const [k, v] of Object.entries(fields))
      for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { ...(cookie ? { cookie } : {}), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  };
  /** Uploads a file as a browser does (multipart/form-data). */
  const upload = async (
    url: string,
    file: { name: string; bytes: Uint8Array } | null,
    opts: { lang?: string; as?: Session | null; csrf?: boolean } = {},
  ) => {
    const who = opts.as === undefined ? secretariat : opts.as;
    const fd = new FormData();
    if (opts.csrf !== false) fd.append('_csrf', who?.csrfToken ?? '');
    if (file) fd.append('file', new Blob([file.bytes]), file.name);
    const req = new Request('http://local/', { method: 'POST', body: fd });
    const cookie = [who?.cookie, opts.lang ? `concord_lang=${opts.lang}` : ''].filter(Boolean).join('; ');
    return t.app.inject({
      method: 'POST',
      url,
      headers: { ...(cookie ? { cookie } : {}), 'content-type': req.headers.get('content-type')! },
      payload: Buffer.from(await req.arrayBuffer()),
    });
  };
  const audited = async (recordId: string) =>
    (
      await t.database.db
        .selectFrom('audit_events')
        .select('action')
        .where('record_id', '=', recordId)
        .execute()
    ).map((a) => a.action);
  const count = async (table: 'audit_events' | 'oversight_imports') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** The text of the error shown beside field `name`. */
  const errorOf = (body: string, name: string) =>
    [...body.matchAll(/<p class="error" id="f-([^"]+)-error">([^<]*)<\/p>/g)].find((m) => m[1] === name)?.[2];
  const small = (body: string) => expect(pageWeight(body)).toBeLessThanOrEqual(PAGE_BUDGET);
  const unescape = (s: string) =>
    s
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"');

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
    jiu = (
      await t.database.db
        .selectFrom('oversight_reviews')
        .select('id')
        .where('issuing_body', '=', 'Joint Inspection Unit')
        .executeTakeFirstOrThrow()
    ).id;
    recId = (
      await t.database.db
        .selectFrom('oversight_recommendations')
        .select('id')
        .where('review_id', '=', jiu)
        .orderBy('number')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t.close());

  it('shows each page to its role, refuses it to the public (401) and to other roles (403), and links it for its role only', async () => {
    for (const [url, field] of [
      [`/oversight/reviews/${jiu}/edit`, 'title'],
      [`/oversight/recommendations/${recId}/edit`, 'text'],
      [`/oversight/reviews/${jiu}/import`, 'file'],
    ] as const) {
      const page = await get(url, secretariat);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain(`<label for="f-${field}">`);
      expect(page.body, url).toContain(`name="_csrf" value="${secretariat.csrfToken}"`);
      small(page.body);
      expect((await get(url)).statusCode, url).toBe(401);
      expect((await post(url, {}, { as: null })).statusCode, url).toBe(401);
      expect((await get(url, delegate)).statusCode, url).toBe(403);
      expect((await post(url, {}, { as: delegate })).statusCode, url).toBe(403);
    }
    for (const url of ['/admin/workflows', '/admin/workflows/acceptance']) {
      const page = await get(url, admin);
      expect(page.statusCode, url).toBe(200);
      small(page.body);
      expect((await get(url)).statusCode, url).toBe(401);
      expect((await get(url, secretariat)).statusCode, url).toBe(403);
    }
    expect(
      (await post('/admin/workflows/acceptance', { justification: 'x' }, { as: secretariat })).statusCode,
    ).toBe(403);
    expect((await post('/admin/workflows/acceptance', { justification: 'x' }, { as: null })).statusCode).toBe(
      401,
    );
    // Missing records and axes are HTML 404 pages.
    for (const url of [
      '/oversight/reviews/no-such-review/edit',
      '/oversight/recommendations/no-such/edit',
      '/oversight/reviews/no-such-review/import',
    ]) {
      const res = await get(url, secretariat);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
    }
    expect((await get('/admin/workflows/budget', admin)).statusCode).toBe(404);

    const links: [string, string, Session, Session][] = [
      [`/oversight/reviews/${jiu}`, `/oversight/reviews/${jiu}/edit`, secretariat, delegate],
      [`/oversight/reviews/${jiu}`, `/oversight/reviews/${jiu}/import`, secretariat, delegate],
      [
        `/oversight/recommendations/${recId}`,
        `/oversight/recommendations/${recId}/edit`,
        secretariat,
        delegate,
      ],
      ['/oversight', '/admin/workflows', admin, secretariat],
      ['/admin/users', '/admin/workflows', admin, admin],
    ];
    for (const [page, link, yes, no] of links) {
      expect((await get(page, yes)).body, page).toContain(`href="${link}"`);
      if (no !== yes) expect((await get(page, no)).body, page).not.toContain(`href="${link}"`);
    }
    expect((await get(`/oversight/reviews/${jiu}`)).body).not.toContain(`/oversight/reviews/${jiu}/edit`);
  });

  it('edits a review with its current values; bad input is named beside its field; a stale edit is refused', async () => {
    const url = `/oversight/reviews/${jiu}/edit`;
    const before = (await t.call({ method: 'GET', url: `/api/oversight/reviews/${jiu}` })).json();
    const form = (await get(url, secretariat)).body;
    expect(form).toContain(`value="${before.issuedOn}"`);
    expect(form).toContain('value="Joint Inspection Unit"');
    const version = /name="version" value="(\d+)"/.exec(form)![1]!;
    expect(Number(version)).toBe(before.version);
    const fields = {
      version,
      title: 'Governance and oversight of the Executive Boards (JIU, 2023)',
      issuingBody: 'Joint Inspection Unit',
      symbol: 'JIU/REP/2023/99',
      issuedOn: before.issuedOn,
    };

    const audits = await count('audit_events');
    const empty = await post(url, { ...fields, title: '' }, { lang: 'fr' });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty.body, 'title')).toBe('doit compter au moins 1 caractères');
    expect(empty.body).toContain(`name="version" value="${version}"`);
    const badDate = await post(url, { ...fields, issuedOn: '1 October' }, { lang: 'fr' });
    expect(errorOf(badDate.body, 'issuedOn')).toBe('doit être une date (AAAA-MM-JJ)');
    // The command's own rule (the issue date stays in the review's year) is shown beside the date.
    const otherYear = await post(url, { ...fields, issuedOn: '2021-10-01' });
    expect(otherYear.statusCode).toBe(400);
    expect(errorOf(otherYear.body, 'issuedOn')).toContain('must fall in the review&#39;s year');
    expect(await count('audit_events')).toBe(audits);

    const ok = await post(url, fields);
    expect(ok.statusCode, ok.body).toBe(303);
    expect(ok.headers.location).toBe(`/oversight/reviews/${jiu}`);
    const after = (await t.call({ method: 'GET', url: `/api/oversight/reviews/${jiu}` })).json();
    expect(after).toMatchObject({
      title: fields.title,
      symbol: 'JIU/REP/2023/99',
      version: before.version + 1,
      documentId: before.documentId,
    });
    expect(await audited(jiu)).toContain('oversight.review.updated');

    // The form was read at the old version: saving it again would undo the edit above.
    const stale = await post(url, { ...fields, title: 'An older title' }, { lang: 'fr' });
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('Une autre personne a modifié cet enregistrement');
    expect((await t.call({ method: 'GET', url: `/api/oversight/reviews/${jiu}` })).json().title).toBe(
      fields.title,
    );
  });

  it('edits a recommendation through the same command as the API, and refuses a stale edit', async () => {
    const url = `/oversight/recommendations/${recId}/edit`;
    const before = (await t.call({ method: 'GET', url: `/api/oversight/recommendations/${recId}` })).json();
    const form = (await get(url, secretariat, 'zh')).body;
    expect(form).toContain(`<option value="${before.category}" selected>`);
    expect(form).toContain(`name="weight" value="${before.weight}"`);
    const version = /name="version" value="(\d+)"/.exec(form)![1]!;
    const fields = {
      version,
      text: `${before.text} (as corrected)`,
      category: before.category,
      priority: 'low',
      intendedImpact: '',
      weight: '5',
    };

    const bad = await post(url, { ...fields, weight: 'heavy', category: 'finance' }, { lang: 'fr' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad.body, 'weight')).toBe('doit être un nombre entier');
    expect(errorOf(bad.body, 'category')).toBe('n&#39;est pas une des valeurs autorisées');
    expect((await post(url, { ...fields, weight: '500' })).statusCode).toBe(400);

    const ok = await post(url, fields);
    expect(ok.statusCode, ok.body).toBe(303);
    expect(ok.headers.location).toBe(`/oversight/recommendations/${recId}`);
    const after = (await t.call({ method: 'GET', url: `/api/oversight/recommendations/${recId}` })).json();
    expect(after).toMatchObject({
      text: fields.text,
      priority: 'low',
      weight: 5,
      intendedImpact: null,
      version: before.version + 1,
    });
    expect(await audited(recId)).toContain('oversight.recommendation.updated');

    const stale = await post(url, { ...fields, priority: 'high' }, { lang: 'zh' });
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('其他人修改了这条记录');
    expect(
      (await t.call({ method: 'GET', url: `/api/oversight/recommendations/${recId}` })).json().priority,
    ).toBe('low');
  });

  it('previews a CSV of recommendations, commits it, and refuses broken files by name with nothing stored', async () => {
    const url = `/oversight/reviews/${jiu}/import`;
    const form = (await get(url, secretariat)).body;
    // The form documents every column the import reads.
    for (const c of IMPORT_COLUMNS) expect(form).toContain(`<th scope="row"><code>${c}</code></th>`);
    expect(form).toContain('<code>board:undp-unfpa-unops</code>');

    const header = ['number', 'text', 'category', 'priority', 'addressee', 'acceptance', 'acceptance_date'];
    expect(header.every((c) => (IMPORT_COLUMNS as readonly string[]).includes(c))).toBe(true);
    const csv = [
      header.join(','),
      'T1,"Publish the Board\'s calendar of informal briefings, with dates, a year ahead",processes,high,board:undp-unfpa-unops,accepted,2024-02-01',
      'T1,,,,head:undp,,',
    ].join('\r\n');
    const recommendations = async () =>
      (await t.call({ method: 'GET', url: `/api/oversight/recommendations?review=${jiu}&limit=100` })).json()
        .items as {
        number: string;
        addressees: { addresseeKey?: string; acceptance: { status: string } }[];
      }[];

    const preview = await upload(url, { name: 'calendar.csv', bytes: Buffer.from(csv) });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.body).toContain('What importing calendar.csv would do');
    expect(preview.body).toContain('create recommendation T1');
    expect(preview.body).toContain('acceptance: under-consideration -&gt; accepted');
    expect(preview.body).toContain('add addressee head:undp');
    small(preview.body);
    // Phase one changes no recommendation.
    expect((await recommendations()).some((r) => r.number === 'T1')).toBe(false);
    const action = /<form method="post" action="(\/oversight\/reviews\/[^"]+\/imports\/[^"]+\/commit)">/.exec(
      preview.body,
    )![1]!;
    const importId = /imports\/([^/]+)\/commit/.exec(action)![1]!;
    expect(await audited(importId)).toEqual(['oversight.import.previewed']);

    const commit = await post(action, {});
    expect(commit.statusCode, commit.body).toBe(303);
    expect(commit.headers.location).toBe(`/oversight/reviews/${jiu}#o-recs`);
    const t1 = (await recommendations()).find((r) => r.number === 'T1')!;
    expect(t1.addressees).toHaveLength(2);
    expect(t1.addressees.map((a) => a.acceptance.status).sort()).toEqual(['accepted', 'under-consideration']);
    expect(await audited(importId)).toContain('oversight.import.committed');
    // The review's page shows the new recommendation; committing twice is refused in words.
    expect((await get(`/oversight/reviews/${jiu}`)).body).toContain('Recommendation T1');
    const again = await post(action, {}, { lang: 'fr' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Cette importation a déjà été validée.');

    // A row with problems is listed with them, and the file cannot be committed.
    const problems = await upload(url, {
      name: 'problems.csv',
      bytes: Buffer.from(`${header.join(',')}\nT2,Text,finance,high,board:undp-unfpa-unops,,\n`),
    });
    expect(problems.statusCode).toBe(200);
    expect(problems.body).toContain('<code>category</code>: must be one of');
    expect(problems.body).not.toContain('/commit"');
    expect(problems.body).toContain('A file with problems cannot be committed.');

    const imports = await count('oversight_imports');
    const audits = await count('audit_events');
    const refused: [string, Buffer, string, string | undefined][] = [
      [
        'broken.csv',
        Buffer.from(`${header.join(',')}\nT3,"An unfinished quote,processes,high,board:undp-unfpa-unops,,\n`),
        'broken.csv: the file is not valid CSV: a quotation mark is missing or misplaced on line 2',
        undefined,
      ],
      [
        'columns.csv',
        Buffer.from('number,colour,addressee\nT3,blue,board:undp-unfpa-unops\n'),
        'columns.csv: « colour » n’est pas une des colonnes',
        'fr',
      ],
      [
        'header-only.csv',
        Buffer.from(`${header.join(',')}\n`),
        'header-only.csv: the file has the row of column names but no other rows',
        undefined,
      ],
      [
        'latin1.csv',
        Buffer.from(`${header.join(',')}\nT3,Caf\xe9,processes,high,board:undp-unfpa-unops,,\n`, 'latin1'),
        'latin1.csv: 文本不是 UTF-8 编码；请将电子表格另存为“CSV UTF-8”',
        'zh',
      ],
      [
        'book.xlsx',
        Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64)]),
        'book.xlsx: the file is not a text file; save the spreadsheet as “CSV UTF-8”',
        undefined,
      ],
      ['huge.csv', Buffer.alloc(2_200_000, 'a'), 'huge.csv: the file is larger than the limit', undefined],
    ];
    for (const [name, bytes, message, lang] of refused) {
      const res = await upload(url, { name, bytes }, { lang });
      expect(res.statusCode, name).toBe(400);
      expect(errorOf(res.body, 'file'), name).toBe(message);
      expect(res.body, name).toContain('aria-invalid="true"');
    }
    const missing = await upload(url, null, { lang: 'fr' });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing.body, 'file')).toBe('est obligatoire');
    expect(await count('oversight_imports')).toBe(imports);
    expect(await count('audit_events')).toBe(audits);
    // Without the form's anti-forgery token, or as a delegate, the upload is refused.
    expect(
      (await upload(url, { name: 'calendar.csv', bytes: Buffer.from(csv) }, { csrf: false })).statusCode,
    ).toBe(403);
    expect(
      (await upload(url, { name: 'calendar.csv', bytes: Buffer.from(csv) }, { as: delegate })).statusCode,
    ).toBe(403);
  });

  it('shows the workflow tables and lets an administrator change one through the command', async () => {
    const page = (await get('/admin/workflows', admin)).body;
    // Demo workflow: accepting needs no reason, a partial acceptance does; a status does not follow itself.
    expect(page).toMatch(
      /<th scope="row">Under consideration<\/th><td><span aria-hidden="true">—<\/span><span class="vh">Same status<\/span><\/td><td>Allowed<\/td><td>Allowed with a justification<\/td>/,
    );
    expect(page).toMatch(
      /<th scope="row">Not relevant<\/th><td>Allowed with a justification<\/td><td>Not allowed<\/td>/,
    );
    for (const axis of ['acceptance', 'implementation'])
      expect(page).toContain(`href="/admin/workflows/${axis}"`);

    const url = '/admin/workflows/acceptance';
    const form = (await get(url, admin)).body;
    const values: Record<string, string> = {};
    for (const m of form.matchAll(/<select id="c-\d+-\d+" name="([^"]+)">([\s\S]*?)<\/select>/g))
      values[unescape(m[1]!)] = /<option value="(\w+)" selected>/.exec(m[2]!)![1]!;
    expect(Object.keys(values)).toHaveLength(20);
    expect(values['t:under-consideration>accepted']).toBe('yes');
    expect(values['t:under-consideration>partially-accepted']).toBe('justified');
    expect(values['t:not-relevant>accepted']).toBe('no');
    expect(form).toContain('<label class="vh" for="c-0-1">From Under consideration to Accepted</label>');

    const apiBefore = (await t.call({ method: 'GET', url: '/api/oversight/workflows' })).json();
    const audits = await count('audit_events');
    const unknown = await post(
      url,
      { ...values, 't:under-consideration>approved': 'yes', justification: 'Board decision 2030/5' },
      { as: admin },
    );
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown.body, 'transitions')).toBe(
      'Under consideration → approved is not a change between two statuses of this workflow',
    );
    const unreadable = await post(
      url,
      { ...values, 't:not-relevant>accepted': 'maybe', justification: 'Board decision 2030/5' },
      { as: admin },
    );
    expect(errorOf(unreadable.body, 'transitions')).toBeTruthy();
    const noReason = await post(url, { ...values, justification: '' }, { as: admin, lang: 'fr' });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason.body, 'justification')).toBe('doit compter au moins 1 caractères');
    // The refused form comes back with the choices that were posted.
    expect(noReason.body).toMatch(
      /name="t:under-consideration&gt;accepted"><option value="no" >[^<]*<\/option><option value="yes" selected>/,
    );
    expect(await count('audit_events')).toBe(audits);
    expect((await t.call({ method: 'GET', url: '/api/oversight/workflows' })).json()).toEqual(apiBefore);

    const ok = await post(
      url,
      {
        ...values,
        't:not-relevant>accepted': 'yes',
        't:under-consideration>accepted': 'justified',
        justification: 'Board decision 2030/5',
      },
      { as: admin },
    );
    expect(ok.statusCode, ok.body).toBe(303);
    expect(ok.headers.location).toBe('/admin/workflows#w-acceptance');
    const acceptance = (await t.call({ method: 'GET', url: '/api/oversight/workflows' }))
      .json()
      .items.find((w: { axis: string }) => w.axis === 'acceptance');
    const find = (from: string, to: string) =>
      acceptance.transitions.find((x: { from: string; to: string }) => x.from === from && x.to === to);
    expect(find('not-relevant', 'accepted')).toMatchObject({ requiresJustification: false });
    expect(find('under-consideration', 'accepted')).toMatchObject({ requiresJustification: true });
    expect(acceptance.transitions).toHaveLength(15);
    expect(await audited('acceptance')).toContain('oversight.workflow.replaced');
    expect((await get('/admin/workflows', admin)).body).toMatch(
      /<th scope="row">Not relevant<\/th><td>Allowed with a justification<\/td><td>Allowed<\/td>/,
    );
  });
});
