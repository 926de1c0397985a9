// GET /api/search over HTTP on both backends: access levels, filters, paging, validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/db.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { multipart, SYNTHETIC_EN_REPORT } from '../search/fixtures.js';

describe.each(BACKENDS)('search API on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend, { jointMeeting: true });
    // A secretariat-only document (synthetic) that the public must not find.
    const body = multipart([{ name: 'restricted.txt', bytes: SYNTHETIC_EN_REPORT }], {
      boardIds: 'undp-unfpa-unops',
      mode: 'commit',
      accessLevel: 'secretariat',
    });
    const res = await t.call({
      method: 'POST',
      url: '/api/documents/import',
      payload: body.payload,
      headers: body.headers,
      as: 'secretariat',
    });
    expect(res.statusCode).toBe(201);
  });
  afterAll(async () => t.close());

  const search = (qs: string, as?: string) =>
    t.call({ method: 'GET', url: `/api/search?${qs}`, ...(as ? { as } : {}) });

  it('hides documents above the caller’s access level, exactly as if absent', async () => {
    expect((await search('q=jiu')).json().items).toEqual([]);
    const staff = (await search('q=jiu', 'secretariat')).json().items as {
      number: string;
      snippet: string;
    }[];
    expect(staff.map((i) => i.number).sort()).toEqual(['2', '3.1']);
    expect(staff.find((i) => i.number === '2')!.snippet).toContain('<mark>JIU</mark>');
  });

  it('pages with an opaque cursor, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await search(
        `q=${encodeURIComponent('执行局')}&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json<{ items: { paragraphId: string }[]; nextCursor: string | null }>();
      seen.push(...body.items.map((i) => i.paragraphId));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    const all = (await search(`q=${encodeURIComponent('执行局')}&limit=100`)).json().items;
    expect(seen.length).toBe(all.length);
  });

  it('filters by board, entity, year, type, language and session', async () => {
    const n = async (qs: string) =>
      (await search(`q=${encodeURIComponent('治理')}&limit=100&${qs}`)).json().items.length;
    const all = await n('');
    expect(all).toBeGreaterThan(10);
    expect(await n('board=unicef')).toBe(all); // the joint meeting report belongs to all four boards
    expect(await n('year=2024&type=report&language=zh')).toBe(all);
    expect(await n('year=2023')).toBe(0);
    expect(await n('language=en')).toBe(0);
    expect(await n('entity=jiu')).toBeLessThan(all);
    expect(await n('entity=jiu')).toBeGreaterThan(0);
  });

  it('rejects bad queries and filters with 400 naming the parameter', async () => {
    for (const [qs, path] of [
      ['q=', '/querystring/q'],
      ['q=%20%22%22%20', '/querystring/q'],
      ['q=x&theme=astrology', '/querystring/theme'],
      ['q=x&language=de', '/querystring/language'],
      ['q=x&cursor=forged', '/querystring/cursor'],
      ['q=x&limit=1000', '/querystring/limit'],
      ['q=x&speaker=a%20b', '/querystring/speaker'],
    ]) {
      const res = await search(qs!);
      expect(res.statusCode, qs).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors[0].path).toBe(path);
    }
  });
});
