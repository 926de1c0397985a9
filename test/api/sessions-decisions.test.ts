// Sessions, agenda items and decisions over HTTP on both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/db.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe.each(BACKENDS)('sessions and decisions API on %s', (backend) => {
  let t: TestApp;
  let sessionId: string;
  beforeAll(async () => {
    t = await createTestApp(backend);
    const res = await t.call({
      method: 'POST',
      url: '/api/sessions',
      as: 'secretariat',
      payload: {
        type: 'annual',
        title: 'Annual session 2025',
        startDate: '2025-06-02',
        endDate: '2025-06-06',
        venue: 'New York',
        boardIds: ['undp-unfpa-unops'],
      },
    });
    expect(res.statusCode).toBe(201);
    sessionId = res.json().id;
  });
  afterAll(async () => t.close());

  it('schedules a session only as the secretariat of every board taking part', async () => {
    const payload = {
      type: 'joint-meeting',
      title: 'Joint meeting 2025',
      startDate: '2025-05-30',
      endDate: '2025-05-30',
      boardIds: ['undp-unfpa-unops', 'unicef'],
    };
    expect((await t.call({ method: 'POST', url: '/api/sessions', payload })).statusCode).toBe(401);
    expect(
      (await t.call({ method: 'POST', url: '/api/sessions', payload, as: 'secretariat' })).statusCode,
    ).toBe(403);
    const ok = await t.call({ method: 'POST', url: '/api/sessions', payload, as: 'admin' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().boardIds).toEqual(['undp-unfpa-unops', 'unicef']);
  });

  it('rejects an end date before the start and a joint meeting of one board', async () => {
    const reversed = await t.call({
      method: 'POST',
      url: '/api/sessions',
      as: 'secretariat',
      payload: {
        type: 'annual',
        title: 'x',
        startDate: '2025-06-02',
        endDate: '2025-06-01',
        boardIds: ['undp-unfpa-unops'],
      },
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].path).toBe('/body/endDate');
    const single = await t.call({
      method: 'POST',
      url: '/api/sessions',
      as: 'secretariat',
      payload: {
        type: 'joint-meeting',
        title: 'x',
        startDate: '2025-06-02',
        endDate: '2025-06-02',
        boardIds: ['undp-unfpa-unops'],
      },
    });
    expect(single.statusCode).toBe(400);
    expect(single.json().errors[0].path).toBe('/body/boardIds');
  });

  it('filters sessions by board, year and type', async () => {
    const byBoard = await t.call({ method: 'GET', url: '/api/sessions?board=unicef' });
    expect(byBoard.json().items.every((s: { boardIds: string[] }) => s.boardIds.includes('unicef'))).toBe(
      true,
    );
    const byType = await t.call({ method: 'GET', url: '/api/sessions?type=annual&year=2025' });
    expect(byType.json().items.map((s: { id: string }) => s.id)).toEqual([sessionId]);
    const none = await t.call({ method: 'GET', url: '/api/sessions?year=1999' });
    expect(none.json().items).toEqual([]);
  });

  it('updates with If-Match and answers 412 to a stale ETag', async () => {
    const read = await t.call({ method: 'GET', url: `/api/sessions/${sessionId}` });
    const etag = String(read.headers.etag);
    const ok = await t.call({
      method: 'PATCH',
      url: `/api/sessions/${sessionId}`,
      as: 'secretariat',
      headers: { 'if-match': etag },
      payload: { venue: 'Geneva' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ venue: 'Geneva', version: 2 });
    const stale = await t.call({
      method: 'PATCH',
      url: `/api/sessions/${sessionId}`,
      as: 'secretariat',
      headers: { 'if-match': etag },
      payload: { venue: 'Rome' },
    });
    expect(stale.statusCode).toBe(412);
    const after = await t.call({ method: 'GET', url: `/api/sessions/${sessionId}` });
    expect(after.json().venue).toBe('Geneva');
  });

  it('numbers agenda items uniquely per session', async () => {
    const add = (number: string) =>
      t.call({
        method: 'POST',
        url: `/api/sessions/${sessionId}/agenda-items`,
        as: 'secretariat',
        payload: { number, title: `Item ${number}` },
      });
    expect((await add('1')).statusCode).toBe(201);
    expect((await add('2 (a)')).statusCode).toBe(201);
    expect((await add('1')).statusCode).toBe(409);
    const agenda = await t.call({ method: 'GET', url: `/api/sessions/${sessionId}/agenda-items` });
    expect(agenda.json().items.map((i: { number: string }) => i.number)).toEqual(['1', '2 (a)']);
  });

  describe('decisions', () => {
    const decision = (number: string, extra: Record<string, unknown> = {}) => ({
      boardId: 'undp-unfpa-unops',
      number,
      title: `Decision ${number}`,
      paragraphs: [
        { kind: 'preambular', text: 'Recalling General Assembly resolution 48/162,' },
        {
          kind: 'operative',
          number: '1',
          text: 'Requests the Administrator to report at its annual session 2026.',
        },
      ],
      ...extra,
    });

    it('records a decision with its paragraphs and answers 409 for the same number on the same board', async () => {
      const first = await t.call({
        method: 'POST',
        url: '/api/decisions',
        as: 'secretariat',
        payload: decision('2025/1', { sessionId }),
      });
      expect(first.statusCode).toBe(201);
      expect(first.json().paragraphs).toHaveLength(2);
      expect(first.headers.location).toBe(`/api/decisions/${first.json().id}`);
      const dup = await t.call({
        method: 'POST',
        url: '/api/decisions',
        as: 'secretariat',
        payload: decision('2025/1'),
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().errors[0].path).toBe('/body/number');
      // The same number on another board is a different decision.
      const other = await t.call({
        method: 'POST',
        url: '/api/decisions',
        as: 'unicefSecretariat',
        payload: decision('2025/1', { boardId: 'unicef' }),
      });
      expect(other.statusCode).toBe(201);
    });

    it("requires the number's year to match the session and the number to look like 2024/12", async () => {
      const wrongYear = await t.call({
        method: 'POST',
        url: '/api/decisions',
        as: 'secretariat',
        payload: decision('2024/7', { sessionId }),
      });
      expect(wrongYear.statusCode).toBe(400);
      expect(wrongYear.json().errors[0].path).toBe('/body/number');
      const badFormat = await t.call({
        method: 'POST',
        url: '/api/decisions',
        as: 'secretariat',
        payload: decision('12-2024'),
      });
      expect(badFormat.statusCode).toBe(400);
      expect(badFormat.json().errors[0].path).toBe('/body/number');
    });

    it('orders decisions by number (year, then sequence numerically) across pages', async () => {
      for (const n of ['2025/2', '2025/10', '2025/3']) {
        expect(
          (await t.call({ method: 'POST', url: '/api/decisions', as: 'secretariat', payload: decision(n) }))
            .statusCode,
        ).toBe(201);
      }
      const numbers: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.call({
          method: 'GET',
          url: `/api/decisions?board=undp-unfpa-unops&sort=number&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        });
        numbers.push(...res.json().items.map((d: { number: string }) => d.number));
        cursor = res.json().nextCursor;
      } while (cursor);
      expect(numbers).toEqual(['2025/1', '2025/2', '2025/3', '2025/10']);
    });

    it('amends a decision with If-Match and records the change in the audit trail', async () => {
      const list = await t.call({
        method: 'GET',
        url: '/api/decisions?board=undp-unfpa-unops&year=2025&sort=number&limit=1',
      });
      const id = list.json().items[0].id as string;
      const read = await t.call({ method: 'GET', url: `/api/decisions/${id}` });
      const res = await t.call({
        method: 'PATCH',
        url: `/api/decisions/${id}`,
        as: 'secretariat',
        headers: { 'if-match': String(read.headers.etag) },
        payload: { title: 'Amended title' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ title: 'Amended title', version: 2 });
      const events = await t.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('record_id', '=', id)
        .orderBy('seq')
        .execute();
      expect(events.map((e) => e.action)).toEqual(['decision.adopted', 'decision.amended']);
      expect(JSON.parse(events[1]!.before_json!).title).toBe('Decision 2025/1');
    });

    it('refuses another board’s secretariat (403) and unknown ids (404)', async () => {
      expect(
        (
          await t.call({
            method: 'POST',
            url: '/api/decisions',
            as: 'unicefSecretariat',
            payload: decision('2025/50'),
          })
        ).statusCode,
      ).toBe(403);
      expect((await t.call({ method: 'GET', url: '/api/decisions/does-not-exist' })).statusCode).toBe(404);
      expect(
        (
          await t.call({
            method: 'PATCH',
            url: '/api/decisions/does-not-exist',
            as: 'secretariat',
            payload: { title: 'x' },
          })
        ).statusCode,
      ).toBe(404);
    });
  });
});
