// Bad input never yields a 500 and never changes data: malformed bodies, wrong content types,
// oversized payloads, and property-based random bodies and query strings over the request schemas.
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/db.js';
import { createTestApp, type TestApp } from '../support/app.js';

/** Row counts of every table a write could touch, plus the audit head. */
async function snapshot(t: TestApp): Promise<string> {
  const db = t.database.db;
  const tables = [
    'sessions',
    'session_boards',
    'agenda_items',
    'documents',
    'document_boards',
    'expressions',
    'paragraphs',
    'decisions',
    'decision_paragraphs',
    'board_memberships',
    'bureau_posts',
    'audit_events',
  ] as const;
  const counts: number[] = [];
  for (const table of tables) {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts.push(Number(r.n));
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
  return JSON.stringify([counts, head]);
}

describe.each(BACKENDS)('bad input on %s', (backend) => {
  let t: TestApp;
  let sessionId = '';
  let documentId = '';
  beforeAll(async () => {
    t = await createTestApp(backend, { bodyLimit: 64 * 1024 });
    sessionId = (
      await t.call({
        method: 'POST',
        url: '/api/sessions',
        as: 'admin',
        payload: {
          type: 'annual',
          title: 'Annual session 2025',
          startDate: '2025-06-02',
          endDate: '2025-06-06',
          boardIds: ['unicef'],
        },
      })
    ).json().id;
    documentId = (
      await t.call({
        method: 'POST',
        url: '/api/documents',
        as: 'admin',
        payload: {
          type: 'report',
          title: 'Report',
          date: '2025-05-01',
          originalLanguage: 'en',
          boardIds: ['unicef'],
        },
      })
    ).json().id;
    await t.call({
      method: 'POST',
      url: '/api/decisions',
      as: 'admin',
      payload: { boardId: 'unicef', number: '2025/1', title: 'Existing', paragraphs: [] },
    });
  });
  afterAll(async () => t.close());

  it('answers malformed JSON with 400 problem+json', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/decisions',
      as: 'admin',
      headers: { 'content-type': 'application/json' },
      payload: '{"boardId": "unicef",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().type).toBe('/api/problems/bad-request');
  });

  it('answers a body over the limit with 413 and writes nothing', async () => {
    const before = await snapshot(t);
    const huge = {
      boardId: 'unicef',
      number: '2025/2',
      title: 'x',
      paragraphs: [{ kind: 'operative', text: 'y'.repeat(70 * 1024) }],
    };
    const res = await t.call({ method: 'POST', url: '/api/decisions', as: 'admin', payload: huge });
    expect(res.statusCode).toBe(413);
    expect(res.json().type).toBe('/api/problems/payload-too-large');
    expect(await snapshot(t)).toBe(before);
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/decisions',
      as: 'admin',
      headers: { 'content-type': 'application/xml' },
      payload: '<decision/>',
    });
    expect(res.statusCode).toBe(415);
  });

  it('answers an unknown route with 404 problem+json and a bad token with 401', async () => {
    const res = await t.call({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().type).toBe('/api/problems/route-not-found');
    const bad = await t.call({
      method: 'GET',
      url: '/api/boards',
      headers: { authorization: 'Bearer cnc_not-a-real-token' },
    });
    expect(bad.statusCode).toBe(401);
  });

  it('answers out-of-range query values with 400 naming the parameter', async () => {
    const res = await t.call({ method: 'GET', url: '/api/documents?limit=100000' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/querystring/limit');
    const sort = await t.call({ method: 'GET', url: '/api/decisions?sort=;drop table decisions' });
    expect(sort.statusCode).toBe(400);
    expect(sort.json().errors[0].path).toBe('/querystring/sort');
  });

  it('answers a query string or form body that is not percent-encoded UTF-8 with 400 naming the field', async () => {
    // "%E8%81" is the first two of the three bytes of 联.
    const cut = await t.call({ method: 'GET', url: '/api/search?q=%E8%81&limit=5' });
    expect(cut.statusCode).toBe(400);
    expect(cut.json().errors).toEqual([
      { path: '/querystring/q', message: 'is not valid percent-encoded UTF-8', code: 'percentEncoding' },
    ]);
    const list = await t.call({ method: 'GET', url: '/api/documents?limit=5&board=%ZZ' });
    expect(list.statusCode).toBe(400);
    expect(list.json().errors[0].path).toBe('/querystring/board');
    // Whole characters, and a percent sign encoded as such, are searched as given.
    const whole = await t.call({ method: 'GET', url: '/api/search?q=%E8%81%94&limit=5' });
    expect(whole.statusCode).toBe(200);
    expect(whole.json().query).toBe('联');
    const percent = await t.call({ method: 'GET', url: '/api/search?q=%25E8%2581&limit=5' });
    expect(percent.statusCode).toBe(200);
    expect(percent.json().query).toBe('%E8%81');

    const before = await snapshot(t);
    const form = await t.call({
      method: 'POST',
      url: '/api/sessions',
      as: 'admin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'type=annual&title=Session%E8&startDate=2025-09-01&endDate=2025-09-05&boardIds=unicef',
    });
    expect(form.statusCode).toBe(400);
    expect(form.json().errors[0]).toMatchObject({ path: '/body/title', code: 'percentEncoding' });
    expect(await snapshot(t)).toBe(before);
  });

  it('answers requests the HTTP parser refuses with problem+json that says what is wrong', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as net.AddressInfo;
    const raw = (request: Buffer | string) =>
      new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
        socket.on('data', (c) => chunks.push(c));
        socket.on('error', reject);
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
      });
    const answer = (text: string) => {
      const [head, body] = text.split('\r\n\r\n');
      expect(head).toContain('Content-Type: application/problem+json');
      return { status: Number(head!.split(' ')[1]), problem: JSON.parse(body!) };
    };
    // Text typed into a URL without percent-encoding (raw UTF-8 bytes).
    const typed = answer(await raw(Buffer.from('GET /api/search?q=联检组 HTTP/1.1\r\nHost: x\r\n\r\n')));
    expect(typed.status).toBe(400);
    expect(typed.problem.detail).toContain('must be percent-encoded');
    const garbage = answer(await raw('NOT HTTP AT ALL\r\n\r\n'));
    expect(garbage.status).toBe(400);
    expect(garbage.problem.detail).toMatch(/^The request is not valid HTTP\/1\.1 \(HPE_/);
    const huge = answer(
      await raw(`GET /api/boards HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    );
    expect(huge.status).toBe(431);
    expect(huge.problem.type).toBe('/api/problems/headers-too-large');
    // Each problem type is documented at its address.
    for (const p of [typed, garbage, huge])
      expect((await t.call({ method: 'GET', url: p.problem.type })).statusCode, p.problem.type).toBe(200);
  });

  // Arbitrary JSON values, biased towards the shapes the schemas expect, so that many bodies get
  // past the first check and exercise the deeper ones.
  const text = fc.oneof(
    fc.string(),
    fc.string({ maxLength: 3 }),
    fc.constantFrom(
      '',
      ' ',
      '2025/1',
      '2024/999',
      '2025-02-30',
      'unicef',
      'GHA',
      "'; drop table decisions; --",
      '<script>alert(1)</script>',
    ),
  );
  const value = fc.oneof(
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(text, { maxLength: 3 }),
  );
  const decisionLike = fc.record(
    {
      boardId: fc.oneof(fc.constantFrom('unicef', 'wfp', 'nope'), value),
      number: fc.oneof(fc.constantFrom('2025/1', '2025/0', '1900/1', '2025/1000'), value),
      title: value,
      sessionId: fc.oneof(fc.constant(sessionId), value),
      paragraphs: fc.oneof(
        fc.array(
          fc.record({ kind: fc.oneof(fc.constantFrom('operative', 'preambular'), value), text: value }),
          { maxLength: 3 },
        ),
        value,
      ),
      extra: value,
    },
    { requiredKeys: [] },
  );
  const targets: {
    name: string;
    url: () => string;
    method: 'POST' | 'PATCH';
    body: fc.Arbitrary<unknown>;
  }[] = [
    { name: 'POST /api/decisions', method: 'POST', url: () => '/api/decisions', body: decisionLike },
    {
      name: 'POST /api/sessions',
      method: 'POST',
      url: () => '/api/sessions',
      body: fc.record(
        {
          type: fc.oneof(fc.constantFrom('annual', 'joint-meeting'), value),
          title: value,
          startDate: fc.oneof(fc.constantFrom('2025-01-01', '2025-13-01'), value),
          endDate: value,
          boardIds: fc.oneof(fc.array(fc.constantFrom('unicef', 'wfp', 'x'), { maxLength: 5 }), value),
        },
        { requiredKeys: [] },
      ),
    },
    {
      name: 'PATCH /api/sessions/:id',
      method: 'PATCH',
      url: () => `/api/sessions/${sessionId}`,
      body: fc.record(
        { title: value, startDate: value, endDate: fc.oneof(fc.constant('2000-01-01'), value), venue: value },
        { requiredKeys: [] },
      ),
    },
    {
      name: 'POST /api/documents/:id/expressions',
      method: 'POST',
      url: () => `/api/documents/${documentId}/expressions`,
      body: fc.record(
        {
          language: fc.oneof(fc.constantFrom('en', 'xx'), value),
          title: value,
          paragraphs: fc.oneof(
            fc.array(fc.record({ number: fc.oneof(fc.constantFrom('1', '1'), value), text: value }), {
              maxLength: 3,
            }),
            value,
          ),
        },
        { requiredKeys: [] },
      ),
    },
    {
      name: 'POST /api/boards/:id/memberships',
      method: 'POST',
      url: () => '/api/boards/unicef/memberships',
      body: fc.record(
        { memberStateId: fc.oneof(fc.constantFrom('GHA', 'ZZZ'), value), termStart: value, termEnd: value },
        { requiredKeys: [] },
      ),
    },
  ];

  it.each(targets.map((x) => [x.name, x] as const))(
    'random bodies for %s: never 500; a rejected request changes nothing',
    async (_name, target) => {
      await fc.assert(
        fc.asyncProperty(target.body, async (body) => {
          const before = await snapshot(t);
          const res = await t.call({
            method: target.method,
            url: target.url(),
            as: 'admin',
            payload: body as object,
          });
          expect(res.statusCode).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.headers['content-type']).toContain('application/problem+json');
            expect(await snapshot(t)).toBe(before);
          }
        }),
        { numRuns: 60 },
      );
    },
  );

  it('random query strings on list endpoints never yield a 500', async () => {
    const param = fc.constantFrom(
      'limit',
      'cursor',
      'board',
      'year',
      'type',
      'language',
      'sort',
      'session',
      'regionalGroup',
      'q',
      'from',
      'to',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/documents', '/api/sessions', '/api/decisions', '/api/member-states'),
        fc.dictionary(param, fc.string(), { maxKeys: 4 }),
        async (path, query) => {
          const qs = new URLSearchParams(query).toString();
          const res = await t.call({ method: 'GET', url: `${path}?${qs}` });
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });
});
