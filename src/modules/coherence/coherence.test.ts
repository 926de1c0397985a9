// Pure logic of coherence: the Aurora query evaluator, the explainable tagger (English and Chinese),
// the MinHash/LSH engine against exact answers, the feature tokenizer against the shared one,
// cross-language terms, and the calendar arithmetic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../search/tokenize.js';
import { daysOf, overlaps, weekOf, type CalendarSession } from './calendar.js';
import { SDG_GOALS, SDG_TARGETS } from './data/sdg.js';
import { bruteForcePairs, exactPairs, featureStore, hashString, nearDuplicates } from './minhash.js';
import { matchQuery, parseQuery, prepareText } from './query-lang.js';
import { featureTokens, textTerms } from './similarity.js';
import { suggestTags, textWords } from './tagger.js';
import { TAGS, isTag } from './themes.js';

const match = (q: string, text: string) => matchQuery(parseQuery(q), prepareText(textWords(text)));

describe('reference data', () => {
  it('holds the 17 goals and 169 targets with their official codes', () => {
    expect(SDG_GOALS.map((g) => g.code)).toEqual(Array.from({ length: 17 }, (_, i) => String(i + 1)));
    expect(SDG_TARGETS).toHaveLength(169);
    expect(SDG_TARGETS.find((t) => t.code === '5.5')?.text).toMatch(/^Ensure women's full and effective participation/);
    expect(SDG_TARGETS.some((t) => t.code === '5.a')).toBe(true);
    expect(isTag('sdg:5.a') && isTag('sdg:17') && isTag('theme:psea')).toBe(true);
    expect(isTag('sdg:18') || isTag('sdg:5.z') || isTag('theme:nope')).toBe(false);
    expect(TAGS.filter((t) => t.kind === 'theme')).toHaveLength(12);
  });
});

describe('Aurora query evaluator', () => {
  it('reads phrases, truncation, OR, W/n, AND and AND NOT with Scopus precedence', () => {
    expect(match('"poverty" W/3 ("eradicat*" OR "end")', 'efforts to eradicate extreme poverty')).toHaveLength(1);
    // W/3 allows at most three words between the two.
    expect(match('"poverty" W/3 "eradicat*"', 'poverty is a thing we should all eradicate')).toHaveLength(0);
    expect(match('("glass ceiling*") AND ("women*" OR "girl*")', 'glass ceilings that women face')).not.toHaveLength(0);
    expect(match('("glass ceiling*") AND ("women*" OR "girl*")', 'glass ceilings in general')).toHaveLength(0);
    expect(match('"species" AND NOT ("marine" OR "ocean*")', 'marine species')).toHaveLength(0);
    expect(match('"species" AND NOT ("marine" OR "ocean*")', 'forest species')).toHaveLength(1);
    const spans = match('"develop* countr*" W/3 "data*"', 'statistics and data for least developed countries');
    expect(spans[0]!.hits.map((h) => h.surface)).toEqual(['developed countries', 'data']);
  });

  it('rejects malformed queries', () => {
    expect(() => parseQuery('("poverty" W/3')).toThrow();
    expect(() => parseQuery('"unterminated')).toThrow();
  });
});

describe('tagging model', () => {
  it('explains an English suggestion: the terms, their hits, weights and the score', () => {
    const s = suggestTags('Requests UNICEF to report on ending child marriage and female genital mutilation.');
    const t53 = s.find((x) => x.tag === 'sdg:5.3')!;
    expect(t53.score).toBeGreaterThan(0.9);
    expect(t53.triggers.some((t) => t.term === 'child marriage' && t.language === 'en' && t.hits === 1)).toBe(true);
    expect(t53.triggers.some((t) => t.source.startsWith('aurora-v5:'))).toBe(true);
    // The goal is evidenced by its targets.
    expect(s.find((x) => x.tag === 'sdg:5')!.score).toBeGreaterThanOrEqual(t53.score);
    // score = 1 - exp(-raw / (2 × lengthFactor))
    expect(t53.score).toBeCloseTo(1 - Math.exp(-t53.raw / (2 * t53.lengthFactor)), 2);
  });

  it('tags Chinese text from Chinese keywords', () => {
    const s = suggestTags('请署长在2025年年度会议上报告防止性剥削和性虐待及性骚扰方面的进展。');
    const psea = s.find((x) => x.tag === 'theme:psea')!;
    expect(psea.triggers.map((t) => t.term)).toEqual(expect.arrayContaining(['性剥削和性虐待', '性骚扰']));
    expect(psea.triggers.every((t) => t.language === 'zh')).toBe(true);
  });

  it('needs more evidence in a longer text, and suggests nothing for unrelated text', () => {
    const short = suggestTags('Risk management.', { minScore: 0 }).find((x) => x.tag === 'theme:risk-management')!;
    const long = suggestTags(`Risk management. ${'The board met and adopted its agenda. '.repeat(20)}`, { minScore: 0 }).find((x) => x.tag === 'theme:risk-management')!;
    expect(long.score).toBeLessThan(short.score);
    expect(suggestTags('The meeting was adjourned at noon.')).toEqual([]);
  });
});

describe('feature tokens', () => {
  it('equal the shared tokenizer on ASCII text (the fast path changes nothing)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aZ09 -,.\'"/()&é'.slice(0, 14).split('')), maxLength: 80 }), (s) => {
        expect(featureTokens(s)).toEqual(tokenize(s));
      }),
    );
    expect(featureTokens('联检组 review')).toEqual(tokenize('联检组 review'));
  });

  it('map English and Chinese forms of the same term to one concept', () => {
    const en = textTerms('Protection from sexual exploitation and abuse and sexual harassment: strategy and allegations');
    const zh = textTerms('防止性剥削和性虐待及性骚扰战略，以及指控');
    for (const c of ['c:psea', 'c:sexual-harassment', 'c:strategy', 'c:allegations']) {
      expect(en).toContain(c);
      expect(zh).toContain(c);
    }
  });
});

