// Member states named in any of the six languages: English names from the registry, the other
// five from CLDR country names; whole words outside Chinese, Arabic conjunctions and prepositions
// attached, the longest name winning where names overlap, and words that are also country names
// in Arabic left out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectLanguage,
  findMentions,
  findReferences,
  findSpeakers,
  LOCALIZED_STATE_NAMES,
  MAY_HOLD_DIGITS,
  type Language,
  type SpeakerContext,
} from './enrich.js';

const states = (text: string) =>
  findMentions(text)
    .filter((m) => m.kind === 'member-state')
    .map((m) => m.refId)
    .sort();

describe('member-state mentions in six languages', () => {
  it('has names in the other five languages for every member state', () => {
    expect(LOCALIZED_STATE_NAMES).toHaveLength(193);
    const ghana = LOCALIZED_STATE_NAMES.find((s) => s.id === 'GHA')!;
    expect(ghana.names).toEqual(expect.arrayContaining(['غانا', '加纳', 'Гана']));
  });

  it.each([
    ['加纳代表团发言。', ['GHA']],
    ['索马里代表团', ['SOM']],
    ['赤道几内亚和几内亚', ['GIN', 'GNQ']],
    ['Делегации Китая и Гана', ['GHA']],
    ['Гана и Китай', ['CHN', 'GHA']],
    ['la Côte d’Ivoire et le Sénégal', ['CIV', 'SEN']],
    ['la délégation du Ghana', ['GHA']],
    ['Delegación del Perú', ['PER']],
    ['من غانا والصين', ['CHN', 'GHA']],
    ['دعم مالي كبير', []],
    ['Nigérian', []],
  ])('%s', (text, expected) => {
    expect(states(text)).toEqual(expected);
  });
});

describe('speakers in Chinese reports: directors', () => {
  it('finds a director by the title the text gives, known titles in English', () => {
    const found = (text: string) => findSpeakers(text, 'zh').map((s) => [s.role, s.entityId]);
    expect(found('人口基金宣传和战略伙伴关系主任与各机构的负责人进行了小组讨论。')).toEqual([
      ['UNFPA Director of Communications and Strategic Partnerships', 'unfpa'],
    ]);
    expect(found('儿基会方案司司长指出了挑战。')).toEqual([
      ['UNICEF Director of the Programme Division', 'unicef'],
    ]);
    expect(found('粮食署紧急司司长表示支持。')).toEqual([['WFP Director (紧急司司长)', 'wfp']]);
  });
});

describe('speakers in English reports', () => {
  const roles = (text: string, ctx: SpeakerContext = {}) => findSpeakers(text, 'en', ctx).map((s) => s.role);

  it('finds executive heads by title and entity, and a bare title after them', () => {
    const ctx: SpeakerContext = {};
    expect(roles('The Executive Director of UNFPA introduced the report.', ctx)).toEqual([
      'UNFPA Executive Director',
    ]);
    expect(roles('In response, the Executive Director thanked delegations for their support.', ctx)).toEqual([
      'UNFPA Executive Director',
    ]);
    // Without an earlier executive head a bare title is nobody in particular.
    expect(roles('The Executive Director thanked delegations.', {})).toEqual([]);
  });

  it('finds delegations in their usual forms', () => {
    for (const text of [
      'Delegations welcomed the report.',
      'Several delegations asked for more data.',
      'One delegation called for a joint meeting.',
      'Another delegation noted the risk.',
      'A number of delegations expressed concern.',
      'Board members commended the secretariat.',
      'In closing, some delegations urged restraint.',
    ])
      expect(roles(text), text).toEqual(['Delegations']);
    expect(roles('The report was welcomed.')).toEqual([]);
  });

  it('finds a member state speaking, also on behalf of a group, and names it', () => {
    const s = findSpeakers(
      'The representative of Ghana, speaking on behalf of the Group of African States, welcomed the review.',
      'en',
      {},
    );
    expect(s.map((x) => [x.role, x.memberStateId])).toEqual([['Delegation of Ghana', 'GHA']]);
    expect(
      roles(
        'The delegation of the United Kingdom of Great Britain and Northern Ireland stressed transparency.',
      ),
    ).toEqual(['Delegation of United Kingdom of Great Britain and Northern Ireland']);
    expect(roles('The delegation of Guinea-Bissau (speaking also for others) asked a question.')).toEqual([
      'Delegation of Guinea-Bissau',
    ]);
    expect(roles('The representative of Atlantis said hello.')).toEqual([]);
  });

  it('finds the Secretary of the Executive Board', () => {
    expect(roles('The Secretary of the Executive Board read out the oral amendments.')).toEqual([
      'Secretary of the Executive Board',
    ]);
  });
});

