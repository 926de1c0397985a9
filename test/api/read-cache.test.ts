// The read cache never serves stale or foreign data: a write (which advances the audit head)
// invalidates it, and signed-in callers never share entries with the public or each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/db.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe.each(BACKENDS)('read cache on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(async () => t.close());

  it('shows a new decision in the list right after it is recorded', async () => {
    const before = await t.call({ method: 'GET', url: '/api/decisions?board=unicef' });
    expect(before.json().items).toHaveLength(0);
    const again = await t.call({ method: 'GET', url: '/api/decisions?board=unicef' });
    expect(again.body).toBe(before.body);
    await t.call({
      method: 'POST',
      url: '/api/decisions',
      as: 'unicefSecretariat',
      payload: { boardId: 'unicef', number: '2025/4', title: 'New', paragraphs: [] },
    });
    const after = await t.call({ method: 'GET', url: '/api/decisions?board=unicef' });
    expect(after.json().items.map((d: { number: string }) => d.number)).toEqual(['2025/4']);
  });

  it('does not serve a restricted document cached for the secretariat to the public', async () => {
    await t.call({
      method: 'POST',
      url: '/api/documents',
      as: 'admin',
      payload: {
        type: 'informal-note',
        title: 'Restricted',
        date: '2024-03-01',
        originalLanguage: 'en',
        boardIds: ['unicef'],
        accessLevel: 'secretariat',
      },
    });
    const sec = await t.call({
      method: 'GET',
      url: '/api/documents?type=informal-note',
      as: 'unicefSecretariat',
    });
    expect(sec.json().items).toHaveLength(1);
    const pub = await t.call({ method: 'GET', url: '/api/documents?type=informal-note' });
    expect(pub.json().items).toHaveLength(0);
    const observer = await t.call({
      method: 'GET',
      url: '/api/documents?type=informal-note',
      as: 'observer',
    });
    expect(observer.json().items).toHaveLength(0);
  });

  it('keeps ETags on cached responses so If-None-Match still answers 304', async () => {
    const first = await t.call({ method: 'GET', url: '/api/entities' });
    const cached = await t.call({ method: 'GET', url: '/api/entities' });
    expect(cached.headers.etag).toBe(first.headers.etag);
    const revalidated = await t.call({
      method: 'GET',
      url: '/api/entities',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(304);
  });
});
