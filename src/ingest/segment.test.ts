// The segmenter on the real 2024 joint meeting report and on small constructed texts.
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOINT_MEETING_REPORT } from '../seed/demo.js';
import { findDate, joinText, segmentText } from './segment.js';

describe('segmentText on the 2024 joint meeting report', () => {
  const doc = segmentText(fs.readFileSync(JOINT_MEETING_REPORT, 'utf8'));

  it('finds the title, the date and the 32 numbered paragraphs in order', () => {
    expect(doc.title).toMatch(/^联合国开发计划署（开发署）.*执行局联席会议报告$/);
    expect(doc.date).toBe('2024-05-31');
    expect(doc.paragraphs.map((p) => p.number)).toEqual(Array.from({ length: 32 }, (_, i) => String(i + 1)));
    expect(doc.warnings).toEqual([]);
  });

  it('drops the logo remnant before the title', () => {
    expect(doc.droppedLines).toEqual(['UNOPS']);
    expect(doc.paragraphs.some((p) => p.text.includes('UNOPS'))).toBe(false);
  });

  it('gives paragraph 25 its bulleted sub-points, including the one after the page break', () => {
    const p25 = doc.paragraphs[24]!;
    expect(p25.text).toBe('在会员国与联合国各实体负责人的互动讨论中，各代表团提出了以下几点：');
    expect(p25.subpoints).toHaveLength(7);
    expect(p25.subpoints[0]!.text.startsWith('联合国发展系统的有效治理')).toBe(true);
    expect(p25.subpoints[3]!.text.startsWith('会员国发现')).toBe(true);
    expect(p25.subpoints[6]!.text.endsWith('以改善其治理。')).toBe(true);
  });

  it('joins the words that page breaks split in paragraphs 7, 13, 19, 25 and 29', () => {
    const crossing = doc.paragraphs.filter((p) => p.crossesPageBreak).map((p) => p.number);
    expect(crossing).toEqual(['7', '13', '19', '25', '29']);
    expect(doc.paragraphs[6]!.text).toContain('在 2030 年之前的最后一个四年度');
    expect(doc.paragraphs[12]!.text).toContain('制定新的风险管理框架');
    expect(doc.paragraphs[18]!.text).toContain('执行委员会更有效地传达');
    expect(doc.paragraphs[24]!.subpoints[2]!.text).toContain('粮食署治理审查和联检组评估所引发');
    expect(doc.paragraphs[28]!.text).toContain('重申多边主义的背景下');
    for (const p of doc.paragraphs) expect(p.text).not.toMatch(/\n/);
  });
});

describe('segmentText on constructed texts', () => {
  it('drops page numbers and running headers repeated on most pages', () => {
    const page = (n: number, body: string) => `DP/2024/15\n${body}\n${n}\f`;
    const text = [
      page(1, 'Annual report\n1. The Board met.'),
      page(2, 'It decided to act.\n2. Second paragraph.'),
      page(3, '3. Third paragraph.'),
    ].join('');
    const doc = segmentText(text);
    expect(doc.symbol).toBe('DP/2024/15');
    expect(doc.paragraphs.map((p) => p.text)).toEqual([
      'The Board met. It decided to act.',
      'Second paragraph.',
      'Third paragraph.',
    ]);
    expect(doc.droppedLines).toEqual(expect.arrayContaining(['DP/2024/15', '1', '2', '3']));
  });

  it('warns about a numbering gap instead of swallowing the paragraph', () => {
    const doc = segmentText('1. First.\n3. Third.');
    expect(doc.paragraphs.map((p) => p.number)).toEqual(['1', '3']);
    expect(doc.warnings[0]!.message).toContain('numbering gap');
  });

  it('reports a text without numbered paragraphs', () => {
    expect(segmentText('just prose').warnings).toEqual([
      { paragraph: null, message: 'no numbered paragraphs found' },
    ]);
  });
});

describe('joinText and findDate', () => {
  it('joins CJK without a space, other scripts with one, and de-hyphenates split Latin words', () => {
    expect(joinText('联', '检组')).toBe('联检组');
    expect(joinText('2030', '年之前')).toBe('2030 年之前');
    expect(joinText('the imple-', 'mentation')).toBe('the implementation');
    expect(joinText('well-', 'Known')).toBe('well- Known');
  });
  it('reads Chinese and English dates', () => {
    expect(findDate('2024 年 5 月 31 日')).toBe('2024-05-31');
    expect(findDate('New York, 3 June 2024')).toBe('2024-06-03');
    expect(findDate('June 3, 2024')).toBe('2024-06-03');
    expect(findDate('no date')).toBeNull();
  });
});

describe('segmentText on a text in pieces', () => {
  // Line breaks of every kind, form feeds, a BOM, blank runs, numbered paragraphs, sub-points and
  // page numbers: what segmentation reads.
  const fragment = fc.constantFrom(
    '\n',
    '\r\n',
    '\r',
    '\f',
    '\uFEFF',
    ' ',
    '\n\n\n',
    '1. ',
    '2. ',
    '3. ',
    '(a) ',
    '- 4 -',
    'Page 2',
    'E/ICEF/2024/7',
    'Executive Board',
    'implemen-',
    'tation',
    '联检组',
    'المجلس',
    '31 May 2024',
  );
  const text = fc.array(fragment, { maxLength: 120 }).map((parts) => parts.join(''));

  it('finds what it finds in the whole text, wherever the text is cut', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (whole, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...at].map((from, i) => whole.slice(from, at[i] ?? whole.length));
        expect(segmentText(pieces)).toEqual(segmentText(whole));
      }),
      { numRuns: 500 },
    );
  });

  it('drops a BOM that starts the text after empty pieces, and only that one', () => {
    for (const pieces of [
      ['', '\uFEFF1. First.\n2. Second.'],
      ['\uFEFF', '\uFEFF1. First.'],
      ['', '', '\uFEFF', '1. First.\r', '\n2. Second.'],
    ])
      expect(segmentText(pieces)).toEqual(segmentText(pieces.join('')));
    expect(segmentText(['', '\uFEFF1. First.']).paragraphs.map((p) => p.text)).toEqual(['First.']);
  });

  it('segments the sample report alike in pieces of any size', () => {
    const report = fs.readFileSync(JOINT_MEETING_REPORT, 'utf8');
    const whole = segmentText(report);
    for (const size of [1, 7, 100, 4096]) {
      const pieces: string[] = [];
      for (let i = 0; i < report.length; i += size) pieces.push(report.slice(i, i + size));
      expect(segmentText(pieces)).toEqual(whole);
    }
  });
});
