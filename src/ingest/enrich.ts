// What a paragraph says about itself, found with lexicons and patterns (no model): its language,
// who speaks (role and entity), which entities and bodies it mentions, which resolutions,
// decisions, SDGs and documents it cites, its themes, and the acronyms it defines
// ("联合国联合检查组（联检组）", "Joint Inspection Unit (JIU)"). Pure functions over text.
import { foldText } from '../search/tokenize.js';
import { MEMBER_STATES } from '../modules/registry/data/member-states.js';

export type Language = 'ar' | 'zh' | 'en' | 'fr' | 'ru' | 'es';

export interface Speaker {
  role: string;
  entityId: string | null;
  memberStateId: string | null;
  /** Board whose President/Vice-President speaks (kept in the role text; here for filters). */
  boardId: string | null;
}

export interface Mention {
  kind: 'entity' | 'board' | 'body' | 'member-state';
  refId: string;
  surface: string;
}

export interface Reference {
  kind: 'ga-resolution' | 'board-decision' | 'sdg' | 'document';
  ref: string;
  surface: string;
}

export interface Acronym {
  shortForm: string;
  longForm: string;
}

// ---------------------------------------------------------------------------------------------
// Language

/** Function words that tell English, French and Spanish apart (a word may count for several). */
const STOPWORDS: Record<'en' | 'fr' | 'es', string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'that', 'is', 'for', 'with', 'on', 'by', 'its', 'were', 'was'],
  fr: ['le', 'la', 'les', 'des', 'et', 'du', 'une', 'est', 'pour', 'dans', 'que', 'qui', 'sur', 'au', 'aux'],
  es: ['el', 'los', 'las', 'del', 'y', 'una', 'es', 'para', 'en', 'que', 'por', 'con', 'su', 'al'],
};
const STOPWORD_LANGS = ['en', 'fr', 'es'] as const;
/** Code units packed 7 bits each (function words are at most four ASCII letters) → bit per language. */
const STOPWORD_BITS = (() => {
  const m = new Map<number, number>();
  STOPWORD_LANGS.forEach((l, bit) => {
    for (const w of STOPWORDS[l]) {
      const key = packWord(w, 0, w.length);
      m.set(key, (m.get(key) ?? 0) | (1 << bit));
    }
  });
  return m;
})();
const MAX_STOPWORD = 4;
function packWord(s: string, from: number, to: number): number {
  let k = 0;
  for (let i = to - 1; i >= from; i--) k = (k << 7) | s.charCodeAt(i);
  return k;
}
const stopwordCounts = new Int32Array(3);
const isAsciiWordUnit = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

const SCRIPT_HAN = 1;
const SCRIPT_ARABIC = 2;
const SCRIPT_CYRILLIC = 3;
const SCRIPT_LATIN = 4;
/** The script detectLanguage counts each code unit under (0: none). */
const SCRIPT_OF = (() => {
  const t = new Uint8Array(65536);
  const mark = (from: number, to: number, script: number) => t.fill(script, from, to + 1);
  mark(0x4e00, 0x9fff, SCRIPT_HAN);
  mark(0x3400, 0x4dbf, SCRIPT_HAN);
  mark(0x0600, 0x06ff, SCRIPT_ARABIC);
  mark(0x0400, 0x04ff, SCRIPT_CYRILLIC);
  mark(0x41, 0x5a, SCRIPT_LATIN);
  mark(0x61, 0x7a, SCRIPT_LATIN);
  mark(0xc0, 0x24f, SCRIPT_LATIN);
  return t;
})();
const scriptCounts = new Int32Array(5);

