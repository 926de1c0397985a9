// The literal scanner (enrich.ts) against the plain definition it stands for: group g is found
// when some string of g is a substring of the text. Checked on the real lexicons (entity, body and
// member-state names; theme terms) over texts built from those names, their prefixes and noise,
// and on small alphabets where prefixes, overlaps and hash collisions are common.
import { describe, expect, it } from 'vitest';
import { ENTITY_LEXICON, LiteralScanner, LOCALIZED_STATE_NAMES, THEMES } from './enrich.js';
import { foldText } from '../search/tokenize.js';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const naive = (groups: string[][], text: string): number[] =>
  groups.flatMap((strings, g) => (strings.some((s) => s.length > 0 && text.includes(s)) ? [g] : []));

function check(groups: string[][], texts: string[]): void {
  const scanner = new LiteralScanner(groups);
  const found = new Uint8Array(groups.length);
  const hits: number[] = [];
  for (const text of texts) {
    scanner.scan(text, found, hits);
    expect({ text, hits: [...hits] }).toEqual({ text, hits: naive(groups, text) });
    expect([...found].flatMap((v, g) => (v ? [g] : []))).toEqual(hits);
  }
}

/** Texts of pieces: whole strings, prefixes and suffixes of them, and noise, in random order. */
function texts(groups: string[][], noise: string[], count: number, seed: number): string[] {
  const random = rng(seed);
  const all = groups.flat().filter((s) => s.length > 0);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const out: string[] = ['', ...noise];
  for (let i = 0; i < count; i++) {
    let t = '';
    const pieces = 1 + Math.floor(random() * 6);
    for (let k = 0; k < pieces; k++) {
      const s = pick(all);
      const r = random();
      if (r < 0.3) t += s;
      else if (r < 0.55) t += s.slice(0, 1 + Math.floor(random() * s.length));
      else if (r < 0.7) t += s.slice(Math.floor(random() * s.length));
      else t += pick(noise);
    }
    out.push(t);
  }
  return out;
}

describe('LiteralScanner', () => {
  it('finds the same groups as a substring search, on the name lexicons', () => {
    const groups = [...ENTITY_LEXICON.map((e) => e.names), ...LOCALIZED_STATE_NAMES.map((s) => s.names)];
    const noise = [' ', 'والـ', 'ال', '的', '执行局', 'the ', 'Programme ', 'ЮН', 'UN', 'de la '];
    check(groups, texts(groups, noise, 3000, 1));
  });

  it('finds the same groups as a substring search, on the folded theme terms', () => {
    const groups = THEMES.map((t) => t.terms.map((x) => foldText(x)));
    const noise = [' ', 'gender', 'gen', 'risk ', 'ri', 'общие', 'الخدمات', '风险', 'data'];
    check(groups, texts(groups, noise, 3000, 2));
  });

  it('handles one-unit strings, shared prefixes, strings inside strings and empty strings', () => {
    const groups = [['a'], ['ab', 'abc'], ['abcd'], ['b', ''], ['bcd', 'cab'], ['ca'], ['\u{1F600}']];
    const random = rng(3);
    const alphabet = ['a', 'b', 'c', 'd', '\u{1F600}', 'x'];
    const many: string[] = [];
    for (let i = 0; i < 2000; i++) {
      let t = '';
      const n = Math.floor(random() * 9);
      for (let k = 0; k < n; k++) t += alphabet[Math.floor(random() * alphabet.length)]!;
      many.push(t);
    }
    check(groups, many);
  });

  it('tells apart strings whose first two code units share a hash slot', () => {
    // key(c0, c1) = ((c0 << 5) ^ c1) & 0xffff: these pairs collide.
    const a = String.fromCharCode(0x41, 0x42);
    const c0 = 0x41 ^ 1;
    const c1 = ((0x41 << 5) ^ 0x42 ^ (c0 << 5)) & 0xffff;
    const b = String.fromCharCode(c0, c1);
    expect(((0x41 << 5) ^ 0x42) & 0xffff).toBe(((c0 << 5) ^ c1) & 0xffff);
    check([[`${a}Z`], [`${b}Y`]], [`${a}Y`, `${b}Z`, `${a}Z`, `${b}Y`, `x${b}Yx${a}`]);
  });
});
