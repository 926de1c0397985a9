// Enrichment runs twice over the same text in an import: once for the preview (pipeline.ts) and
// again when the committed paragraphs are annotated (annotate.ts, on the write path every
// language version goes through). The finders are pure functions of the text, so the second run
// reads what the first one found from this bounded memo instead (first in, first out, bounded by
// entries and by characters). The arrays returned are shared: callers must not modify them.
import {
  detectLanguage,
  findAcronyms,
  findMentions,
  findReferences,
  findThemes,
  type Acronym,
  type Language,
  type Mention,
  type Reference,
} from './enrich.js';
import { FifoMap } from '../lib/fifo-map.js';

interface Entry {
  languages?: Map<Language, Language>;
  mentions?: Mention[];
  references?: Reference[];
  themes?: string[];
  acronyms?: Acronym[];
}

// Enough for what a bulk ingest has prepared ahead of the writer (two batches, see
// modules/ingest/bulk.ts): about 40 MB when full.
const MAX_ENTRIES = 40_000;
const MAX_CHARS = 12_000_000;
const memo = new FifoMap<string, Entry>(MAX_ENTRIES, MAX_CHARS);
let memoOn = true;

function entry(text: string): Entry {
  // Off: every call computes (a thread that enriches each text once and hands the results on).
  if (!memoOn) return {};
  let e = memo.get(text);
  if (e) return e;
  e = {};
  memo.set(text, e, text.length);
  return e;
}

export const enrichment = {
  language(text: string, fallback: Language): Language {
    const e = entry(text);
    e.languages ??= new Map();
    let l = e.languages.get(fallback);
    if (l === undefined) {
      l = detectLanguage(text, fallback);
      e.languages.set(fallback, l);
    }
    return l;
  },
  mentions(text: string): Mention[] {
    const e = entry(text);
    return (e.mentions ??= findMentions(text));
  },
  references(text: string): Reference[] {
    const e = entry(text);
    return (e.references ??= findReferences(text));
  },
  /**
   * Themes, with the SDGs of the text's own references (as findThemes(text, findReferences(text)));
   * `references`: those references, when the caller has them.
   */
  themes(text: string, references?: Reference[]): string[] {
    const e = entry(text);
    return (e.themes ??= findThemes(text, references ?? enrichment.references(text)));
  },
  acronyms(text: string): Acronym[] {
    const e = entry(text);
    return (e.acronyms ??= findAcronyms(text));
  },
  /** Forgets everything (tests). */
  clear(): void {
    memo.clear();
  },
  /**
   * Turns the memo off (on: true turns it back on): for a thread whose every text is enriched
   * once, where the memo would only cost a look-up and an entry per text.
   */
  memoize(on: boolean): void {
    memoOn = on;
    if (!on) memo.clear();
  },
};
