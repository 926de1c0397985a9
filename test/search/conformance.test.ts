// One conformance suite for every SearchIndex engine (SQLite FTS5, PostgreSQL full text): the same
// multilingual paragraphs, the same queries, the same expected paragraphs on both. Only scores may
// differ between engines; the matching set, filters and paging may not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEntries } from '../../src/search/indexer.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/db.js';
import { systemActor } from '../../src/modules/access/actor.js';
import { loadReferenceData } from '../../src/seed/demo.js';
import { registerDocument } from '../../src/modules/documents/commands/registerDocument.js';
import { addExpression } from '../../src/modules/documents/commands/addExpression.js';
import { facet, searchIndexFor } from '../../src/search/index.js';
import { compileQuery } from '../../src/modules/search/queries.js';
import { rankFunctionStatus, setPreferBm25 } from '../../src/search/rank-function.js';

// Paragraph texts by key: <language><n>. Written for the test (synthetic), in the six languages.
const CORPUS: Record<string, Record<string, string>> = {
  en: {
    en1: 'The Joint Inspection Unit (JIU) reviewed the governance of the Executive Boards.',
    en2: 'The JIU recommended a working group on governance and oversight.',
    en3: 'Delegations welcomed the Funding Compact and the QCPR.',
    en4: 'Élan and CAFÉ were discussed; the résumé is attached.',
    en5: 'Good governance matters to every Member State.',
  },
  fr: {
    fr1: 'Le Corps commun d’inspection a examiné la gouvernance des conseils d’administration.',
    fr2: "L'ÉGALITÉ des sexes reste une priorité (ODD 5).",
  },
  es: {
    es1: 'La Dependencia Común de Inspección (DCI) examinó la gobernanza de las juntas.',
    es2: 'La igualdad de género y el ODS 5 son prioridades.',
  },
  ru: {
    ru1: 'Объединенная инспекционная группа (ОИГ) рассмотрела вопросы управления.',
    ru2: 'Ёлка и елка — одно и то же слово в поиске.',
  },
  ar: {
    ar1: 'أكد المجلس التنفيذي على أهمية الحوكمة.',
    ar2: 'وقالت الوفود إن المجلسَ التنفيذيَّ يؤدي دوراً مهماً.',
    ar3: 'إدارة المخاطر مسؤولية مشتركة.',
  },
  zh: {
    zh1: '联合国联合检查组（联检组）对三个执行局的治理和监督职能进行了审查。',
    zh2: '执行局对联检组的审查表示感谢。',
    zh3: '可持续发展目标 5：性别平等。',
    zh4: '各机构在 2030 年之前需要加快行动。',
  },
};