/** The language of a text by script, then (Latin) by function words; `fallback` when unsure. */
export function detectLanguage(text: string, fallback: Language = 'en'): Language {
  // Code units, not code points: every counted range is in the BMP and surrogates count nowhere.
  const counts = scriptCounts;
  counts.fill(0);
  for (let i = 0; i < text.length; i++) counts[SCRIPT_OF[text.charCodeAt(i)]!]!++;
  const han = counts[SCRIPT_HAN]!;
  const arabic = counts[SCRIPT_ARABIC]!;
  const cyrillic = counts[SCRIPT_CYRILLIC]!;
  const latin = counts[SCRIPT_LATIN]!;
  const max = Math.max(han, arabic, cyrillic, latin);
  if (max === 0) return fallback;
  // Chinese text counts one per character, alphabetic text one per letter: weigh Han up.
  if (han * 3 >= max && han > 0) return 'zh';
  if (arabic === max) return 'ar';
  if (cyrillic === max) return 'ru';
  // Each language's function words as whole words (\b…\b: runs of [A-Za-z0-9_]) of the lower-cased
  // text, counted in one pass.
  const lower = text.toLowerCase();
  const wordCounts = stopwordCounts;
  wordCounts.fill(0);
  for (let i = 0; i < lower.length;) {
    if (!isAsciiWordUnit(lower.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < lower.length && isAsciiWordUnit(lower.charCodeAt(end))) end++;
    if (end - i <= MAX_STOPWORD) {
      const bits = STOPWORD_BITS.get(packWord(lower, i, end));
      if (bits !== undefined) for (let b = 0; b < 3; b++) if (bits & (1 << b)) wordCounts[b]!++;
    }
    i = end;
  }
  // The most frequent language and the runner-up, ties going to the earlier of en, fr, es (a stable
  // sort by count would give the same; sorting little arrays of pairs here made the optimized
  // function deoptimize again and again on their changing shapes).
  let first = 0;
  for (let b = 1; b < 3; b++) if (wordCounts[b]! > wordCounts[first]!) first = b;
  let second = -1;
  for (let b = 0; b < 3; b++)
    if (b !== first && (second < 0 || wordCounts[b]! > wordCounts[second]!)) second = b;
  if (wordCounts[first] === 0) return fallback;
  if (
    wordCounts[first] === wordCounts[second] &&
    (fallback === STOPWORD_LANGS[second] || fallback === STOPWORD_LANGS[first])
  )
    return fallback;
  return STOPWORD_LANGS[first]!;
}

// ---------------------------------------------------------------------------------------------
// Entities, boards and other bodies

interface EntityLexicon {
  id: string;
  code: string;
  /** Forms that name the entity, any language; Latin forms are matched as whole words. */
  names: string[];
  /** Title of the executive head, English. */
  head: string;
}

export const ENTITY_LEXICON: EntityLexicon[] = [
  {
    id: 'undp',
    code: 'UNDP',
    head: 'Administrator',
    names: [
      '联合国开发计划署',
      '开发署',
      'UNDP',
      'United Nations Development Programme',
      'PNUD',
      'ПРООН',
      'برنامج الأمم المتحدة الإنمائي',
    ],
  },
  {
    id: 'unfpa',
    code: 'UNFPA',
    head: 'Executive Director',
    names: [
      '联合国人口基金',
      '人口基金',
      'UNFPA',
      'United Nations Population Fund',
      'FNUAP',
      'ЮНФПА',
      'صندوق الأمم المتحدة للسكان',
    ],
  },
  {
    id: 'unops',
    code: 'UNOPS',
    head: 'Executive Director',
    names: [
      '联合国项目事务署',
      '项目署',
      'UNOPS',
      'United Nations Office for Project Services',
      'ЮНОПС',
      'مكتب الأمم المتحدة لخدمات المشاريع',
    ],
  },
  {
    id: 'unicef',
    code: 'UNICEF',
    head: 'Executive Director',
    names: [
      '联合国儿童基金会',
      '儿基会',
      'UNICEF',
      "United Nations Children's Fund",
      'ЮНИСЕФ',
      'اليونيسف',
      'منظمة الأمم المتحدة للطفولة',
    ],
  },
  {
    id: 'unwomen',
    code: 'UN-Women',
    head: 'Executive Director',
    names: [
      '联合国促进性别平等和增强妇女权能署',
      '联合国妇女署',
      '妇女署',
      'UN-Women',
      'UN Women',
      'ONU-Femmes',
      'ONU-Mujeres',
      'ООН-женщины',
      'هيئة الأمم المتحدة للمرأة',
    ],
  },
  {
    id: 'wfp',
    code: 'WFP',
    head: 'Executive Director',
    names: [
      '世界粮食计划署',
      '粮食署',
      'WFP',
      'World Food Programme',
      'PAM',
      'PMA',
      'ВПП',
      'برنامج الأغذية العالمي',
    ],
  },
];

const BODIES: { id: string; names: string[] }[] = [
  {
    id: 'jiu',
    names: [
      '联合国联合检查组',
      '联合检查组',
      '联检组',
      'Joint Inspection Unit',
      'JIU',
      'Corps commun d’inspection',
      "Corps commun d'inspection",
      'CCI',
      'Dependencia Común de Inspección',
      'DCI',
      'Объединенная инспекционная группа',
      'ОИГ',
      'وحدة التفتيش المشتركة',
    ],
  },
  {
    id: 'ecosoc',
    names: [
      '经济及社会理事会',
      '经社理事会',
      'Economic and Social Council',
      'ECOSOC',
      'Conseil économique et social',
      'Consejo Económico y Social',
      'Экономический и Социальный Совет',
      'المجلس الاقتصادي والاجتماعي',
    ],
  },
  {
    id: 'general-assembly',
    names: [
      '联合国大会',
      '联大',
      'General Assembly',
      'Assemblée générale',
      'Asamblea General',
      'Генеральная Ассамблея',
      'الجمعية العامة',
    ],
  },
  {
    id: 'secretary-general',
    names: [
      '秘书长',
      'Secretary-General',
      'Secrétaire général',
      'Secretario General',
      'Генеральный секретарь',
      'الأمين العام',
    ],
  },
];

const ZH_ENTITY = '(?:联合国)?(?:开发署|人口基金|项目署|儿基会|妇女署|粮食署)';
const ZH_CODE: Record<string, string> = {
  开发署: 'undp',
  人口基金: 'unfpa',
  项目署: 'unops',
  儿基会: 'unicef',
  妇女署: 'unwomen',
  粮食署: 'wfp',
};
const BOARD_OF: Record<string, string> = {
  undp: 'undp-unfpa-unops',
  unfpa: 'undp-unfpa-unops',
  unops: 'undp-unfpa-unops',
  unicef: 'unicef',
  unwomen: 'unwomen',
  wfp: 'wfp',
};
const BOARD_NAME: Record<string, string> = {
  'undp-unfpa-unops': 'UNDP/UNFPA/UNOPS',
  unicef: 'UNICEF',
  unwomen: 'UN-Women',
  wfp: 'WFP',
};
const entityCode = (id: string) => ENTITY_LEXICON.find((e) => e.id === id)!.code;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The matches of a global regular expression in a text, all of them from the start, as
 * `text.matchAll(re)` gives them, without the copy of the expression that matchAll makes on every
 * call: the finders of this module run on every paragraph, with their expressions built once.
 */
function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m);
    // An empty match: step past it (by a whole code point in Unicode mode), as matchAll does.
    if (m[0] === '') {
      const i = re.lastIndex;
      const c = text.charCodeAt(i);
      const pair = re.unicode && c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      re.lastIndex = i + (pair ? 2 : 1);
    }
  }
  return out;
}

