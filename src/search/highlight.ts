// Snippets with highlighted matches. The paragraph is tokenized again with offsets and the query's
// phrases are matched on that token stream, the same stream the engines indexed, so exactly the
// text that matched is marked. Output is HTML-escaped, with <mark> around matches.
import type { Phrase, Token } from './tokenize.js';
import { tokenizePrefixWithOffsets, tokenizeWithOffsets } from './tokenize.js';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Character ranges of `text` where one of the phrases matches. */
export function matchRanges(text: string, phrases: Phrase[]): [number, number][] {
  return rangesOf(tokenizeWithOffsets(text), phrases);
}

function rangesOf(tokens: Token[], phrases: Phrase[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const p of phrases) {
    const k = p.tokens.length;
    if (!k) continue;
    for (let i = 0; i + k <= tokens.length; i++) {
      let ok = true;
      for (let j = 0; j < k && ok; j++) {
        const t = tokens[i + j]!.token;
        ok = j === k - 1 && p.prefix ? t.startsWith(p.tokens[j]!) : t === p.tokens[j];
      }
      if (!ok) continue;
      const first = tokens[i]!;
      let last = tokens[i + k - 1]!;
      // A prefix on an ideograph stands for that one character, not the bigram it starts.
      if (p.prefix && last.cjk && p.tokens[k - 1]!.length === 1) last = { ...last, end: last.start + 1 };
      ranges.push([first.start, last.end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

/** A window of about `width` characters around the first match, matches in <mark>. */
export function snippet(text: string, phrases: Phrase[], width = 160): string {
  const cjk = /[\u4e00-\u9fff]/.test(text.slice(0, 200));
  const w = cjk ? Math.round(width / 2) : width;
  const windowOf = (ranges: [number, number][]) => {
    let start = 0;
    if (ranges.length && ranges[0]![0] > w / 3) {
      start = ranges[0]![0] - Math.round(w / 3);
      if (!cjk) {
        const space = text.lastIndexOf(' ', start);
        start = space > 0 && start - space < 20 ? space + 1 : start;
      }
    }
    let end = Math.min(text.length, start + w);
    if (!cjk && end < text.length) {
      const space = text.indexOf(' ', end);
      end = space > 0 && space - end < 20 ? space : end;
    }
    return { start, end };
  };
  // Only the window is shown, so tokenize a prefix of a long paragraph first. The result is the
  // same as with every token when the prefix holds a match and, after the window's end, at least
  // as many tokens as the longest phrase has: every match that starts before the end (including
  // the first one) then lies wholly in the prefix. Otherwise fall back to the whole text.
  let ranges: [number, number][] | null = null;
  if (text.length > 3 * width) {
    const { tokens, complete } = tokenizePrefixWithOffsets(text, 3 * width);
    const r = rangesOf(tokens, phrases);
    if (complete) ranges = r;
    else if (r.length) {
      const { end } = windowOf(r);
      const longest = Math.max(0, ...phrases.map((p) => p.tokens.length));
      if (tokens.filter((t) => t.start >= end).length >= longest) ranges = r;
    }
  }
  ranges ??= matchRanges(text, phrases);
  const { start, end } = windowOf(ranges);
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const [a, b] of ranges) {
    if (b <= start || a >= end) continue;
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    out += escape(text.slice(at, s)) + '<mark>' + escape(text.slice(s, e)) + '</mark>';
    at = e;
  }
  out += escape(text.slice(at, end));
  if (end < text.length) out += '…';
  return out;
}
