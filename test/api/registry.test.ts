// Registry endpoints over HTTP on both backends: reference data, memberships, bureau.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/db.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe.each(BACKENDS)('registry API on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(async () => t.close());

  it('lists the six entities, each with the board that oversees it', async () => {
    const res = await t.call({ method: 'GET', url: '/api/entities' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; boardId: string }[];
    expect(items.map((e) => e.id).sort()).toEqual(['undp', 'unfpa', 'unicef', 'unops', 'unwomen', 'wfp']);
    expect(items.find((e) => e.id === 'unops')?.boardId).toBe('undp-unfpa-unops');
  });

  it('lists four boards; the UNDP/UNFPA/UNOPS board oversees three entities', async () => {
    const res = await t.call({ method: 'GET', url: '/api/boards' });
    const boards = res.json().items as { id: string; entityIds: string[] }[];
    expect(boards).toHaveLength(4);
    expect(boards.find((b) => b.id === 'undp-unfpa-unops')?.entityIds).toEqual(['undp', 'unfpa', 'unops']);
    expect(res.headers.etag).toMatch(/^"/);
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const first = await t.call({ method: 'GET', url: '/api/boards/unicef' });
    const again = await t.call({
      method: 'GET',
      url: '/api/boards/unicef',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('pages through all 193 member states with cursors, in name order, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/member-states?limit=50${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.call({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ items: { id: string; name: string }[]; nextCursor: string | null }>();
      seen.push(...body.items.map((i) => i.name));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(193);
    expect(new Set(seen).size).toBe(193);
    expect([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(seen);
  });

  it('filters member states by regional group (54 African states)', async () => {
    const res = await t.call({ method: 'GET', url: '/api/member-states?regionalGroup=african&limit=200' });
    expect(res.json().items).toHaveLength(54);
  });

  it('rejects an unknown regional group and a forged cursor with 400 naming the field', async () => {
    const bad = await t.call({ method: 'GET', url: '/api/member-states?regionalGroup=nordic' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors[0].path).toBe('/querystring/regionalGroup');
    const forged = await t.call({ method: 'GET', url: '/api/member-states?cursor=not-a-cursor' });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().errors[0].path).toBe('/querystring/cursor');
  });

  it('returns 404 problem+json for an unknown member state', async () => {
    const res = await t.call({ method: 'GET', url: '/api/member-states/XXX' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 404, type: '/api/problems/not-found' });
  });

  describe('memberships', () => {
    const body = { memberStateId: 'GHA', termStart: '2024-01-01', termEnd: '2026-12-31' };

    it('requires authentication (401) and the board secretariat role (403)', async () => {
      expect(
        (await t.call({ method: 'POST', url: '/api/boards/undp-unfpa-unops/memberships', payload: body }))
          .statusCode,
      ).toBe(401);
      expect(
        (
          await t.call({
            method: 'POST',
            url: '/api/boards/undp-unfpa-unops/memberships',
            payload: body,
            as: 'unicefSecretariat',
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await t.call({
            method: 'POST',
            url: '/api/boards/undp-unfpa-unops/memberships',
            payload: body,
            as: 'memberDelegate',
          })
        ).statusCode,
      ).toBe(403);
    });

    it('adds a term, lists it for a date inside the term and not outside it, and refuses an overlap (409)', async () => {
      const res = await t.call({
        method: 'POST',
        url: '/api/boards/undp-unfpa-unops/memberships',
        payload: body,
        as: 'secretariat',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        memberStateId: 'GHA',
        memberStateName: 'Ghana',
        regionalGroup: 'african',
      });
      const during = await t.call({
        method: 'GET',
        url: '/api/boards/undp-unfpa-unops/memberships?on=2025-03-01',
      });
      expect(during.json().items.map((m: { memberStateId: string }) => m.memberStateId)).toContain('GHA');
      const after = await t.call({
        method: 'GET',
        url: '/api/boards/undp-unfpa-unops/memberships?on=2027-03-01',
      });
      expect(after.json().items).toHaveLength(0);
      const overlap = await t.call({
        method: 'POST',
        url: '/api/boards/undp-unfpa-unops/memberships',
        payload: { ...body, termStart: '2026-01-01', termEnd: '2028-12-31' },
        as: 'secretariat',
      });
      expect(overlap.statusCode).toBe(409);
    });

    it('rejects an unknown member state and an end before the start, naming the field', async () => {
      const unknown = await t.call({
        method: 'POST',
        url: '/api/boards/undp-unfpa-unops/memberships',
        payload: { ...body, memberStateId: 'ZZZ' },
        as: 'secretariat',
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0].path).toBe('/body/memberStateId');
      const reversed = await t.call({
        method: 'POST',
        url: '/api/boards/undp-unfpa-unops/memberships',
        payload: { ...body, memberStateId: 'KEN', termEnd: '2023-01-01' },
        as: 'secretariat',
      });
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json().errors[0].path).toBe('/body/termEnd');
    });
  });

  describe('bureau', () => {
    it('elects one post per regional group and at most one President', async () => {
      const post = (memberStateId: string, p: string) =>
        t.call({
          method: 'POST',
          url: '/api/boards/unicef/bureau',
          payload: { year: 2024, post: p, memberStateId },
          as: 'unicefSecretariat',
        });
      expect((await post('JPN', 'president')).statusCode).toBe(201);
      expect((await post('DEU', 'president')).statusCode).toBe(409);
      expect((await post('CHN', 'vice-president')).statusCode).toBe(409); // Asia-Pacific already holds a post
      expect((await post('DEU', 'vice-president')).statusCode).toBe(201);
      const list = await t.call({ method: 'GET', url: '/api/boards/unicef/bureau?year=2024' });
      expect(
        list.json().items.map((b: { memberStateId: string; post: string }) => `${b.post}:${b.memberStateId}`),
      ).toEqual(['vice-president:DEU', 'president:JPN']);
    });
  });
});
