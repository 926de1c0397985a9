// The one tokenizer and normalizer of the search index. Documents and queries go through the same
// code, and both backends (SQLite FTS5, PostgreSQL tsvector) store exactly the tokens emitted here,
// so the two engines match the same paragraphs for the same query.
//
// - Latin, Cyrillic, Greek…: NFKD, combining marks removed, lower case ("Élève" -> "eleve",
//   "Ёлка" -> "елка"); a word is a run of letters and digits ("UN-Women" -> "un", "women").
// - Arabic: diacritics and tatweel removed, alef/hamza forms unified (أ إ آ ٱ -> ا, ؤ -> و, ئ/ى -> ي),
//   ta marbuta -> ha, Arabic-Indic digits -> 0-9, and the article with an attached و ب ك ف or ل
//   stripped (light stemming), so "والمجلس", "المجلس" and "مجلس" are one token.
// - Chinese/Japanese: a run of ideographs becomes its overlapping character bigrams, followed by
//   its last character alone: "联检组" -> "联检 检组 组". Any substring of a run is then a phrase
//   of bigrams ("联检组" = "联检" + "检组", two-character terms are one token), and a single
//   character is a prefix query ("组*"). Whitespace between two ideographs is ignored.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

const CJK_CHAR = /[\u3005\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
const CJK_SPLIT =
  /[\u3005\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+|[^\u3005\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+/gu;
const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;
const ASCII_WORD = /^[a-z0-9]+$/;
const HAS_ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
const MARKS = /\p{M}/gu;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const NON_WORD = /[^\p{L}\p{N}]+/u;
/** Longer tokens are cut: keeps PostgreSQL's lexeme limit far away and bounds the index. */
export const MAX_TOKEN_LENGTH = 64;

export interface Token {
  token: string;
  /** Offsets in the original text (UTF-16 code units), for highlighting. */
  start: number;
  end: number;
  /** True for ideograph bigrams and single ideographs. */
  cjk: boolean;
}

function normalizeArabic(word: string): string {
  let w = word
    .normalize('NFKC')
    .replace(/[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g, '')
    .replace(/[\u0622\u0623\u0625\u0671\u0672\u0673]/g, '\u0627')
    .replace(/\u0624/g, '\u0648')
    .replace(/[\u0626\u0649\u06cc]/g, '\u064a')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u06a9/g, '\u0643')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  if (w.length >= 5 && /^(?:وال|بال|كال|فال)/.test(w)) w = w.slice(3);
  else if (w.length >= 4 && /^(?:لل|ال)/.test(w)) w = w.slice(2);
  return w;
}

/** Normalizes one run of letters/digits (no ideographs) into zero or more tokens. */
export function normalizeWord(run: string): string[] {
  const lower = run.toLowerCase();
  if (ASCII_WORD.test(lower)) return [lower.slice(0, MAX_TOKEN_LENGTH)];
  const folded = HAS_ARABIC.test(run)
    ? normalizeArabic(run).toLowerCase().normalize('NFKD').replace(MARKS, '')
    : lower.normalize('NFKD').replace(MARKS, '').toLowerCase();
  return folded
    .split(NON_WORD)
    .filter((t) => t.length > 0)
    .map((t) => t.slice(0, MAX_TOKEN_LENGTH));
}

function normalizeIdeograph(ch: string): string {
  const c = ch.codePointAt(0)!;
  return c >= 0xf900 && c <= 0xfaff ? ch.normalize('NFKC') : ch;
}

/**
 * Walks the text and calls `onWord` for each normalized word token and `onCjkRun` for each run
 * of ideographs (with the offset of every character), in text order.
 */
function walk(
  text: string,
  onWord: (token: string, start: number, end: number) => void,
  onCjkRun: (chars: string[], offsets: number[]) => void,
  limit = Infinity,
): boolean {
  let chars: string[] = [];
  let offsets: number[] = [];
  let lastEnd = -1;
  const flush = () => {
    if (chars.length) onCjkRun(chars, offsets);
    chars = [];
    offsets = [];
  };
  WORD_RUN.lastIndex = 0;
  for (let m = WORD_RUN.exec(text); m; m = WORD_RUN.exec(text)) {
    const run = m[0];
    const at = m.index;
    // Stopping early drops a pending ideograph run (it could continue): what was emitted is final.
    if (at >= limit) return false;
    if (!CJK_CHAR.test(run)) {
      flush();
      for (const t of normalizeWord(run)) onWord(t, at, at + run.length);
      lastEnd = at + run.length;
      continue;
    }
    CJK_SPLIT.lastIndex = 0;
    for (let s = CJK_SPLIT.exec(run); s; s = CJK_SPLIT.exec(run)) {
      const part = s[0];
      const start = at + s.index;
      if (CJK_CHAR.test(part)) {
        // Ideographs separated only by whitespace belong to the same run.
        if (chars.length && !/^\s*$/.test(text.slice(lastEnd, start))) flush();
        let i = 0;
        for (const ch of part) {
          chars.push(normalizeIdeograph(ch));
          offsets.push(start + i);
          i += ch.length;
        }
        lastEnd = start + part.length;
      } else {
        flush();
        for (const t of normalizeWord(part)) onWord(t, start, start + part.length);
        lastEnd = start + part.length;
      }
    }
  }
  flush();
  return true;
}

function cjkTokens(chars: string[], offsets: number[], out: Token[]): void {
  const n = chars.length;
  for (let i = 0; i + 1 < n; i++) {
    out.push({
      token: chars[i]! + chars[i + 1]!,
      start: offsets[i]!,
      end: offsets[i + 1]! + chars[i + 1]!.length,
      cjk: true,
    });
  }
  out.push({
    token: chars[n - 1]!,
    start: offsets[n - 1]!,
    end: offsets[n - 1]! + chars[n - 1]!.length,
    cjk: true,
  });
}

/** The index tokens of a text, with their offsets (used for highlighting). */
export function tokenizeWithOffsets(text: string): Token[] {
  const out: Token[] = [];
  walk(
    text,
    (token, start, end) => out.push({ token, start, end, cjk: false }),
    (chars, offsets) => cjkTokens(chars, offsets, out),
  );
  return out;
}

/**
 * The first tokens of a text, exactly as tokenizeWithOffsets gives them: those of the word runs
 * that start before `limit` (an ideograph run still open there is left out). `complete` when
 * these are all the tokens of the text.
 */
export function tokenizePrefixWithOffsets(
  text: string,
  limit: number,
): { tokens: Token[]; complete: boolean } {
  const tokens: Token[] = [];
  const complete = walk(
    text,
    (token, start, end) => tokens.push({ token, start, end, cjk: false }),
    (chars, offsets) => cjkTokens(chars, offsets, tokens),
    limit,
  );
  return { tokens, complete };
}

/** The index tokens of a text, in order. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  walk(
    text,
    (token) => out.push(token),
    (chars) => {
      const n = chars.length;
      for (let i = 0; i + 1 < n; i++) out.push(chars[i]! + chars[i + 1]!);
      out.push(chars[n - 1]!);
    },
  );
  return out;
}

/** The space-separated token text stored in the index. */
export function tokenText(text: string): string {
  return tokenize(text).join(' ');
}

/** A query phrase: tokens that must be adjacent; `prefix` makes the last token a prefix. */
export interface Phrase {
  tokens: string[];
  prefix: boolean;
}

/**
 * The phrase that finds `text` as a substring (of ideographs) or word sequence. A run of
 * ideographs contributes its bigrams; its last character alone only when another token follows
 * (the run must end there), and a one-character run at the end becomes a prefix ("组*").
 */
export function phraseOf(text: string, opts: { prefix?: boolean } = {}): Phrase | null {
  type Part = { kind: 'word'; token: string } | { kind: 'cjk'; chars: string[] };
  const parts: Part[] = [];
  walk(
    text,
    (token) => parts.push({ kind: 'word', token }),
    (chars) => parts.push({ kind: 'cjk', chars }),
  );
  if (parts.length === 0) return null;
  const tokens: string[] = [];
  let prefix = opts.prefix ?? false;
  parts.forEach((p, i) => {
    const last = i === parts.length - 1;
    if (p.kind === 'word') {
      tokens.push(p.token);
      return;
    }
    const n = p.chars.length;
    for (let j = 0; j + 1 < n; j++) tokens.push(p.chars[j]! + p.chars[j + 1]!);
    if (!last) tokens.push(p.chars[n - 1]!);
    else if (n === 1) {
      tokens.push(p.chars[0]!);
      prefix = true;
    } else if (prefix) {
      // "联合*" means a run starting with 联合: the bigram itself is then a prefix of nothing
      // more, so keep exact bigrams and drop the prefix flag.
      prefix = false;
    }
  });
  return { tokens, prefix };
}

/** The key under which an alias form is stored and looked up: its phrase tokens. */
export function phraseKey(text: string): string {
  return phraseOf(text)?.tokens.join(' ') ?? '';
}

let jieba: Jieba | null = null;

/** Splits a run of Chinese into words (jieba, HMM on): used to read unquoted Chinese queries. */
export function chineseWords(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.cut(text, true).filter((w) => w.trim().length > 0);
}

export function isCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

/** foldText by its definition: NFKC, lower case, NFKD, combining marks removed. */
export function foldTextByNormalization(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFKD').replace(MARKS, '');
}

/**
 * Code units whose fold does not depend on their neighbours, and the fold of each: the scripts of
 * the six languages (Latin with its accents, Cyrillic, Arabic, CJK ideographs and punctuation) and
 * combining marks. Left out, so that a text containing them takes the normalization path: Greek
 * (final sigma depends on what follows), Hangul and Indic scripts (composition), surrogates and
 * compatibility blocks. `undefined`: the code unit folds to itself; `null`: not in the table.
 */
const FOLD_RANGES: [number, number][] = [
  [0x0000, 0x036f], // Basic Latin, Latin-1, Latin Extended-A/B, IPA, spacing modifiers, combining marks
  [0x0400, 0x052f], // Cyrillic and its supplement
  [0x0600, 0x06ff], // Arabic
  [0x1e00, 0x1eff], // Latin Extended Additional
  [0x2000, 0x206f], // General Punctuation
  [0x3000, 0x303f], // CJK Symbols and Punctuation
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xff00, 0xffef], // Halfwidth and Fullwidth Forms
];
let foldTable: (string | null | undefined)[] | null = null;
function buildFoldTable(): (string | null | undefined)[] {
  const table = new Array<string | null | undefined>(65536).fill(null);
  for (const [from, to] of FOLD_RANGES)
    for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c);
      const folded = foldTextByNormalization(ch);
      table[c] = folded === ch ? undefined : folded;
    }
  return table;
}

/** Folds text for substring matching (themes, lexicons): lower case, no accents, NFKC. */
export function foldText(text: string): string {
  // ASCII is its own NFKC and NFKD and has no marks: only the case changes.
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  // The same result code unit by code unit from a table, where every code unit is in it.
  const table = (foldTable ??= buildFoldTable());
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const f = table[text.charCodeAt(i)];
    if (f === undefined) continue;
    if (f === null) return foldTextByNormalization(text);
    out += text.slice(from, i) + f;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
