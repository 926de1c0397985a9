// Documents, language versions, paragraphs and access levels over HTTP on both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/db.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe.each(BACKENDS)('documents API on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend, { jointMeeting: true });
  });
  afterAll(async () => t.close());

  const joint = async () => {
    const res = await t.call({ method: 'GET', url: '/api/documents?language=zh&type=report' });
    return res.json().items[0] as { id: string; languages: string[]; boardIds: string[] };
  };

  it('serves the 2024 joint meeting report with 32 paragraphs; paragraph 25 has its sub-points', async () => {
    const doc = await joint();
    expect(doc.languages).toEqual(['zh']);
    expect(doc.boardIds).toHaveLength(4);
    const res = await t.call({ method: 'GET', url: `/api/documents/${doc.id}/paragraphs` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      number: string;
      anchor: string;
      text: string;
      subpoints: { number: string; text: string }[];
    }[];
    expect(items.map((p) => p.number)).toEqual(Array.from({ length: 32 }, (_, i) => String(i + 1)));
    expect(items[24]!.subpoints).toHaveLength(7);
    expect(items[24]!.subpoints[2]!.number).toBe('25.3');
    expect(items[24]!.subpoints[2]!.text).toContain('联检组评估');
    expect(items[18]!.text).toContain('更有效地传达');
    expect(items[0]!.anchor).toBe('p1');
  });

  it('filters the document list by board, year and language', async () => {
    expect(
      (await t.call({ method: 'GET', url: '/api/documents?board=wfp&year=2024' })).json().items,
    ).toHaveLength(1);
    expect((await t.call({ method: 'GET', url: '/api/documents?language=fr' })).json().items).toHaveLength(0);
  });

  it('adds an English version; the same content again is unchanged, changed content is a new revision', async () => {
    const doc = await joint();
    const input = {
      language: 'en',
      title: 'Report of the joint meeting',
      paragraphs: [{ number: '1', text: 'The joint meeting is held annually.' }],
    };
    const created = await t.call({
      method: 'POST',
      url: `/api/documents/${doc.id}/expressions`,
      as: 'admin',
      payload: input,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'created', revision: 1 });
    const again = await t.call({
      method: 'POST',
      url: `/api/documents/${doc.id}/expressions`,
      as: 'admin',
      payload: input,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'unchanged', revision: 1 });
    const changed = await t.call({
      method: 'POST',
      url: `/api/documents/${doc.id}/expressions`,
      as: 'admin',
      payload: { ...input, paragraphs: [{ number: '1', text: 'The joint meeting is held once a year.' }] },
    });
    expect(changed.json()).toMatchObject({ status: 'revised', revision: 2 });
    const current = await t.call({ method: 'GET', url: `/api/documents/${doc.id}/paragraphs?language=en` });
    expect(current.json().items[0].text).toBe('The joint meeting is held once a year.');
    const old = await t.call({
      method: 'GET',
      url: `/api/documents/${doc.id}/paragraphs?language=en&revision=1`,
    });
    expect(old.json().items[0].text).toBe('The joint meeting is held annually.');
    const detail = await t.call({ method: 'GET', url: `/api/documents/${doc.id}` });
    expect(detail.json().languages).toEqual(['en', 'zh']);
    expect(detail.json().expressions.filter((e: { language: string }) => e.language === 'en')).toHaveLength(
      2,
    );
  });

  it('rejects duplicate paragraph numbers and unknown speakers, storing nothing', async () => {
    const doc = await joint();
    const before = await t.database.db.selectFrom('expressions').select('id').execute();
    const dup = await t.call({
      method: 'POST',
      url: `/api/documents/${doc.id}/expressions`,
      as: 'admin',
      payload: {
        language: 'fr',
        title: 'Rapport',
        paragraphs: [
          { number: '1', text: 'a' },
          { number: '1', text: 'b' },
        ],
      },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0].path).toBe('/body/paragraphs/1/number');
    const speaker = await t.call({
      method: 'POST',
      url: `/api/documents/${doc.id}/expressions`,
      as: 'admin',
      payload: {
        language: 'fr',
        title: 'Rapport',
        paragraphs: [{ number: '1', text: 'a', speakers: [{ role: 'Directeur', entityId: 'nope' }] }],
      },
    });
    expect(speaker.statusCode).toBe(400);
    expect(speaker.json().errors[0].path).toBe('/body/paragraphs/0/speakers/0/entityId');
    expect(await t.database.db.selectFrom('expressions').select('id').execute()).toHaveLength(before.length);
  });

  it('records statements per paragraph', async () => {
    const reg = await t.call({
      method: 'POST',
      url: '/api/documents',
      as: 'admin',
      payload: {
        type: 'informal-briefing-summary',
        title: 'Briefing',
        date: '2024-04-10',
        originalLanguage: 'en',
        boardIds: ['unicef'],
      },
    });
    const id = reg.json().id as string;
    await t.call({
      method: 'POST',
      url: `/api/documents/${id}/expressions`,
      as: 'admin',
      payload: {
        language: 'en',
        title: 'Briefing',
        paragraphs: [
          {
            number: '1',
            text: 'The Executive Director opened.',
            speakers: [{ role: 'UNICEF Executive Director', entityId: 'unicef' }],
          },
        ],
      },
    });
    const st = await t.call({ method: 'GET', url: `/api/documents/${id}/statements` });
    expect(st.json().items).toEqual([
      expect.objectContaining({
        paragraphNumber: '1',
        speakerRole: 'UNICEF Executive Director',
        entityId: 'unicef',
      }),
    ]);
  });

  it('hides restricted documents from those who may not read them, exactly like a missing one', async () => {
    const reg = await t.call({
      method: 'POST',
      url: '/api/documents',
      as: 'admin',
      payload: {
        type: 'informal-note',
        title: 'Bureau note',
        date: '2024-03-01',
        originalLanguage: 'en',
        boardIds: ['unicef'],
        accessLevel: 'bureau',
        symbol: 'E/ICEF/2024/CRP.99',
      },
    });
    expect(reg.statusCode).toBe(201);
    const id = reg.json().id as string;
    const pub = await t.call({ method: 'GET', url: `/api/documents/${id}` });
    const missing = await t.call({
      method: 'GET',
      url: '/api/documents/01900000-0000-7000-8000-000000000000',
    });
    expect(pub.statusCode).toBe(404);
    expect(pub.json().title).toBe(missing.json().title);
    expect((await t.call({ method: 'GET', url: `/api/documents/${id}`, as: 'observer' })).statusCode).toBe(
      404,
    );
    expect(
      (await t.call({ method: 'GET', url: `/api/documents/${id}`, as: 'unicefSecretariat' })).statusCode,
    ).toBe(200);
    // Board-scoped: the secretariat of another board does not read it.
    expect((await t.call({ method: 'GET', url: `/api/documents/${id}`, as: 'secretariat' })).statusCode).toBe(
      404,
    );
    const listed = await t.call({ method: 'GET', url: '/api/documents?type=informal-note' });
    expect(listed.json().items).toHaveLength(0);
  });

  it('answers 409 for a duplicate symbol and 400 for an unknown board', async () => {
    const body = {
      type: 'report',
      title: 'Annual report',
      date: '2024-05-01',
      originalLanguage: 'en',
      boardIds: ['unicef'],
      symbol: 'E/ICEF/2024/9',
    };
    expect(
      (await t.call({ method: 'POST', url: '/api/documents', as: 'admin', payload: body })).statusCode,
    ).toBe(201);
    expect(
      (await t.call({ method: 'POST', url: '/api/documents', as: 'admin', payload: body })).statusCode,
    ).toBe(409);
    const unknown = await t.call({
      method: 'POST',
      url: '/api/documents',
      as: 'admin',
      payload: { ...body, symbol: undefined, boardIds: ['unicef', 'ilo'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('/body/boardIds/1');
  });
});
