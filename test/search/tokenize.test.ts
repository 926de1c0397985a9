// The tokenizer both engines index: pure unit tests of normalization and of query phrases.
import { describe, expect, it } from 'vitest';
import { phraseOf, tokenize } from '../../src/search/tokenize.js';
import { parseQuery } from '../../src/search/query.js';
import { matchRanges } from '../../src/search/highlight.js';

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
  it('highlights exactly the matching text', () => {
    expect(matchRanges('执行局对联检组的审查', [phraseOf('联检组')!])).toEqual([[4, 7]]);
    expect(matchRanges('The JIU and the jiu', [phraseOf('jiu')!])).toEqual([
      [4, 7],
      [16, 19],
    ]);
  });
});