/** A matcher for a name: CJK and Arabic as substrings, Latin/Cyrillic as whole words. */
function nameRegex(names: string[]): RegExp {
  const parts = [...names]
    .sort((a, b) => b.length - a.length)
    .map((n) =>
      /^[\p{Script=Latin}\p{Script=Cyrillic}\s'’.-]+$/u.test(n)
        ? `(?<![\\p{L}\\p{N}])${escapeRe(n)}(?![\\p{L}\\p{N}])`
        : escapeRe(n),
    );
  return new RegExp(parts.join('|'), 'gu');
}

const ENTITY_RES = ENTITY_LEXICON.map((e) => ({ id: e.id, re: nameRegex(e.names) }));
const BODY_RES = BODIES.map((b) => ({ id: b.id, re: nameRegex(b.names) }));

/**
 * Finds, in one pass over a text, which of many literal strings occur in it (exact code units).
 * The strings form a trie of code units whose edges sit in one open-addressing hash table of
 * typed arrays (node, code unit → child). A table of the (hashed) first two code units of every
 * string rejects most positions with one lookup before the trie is entered; where only strings of
 * four or more units start with those two, a table of (hashed) first four units rejects most of
 * the rest (common pairs such as "re" or ال begin far more words than terms). From each
 * position the walk goes only as far as some string continues, so many strings sharing a prefix
 * (Arabic names after the article ال) cost one walk, not one comparison each. Used to skip
 * per-lexicon regexes whose names cannot match and to find theme terms without one `includes`
 * per term.
 */
export class LiteralScanner {
  /** The trie node of each first code unit (0: no string starts with it). */
  private readonly root = new Int32Array(65536);
  /**
   * pairs[key(c0, c1)]: PAIR_SHORT when a string of two or three units starts with c0 c1,
   * PAIR_LONG when a longer one does (hash collisions only let more through).
   */
  private readonly pairs = new Uint8Array(65536);
  /** quads[key4(c0, c1, c2, c3)] = 1 when a string of four or more units starts with those four. */
  private readonly quads = new Uint8Array(65536);
  private static readonly PAIR_SHORT = 1;
  private static readonly PAIR_LONG = 2;
  /** single[c] = 1 when some string is the one code unit c. */
  private readonly single = new Uint8Array(65536);
  /** Edges: slot → parent node, code unit and child node (child 0: empty slot). */
  private readonly edgeParent: Int32Array;
  private readonly edgeUnit: Uint16Array;
  private readonly edgeChild: Int32Array;
  private readonly edgeMask: number;
  /** Groups of the strings that end at each node (node 0 is unused). */
  private readonly ends: (number[] | undefined)[] = [undefined];

  constructor(groups: string[][]) {
    // The trie is built with maps, then its edges are moved into the hash table.
    const children: (Map<number, number> | undefined)[] = [undefined];
    const node = () => {
      children.push(undefined);
      this.ends.push(undefined);
      return children.length - 1;
    };
    groups.forEach((strings, group) => {
      for (const s of strings) {
        if (!s.length) continue;
        const c0 = s.charCodeAt(0);
        let at = this.root[c0] || (this.root[c0] = node());
        if (s.length >= 4) {
          this.pairs[LiteralScanner.key(c0, s.charCodeAt(1))]! |= LiteralScanner.PAIR_LONG;
          this.quads[LiteralScanner.key4(c0, s.charCodeAt(1), s.charCodeAt(2), s.charCodeAt(3))] = 1;
        } else if (s.length > 1)
          this.pairs[LiteralScanner.key(c0, s.charCodeAt(1))]! |= LiteralScanner.PAIR_SHORT;
        else this.single[c0] = 1;
        for (let k = 1; k < s.length; k++) {
          const c = s.charCodeAt(k);
          const map = (children[at] ??= new Map());
          let child = map.get(c);
          if (child === undefined) {
            child = node();
            map.set(c, child);
          }
          at = child;
        }
        const ends = (this.ends[at] ??= []);
        if (!ends.includes(group)) ends.push(group);
      }
    });
    let edges = 0;
    for (const m of children) edges += m?.size ?? 0;
    let size = 16;
    while (size < edges * 2) size *= 2;
    this.edgeParent = new Int32Array(size);
    this.edgeUnit = new Uint16Array(size);
    this.edgeChild = new Int32Array(size);
    this.edgeMask = size - 1;
    children.forEach((map, parent) => {
      if (!map) return;
      for (const [unit, child] of map) {
        let slot = LiteralScanner.edgeHash(parent, unit) & this.edgeMask;
        while (this.edgeChild[slot] !== 0) slot = (slot + 1) & this.edgeMask;
        this.edgeParent[slot] = parent;
        this.edgeUnit[slot] = unit;
        this.edgeChild[slot] = child;
      }
    });
  }

  private static key(c0: number, c1: number): number {
    return ((c0 << 5) ^ c1) & 0xffff;
  }

  private static key4(c0: number, c1: number, c2: number, c3: number): number {
    return (
      (Math.imul(c0, 0x2f0b3c9d) ^
        Math.imul(c1, 0x6b43a9b5) ^
        Math.imul(c2, 0x1b873593) ^
        Math.imul(c3, 0x7feb352d)) >>>
      16
    );
  }

  private static edgeHash(parent: number, unit: number): number {
    return Math.imul(parent, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b);
  }

  /**
   * found[g] is 1 when some string of group g occurs in the text; `hits`, when given, receives
   * each such group once, in ascending order.
   */
  scan(text: string, found: Uint8Array, hits?: number[]): Uint8Array {
    found.fill(0);
    const { root, pairs, quads, single, ends, edgeParent, edgeUnit, edgeChild, edgeMask } = this;
    const n = text.length;
    let c1 = n > 0 ? text.charCodeAt(0) : 0;
    for (let i = 0; i < n; i++) {
      const c0 = c1;
      if (single[c0] === 1) for (const g of ends[root[c0]!]!) found[g] = 1;
      if (i + 1 >= n) break;
      c1 = text.charCodeAt(i + 1);
      const pair = pairs[LiteralScanner.key(c0, c1)]!;
      if (pair === 0) continue;
      // Only longer strings start with this pair: their first four units must be there too.
      if (
        pair === LiteralScanner.PAIR_LONG &&
        (i + 3 >= n ||
          quads[LiteralScanner.key4(c0, c1, text.charCodeAt(i + 2), text.charCodeAt(i + 3))] === 0)
      )
        continue;
      let at = root[c0]!;
      for (let j = i + 1; j < n; j++) {
        const unit = text.charCodeAt(j);
        let slot = LiteralScanner.edgeHash(at, unit) & edgeMask;
        let child = edgeChild[slot]!;
        while (child !== 0 && (edgeParent[slot] !== at || edgeUnit[slot] !== unit)) {
          slot = (slot + 1) & edgeMask;
          child = edgeChild[slot]!;
        }
        if (child === 0) break;
        at = child;
        const e = ends[at];
        if (e !== undefined) for (const g of e) found[g] = 1;
      }
    }
    if (hits) {
      hits.length = 0;
      for (let g = found.indexOf(1); g >= 0; g = found.indexOf(1, g + 1)) hits.push(g);
    }
    return found;
  }
}

/**
 * Member-state names in Arabic, Chinese, French, Russian and Spanish (the English names come from
 * the registry): the country names of the Unicode CLDR data built into the runtime
 * (Intl.DisplayNames), by ISO 3166 code. Base forms only (Russian case endings are not matched).
 * Left out where the name is also a common word of governance text: Arabic مالي ("financial").
 */
const AMBIGUOUS_STATE_NAMES = new Set(['مالي']);
export const LOCALIZED_STATE_NAMES: { id: string; names: string[] }[] = (() => {
  const locales = ['ar', 'zh', 'fr', 'ru', 'es'] as const;
  const display = locales.map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
  return MEMBER_STATES.map((m) => {
    const names = new Set<string>();
    for (const d of display) {
      const n = d.of(m.iso2);
      if (n && n !== m.name && !AMBIGUOUS_STATE_NAMES.has(n)) names.add(n);
    }
    return { id: m.id, names: [...names] };
  });
})();

// A regex over a lexicon matches only where one of its names occurs literally.
const NAME_SCANNER = new LiteralScanner([
  ...ENTITY_LEXICON.map((e) => e.names),
  ...BODIES.map((b) => b.names),
  ...LOCALIZED_STATE_NAMES.map((s) => s.names),
]);
const nameHits = new Uint8Array(ENTITY_LEXICON.length + BODIES.length + LOCALIZED_STATE_NAMES.length);
const STATE_OFFSET = ENTITY_LEXICON.length + BODIES.length;
const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}]/u.test(c);
const isHan = (s: string) => /^[\p{Script=Han}（）()]+$/u.test(s);

