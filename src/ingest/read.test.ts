// Plain text is decoded a piece at a time (read.ts DECODE_CHUNK): the pieces must give the text
// that decoding the whole file at once gives, with the same verdicts on bad input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, IngestError, readSource, textHead } from './read.js';

const CHUNK = 32 * 1024;

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

function failure(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof IngestError) return e.reason;
    throw e;
  }
  return 'none';
}

// Characters of one to four UTF-8 bytes, so that chunk edges fall inside sequences of each length.
const mixed = '1. Le Conseil — 执行局 المجلس Совет 🌍 ok\n';

describe('decodeText in pieces', () => {
  it('gives the text of the whole file for UTF-8 cut inside sequences of every length', () => {
    for (const shift of [0, 1, 2, 3]) {
      const text = 'x'.repeat(shift) + mixed.repeat(3000);
      const decoded = decodeText('a.txt', Buffer.from(text));
      expect(decoded.encoding).toBe('utf-8');
      expect(decoded.pieces.join('')).toBe(text);
      expect(decoded.pieces.length).toBeGreaterThan(1);
      for (const p of decoded.pieces) expect(p.length).toBeLessThanOrEqual(CHUNK);
    }
  });

  it('gives the whole text for UTF-16 with and without BOM', () => {
    const text = mixed.repeat(2000);
    const cases: [Buffer, string][] = [
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf-16le'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]), 'utf-16be'],
      [Buffer.from(text, 'utf16le'), 'utf-16le'],
      [utf16be(text), 'utf-16be'],
    ];
    for (const [bytes, encoding] of cases) {
      const decoded = decodeText('a.txt', bytes);
      expect(decoded.encoding).toBe(encoding);
      expect(decoded.pieces.join('')).toBe(text);
    }
  });

  it('drops the BOM of UTF-8 and finds the same text as one decoder over any valid UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), fc.nat(40), (s, n) => {
        const text = `${s}\n`.repeat(n * 50 + 1);
        if (/[\x00-\x08\x0b\x0e-\x1f\ufffd]/.test(text) || text.trim() === '') return;
        for (const bytes of [Buffer.from(text), Buffer.from(`\uFEFF${text}`)]) {
          const whole = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
          expect(decodeText('a.txt', bytes).pieces.join('')).toBe(whole);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('rejects UTF-8 that breaks after the first piece, as the whole decoder does', () => {
    const bytes = Buffer.concat([Buffer.from('1. Valid text.\n'.repeat(4000)), Buffer.from([0xc3, 0x28])]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    // Not UTF-8, not plausible GB18030 either: an unknown encoding, as before.
    expect(failure(() => decodeText('a.txt', bytes))).not.toBe('none');
    const truncated = Buffer.from(mixed.repeat(2000)).subarray(0, CHUNK * 2 + 1);
    const whole = (() => {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(truncated);
      } catch {
        return null;
      }
    })();
    if (whole === null) expect(() => decodeText('a.txt', truncated)).toThrow();
    else expect(decodeText('a.txt', truncated).pieces.join('')).toBe(whole);
  });

  it('calls binary bytes binary when their few zero bytes happen to fall as UTF-16 would place them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1000, maxLength: 4000 }), fc.boolean(), (random, even) => {
        // Zero bytes only at even (or only at odd) offsets, one in 64 bytes, and an unpaired high
        // surrogate in the middle, so that UTF-16 cannot decode the bytes.
        const bytes = Buffer.from(random.subarray(0, random.length & ~1));
        for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) bytes[i] = 1;
        for (let i = even ? 0 : 1; i < bytes.length; i += 64) bytes[i] = 0;
        const mid = (bytes.length >> 2) * 2;
        if (even) bytes.set([0xd8, 0x01, 0x00, 0x41], mid);
        else bytes.set([0x01, 0xd8, 0x41, 0x00], mid);
        expect(failure(() => decodeText('a.txt', bytes))).toBe('binary');
      }),
      { numRuns: 100 },
    );
  });

  it('calls UTF-16 text without a BOM but with a bad sequence an invalid UTF-16 text', () => {
    const text = mixed.repeat(200);
    const cut = text.length >> 1;
    for (const [bytes, encoding] of [
      [Buffer.from(`${text.slice(0, cut)}\ud801${text.slice(cut)}`, 'utf16le'), 'utf-16le'],
      [utf16be(`${text.slice(0, cut)}\udc01${text.slice(cut)}`), 'utf-16be'],
    ] as const) {
      try {
        decodeText('a.txt', bytes);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(IngestError);
        expect((e as IngestError).reason).toBe('unknown-encoding');
        expect((e as IngestError).message).toContain(`not valid ${encoding}`);
      }
    }
  });

  it('counts control characters in the first 100 000 characters across pieces', () => {
    const clean = 'a'.repeat(98_000);
    const dirty = '\x01'.repeat(2000);
    // Within the sample: 2 000 of 100 000 is above 1%.
    expect(failure(() => decodeText('a.txt', Buffer.from(clean + dirty)))).toBe('binary');
    // After it: not counted.
    expect(failure(() => decodeText('a.txt', Buffer.from(clean + 'b'.repeat(3000) + dirty)))).toBe('none');
  });

  it('finds a file of white space over many pieces empty', () => {
    expect(failure(() => decodeText('a.txt', Buffer.from(' \n\t'.repeat(40_000))))).toBe('empty');
    expect(failure(() => decodeText('a.txt', Buffer.from(`${' \n'.repeat(40_000)}1. Text.`)))).toBe('none');
  });

  it('reads HTML whose markup starts past the first piece as one text', async () => {
    const html = `<html><body>${'<p>1. Paragraph text — 执行局.</p>'.repeat(3000)}</body></html>`;
    const source = await readSource('a.html', Buffer.from(html));
    expect(source.format).toBe('html');
    expect(source.pieces).toHaveLength(1);
    expect(source.pieces[0]!.split('1. Paragraph').length - 1).toBe(3000);
  });
});

describe('textHead', () => {
  it('is the start of the joined pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 8 }), fc.nat(120), (pieces, n) => {
        expect(textHead(pieces, n)).toBe(pieces.join('').slice(0, n));
      }),
    );
  });
});
