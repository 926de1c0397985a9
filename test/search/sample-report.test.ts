// The sample report (2024 joint meeting, Chinese) through the full ingest pipeline, as the demo
// seed loads it, on both backends: structure, speakers, references, acronyms and search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/db.js';
import { createTestApp, type TestApp } from '../support/app.js';

interface Para {
  number: string;
  text: string;
  speakers: { role: string; entityId: string | null }[];
  subpoints: { number: string; text: string }[];
}

describe.each(BACKENDS)('the sample report ingested on %s', (backend) => {
  let t: TestApp;
  let documentId: string;
  let paragraphs: Para[];
  beforeAll(async () => {
    t = await createTestApp(backend, { jointMeeting: true });
    const docs = await t.call({ method: 'GET', url: '/api/documents?type=report' });
    documentId = docs.json().items[0].id;
    paragraphs = (await t.call({ method: 'GET', url: `/api/documents/${documentId}/paragraphs` })).json()
      .items;
  });
  afterAll(async () => t.close());

  it('has its 32 numbered paragraphs, and paragraph 25 its 7 bullet sub-points', () => {
    expect(paragraphs.map((p) => p.number)).toEqual(Array.from({ length: 32 }, (_, i) => String(i + 1)));
    const p25 = paragraphs[24]!;
    expect(p25.subpoints).toHaveLength(7);
    expect(p25.subpoints.map((s) => s.number)).toEqual([
      '25.1',
      '25.2',
      '25.3',
      '25.4',
      '25.5',
      '25.6',
      '25.7',
    ]);
    expect(paragraphs.every((p) => p.number === '25' || p.subpoints.length === 0)).toBe(true);
  });

  it('joins the words that page breaks split (paragraphs 7, 13, 19, 25 and 29)', () => {
    const byNumber = (n: string) => paragraphs.find((p) => p.number === n)!;
    expect(byNumber('7').text).toContain('在 2030 年之前的最后一个四年度全面政策审查周期中');
    expect(byNumber('13').text).toContain('更新政策框架、制定新的风险管理框架');
    expect(byNumber('19').text).toContain('帮助执行委员会更有效地传达');
    expect(byNumber('25').subpoints[2]!.text).toContain('粮食署治理审查和联检组评估所引发的自我反省过程');
    expect(byNumber('29').text).toContain('重申多边主义的背景下');
    // No running header, footer, logo remnant or page number left in any paragraph.
    for (const p of paragraphs) expect(p.text).not.toMatch(/UNOPS\s*$|^\s*\d+\s*$/);
  });

  it('names who speaks: the UNFPA Executive Director in 10, the delegations in 25, and more', () => {
    const speakers = (n: string) => paragraphs.find((p) => p.number === n)!.speakers;
    expect(speakers('10')).toEqual([
      { role: 'UNFPA Executive Director', entityId: 'unfpa', memberStateId: null },
    ]);
    expect(speakers('25')).toEqual([{ role: 'Delegations', entityId: null, memberStateId: null }]);
    expect(speakers('14')[0]).toMatchObject({ role: 'UNDP Administrator', entityId: 'undp' });
    expect(speakers('16')[0]).toMatchObject({ role: 'UNICEF Executive Director', entityId: 'unicef' });
    expect(speakers('17')[0]).toMatchObject({ role: 'WFP Deputy Executive Director', entityId: 'wfp' });
    expect(speakers('2')[0]!.role).toBe('President of the UNDP/UNFPA/UNOPS Executive Board');
    // "主席" alone in 3 is the chair who opened the meeting in 2.
    expect(speakers('3')[0]!.role).toBe('President of the UNDP/UNFPA/UNOPS Executive Board');
    expect(speakers('26').map((s) => s.role)).toEqual([
      'UNICEF Executive Director',
      'UNFPA Executive Director',
    ]);
    expect(speakers('29')[0]!.role).toBe('Vice-President of the UNICEF Executive Board');
    expect(speakers('18')).toEqual([]);
  });

  it('records references (resolution 48/162, SDG 5), mentions and the acronym the text defines', async () => {
    const db = t.database.db;
    const refs = await db
      .selectFrom('paragraph_references as r')
      .innerJoin('paragraphs as p', 'p.id', 'r.paragraph_id')
      .select(['p.number', 'r.kind', 'r.ref'])
      .orderBy('p.position')
      .execute();
    expect(refs).toEqual(
      expect.arrayContaining([
        { number: '14', kind: 'ga-resolution', ref: '48/162' },
        { number: '11', kind: 'sdg', ref: '5' },
        { number: '12', kind: 'sdg', ref: '5' },
      ]),
    );
    const jiu = await db
      .selectFrom('paragraph_mentions as m')
      .innerJoin('paragraphs as p', 'p.id', 'm.paragraph_id')
      .select('p.number')
      .where('m.ref_id', '=', 'jiu')
      .orderBy('p.position')
      .execute();
    expect(jiu.map((r) => r.number)).toEqual(['4', '7', '8', '21', '25.3', '25.4', '25.7', '29', '30']);
    const acronyms = await db.selectFrom('acronyms').select(['short_form', 'long_form']).execute();
    expect(acronyms).toEqual(
      expect.arrayContaining([
        { short_form: '联检组', long_form: '联合国联合检查组' },
        { short_form: '经社理事会', long_form: '经济及社会理事会' },
      ]),
    );
  });

  it('finds every paragraph that names the JIU when searching 联检组, with anchors and highlights', async () => {
    const res = await t.call({
      method: 'GET',
      url: `/api/search?q=${encodeURIComponent('联检组')}&limit=50`,
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { number: string; anchor: string; snippet: string; url: string }[];
    expect(items.map((i) => i.number).sort()).toEqual(
      ['21', '25.3', '25.4', '25.7', '29', '30', '4', '7', '8'].sort(),
    );
    const p4 = items.find((i) => i.number === '4')!;
    expect(p4.anchor).toBe('p4');
    expect(p4.url).toContain(`/api/documents/${documentId}/paragraphs?language=zh`);
    expect(p4.snippet).toContain('<mark>联检组</mark>');
    // The long form the report defines finds the same paragraphs.
    const long = await t.call({
      method: 'GET',
      url: `/api/search?q=${encodeURIComponent('联合国联合检查组')}&limit=50`,
    });
    expect((long.json().items as { number: string }[]).map((i) => i.number).sort()).toEqual(
      items.map((i) => i.number).sort(),
    );
  });

  it('matches Chinese words and one- or two-character terms, and filters by speaker and theme', async () => {
    const numbers = async (qs: string) =>
      (
        (await t.call({ method: 'GET', url: `/api/search?${qs}&limit=100` })).json().items as {
          number: string;
        }[]
      )
        .map((i) => i.number)
        .sort();
    const governance = await numbers(`q=${encodeURIComponent('治理')}`);
    expect(governance).toEqual(expect.arrayContaining(['1', '4', '5', '25.1', '25.3', '30', '31']));
    expect(governance).not.toContain('2');
    // One character: 署 occurs in many entity names.
    expect((await numbers(`q=${encodeURIComponent('署')}`)).length).toBeGreaterThan(20);
    expect(await numbers(`q=${encodeURIComponent('治理')}&speaker=delegations`)).toEqual(
      ['25.1', '25.3', '25.4', '25.7'].sort(),
    );
    expect(await numbers(`q=${encodeURIComponent('执行局')}&speaker=unfpa`)).toEqual(['10', '19', '26', '9']);
    expect(await numbers(`q=${encodeURIComponent('性别平等')}&theme=sdg-5`)).toEqual(['11', '12']);
    expect(await numbers(`q=${encodeURIComponent('"可持续发展目标 5"')}`)).toEqual(['11', '12']);
  });
});