describe('MinHash + LSH', () => {
  // Small synthetic corpus: random sets and edited copies of them.
  function corpus(n: number, seed: number) {
    let s = seed;
    const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
    const sets: number[][] = [];
    for (let i = 0; i < n; i++) {
      if (i > 0 && rand() < 0.3) {
        const src = sets[Math.floor(rand() * i)]!;
        sets.push(src.map((x) => (rand() < 0.2 ? Math.floor(rand() * 1e6) : x)));
      } else sets.push(Array.from({ length: 20 + Math.floor(rand() * 40) }, () => Math.floor(rand() * 1e6)));
    }
    return featureStore(sets);
  }

  it('exact all-pairs equals literal brute force', () => {
    const store = corpus(400, 7);
    const ids = Array.from({ length: 400 }, (_, i) => i);
    const key = (p: { i: number; j: number }) => `${p.i}-${p.j}`;
    expect(exactPairs(store, 0.3).map(key).sort()).toEqual(bruteForcePairs(store, 0.3, ids).map(key).sort());
  });

  it('finds at least 95% of the pairs above the threshold, and only true ones', () => {
    const store = corpus(2000, 11);
    const exact = exactPairs(store, 0.5);
    const found = nearDuplicates(store, { threshold: 0.5 }).pairs;
    expect(exact.length).toBeGreaterThan(50);
    const got = new Set(found.map((p) => `${p.i}-${p.j}`));
    const recall = exact.filter((p) => got.has(`${p.i}-${p.j}`)).length / exact.length;
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(found.every((p) => p.jaccard >= 0.5)).toBe(true);
  });

  it('hashes strings stably', () => {
    expect(hashString('gender')).toBe(hashString('gender'));
    expect(hashString('gender')).not.toBe(hashString('genders'));
  });
});

describe('calendar arithmetic', () => {
  const s = (id: string, start: string, end: string, boards: string[]): CalendarSession => ({ id, type: 'annual', title: id, startDate: start, endDate: end, boardIds: boards, synthetic: true });

  it('counts weekdays and finds the Monday of the week', () => {
    expect(daysOf('2024-06-07', '2024-06-10')).toEqual(['2024-06-07', '2024-06-10']);
    expect(weekOf('2024-06-09')).toBe('2024-06-03');
    expect(weekOf('2024-06-03')).toBe('2024-06-03');
  });

  it('reports sessions of different boards on the same days', () => {
    const o = overlaps([s('a', '2024-06-03', '2024-06-07', ['undp-unfpa-unops']), s('b', '2024-06-06', '2024-06-10', ['unicef']), s('c', '2024-06-20', '2024-06-21', ['wfp'])]);
    expect(o).toHaveLength(1);
    expect(o[0]!.days).toEqual(['2024-06-06', '2024-06-07']);
    expect(o[0]!.boards).toEqual(['undp-unfpa-unops', 'unicef']);
  });
});