describe.each(BACKENDS)('SearchIndex conformance on %s', (backend) => {
  let d: TestDatabase;
  const keyOf = new Map<string, string>();
  const docOf: Record<string, string> = {};

  beforeAll(async () => {
    d = await createTestDatabase(backend);
    await loadReferenceData(d.db);
    const actor = systemActor('test');
    for (const [language, paras] of Object.entries(CORPUS)) {
      const documentId = await registerDocument(d.db, actor, {
        type: language === 'en' ? 'report' : 'informal-note',
        title: `Conformance fixture (${language}, synthetic)`,
        date: language === 'zh' ? '2023-05-31' : '2024-05-31',
        originalLanguage: language as 'en',
        boardIds: [language === 'ar' ? 'wfp' : 'undp-unfpa-unops'],
        synthetic: true,
      });
      docOf[language] = documentId;
      await addExpression(d.db, actor, {
        documentId,
        input: {
          language: language as 'en',
          title: `Fixture ${language}`,
          paragraphs: Object.values(paras).map((text, i) => ({ number: String(i + 1), text })),
        },
      });
      const rows = await d.db
        .selectFrom('paragraphs as p')
        .innerJoin('expressions as e', 'e.id', 'p.expression_id')
        .select(['p.id', 'p.number'])
        .where('e.document_id', '=', documentId)
        .execute();
      for (const r of rows) keyOf.set(r.id, Object.keys(paras)[Number(r.number) - 1]!);
    }
  });
  afterAll(async () => d.close());

  const find = async (q: string, facets: string[][] = [], limit = 100, offset = 0) => {
    const parsed = await compileQuery(d.db, q);
    const { hits } = await searchIndexFor(d.db).search(d.db, { ...parsed, facets, limit, offset });
    return hits.map((h) => keyOf.get(h.paragraphId)!);
  };
  const set = async (q: string, facets: string[][] = []) => (await find(q, facets)).sort();

  it('indexes every paragraph once', async () => {
    const total = Object.values(CORPUS).reduce((n, p) => n + Object.keys(p).length, 0);
    expect(await searchIndexFor(d.db).count(d.db)).toBe(total);
  });

  it.each([
    ['governance', ['en1', 'en2', 'en5']],
    ['GOVERNANCE', ['en1', 'en2', 'en5']],
    ['governance oversight', ['en2']],
    ['"governance of the executive boards"', ['en1']],
    ['"the governance executive"', []],
    ['governance -jiu', ['en5']],
    ['gouvernance OR gobernanza', ['es1', 'fr1']],
    ['govern*', ['en1', 'en2', 'en5']],
    ['cafe', ['en4']],
    ['CAFÉ resume', ['en4']],
    ['egalite', ['fr2']],
    ['Égalité', ['fr2']],
    ['елка', ['ru2']],
    ['ЁЛКА', ['ru2']],
    ['управления', ['ru1']],
  ])('Latin and Cyrillic: %s', async (q, expected) => {
    expect(await set(q)).toEqual(expected);
  });

  it.each([
    ['المجلس', ['ar1', 'ar2']],
    ['مجلس', ['ar1', 'ar2']],
    ['اكد', ['ar1']],
    ['إدارة', ['ar3']],
    ['ادارة المخاطر', ['ar3']],
    ['"المجلس التنفيذي"', ['ar1', 'ar2']],
  ])('Arabic (hamza, diacritics, article): %s', async (q, expected) => {
    expect(await set(q)).toEqual(expected);
  });

  it.each([
    ['联检组', ['zh1', 'zh2']],
    ['检查组', ['zh1']],
    ['治理', ['zh1']],
    ['组', ['zh1', 'zh2']],
    ['审查', ['zh1', 'zh2']],
    ['"执行局的治理"', ['zh1']],
    ['执行局 感谢', ['zh2']],
    ['治理和监督职能', ['zh1']],
    ['可持续发展目标 5', ['zh3']],
    ['"可持续发展目标 5"', ['zh3']],
    ['"2030 年"', ['zh4']],
    ['联检组 -感谢', ['zh1']],
  ])('Chinese (words, 1-2 character terms, phrases): %s', async (q, expected) => {
    expect(await set(q)).toEqual(expected);
  });

  it('expands acronyms the corpus defines, both ways and in several scripts', async () => {
    expect(await set('jiu')).toEqual(['en1', 'en2']);
    expect(await set('joint inspection unit')).toEqual(['en1', 'en2']);
    expect(await set('"Joint Inspection Unit"')).toEqual(['en1', 'en2']);
    expect(await set('联合国联合检查组')).toEqual(['zh1', 'zh2']);
    expect(await set('DCI')).toEqual(['es1']);
    expect(await set('ОИГ')).toEqual(['ru1']);
  });

  it('filters by facets: language, year, type, board; OR inside a group, AND across groups', async () => {
    expect(await set('5', [[facet('lang', 'es')]])).toEqual(['es2']);
    expect(await set('5')).toEqual(['es2', 'fr2', 'zh3']);
    expect(await set('5', [[facet('lang', 'es'), facet('lang', 'zh')]])).toEqual(['es2', 'zh3']);
    expect(await set('5', [[facet('year', 2023)]])).toEqual(['zh3']);
    expect(await set('governance', [[facet('type', 'informal-note')]])).toEqual([]);
    expect(await set('المجلس', [[facet('board', 'wfp')]])).toEqual(['ar1', 'ar2']);
    expect(await set('المجلس', [[facet('board', 'unicef')]])).toEqual([]);
    expect(await set('inspection', [[facet('entity', 'jiu')], [facet('lang', 'en')]])).toEqual(['en1']);
    expect(await set('governance', [[facet('theme', 'nope')]])).toEqual([]);
  });

  it('pages through results without repeats or gaps, best match first', async () => {
    const all = await find('the');
    expect(all.length).toBeGreaterThanOrEqual(4);
    const paged: string[] = [];
    for (let offset = 0; offset < all.length; offset += 2) paged.push(...(await find('the', [], 2, offset)));
    expect(paged.sort()).toEqual([...all].sort());
    expect(new Set(paged).size).toBe(paged.length);
    // A paragraph naming the term twice ranks above those naming it once.
    const ranked = await find('jiu');
    expect(ranked[0]).toBe('en1');
  });

  it.runIf(backend === 'sqlite')('ranks with concord_rank() in the order bm25() gives', async () => {
    const queries = [
      'the',
      'jiu',
      'governance oversight',
      '"the executive boards"',
      'governance -jiu',
      '联检组',
      '5',
    ];
    const facetsOf = (q: string) => (q === '5' ? [[facet('lang', 'es'), facet('lang', 'zh')]] : []);
    const withDefault = await Promise.all(queries.map((q) => find(q, facetsOf(q))));
    setPreferBm25(true);
    try {
      expect(rankFunctionStatus().name).toBe('bm25');
      const withBm25 = await Promise.all(queries.map((q) => find(q, facetsOf(q))));
      expect(withDefault).toEqual(withBm25);
    } finally {
      setPreferBm25(false);
    }
  });

  it('ranks only the newest matches when more match than the ranking window', async () => {
    const run = async (q: string, window: number, limit: number, offset = 0) => {
      const parsed = await compileQuery(d.db, q);
      const r = await searchIndexFor(d.db).search(d.db, { ...parsed, facets: [], limit, offset, window });
      return { keys: r.hits.map((h) => keyOf.get(h.paragraphId)!), windowed: r.windowed };
    };
    // 'governance' is in en1, en2 and en5, indexed in that order: a window of two ranks en2 and en5.
    const two = await run('governance', 2, 2);
    expect(two.windowed).toBe(true);
    expect([...two.keys].sort()).toEqual(['en2', 'en5']);
    // A window as large as the matches ranks them all, and says so.
    const three = await run('governance', 3, 3);
    expect(three).toEqual({
      keys: expect.arrayContaining(['en1', 'en2', 'en5']) as unknown,
      windowed: false,
    });
    // The window never cuts off the page asked for: offset + limit widens it.
    const deeper = await run('governance', 1, 1, 2);
    expect(deeper.keys).toHaveLength(1);
    expect(deeper.windowed).toBe(false);
  });

  it('replaces an entry added again, keeping its place in index order', async () => {
    const index = searchIndexFor(d.db);
    const idOf = (key: string) => [...keyOf].find(([, k]) => k === key)![0];
    const entries = await buildEntries(d.db, [
      (
        await d.db
          .selectFrom('paragraphs')
          .select('expression_id')
          .where('id', '=', idOf('en1'))
          .executeTakeFirstOrThrow()
      ).expression_id,
    ]);
    const en1 = entries.find((e) => e.paragraphId === idOf('en1'))!;
    const count = await index.count(d.db);
    await index.add(d.db, [{ ...en1, body: `${en1.body} zanzibarword` }]);
    expect(await index.count(d.db)).toBe(count);
    expect(await set('zanzibarword')).toEqual(['en1']);
    expect(await set('governance')).toEqual(['en1', 'en2', 'en5']);
    // Still the oldest of the three: a window of two ranks en2 and en5, as before.
    const parsed = await compileQuery(d.db, 'governance');
    const r = await index.search(d.db, { ...parsed, facets: [], limit: 2, offset: 0, window: 2 });
    expect(r.hits.map((h) => keyOf.get(h.paragraphId)).sort()).toEqual(['en2', 'en5']);
    await index.add(d.db, [en1]);
    expect(await set('zanzibarword')).toEqual([]);
  });

  it('replaces the entries of a language version when a revision supersedes it', async () => {
    await addExpression(d.db, systemActor('test'), {
      documentId: docOf.ru!,
      input: {
        language: 'ru',
        title: 'Fixture ru',
        paragraphs: [{ number: '1', text: 'Новый текст без елки.' }],
      },
    });
    expect(await set('управления')).toEqual([]);
    const rows = await find('новый');
    expect(rows).toHaveLength(1);
  });
});