/**
 * Member states named in the other five languages, from the scanner's hits: every occurrence of a
 * hit name, whole words outside Chinese, the longest name winning where names overlap (索马里 is
 * Somalia, not Mali within it; 赤道几内亚 is Equatorial Guinea).
 */
function localizedStates(text: string, hits: readonly number[]): Mention[] {
  const spans: { start: number; end: number; id: string; surface: string }[] = [];
  for (const g of hits) {
    if (g < STATE_OFFSET) continue;
    const s = LOCALIZED_STATE_NAMES[g - STATE_OFFSET]!;
    for (const n of s.names) {
      for (let at = text.indexOf(n); at >= 0; at = text.indexOf(n, at + 1)) {
        const end = at + n.length;
        // Arabic attaches و ف ب ك ل to the next word (والصين "and China").
        const clitic =
          /[وفبكل]/.test(text[at - 1] ?? '') && !isLetter(text[at - 2]) && /^[\u0600-\u06ff]/.test(n);
        if (!isHan(n) && ((isLetter(text[at - 1]) && !clitic) || isLetter(text[end]))) continue;
        spans.push({ start: at, end, id: s.id, surface: n });
      }
    }
  }
  spans.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: { start: number; end: number }[] = [];
  const out: Mention[] = [];
  for (const sp of spans) {
    if (taken.some((t) => sp.start < t.end && t.start < sp.end)) continue;
    taken.push(sp);
    out.push({ kind: 'member-state', refId: sp.id, surface: sp.surface });
  }
  return out;
}
const STATE_RE = new RegExp(
  MEMBER_STATES.map((m) => m.name)
    .sort((a, b) => b.length - a.length)
    .map((n) => `(?<![\\p{L}])${escapeRe(n)}(?![\\p{L}])`)
    .join('|'),
  'gu',
);
const STATE_BY_NAME = new Map(MEMBER_STATES.map((m) => [m.name, m.id]));
const STATE_FIRST_WORDS = new Set(MEMBER_STATES.map((m) => m.name.split(/[\s(]/)[0]!));

const ZH_BOARD_RE = /((?:(?:开发署|人口基金|项目署|儿基会|妇女署|粮食署)\/?)+)执行局/g;
const EN_BOARD_RE = /Executive Boards? of (UNDP\/UNFPA\/UNOPS|UNDP, UNFPA and UNOPS|UNICEF|UN-Women|WFP)/g;

const CAPITALIZED_WORD_RE = /\b[A-Z][\p{L}'’-]+/gu;

/** Whether some capitalized word of the text is the first word of a member state's name. */
function startsStateName(text: string): boolean {
  CAPITALIZED_WORD_RE.lastIndex = 0;
  for (let m = CAPITALIZED_WORD_RE.exec(text); m !== null; m = CAPITALIZED_WORD_RE.exec(text))
    if (STATE_FIRST_WORDS.has(m[0])) {
      CAPITALIZED_WORD_RE.lastIndex = 0;
      return true;
    }
  return false;
}

export function findMentions(text: string): Mention[] {
  const out: Mention[] = [];
  const seen = new Set<string>();
  const add = (m: Mention) => {
    const k = `${m.kind}:${m.refId}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(m);
    }
  };
  // "开发署/人口基金/项目署执行局", "儿基会执行局": the board, besides the entities.
  for (const m of allMatches(ZH_BOARD_RE, text)) {
    const first = /开发署|人口基金|项目署|儿基会|妇女署|粮食署/.exec(m[1]!)![0];
    add({ kind: 'board', refId: BOARD_OF[ZH_CODE[first]!]!, surface: m[0] });
  }
  for (const m of allMatches(EN_BOARD_RE, text)) {
    const id = m[1]!.startsWith('UNDP')
      ? 'undp-unfpa-unops'
      : m[1] === 'UN-Women'
        ? 'unwomen'
        : m[1]!.toLowerCase();
    add({ kind: 'board', refId: id, surface: m[0] });
  }
  // Groups of names found, ascending: entities, then bodies, then member states.
  const hits: number[] = [];
  NAME_SCANNER.scan(text, nameHits, hits);
  for (const g of hits) {
    if (g >= ENTITY_RES.length) break;
    const e = ENTITY_RES[g]!;
    e.re.lastIndex = 0;
    const m = e.re.exec(text);
    if (m) add({ kind: 'entity', refId: e.id, surface: m[0] });
  }
  for (const g of hits) {
    if (g < ENTITY_RES.length) continue;
    if (g >= STATE_OFFSET) break;
    const b = BODY_RES[g - ENTITY_RES.length]!;
    b.re.lastIndex = 0;
    const m = b.re.exec(text);
    if (m) add({ kind: 'body', refId: b.id, surface: m[0] });
  }
  for (const m of localizedStates(text, hits)) add(m);
  // Cheap test first: does any capitalized word start a member state's name?
  if (/[A-Z]/.test(text) && startsStateName(text)) {
    for (const m of allMatches(STATE_RE, text)) {
      const id = STATE_BY_NAME.get(m[0]);
      if (id) add({ kind: 'member-state', refId: id, surface: m[0] });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Speakers

export interface SpeakerContext {
  /** The last board President who spoke (the chair), for a bare "主席"/"The President". */
  president?: Speaker;
  /** The last executive head who spoke, for a bare "执行主任"/"The Executive Director". */
  executiveHead?: Speaker;
}

const ZH_TITLES: Record<string, string> = {
  宣传和战略伙伴关系主任: 'Director of Communications and Strategic Partnerships',
  方案司司长: 'Director of the Programme Division',
};
const CLAUSE_START = '(?:^|[，。；：,;]\\s*)';
const ZH_VERB =
  '(?:强调|指出|表示|提到|重申|鼓励|宣布|回答|举例说明|反思|解释|赞赏|提醒|建议|注意到|介绍|感谢|说|代表|发言|对|与|在|正式|接着|还|也|再次|随后)';

function headSpeaker(entityId: string, deputy: boolean): Speaker {
  const e = ENTITY_LEXICON.find((x) => x.id === entityId)!;
  return {
    role: `${e.code} ${deputy ? `Deputy ${e.head}` : e.head}`,
    entityId,
    memberStateId: null,
    boardId: null,
  };
}

function presidentSpeaker(boardId: string, vice: boolean): Speaker {
  return {
    role: `${vice ? 'Vice-President' : 'President'} of the ${BOARD_NAME[boardId]} Executive Board`,
    entityId: null,
    memberStateId: null,
    boardId,
  };
}

interface Found {
  at: number;
  speaker: Speaker;
}

/** Who speaks in a paragraph, in order of appearance; `ctx` carries the chair and last head. */
export function findSpeakers(text: string, language: Language, ctx: SpeakerContext = {}): Speaker[] {
  const found: Found[] = [];
  if (language === 'zh') zhSpeakers(text, ctx, found);
  // The English patterns find nothing in Arabic, French, Russian or Spanish text: not run there.
  else if (language === 'en') enSpeakers(text, ctx, found);
  found.sort((a, b) => a.at - b.at);
  const out: Speaker[] = [];
  for (const f of found) {
    if (out.some((s) => s.role === f.speaker.role)) continue;
    out.push(f.speaker);
    if (/President/.test(f.speaker.role) && !/Vice/.test(f.speaker.role)) ctx.president = f.speaker;
    if (
      f.speaker.entityId &&
      /Executive Director|Administrator/.test(f.speaker.role) &&
      !/Deputy/.test(f.speaker.role)
    )
      ctx.executiveHead = f.speaker;
  }
  return out;
}

const ZH_PRESIDENT_RE = new RegExp(
  `(?:^|[，。；：兼]\\s*)((?:${ZH_ENTITY}\\/?)+)执行局(副?主席|副局长)(?!的)`,
  'g',
);
const ZH_HEAD_RE = new RegExp(
  `${CLAUSE_START}(${ZH_ENTITY})((?:副)?执行主任|副?署长|[\\u4e00-\\u9fff]{2,12}?(?:主任|司长))(?!的)`,
  'g',
);
const ZH_SELF_RE = new RegExp(`^(${ZH_ENTITY})(?:重申|强调|表示|指出)`, 'g');
const ZH_BARE_TITLE_RE = new RegExp(`${CLAUSE_START}(主席|署长|执行主任)${ZH_VERB}`, 'g');
const ZH_DELEGATIONS_RE = /(?:^|[，。；：]\s*)(?:各|一些|许多)?代表团/g;
const ZH_UN_SECRETARIAT_RE =
  /(?:^|[，。；：]\s*)(发展协调助理秘书长|常务副秘书长|秘书长)(?:代表|发言|强调|指出|表示)/g;

function zhSpeakers(text: string, ctx: SpeakerContext, found: Found[]): void {
  const taken: [number, number][] = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  const push = (at: number, end: number, speaker: Speaker) => {
    if (!free(at, end)) return;
    taken.push([at, end]);
    found.push({ at, speaker });
  };
  // Board Presidents and Vice-Presidents: "开发署/人口基金/项目署执行局主席", "儿基会执行局副局长".
  for (const m of allMatches(ZH_PRESIDENT_RE, text)) {
    const first = /开发署|人口基金|项目署|儿基会|妇女署|粮食署/.exec(m[1]!)![0];
    const at = m.index + m[0].indexOf(m[1]!);
    push(at, m.index + m[0].length, presidentSpeaker(BOARD_OF[ZH_CODE[first]!]!, m[2] !== '主席'));
  }
  // Executive heads and their deputies or directors: "人口基金执行主任", "粮食署副执行主任",
  // "开发署署长", "人口基金宣传和战略伙伴关系主任".
  for (const m of allMatches(ZH_HEAD_RE, text)) {
    const id = ZH_CODE[m[1]!.replace(/^联合国/, '')]!;
    const title = m[2]!;
    const at = m.index + m[0].indexOf(m[1]!);
    let speaker: Speaker;
    if (title === '执行主任' || title === '署长') speaker = headSpeaker(id, false);
    else if (title === '副执行主任' || title === '副署长') speaker = headSpeaker(id, true);
    else
      speaker = {
        role: `${entityCode(id)} ${ZH_TITLES[title] ?? `Director (${title})`}`,
        entityId: id,
        memberStateId: null,
        boardId: null,
      };
    push(at, m.index + m[0].length, speaker);
  }
  // The entity itself speaking at the start: "妇女署重申了其……承诺".
  for (const m of allMatches(ZH_SELF_RE, text)) {
    const id = ZH_CODE[m[1]!.replace(/^联合国/, '')]!;
    push(0, m[1]!.length, { role: entityCode(id), entityId: id, memberStateId: null, boardId: null });
  }
  // Bare titles resolved from context: the chair, the (UNDP) Administrator, the last head.
  for (const m of allMatches(ZH_BARE_TITLE_RE, text)) {
    const at = m.index + m[0].indexOf(m[1]!);
    const t = m[1]!;
    const s = t === '主席' ? ctx.president : t === '署长' ? headSpeaker('undp', false) : ctx.executiveHead;
    if (s) push(at, at + t.length, s);
  }
  for (const m of allMatches(ZH_DELEGATIONS_RE, text)) {
    const at = m.index + (m[0].length - m[0].replace(/^[，。；：]\s*/, '').length);
    push(at, m.index + m[0].length, {
      role: 'Delegations',
      entityId: null,
      memberStateId: null,
      boardId: null,
    });
  }
  for (const m of allMatches(ZH_UN_SECRETARIAT_RE, text)) {
    const role: Record<string, string> = {
      发展协调助理秘书长: 'Assistant Secretary-General for Development Coordination',
      常务副秘书长: 'Deputy Secretary-General',
      秘书长: 'Secretary-General',
    };
    const at = m.index + m[0].indexOf(m[1]!);
    push(at, at + m[1]!.length, { role: role[m[1]!]!, entityId: null, memberStateId: null, boardId: null });
  }
}

const EN_ENTITY = '(UNDP|UNFPA|UNOPS|UNICEF|UN-Women|WFP)';
const EN_ID: Record<string, string> = {
  UNDP: 'undp',
  UNFPA: 'unfpa',
  UNOPS: 'unops',
  UNICEF: 'unicef',
  'UN-Women': 'unwomen',
  WFP: 'wfp',
};

// Sentence openings, also after "In response," / "In closing," and the like.
const OPEN = String.raw`(?:^|[.;:]\s+|\bIn (?:response|reply|closing|conclusion)[^,.]{0,40},\s+)`;
const EN_HEAD_RES = [
  new RegExp(`\\b(?:the )?${EN_ENTITY} (Deputy )?(Executive Director|Administrator)\\b`, 'gi'),
  new RegExp(`\\b(?:the )?(Deputy )?(Executive Director|Administrator) of ${EN_ENTITY}\\b`, 'gi'),
];
const EN_PRESIDENT_RE =
  /\b(Vice-)?President of the (?:Executive Board of (UNDP\/UNFPA\/UNOPS|UNICEF|UN-Women|WFP)|(UNDP\/UNFPA\/UNOPS|UNICEF|UN-Women|WFP) Executive Board)/g;
const EN_BARE_PRESIDENT_RE = new RegExp(`${OPEN}[Tt]he President\\b`, 'g');
const EN_BARE_HEAD_RE = new RegExp(`${OPEN}[Tt]he (?:Executive Director|Administrator)\\b(?! of)`, 'g');
const EN_DELEGATIONS_RE = new RegExp(
  `${OPEN}(?:(?:[Mm]any|[Ss]everal|[Ss]ome|[Oo]ther|[Mm]ost|[Aa]ll|[Aa] number of|[Aa] group of|[Aa] few) )?(?:[Dd]elegations|[Bb]oard members|[Mm]embers of the (?:Executive )?Board)\\b|${OPEN}(?:[Oo]ne|[Aa]|[Aa]nother|[Ee]ach|[Ss]ome) (?:other )?delegation\\b`,
  'g',
);
// "The representative of Ghana, speaking on behalf of the African Group, said …": the name runs
// to a comma, a parenthesis or the verb.
const EN_STATE_DELEGATION_RE =
  /\b[Tt]he (?:delegation|representative|delegate) of ((?:the )?[A-Z][\p{L} '’-]+?)(?=\s*(?:,|\(|(?:said|stated|noted|stressed|welcomed|asked|called|expressed|emphasized|underlined|underscored|highlighted|commended|thanked|requested|recalled|encouraged|urged|reiterated|acknowledged|appreciated|raised|inquired|speaking|on behalf)\b))/gu;
const EN_BOARD_SECRETARY_RE = new RegExp(`${OPEN}[Tt]he Secretary of the Executive Board\\b`, 'g');

function enSpeakers(text: string, ctx: SpeakerContext, found: Found[]): void {
  for (const [i, re] of EN_HEAD_RES.entries())
    for (const m of allMatches(re, text)) {
      const code = i === 0 ? m[1]! : m[3]!;
      const id = EN_ID[Object.keys(EN_ID).find((k) => k.toLowerCase() === code.toLowerCase())!]!;
      found.push({ at: m.index, speaker: headSpeaker(id, Boolean(i === 0 ? m[2] : m[1])) });
    }
  for (const m of allMatches(EN_PRESIDENT_RE, text)) {
    const name = (m[2] ?? m[3])!;
    const id = name.startsWith('UNDP')
      ? 'undp-unfpa-unops'
      : name === 'UN-Women'
        ? 'unwomen'
        : name.toLowerCase();
    found.push({ at: m.index, speaker: presidentSpeaker(id, Boolean(m[1])) });
  }
  for (const m of allMatches(EN_BARE_PRESIDENT_RE, text))
    if (ctx.president && !/President of/.test(text.slice(m.index, m.index + 60)))
      found.push({ at: m.index, speaker: ctx.president });
  // A bare "The Executive Director" / "The Administrator": the executive head who spoke last.
  for (const m of allMatches(EN_BARE_HEAD_RE, text))
    if (ctx.executiveHead) found.push({ at: m.index, speaker: ctx.executiveHead });
  const delegations = { role: 'Delegations', entityId: null, memberStateId: null, boardId: null };
  for (const m of allMatches(EN_DELEGATIONS_RE, text)) found.push({ at: m.index, speaker: delegations });
  // A member state's delegation, named.
  for (const m of allMatches(EN_STATE_DELEGATION_RE, text)) {
    const name = m[1]!.replace(/^the /, '');
    const id = STATE_BY_NAME.get(name) ?? STATE_BY_NAME.get(m[1]!);
    if (id)
      found.push({
        at: m.index,
        speaker: { role: `Delegation of ${name}`, entityId: null, memberStateId: id, boardId: null },
      });
  }
  // The board's secretary, who speaks for the secretariat of the board in procedural matters.
  for (const m of allMatches(EN_BOARD_SECRETARY_RE, text))
    found.push({
      at: m.index,
      speaker: {
        role: 'Secretary of the Executive Board',
        entityId: null,
        memberStateId: null,
        boardId: null,
      },
    });
}

/** Keys a speaker can be filtered by: entity, member state and a role key. */
export function speakerKeys(role: string, entityId: string | null, memberStateId: string | null): string[] {
  const keys: string[] = [];
  if (entityId) keys.push(entityId);
  if (memberStateId) keys.push(memberStateId.toLowerCase());
  if (/^Delegation/i.test(role)) keys.push('delegations');
  else if (/Vice-President/.test(role)) keys.push('board-vice-president');
  else if (/President/.test(role)) keys.push('board-president');
  else if (/Deputy (Executive Director|Administrator)/.test(role)) keys.push('deputy-executive-head');
  else if (/Executive Director|Administrator/.test(role)) keys.push('executive-head');
  else if (/Secretary-General/.test(role)) keys.push('un-secretariat');
  const board = /of the (UNDP\/UNFPA\/UNOPS|UNICEF|UN-Women|WFP) Executive Board/.exec(role)?.[1];
  if (board)
    keys.push(
      board.startsWith('UNDP') ? 'undp-unfpa-unops' : board === 'UN-Women' ? 'unwomen' : board.toLowerCase(),
    );
  return keys;
}

// ---------------------------------------------------------------------------------------------
// References

const SYMBOL_RE =
  /\b((?:DP\/FPA|DP\/OPS|DP|E\/ICEF|UNW|WFP\/EB|A\/RES|E\/RES|A|E)\/[A-Z0-9./()-]*\d[A-Z0-9./()-]*[A-Z0-9)])/g;

/**
 * Characters that are, or whose NFKC form holds, an ASCII digit: the digits, superscripts and
 * subscripts, vulgar fractions, enclosed and parenthesized numbers, squared CJK numbers, full-width
 * digits, and (taken whole) everything outside the BMP. A test checks it against NFKC itself.
 */
export const MAY_HOLD_DIGITS =
  /[0-9\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u2089\u2150-\u218f\u2460-\u24ff\u3251-\u33ff\uff10-\uff19\ud800-\udfff]/;

// General Assembly resolutions: session/number (48/162); board decisions: year/number (2024/12).
const GA_RESOLUTION_RE =
  /(?:第\s*(\d{1,3}\/\d{1,4})\s*号决议|(?:resolutions?|résolutions?|resolución|resoluciones|резолюци[яиюей]|القرار|قرار)\s+(?:A\/RES\/)?(\d{1,3}\/\d{1,4})|A\/RES\/(\d{1,3}\/\d{1,4}))/giu;
const BOARD_DECISION_RE =
  /(?:第\s*((?:19|20)\d{2}\/\d{1,3})\s*号决定|(?:decisions?|décisions?|decisión|decisiones|решени[еяию]|المقرر|مقرر)\s+((?:19|20)\d{2}\/\d{1,3}))/giu;
const SDG_RE =
  /(?:可持续发展目标\s*(\d{1,2})(?!\d)|\bSDGs?\s*(\d{1,2})\b|Sustainable Development Goal\s+(\d{1,2})\b|\bODD\s*(\d{1,2})\b|objectif de développement durable\s+(\d{1,2})\b|\bODS\s*(\d{1,2})\b|Objetivo de Desarrollo Sostenible\s+(\d{1,2})\b|ЦУР\s*(\d{1,2})|Цел[ьи] в области устойчивого развития\s+(\d{1,2})|هدف التنمية المستدامة\s*(\d{1,2}))/giu;

export function findReferences(text: string): Reference[] {
  const out: Reference[] = [];
  const seen = new Set<string>();
  const add = (r: Reference) => {
    const k = `${r.kind}:${r.ref}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(r);
    }
  };
  // Every pattern below needs a digit; all but the SDGs need a slash. Skipping the regexes when
  // these are absent changes nothing and saves most of the time on ordinary paragraphs. A text
  // none of whose characters is, or normalizes to, a digit is not even normalized.
  if (!MAY_HOLD_DIGITS.test(text)) return out;
  const t = text.normalize('NFKC');
  if (!/[0-9]/.test(t)) return out;
  const slash = t.includes('/');
  if (slash)
    for (const m of allMatches(GA_RESOLUTION_RE, t))
      add({ kind: 'ga-resolution', ref: (m[1] ?? m[2] ?? m[3])!, surface: m[0] });
  if (slash)
    for (const m of allMatches(BOARD_DECISION_RE, t))
      add({ kind: 'board-decision', ref: (m[1] ?? m[2])!, surface: m[0] });
  for (const m of allMatches(SDG_RE, t)) {
    const n = Number(m.slice(1).find((x) => x !== undefined));
    if (n >= 1 && n <= 17) add({ kind: 'sdg', ref: String(n), surface: m[0] });
  }
  if (slash)
    for (const m of allMatches(SYMBOL_RE, t)) {
      if (/^A\/RES\//.test(m[1]!)) continue;
      if (!/\/\d{4}\/|\/[A-Z]+\/\d/.test(m[1]!) && !/^(DP|UNW|WFP|E\/ICEF)/.test(m[1]!)) continue;
      add({ kind: 'document', ref: m[1]!, surface: m[0] });
    }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Themes

export const THEMES: { id: string; label: string; terms: string[] }[] = [
  {
    id: 'gender-equality',
    label: 'Gender equality (SDG 5)',
    terms: [
      '性别平等',
      '妇女赋权',
      'gender equality',
      'egalite des sexes',
      'egalite de genre',
      'igualdad de genero',
      'гендерное равенство',
      'равенство мужчин и женщин',
      'المساواة بين الجنسين',
    ],
  },
  {
    id: 'qcpr',
    label: 'QCPR',
    terms: [
      '四年度全面政策审查',
      '四年期全面政策审查',
      'qcpr',
      'quadrennial comprehensive policy review',
      'examen quadriennal complet',
      'revision cuatrienal amplia',
      'четырехгодичный всеобъемлющий обзор',
      'الاستعراض الشامل الذي يجرى كل أربع سنوات',
    ],
  },
  {
    id: 'funding-compact',
    label: 'Funding Compact',
    terms: [
      '筹资契约',
      '供资契约',
      'funding compact',
      'pacte de financement',
      'pacto de financiacion',
      'пакт о финансировании',
      'اتفاق التمويل',
    ],
  },
  { id: 'un-2-0', label: 'UN 2.0', terms: ['联合国 2.0', '联合国2.0', 'un 2.0', 'onu 2.0', 'оон 2.0'] },
  {
    id: 'summit-of-the-future',
    label: 'Summit of the Future / Pact for the Future',
    terms: [
      '未来峰会',
      '未来行动方案',
      'summit of the future',
      'pact for the future',
      "sommet de l'avenir",
      'pacte pour l’avenir',
      "pacte pour l'avenir",
      'cumbre del futuro',
      'pacto para el futuro',
      'саммит будущего',
      'пакт во имя будущего',
      'مؤتمر قمة المستقبل',
      'ميثاق المستقبل',
    ],
  },
  {
    id: 'psea',
    label: 'PSEA and sexual harassment',
    terms: [
      '性剥削和性虐待',
      '性骚扰',
      'sexual exploitation and abuse',
      'sexual harassment',
      'psea',
      'exploitation et atteintes sexuelles',
      'harcelement sexuel',
      'explotacion y abusos sexuales',
      'acoso sexual',
      'сексуальной эксплуатации',
      'сексуальных домогательств',
      'الاستغلال والانتهاك الجنسيين',
      'التحرش الجنسي',
    ],
  },
  {
    id: 'nexus',
    label: 'Humanitarian-development-peace nexus',
    terms: [
      '人道主义-和平建设-发展',
      '人道主义与建设和平',
      '人道主义、发展与和平',
      'humanitarian-development-peace',
      'humanitarian, development and peace',
      'nexus',
      'action humanitaire, developpement et paix',
      'humanitario, desarrollo y paz',
      'гуманитарной деятельности, развития и мира',
    ],
  },
  {
    id: 'climate-action',
    label: 'Climate action',
    terms: [
      '气候行动',
      '气候变化',
      'climate action',
      'climate change',
      'action climatique',
      'changements climatiques',
      'accion climatica',
      'cambio climatico',
      'изменение климата',
      'изменения климата',
      'климатическ',
      'تغير المناخ',
      'العمل المناخي',
    ],
  },
  {
    id: 'disability-inclusion',
    label: 'Disability inclusion',
    terms: [
      '残疾人',
      '残疾',
      'disability',
      'disabilities',
      'handicap',
      'discapacidad',
      'инвалид',
      'الإعاقة',
      'ذوي الإعاقة',
    ],
  },
  {
    id: 'risk-management',
    label: 'Risk management',
    terms: [
      '风险管理',
      '风险',
      'risk management',
      'risk',
      'gestion des risques',
      'risques',
      'gestion de riesgos',
      'riesgos',
      'управление рисками',
      'рисков',
      'إدارة المخاطر',
      'المخاطر',
    ],
  },
  {
    id: 'joint-programmes',
    label: 'Joint programmes',
    terms: [
      '联合方案',
      '联合计划',
      'joint programme',
      'joint program',
      'programmes communs',
      'programas conjuntos',
      'совместные программы',
      'совместных программ',
      'البرامج المشتركة',
    ],
  },
  {
    id: 'shared-back-offices',
    label: 'Shared back offices',
    terms: [
      '后台办公室',
      '共享服务',
      'back office',
      'back-office',
      'shared services',
      'services partages',
      'servicios compartidos',
      'общие службы',
      'الخدمات المشتركة',
    ],
  },
];
const THEME_TERMS = THEMES.map((t) => ({ id: t.id, terms: t.terms.map((x) => foldText(x)) }));
// One pass over the folded text finds every theme term (substring match, as `includes` would).
const THEME_SCANNER = new LiteralScanner(THEME_TERMS.map((t) => t.terms));
const themeFound = new Uint8Array(THEME_TERMS.length);
const themeHits: number[] = [];

export function findThemes(text: string, references: readonly Reference[] = []): string[] {
  const folded = foldText(text);
  const out = new Set<string>();
  THEME_SCANNER.scan(folded, themeFound, themeHits);
  for (const i of themeHits) out.add(THEME_TERMS[i]!.id);
  for (const r of references) if (r.kind === 'sdg') out.add(`sdg-${r.ref}`);
  if (out.has('sdg-5')) out.add('gender-equality');
  return [...out];
}

export const THEME_IDS = [
  ...THEMES.map((t) => t.id),
  ...Array.from({ length: 17 }, (_, i) => `sdg-${i + 1}`),
];

// ---------------------------------------------------------------------------------------------
// Acronyms defined in the text

const CJK_RUN_BEFORE = /[\u4e00-\u9fff]{2,30}$/;
const ZH_NAME_PREFIXES = ['联合国', '世界', '国际'];

function isSubsequence(short: string[], long: string[]): boolean {
  let i = 0;
  for (const c of long) if (i < short.length && c === short[i]) i++;
  return i === short.length;
}

/** Chinese: the shortest tail of the preceding run that contains the short form in order. */
function zhLongForm(before: string, short: string): string | null {
  const run = CJK_RUN_BEFORE.exec(before)?.[0];
  if (!run) return null;
  const s = [...short];
  const chars = [...run];
  for (let start = chars.length - s.length; start >= 0; start--) {
    const cand = chars.slice(start);
    if (cand[0] === s[0] && isSubsequence(s, cand)) {
      let long = cand.join('');
      const rest = chars.slice(0, start).join('');
      const prefix = ZH_NAME_PREFIXES.find((p) => rest.endsWith(p));
      if (prefix) long = prefix + long;
      return long === short ? null : long;
    }
  }
  return null;
}

const SMALL_WORDS = new Set([
  'of',
  'the',
  'and',
  'for',
  'on',
  'in',
  'to',
  'de',
  'des',
  'du',
  'la',
  'le',
  'les',
  'et',
  'del',
  'y',
  'el',
  'los',
  'las',
  'и',
  'по',
  'для',
]);

/** Latin/Cyrillic (Schwartz–Hearst): words before "(ABC)" whose initials spell the acronym. */
function latinLongForm(before: string, short: string): string | null {
  const letters = [...short.replace(/[^\p{L}\p{N}]/gu, '')].map((c) => c.toLowerCase());
  if (letters.length < 2) return null;
  const words = before
    .trimEnd()
    .split(/\s+/)
    .slice(-(letters.length + 4));
  for (let n = 1; n <= words.length; n++) {
    const cand = words.slice(words.length - n);
    const significant = cand.filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
    if (!significant.length) continue;
    const first = cand[0]!.replace(/^[^\p{L}]+/u, '');
    if (!first || first[0]!.toLowerCase() !== letters[0]) continue;
    const initials = cand.map((w) => w.replace(/^[^\p{L}]+/u, '')[0]?.toLowerCase() ?? '');
    const joined = cand.join(' ').toLowerCase();
    if (
      isSubsequence(letters, [...joined]) &&
      significant.length <= letters.length + 1 &&
      initials.filter((c) => letters.includes(c)).length >= Math.min(2, letters.length)
    ) {
      return cand.join(' ').replace(/[,;:]$/, '');
    }
  }
  return null;
}

const PARENTHESIS_RE = /[（(]([^（）()]{1,12})[）)]/g;

export function findAcronyms(text: string): Acronym[] {
  const out: Acronym[] = [];
  const seen = new Set<string>();
  for (const m of allMatches(PARENTHESIS_RE, text)) {
    const short = m[1]!.trim();
    const before = text.slice(0, m.index);
    let long: string | null = null;
    if (/^[\u4e00-\u9fff]{2,8}$/.test(short)) long = zhLongForm(before, short);
    else if (/^[\p{Lu}][\p{L}\p{N}&-]{1,10}$/u.test(short) && /\p{Lu}.*\p{Lu}/u.test(short))
      long = latinLongForm(before, short);
    if (!long) continue;
    const key = `${short}|${long}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ shortForm: short, longForm: long });
  }
  return out;
}
