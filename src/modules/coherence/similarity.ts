// Features for similarity between items of different boards, possibly in different languages.
// A text becomes a set of terms: alias concepts first (an English and a Chinese form of the same
// governance term give the same concept, data/aliases.ts), then the remaining content words
// (English: lower case, stop words dropped, a plural "s" removed; Chinese: jieba words of two or
// more characters from the shared tokenizer module). Terms are hashed for MinHash/LSH and kept
// readable so a finding can show the terms the two items share.
import { chineseWords, foldText, tokenize } from '../../search/tokenize.js';
import { ALIASES } from './data/aliases.js';
import { hashString } from './minhash.js';

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const ASCII_SPLIT = /[^a-z0-9]+/;

/**
 * The shared tokenizer's tokens (src/search/tokenize.ts). ASCII text takes a fast path that gives
 * the same tokens (runs of letters and digits, lower case); anything else goes through tokenize().
 */
export function featureTokens(text: string): string[] {
  if (ASCII_ONLY.test(text)) return text.toLowerCase().split(ASCII_SPLIT).filter((t) => t !== '');
  return tokenize(text);
}

const STOP = new Set(
  (
    'a an and or the of to in on at by for from with as is are was were be been being its it this that these those ' +
    'which who whom whose their there than then also further including include other such into within upon ' +
    'all any each every both not no nor but if so very more most less least per via between among about ' +
    'has have had having do does did shall should will would may might can could must ' +
    'notes note takes welcomes recalls recalling noting recognizing recognises recognizes acknowledges ' +
    'decides decided encourages emphasizes stresses underlines reiterates reaffirms urges invites calls upon ' +
    'synthetic demo text record paragraph item board boards year years session'
  ).split(/\s+/),
);

interface CompiledAlias {
  id: string;
  en: { words: string[]; prefix: boolean }[];
  zh: string[];
}

const COMPILED: CompiledAlias[] = ALIASES.map((a) => ({
  id: a.id,
  en: a.en
    .map((f) => ({ words: featureTokens(f.replace(/\*$/, '')), prefix: f.endsWith('*') }))
    .sort((x, y) => y.words.length - x.words.length),
  zh: a.zh.map((z) => foldText(z)).sort((x, y) => y.length - x.length),
}));
// Longest forms first, so "gender equality" wins over "gender".
const EN_FORMS = COMPILED.flatMap((a) => a.en.map((f) => ({ id: a.id, ...f }))).sort((x, y) => y.words.length - x.words.length);
const ZH_FORMS = COMPILED.flatMap((a) => a.zh.map((z) => ({ id: a.id, z }))).sort((x, y) => y.z.length - x.z.length);
export const ALIAS_BY_ID = new Map(ALIASES.map((a) => [a.id, a]));

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;

function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}

/** The terms of a text: "c:<alias id>" for concepts, "w:<word>" for other words. */
export function textTerms(text: string): string[] {
  const terms: string[] = [];
  // Chinese: alias forms, longest first, are cut out of each run; jieba words of the rest.
  const folded = foldText(text);
  for (const m of folded.matchAll(CJK_RUN)) {
    let run = m[0];
    for (const f of ZH_FORMS) {
      if (!run.includes(f.z)) continue;
      terms.push(`c:${f.id}`);
      run = run.split(f.z).join('|');
    }
    for (const part of run.split('|'))
      if (part.length >= 2) for (const w of chineseWords(part)) if (w.length >= 2) terms.push(`w:${w}`);
  }
  // Other scripts: word tokens, alias phrases matched longest first.
  const words = featureTokens(folded.replace(CJK_RUN, ' ')).filter((t) => !/^\d+$/.test(t) || t.length === 4);
  const used = new Uint8Array(words.length);
  for (const f of EN_FORMS) {
    const n = f.words.length;
    for (let i = 0; i + n <= words.length; i++) {
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const w = words[i + k]!;
        const x = f.words[k]!;
        ok = !used[i + k] && (w === x || (f.prefix && k === n - 1 && w.startsWith(x)));
      }
      if (!ok) continue;
      terms.push(`c:${f.id}`);
      for (let k = 0; k < n; k++) used[i + k] = 1;
    }
  }
  words.forEach((w, i) => {
    if (!used[i] && w.length > 2 && !STOP.has(w)) terms.push(`w:${stem(w)}`);
  });
  return [...new Set(terms)];
}

/** A readable form of a term: "gender equality / 性别平等" for a concept, the word otherwise. */
export function termLabel(term: string): string {
  if (term.startsWith('c:')) {
    const a = ALIAS_BY_ID.get(term.slice(2));
    return a ? `${a.en[0]} / ${a.zh[0]}` : term.slice(2);
  }
  return term.slice(2);
}

export function termHashes(terms: string[]): number[] {
  return terms.map(hashString);
}
