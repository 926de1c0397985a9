import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sequentialCopy } from './strings.js';

describe('sequentialCopy', () => {
  it('gives back the same code units for every kind of string', () => {
    const long = 'Le Conseil d’administration a pris note du rapport. '.repeat(50);
    const cases = [
      '',
      'plain ASCII text',
      '\0\x7f\x80\xff', // the one-byte range's edges
      'élève, señor, Ñandú', // Latin-1
      'Ā then ASCII', // just past Latin-1
      '联合国联合检查组（联检组）',
      'المجلس التنفيذي، والمجلس',
      'Исполнительный совет',
      'emoji 🌍 pair',
      'lone \ud800 high and \udc00 low surrogates',
      long.slice(7, 900), // a slice of a longer string, as segmentation makes
      'a' + long + 'b', // a concatenation
    ];
    for (const s of cases) {
      const copy = sequentialCopy(s);
      expect(copy).toBe(s);
      expect(copy.length).toBe(s.length);
    }
  });

  it('gives back the same code units for any string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.nat(50), (s, cut) => {
        expect(sequentialCopy(s)).toBe(s);
        expect(sequentialCopy(s.slice(cut))).toBe(s.slice(cut));
      }),
    );
  });

  it('copies the text of one paragraph out of a whole document', () => {
    const doc = ['Title', '1. First paragraph, in English.', '2. 第二段：联检组的报告。'].join('\n');
    const para = doc.split('\n')[2]!.slice(3);
    expect(sequentialCopy(para)).toBe('第二段：联检组的报告。');
  });
});
