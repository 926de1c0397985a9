// The tokenizer both engines index: pure unit tests of normalization and of query phrases.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { foldText, foldTextByNormalization, phraseOf, tokenize } from '../../src/search/tokenize.js';
import { JOINT_MEETING_REPORT } from '../../src/seed/demo.js';
import { parseQuery } from '../../src/search/query.js';
import type { AppError } from '../../src/lib/errors.js';
import { matchRanges } from '../../src/search/highlight.js';
import { facet } from '../../src/search/index.js';

describe('tokenize', () => {
  it('folds case and accents in Latin and Cyrillic scripts', () => {
    expect(tokenize('Élève CAFÉ, Ёлка — UN-Women 2.0')).toEqual([
      'eleve',
      'cafe',
      'елка',
      'un',
      'women',
      '2',
      '0',
    ]);
  });
  it('normalizes Arabic diacritics, tatweel, alef/hamza forms and the article', () => {
    expect(tokenize('أكد')).toEqual(tokenize('اكد'));
    expect(tokenize('المجلسَ')).toEqual(['مجلس']);
    expect(tokenize('والمجلس')).toEqual(['مجلس']);
    expect(tokenize('مـــجلس')).toEqual(['مجلس']);
    expect(tokenize('٢٠٢٤')).toEqual(['2024']);
  });
  it('turns a run of ideographs into bigrams and its last character, across spaces', () => {
    expect(tokenize('联检组')).toEqual(['联检', '检组', '组']);
    expect(tokenize('联检 组')).toEqual(['联检', '检组', '组']);
    expect(tokenize('在 2030 年')).toEqual(['在', '2030', '年']);
  });
  it('makes query phrases that find any substring of a run', () => {
    expect(phraseOf('联检组')).toEqual({ tokens: ['联检', '检组'], prefix: false });
    expect(phraseOf('组')).toEqual({ tokens: ['组'], prefix: true });
    expect(phraseOf('联合国 2.0')).toEqual({ tokens: ['联合', '合国', '国', '2', '0'], prefix: false });
  });
  it('reads OR, exclusions, phrases and prefixes', () => {
    const q = parseQuery('"joint inspection" OR jiu -wfp govern*');
    expect(q.not).toHaveLength(1);
    expect(q.must).toMatchObject({
      op: 'and',
      items: [{ op: 'or' }, { op: 'phrase', phrase: { tokens: ['govern'], prefix: true } }],
    });
    expect(() => parseQuery(' -- ')).toThrow();
  });
  it('says why a query finds nothing to search for', () => {
    const message = (q: string) => {
      try {
        parseQuery(q);
      } catch (e) {
        return (e as AppError).errors[0]!.message;
      }
      return 'parsed';
    };
    expect(message('-governance -wfp')).toBe('only excludes words (-word): give at least one word to find');
    expect(message(' "" * ')).toBe('has no searchable word (letters, digits or characters)');
    expect(message('governance -wfp')).toBe('parsed');
  });
  it('highlights exactly the matching text', () => {
    expect(matchRanges('执行局对联检组的审查', [phraseOf('联检组')!])).toEqual([[4, 7]]);
    expect(matchRanges('The JIU and the jiu', [phraseOf('jiu')!])).toEqual([
      [4, 7],
      [16, 19],
    ]);
  });
});

describe('foldText', () => {
  // The table path must give what NFKC, lower case, NFKD and mark removal give.
  it('folds like the normalization path: every code unit, letters with marks, and real text', () => {
    const letters: number[] = [];
    for (const [from, to] of [
      [0x20, 0x24f],
      [0x400, 0x52f],
      [0x600, 0x6ff],
      [0x1e00, 0x1eff],
      [0x2000, 0x206f],
      [0x3000, 0x303f],
      [0xff00, 0xffef],
    ] as const)
      for (let c = from; c <= to; c++) letters.push(c);
    const mismatches: string[] = [];
    const check = (s: string) => {
      if (foldText(s) !== foldTextByNormalization(s)) mismatches.push(s);
    };
    for (const c of letters) check(String.fromCharCode(c));
    for (const c of letters) for (let m = 0x300; m <= 0x36f; m += 3) check(String.fromCharCode(c, m));
    for (const line of fs.readFileSync(JOINT_MEETING_REPORT, 'utf8').split('\n')) check(line);
    check('Élève CAFÉ, Ёлка, Йошкар-Ола, المجلسَ، 联检组（ＪＩＵ）');
    expect(mismatches).toEqual([]);
    expect(foldText('Ёлка ÉLÈVE ＪＩＵ')).toBe('елка eleve jiu');
  });
  it('takes the normalization path for text outside its table (Greek final sigma)', () => {
    expect(foldText('ΟΔΟΣ')).toBe(foldTextByNormalization('ΟΔΟΣ'));
    expect(foldText('ΟΔΟΣ').endsWith('ς')).toBe(true);
  });
});

describe('facet', () => {
  it('encodes values injectively into one token, the same on every call', () => {
    for (let i = 0; i < 2; i++) {
      expect(facet('board', 'undp-unfpa-unops')).toBe('board_undp_2dunfpa_2dunops');
      expect(facet('year', 2024)).toBe('year_2024');
      expect(facet('year', '2024')).toBe('year_2024');
      expect(facet('aclb', 'public.unicef')).toBe('aclb_public_2eunicef');
    }
    expect(facet('spk', 'a_b')).not.toBe(facet('spk', 'a-b'));
  });
});
