import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packTokenTexts, TOKEN_TEXT_SEPARATOR, unpackTokenTexts } from './prepare-pool.js';

// Token strings hold no separator (tokenize.ts); anything else may appear, lone surrogates too.
const tokenString = fc
  .string({ unit: 'binary', maxLength: 300 })
  .map((s) => s.split(TOKEN_TEXT_SEPARATOR).join(' '));

describe('packTokenTexts / unpackTokenTexts', () => {
  it('give back each text, as joining with the separator would', () => {
    fc.assert(
      fc.property(fc.array(tokenString, { minLength: 1, maxLength: 40 }), (texts) => {
        const packed = packTokenTexts(texts);
        expect(Buffer.from(packed).toString('utf16le')).toBe(texts.join(TOKEN_TEXT_SEPARATOR));
        expect(packed.byteOffset).toBe(0);
        expect(packed.byteLength).toBe(packed.buffer.byteLength);
        expect(unpackTokenTexts(packed)).toEqual(texts);
      }),
      { numRuns: 300 },
    );
  });

  it('finds separators only on code-unit boundaries, also in a view at an odd offset', () => {
    // U+0A41 U+4100 hold the bytes 41 0a 00 41: a separator's bytes across two units.
    const texts = ['\u0a41\u4100', '', 'second', '\u0a0a', 'фонд 联检 组'];
    const packed = packTokenTexts(texts);
    expect(unpackTokenTexts(packed)).toEqual(texts);
    const shifted = new Uint8Array(packed.byteLength + 1);
    shifted.set(packed, 1);
    expect(unpackTokenTexts(shifted.subarray(1))).toEqual(texts);
  });

  it('packs a file of texts far over 128 KB', () => {
    const texts = Array.from({ length: 400 }, (_, i) => `исполнительный совет ${i} `.repeat(30));
    expect(unpackTokenTexts(packTokenTexts(texts))).toEqual(texts);
  });
});
