import { describe, expect, it } from 'vitest';
import { anonymous } from '../modules/access/actor.js';
import { ENTITY_LEXICON, findSpeakers } from '../ingest/enrich.js';
import type { PageContext } from './context.js';
import { formatsFor, LOCALES, MESSAGES, type Locale } from './i18n/index.js';
import { speakerLabel } from './labels.js';
import { ownLanguage } from './pages/parts.js';

function ctxOf(locale: Locale): PageContext {
  return {
    locale,
    t: MESSAGES[locale],
    f: formatsFor(locale),
    actor: anonymous,
    path: '/',
    query: new URLSearchParams(),
    csrfToken: null,
  };
}

// Every role the ingest records from board reports, found the way it finds them.
const SENTENCES = [
  ...ENTITY_LEXICON.flatMap((e) => [
    `The ${e.code} ${e.head} said the plan was on track.`,
    `The ${e.code} Deputy ${e.head} said the plan was on track.`,
  ]),
  ...['UNDP/UNFPA/UNOPS', 'UNICEF', 'UN-Women', 'WFP'].flatMap((b) => [
    `The President of the ${b} Executive Board opened the meeting.`,
    `The Vice-President of the ${b} Executive Board opened the meeting.`,
  ]),
  'Delegations welcomed the report.',
  'The Secretary of the Executive Board read the list of speakers.',
  'The representative of Ghana said that the review was useful.',
];
const ZH_SENTENCES = [
  '妇女署重申了其承诺。',
  '秘书长强调了改革。',
  '常务副秘书长指出了挑战。',
  '发展协调助理秘书长表示将提交报告。',
  '人口基金宣传和战略伙伴关系主任与各机构的负责人进行了小组讨论。',
  '儿基会方案司司长指出了挑战。',
];

const roles = [
  ...new Set([
    ...SENTENCES.flatMap((s) => findSpeakers(s, 'en').map((x) => x.role)),
    ...ZH_SENTENCES.flatMap((s) => findSpeakers(s, 'zh').map((x) => x.role)),
  ]),
];

describe('speaker roles in the UI language', () => {
  it('finds every role of the sentences', () => {
    // Six heads, six deputies, four presidents and four vice-presidents, and the others.
    expect(roles.length).toBe(12 + 8 + 3 + 4 + 2);
  });

  it('translates every role the ingest records into each UI language', () => {
    for (const locale of LOCALES) {
      const ctx = ctxOf(locale);
      const labels = roles.map((r) => speakerLabel(ctx, r));
      for (const [i, l] of labels.entries()) {
        expect(l.lang, `${locale}: ${roles[i]}`).toBeUndefined();
        if (locale === 'en') expect(l.text).toBe(roles[i]);
        else expect(l.text, `${locale}: ${roles[i]}`).not.toBe(roles[i]);
      }
      // No two roles share a label.
      expect(new Set(labels.map((l) => l.text)).size).toBe(roles.length);
    }
  });

  it('names roles as the UN texts do', () => {
    const zh = ctxOf('zh');
    expect(speakerLabel(zh, 'UNFPA Executive Director').text).toBe('人口基金执行主任');
    expect(speakerLabel(zh, 'President of the UNDP/UNFPA/UNOPS Executive Board').text).toBe(
      '开发署/人口基金/项目署执行局主席',
    );
    expect(speakerLabel(zh, 'Delegation of Ghana').text).toBe('加纳代表团');
    expect(speakerLabel(zh, 'UNFPA Director of Communications and Strategic Partnerships').text).toBe(
      '人口基金宣传和战略伙伴关系主任',
    );
    expect(speakerLabel(ctxOf('fr'), 'UNICEF Director of the Programme Division').text).toBe(
      'Directeur de la Division des programmes de l’UNICEF',
    );
    expect(speakerLabel(ctxOf('fr'), 'Delegation of Ghana').text).toBe('Délégation : Ghana');
    expect(speakerLabel(ctxOf('ru'), 'UN-Women Executive Director').text).toBe(
      'Директор-исполнитель структуры «ООН-женщины»',
    );
  });

  it('keeps a role outside the vocabulary in English, marked as English', () => {
    const role = 'UNFPA Director (宣传司司长)';
    expect(speakerLabel(ctxOf('zh'), role)).toEqual({ text: role, lang: 'en' });
    expect(speakerLabel(ctxOf('en'), role)).toEqual({ text: role });
    expect(speakerLabel(ctxOf('ar'), 'Delegation of Atlantis')).toEqual({
      text: 'Delegation of Atlantis',
      lang: 'en',
    });
  });
});

describe('ownLanguage', () => {
  it('marks a title with the language and direction of its text, unless it is the page’s', () => {
    const zhTitle = '执行局联席会议报告';
    expect(String(ownLanguage(ctxOf('ar'), zhTitle))).toBe(`<span lang="zh" dir="ltr">${zhTitle}</span>`);
    expect(String(ownLanguage(ctxOf('zh'), zhTitle))).toBe(zhTitle);
    expect(String(ownLanguage(ctxOf('en'), 'تقرير المجلس التنفيذي'))).toBe(
      '<span lang="ar" dir="rtl">تقرير المجلس التنفيذي</span>',
    );
    expect(
      String(ownLanguage(ctxOf('ru'), 'Rapport du Conseil d’administration sur les travaux de la session')),
    ).toBe(
      '<span lang="fr" dir="ltr">Rapport du Conseil d’administration sur les travaux de la session</span>',
    );
    // Escaped as any text is.
    expect(String(ownLanguage(ctxOf('zh'), 'Report <b>of</b> the Board'))).toBe(
      '<span lang="en" dir="ltr">Report &lt;b&gt;of&lt;/b&gt; the Board</span>',
    );
  });
});
