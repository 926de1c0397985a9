// The tagging model: transparent, weighted keyword and query rules per SDG goal, SDG target and
// cross-cutting theme, in English and Chinese. It explains every suggestion: the rules that fired,
// the words of the text that triggered them, how often, with which weight, and the score.
//
//   contribution(rule) = weight × (1 + ln hits)
//   raw(tag)           = Σ contributions of its rules (+ the raw of its targets, for a goal)
//   lengthFactor       = √(max(words, 25) / 25)          (long texts need more evidence)
//   score              = 1 − exp(−raw / (2 × lengthFactor))   in [0, 1)
//
// One strong term (weight 2) in a paragraph of up to 25 words scores 0.63; one weak term (weight 1)
// 0.39. Suggestions at or above `minScore` (0.5 by default) are returned.
// Sources: English target rules = Aurora Universities Network, SDG queries v5 (CC BY 4.0); goal,
// Chinese and theme keywords written for Concord (data/keywords.ts).
import { foldText } from '../../search/tokenize.js';
import { AURORA_RULES } from './data/aurora-rules.js';
import { GOAL_KEYWORDS, TARGET_KEYWORDS, THEME_KEYWORDS, type KeywordSet } from './data/keywords.js';
import { matchQuery, parseQuery, phraseWords, prepareText, type QueryNode } from './query-lang.js';
import { TAG_BY_ID } from './themes.js';

export const MODEL_VERSION = 'concord-keywords-1';
export const DEFAULT_MIN_SCORE = 0.5;

interface Rule {
  tag: string;
  language: 'en' | 'zh';
  pattern: string;
  weight: number;
  source: string;
  node?: QueryNode;
}

export interface Trigger {
  /** The rule's term or query, as written. */
  term: string;
  /** What the text said (the matched words), for English; the term itself for Chinese. */
  matched: string[];
  language: 'en' | 'zh';
  hits: number;
  weight: number;
  contribution: number;
  source: string;
}

export interface Suggestion {
  tag: string;
  score: number;
  raw: number;
  lengthFactor: number;
  triggers: Trigger[];
}

function keywordRules(tag: string, set: KeywordSet, source: string): Rule[] {
  return [
    ...set.en.map(([pattern, weight]): Rule => ({
      tag,
      language: 'en',
      pattern,
      weight,
      source,
      node: { kind: 'phrase', text: pattern, words: phraseWords(pattern) },
    })),
    ...set.zh.map(([pattern, weight]): Rule => ({ tag, language: 'zh', pattern: foldText(pattern), weight, source })),
  ];
}

function buildRules(): Rule[] {
  const rules: Rule[] = [];
  for (const [goal, set] of Object.entries(GOAL_KEYWORDS)) rules.push(...keywordRules(`sdg:${goal}`, set, 'concord-goal-keywords'));
  for (const [target, set] of Object.entries(TARGET_KEYWORDS)) rules.push(...keywordRules(`sdg:${target}`, set, 'concord-target-keywords'));
  for (const [theme, t] of Object.entries(THEME_KEYWORDS)) rules.push(...keywordRules(`theme:${theme}`, t.keywords, 'concord-theme-keywords'));
  for (const r of AURORA_RULES) {
    try {
      rules.push({ tag: `sdg:${r.target}`, language: 'en', pattern: r.query, weight: 2, source: `aurora-v5:${r.id}`, node: parseQuery(r.query) });
    } catch {
      // A query the evaluator cannot read is left out rather than guessed at.
    }
  }
  return rules.filter((r) => TAG_BY_ID.has(r.tag));
}

let RULES: Rule[] | null = null;
export function rules(): Rule[] {
  RULES ??= buildRules();
  return RULES;
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;

/** Lower-case words of the text (letters and digits), as the rules' phrases are split. */
export function textWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(CJK, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function countOccurrences(hay: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Scores every tag for `text`; returns those at or above `minScore`, best first. */
export function suggestTags(text: string, opts: { minScore?: number } = {}): Suggestion[] {
  const minScore = opts.minScore ?? DEFAULT_MIN_SCORE;
  const words = textWords(text);
  const prepared = prepareText(words);
  const folded = foldText(text);
  const cjkChars = (text.match(CJK) ?? []).length;
  const size = words.length + cjkChars / 1.7; // about 1.7 characters per Chinese word
  const lengthFactor = Math.sqrt(Math.max(size, 25) / 25);

  const byTag = new Map<string, Trigger[]>();
  for (const r of rules()) {
    let hits = 0;
    let matched: string[] = [];
    if (r.language === 'en') {
      if (!words.length) continue;
      const spans = matchQuery(r.node!, prepared);
      hits = new Set(spans.map((s) => s.start)).size;
      matched = [...new Set(spans.flatMap((s) => s.hits.map((h) => h.surface)))].slice(0, 8);
    } else {
      if (!cjkChars) continue;
      hits = countOccurrences(folded, r.pattern);
      matched = hits ? [r.pattern] : [];
    }
    if (!hits) continue;
    const t: Trigger = {
      term: r.pattern,
      matched,
      language: r.language,
      hits,
      weight: r.weight,
      contribution: round(r.weight * (1 + Math.log(hits))),
      source: r.source,
    };
    const list = byTag.get(r.tag);
    if (list) list.push(t);
    else byTag.set(r.tag, [t]);
  }
  // A goal is also evidenced by its targets.
  for (const [tag, triggers] of [...byTag]) {
    const parent = TAG_BY_ID.get(tag)?.parent;
    if (TAG_BY_ID.get(tag)?.kind !== 'sdg-target' || !parent) continue;
    const list = byTag.get(parent) ?? [];
    for (const t of triggers) if (!list.some((x) => x.term === t.term && x.language === t.language)) list.push(t);
    byTag.set(parent, list);
  }

  const out: Suggestion[] = [];
  for (const [tag, triggers] of byTag) {
    // A term that is part of a longer matched term of the same tag is not counted twice
    // ("gender" inside "gender equality").
    const kept = triggers.filter(
      (t) => !triggers.some((o) => o !== t && o.language === t.language && o.term !== t.term && o.term.includes(t.term) && o.hits >= t.hits),
    );
    const raw = kept.reduce((s, t) => s + t.contribution, 0);
    const score = round(1 - Math.exp(-raw / (2 * lengthFactor)));
    if (score < minScore) continue;
    out.push({ tag, score, raw: round(raw), lengthFactor: round(lengthFactor), triggers: kept.sort((a, b) => b.contribution - a.contribution) });
  }
  return out.sort((a, b) => b.score - a.score || a.tag.localeCompare(b.tag));
}