describe('language of Latin-script text', () => {
  // The definition the detector counts by: each language's function words as whole words
  // (\b…\b) of the lower-cased text, the most frequent language winning, ties going to the
  // fallback when it is among them.
  const words = {
    en: /\b(the|and|of|to|in|that|is|for|with|on|by|its|were|was)\b/g,
    fr: /\b(le|la|les|des|et|du|une|est|pour|dans|que|qui|sur|au|aux)\b/g,
    es: /\b(el|los|las|del|y|una|es|para|en|que|por|con|su|al)\b/g,
  };
  const byDefinition = (text: string, fallback: Language): Language => {
    const lower = text.toLowerCase();
    const scores = (['en', 'fr', 'es'] as const).map(
      (l) => [l, (lower.match(words[l]) ?? []).length] as const,
    );
    scores.sort((a, b) => b[1] - a[1]);
    if (scores[0]![1] === 0) return fallback;
    if (scores[0]![1] === scores[1]![1] && (fallback === scores[1]![0] || fallback === scores[0]![0]))
      return fallback;
    return scores[0]![0];
  };

  it('counts function words as the whole-word definition does', () => {
    const pieces = [
      ...Object.values(words).flatMap((re) => re.source.slice(3, -3).split('|')),
      'The',
      'AND',
      'Los',
      'QUE',
      'thee',
      'theme',
      'and_',
      '_the',
      'the2',
      'élève',
      'Été',
      'conseil',
      ' ',
      ' ',
      ', ',
      '. ',
      '-',
      '\u212a',
      'İ',
      '(',
      ')',
      '’',
      "'",
      '2024',
      'x',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
        fc.constantFrom<Language>('en', 'fr', 'es', 'ru'),
        (parts, fallback) => {
          const text = `Abc ${parts.join('')}`;
          expect(detectLanguage(text, fallback)).toBe(byDefinition(text, fallback));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('references', () => {
  it('normalizes only texts that hold a character that is or becomes a digit', () => {
    // Every BMP character whose NFKC form holds an ASCII digit is one the gate lets through.
    const missed: string[] = [];
    for (let c = 0; c < 0xd800; c++) {
      const ch = String.fromCharCode(c);
      if (/[0-9]/.test(ch.normalize('NFKC')) && !MAY_HOLD_DIGITS.test(ch)) missed.push(c.toString(16));
    }
    for (let c = 0xe000; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (/[0-9]/.test(ch.normalize('NFKC')) && !MAY_HOLD_DIGITS.test(ch)) missed.push(c.toString(16));
    }
    expect(missed).toEqual([]);
    // Outside the BMP (mathematical digits and the like) the gate opens on any surrogate.
    expect(MAY_HOLD_DIGITS.test('𝟓')).toBe(true);
  });

  it('finds references written with full-width or mathematical digits', () => {
    expect(findReferences('可持续发展目标５').map((r) => r.ref)).toEqual(['5']);
    expect(findReferences('SDG 𝟓').map((r) => r.ref)).toEqual(['5']);
    expect(findReferences('no number here')).toEqual([]);
  });
});
