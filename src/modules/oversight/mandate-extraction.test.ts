// Rule-based mandate extraction on realistic operative paragraphs in English and Chinese.
import { describe, expect, it } from 'vitest';
import { extractMandates } from './mandate-extraction.js';

const one = (text: string, boardId?: string) => {
  const r = extractMandates(text, boardId ? { boardId } : {});
  expect(r).toHaveLength(1);
  return r[0]!;
};

describe('English operative paragraphs', () => {
  it('finds the demo decision 2024/901 paragraph 2 mandate, with its span', () => {
    const text = 'Requests the Administrator to report on the implementation of the recommendations at its annual session 2025. (synthetic demo text)';
    const m = one(text, 'undp-unfpa-unops');
    expect(m).toMatchObject({ entityId: 'undp', verb: 'report', deliverable: 'report on the implementation of the recommendations', dueSession: { type: 'annual', year: 2025 }, language: 'en' });
    expect(text.slice(m.span.start, m.span.end)).toBe(m.span.text);
  });

  it('reads "at its second regular session of 2025" placed before the deliverable', () => {
    const m = one('Requests the Executive Director to submit to the Executive Board, at its second regular session of 2025, a report on the implementation of the gender action plan;', 'unicef');
    expect(m).toMatchObject({ entityId: 'unicef', verb: 'submit', deliverable: 'submit a report on the implementation of the gender action plan', dueSession: { type: 'second-regular', year: 2025 } });
  });

  it('gives one suggestion per entity when several are named, and reads "first regular session 2026"', () => {
    const r = extractMandates('Also requests UNDP, UNFPA and UNOPS to present a joint update on the implementation plan at the first regular session 2026;', { boardId: 'undp-unfpa-unops' });
    expect(r.map((m) => m.entityId)).toEqual(['undp', 'unfpa', 'unops']);
    expect(r[0]!.dueSession).toEqual({ type: 'first-regular', year: 2026 });
  });

  it('reads "at its 2025 annual session" and a named entity on a three-entity board', () => {
    const m = one('Further requests the Executive Director of UNFPA to include in the annual report an analysis of risk, at its 2025 annual session.', 'undp-unfpa-unops');
    expect(m).toMatchObject({ entityId: 'unfpa', verb: 'include', dueSession: { type: 'annual', year: 2025 } });
  });

  it('leaves the entity open when "the Executive Director" is ambiguous on the board', () => {
    expect(one('Requests the Executive Director to present an update at the annual session 2025;', 'undp-unfpa-unops').entityId).toBeNull();
  });

  it('keeps a mandate without a session (due session null) and ignores requests to member states', () => {
    expect(one('Requests the Executive Director to develop a risk appetite statement;', 'wfp').dueSession).toBeNull();
    expect(extractMandates('Invites Member States to provide voluntary contributions; takes note of the report.', { boardId: 'wfp' })).toEqual([]);
  });

  it('finds two mandates in one paragraph', () => {
    const r = extractMandates('Requests the Executive Director to report on progress at the annual session 2025; and further requests the Executive Director to present the evaluation at the second regular session 2026.', { boardId: 'unwomen' });
    expect(r.map((m) => `${m.entityId}:${m.dueSession?.type}:${m.dueSession?.year}`)).toEqual(['unwomen:annual:2025', 'unwomen:second-regular:2026']);
  });
});

describe('Chinese operative paragraphs', () => {
  it('请署长在 2025 年年度会议上报告……', () => {
    const m = one('请署长在 2025 年年度会议上报告建议的执行情况。', 'undp-unfpa-unops');
    expect(m).toMatchObject({ entityId: 'undp', verb: '报告', deliverable: '报告建议的执行情况', dueSession: { type: 'annual', year: 2025 }, language: 'zh' });
  });

  it('要求执行主任在2025年第二届常会上向执行局提交……', () => {
    const m = one('要求执行主任在2025年第二届常会上向执行局提交关于治理审查执行计划的报告；', 'wfp');
    expect(m).toMatchObject({ entityId: 'wfp', verb: '提交', deliverable: '提交关于治理审查执行计划的报告', dueSession: { type: 'second-regular', year: 2025 } });
  });

  it('又请开发署、人口基金和项目署向执行局 2026 年第一届常会介绍…… (three entities)', () => {
    const r = extractMandates('又请开发署、人口基金和项目署向执行局 2026 年第一届常会介绍联合执行计划。', { boardId: 'undp-unfpa-unops' });
    expect(r.map((m) => m.entityId)).toEqual(['undp', 'unfpa', 'unops']);
    expect(r[0]!.dueSession).toEqual({ type: 'first-regular', year: 2026 });
  });

  it('names the entity when the head is qualified: 请儿基会执行主任……', () => {
    const m = one('请儿基会执行主任在2025年年度会议上提交关于性别平等行动计划执行情况的报告。');
    expect(m).toMatchObject({ entityId: 'unicef', dueSession: { type: 'annual', year: 2025 } });
  });

  it('ignores paragraphs that request nothing of management', () => {
    expect(extractMandates('注意到执行局联席会议的报告。', { boardId: 'wfp' })).toEqual([]);
  });
});
