// Search respects board-scoped access levels and embargoes, and follows access changes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/lib/clock.js';
import { BACKENDS } from '../support/db.js';
import { createTestApp, createUser, type TestApp, type TestUser } from '../support/app.js';

describe.each(BACKENDS)('search and access on %s', (backend) => {
  let t: TestApp;
  let unicefMember: TestUser;
  let docId: string;
  beforeAll(async () => {
    t = await createTestApp(backend);
    unicefMember = await createUser(
      t.database,
      'unicef.member@example.org',
      [{ role: 'member-delegate', board: 'unicef' }],
      'KEN',
    );
    const doc = await t.call({
      method: 'POST',
      url: '/api/documents',
      as: 'unicefSecretariat',
      payload: {
        type: 'informal-note',
        title: 'Note on zeolite procurement',
        date: '2025-02-01',
        originalLanguage: 'en',
        boardIds: ['unicef'],
        accessLevel: 'board-members',
      },
    });
    docId = doc.json().id;
    const expr = await t.call({
      method: 'POST',
      url: `/api/documents/${docId}/expressions`,
      as: 'unicefSecretariat',
      payload: {
        language: 'en',
        title: 'Note',
        paragraphs: [{ number: '1', text: 'The zeolite procurement plan is under review.' }],
      },
    });
    expect(expr.statusCode).toBe(201);
  });
  afterAll(async () => t.close());
  afterEach(() => clock.set(null));

  const hits = async (token?: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/search?q=zeolite',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    expect(res.statusCode).toBe(200);
    return res.json().items.length as number;
  };

  it('finds a board-members document for members of that board only', async () => {
    expect(await hits(unicefMember.token)).toBe(1);
    expect(await hits(t.users.memberDelegate!.token)).toBe(0); // a member of another board
    expect(await hits()).toBe(0);
  });

  it('follows an access change: made public, everyone finds it; embargoed, nobody until release', async () => {
    expect(
      (
        await t.call({
          method: 'PUT',
          url: `/api/documents/${docId}/access`,
          as: 'unicefSecretariat',
          payload: { accessLevel: 'public' },
        })
      ).statusCode,
    ).toBe(204);
    expect(await hits()).toBe(1);
    clock.set(new Date('2035-01-01T00:00:00Z'));
    await t.call({
      method: 'PUT',
      url: `/api/documents/${docId}/access`,
      as: 'unicefSecretariat',
      payload: { accessLevel: 'public', embargoUntil: '2035-01-02T00:00:00Z' },
    });
    expect(await hits()).toBe(0);
    expect(await hits(unicefMember.token)).toBe(0);
    clock.set(new Date('2035-01-02T00:00:00Z'));
    expect(await hits()).toBe(1);
  });
});
