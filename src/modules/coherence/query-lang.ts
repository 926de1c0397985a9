// A small evaluator for the Aurora SDG query syntax (Scopus style) over a tokenized text:
// quoted phrases with * truncation, OR, W/n (both words within n words, either order), AND,
// AND NOT and parentheses. Precedence as in Scopus: OR binds tightest, then W/n, then AND, then
// AND NOT. Evaluation returns the spans that satisfied the query and the words that matched, so
// every tag the model suggests can say which terms triggered it.

export type QueryNode =
  | { kind: 'phrase'; text: string; words: { stem: string; prefix: boolean }[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'near'; n: number; left: QueryNode; right: QueryNode }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'andNot'; left: QueryNode; right: QueryNode };

type Tok = { t: 'phrase'; v: string } | { t: 'op'; v: 'OR' | 'AND' | 'ANDNOT' } | { t: 'near'; n: number } | { t: '(' } | { t: ')' };

export class QuerySyntaxError extends Error {}

/** Splits a phrase into lower-case words the way the text is tokenized (letters and digits). */
export function phraseWords(text: string): { stem: string; prefix: boolean }[] {
  const parts = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}*]+/u)
    .filter((w) => w.replace(/\*/g, '') !== '');
  return parts.map((w) => ({ stem: w.replace(/\*/g, ''), prefix: w.endsWith('*') }));
}

function lex(q: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      const end = q.indexOf('"', i + 1);
      if (end < 0) throw new QuerySyntaxError(`unterminated phrase at ${i}`);
      const v = q.slice(i + 1, end).trim();
      if (v) out.push({ t: 'phrase', v });
      i = end + 1;
    } else if (c === '(' || c === ')') {
      out.push({ t: c });
      i++;
    } else {
      const m = /^(AND\s+NOT|AND|OR|W\/(\d+)|PRE\/(\d+))(?![A-Za-z])/i.exec(q.slice(i));
      if (!m) {
        // A bare word is a phrase of one word.
        const w = /^[^\s()"]+/.exec(q.slice(i))![0];
        out.push({ t: 'phrase', v: w });
        i += w.length;
        continue;
      }
      const op = m[1]!.toUpperCase().replace(/\s+/g, ' ');
      if (m[2] || m[3]) out.push({ t: 'near', n: Number(m[2] ?? m[3]) });
      else out.push({ t: 'op', v: op === 'AND NOT' ? 'ANDNOT' : (op as 'AND' | 'OR') });
      i += m[0].length;
    }
  }
  return out;
}

export function parseQuery(q: string): QueryNode {
  const toks = lex(q);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => {
    const t = peek();
    return t?.t === 'op' && t.v === v;
  };
  function primary(): QueryNode {
    const t = toks[p++];
    if (!t) throw new QuerySyntaxError('unexpected end of query');
    if (t.t === 'phrase') return { kind: 'phrase', text: t.v, words: phraseWords(t.v) };
    if (t.t === '(') {
      const e = andNot();
      if (toks[p++]?.t !== ')') throw new QuerySyntaxError('missing )');
      return e;
    }
    throw new QuerySyntaxError(`unexpected ${t.t}`);
  }
  function or(): QueryNode {
    const children = [primary()];
    while (isOp('OR')) {
      p++;
      children.push(primary());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }
  function near(): QueryNode {
    let left = or();
    for (let t = peek(); t?.t === 'near'; t = peek()) {
      p++;
      left = { kind: 'near', n: t.n, left, right: or() };
    }
    return left;
  }
  function and(): QueryNode {
    const children = [near()];
    // Two operands side by side (no operator) are read as AND, as Scopus does.
    for (let t = peek(); t && (isOp('AND') || t.t === 'phrase' || t.t === '('); t = peek()) {
      if (isOp('AND')) p++;
      children.push(near());
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }
  function andNot(): QueryNode {
    let left = and();
    while (isOp('ANDNOT')) {
      p++;
      left = { kind: 'andNot', left, right: and() };
    }
    return left;
  }
  const node = andNot();
  if (p !== toks.length) throw new QuerySyntaxError(`unexpected token at ${p}`);
  return node;
}

export interface Span {
  start: number;
  end: number; // inclusive word index
  /** The phrases (as written in the rule) that matched, and the words of the text they matched. */
  hits: { pattern: string; surface: string }[];
}

const MAX_SPANS = 64;

function phraseSpans(node: Extract<QueryNode, { kind: 'phrase' }>, words: string[], index: Map<string, number[]>): Span[] {
  const w = node.words;
  if (!w.length) return [];
  const first = w[0]!;
  const starts = first.prefix ? prefixPositions(first.stem, index) : (index.get(first.stem) ?? []);
  const out: Span[] = [];
  for (const s of starts) {
    let ok = true;
    for (let k = 1; k < w.length && ok; k++) {
      const tok = words[s + k];
      const x = w[k]!;
      ok = tok !== undefined && (x.prefix ? tok.startsWith(x.stem) : tok === x.stem);
    }
    if (ok) {
      out.push({ start: s, end: s + w.length - 1, hits: [{ pattern: node.text, surface: words.slice(s, s + w.length).join(' ') }] });
      if (out.length >= MAX_SPANS) break;
    }
  }
  return out;
}

function prefixPositions(stem: string, index: Map<string, number[]>): number[] {
  const out: number[] = [];
  for (const [tok, pos] of index) if (tok.startsWith(stem)) out.push(...pos);
  return out.sort((a, b) => a - b);
}

function evaluate(node: QueryNode, words: string[], index: Map<string, number[]>): Span[] {
  switch (node.kind) {
    case 'phrase':
      return phraseSpans(node, words, index);
    case 'or':
      return node.children.flatMap((c) => evaluate(c, words, index)).slice(0, MAX_SPANS);
    case 'near': {
      const l = evaluate(node.left, words, index);
      if (!l.length) return [];
      const r = evaluate(node.right, words, index);
      const out: Span[] = [];
      for (const a of l)
        for (const b of r) {
          const gap = a.end < b.start ? b.start - a.end : b.end < a.start ? a.start - b.end : 0;
          if (gap <= node.n && out.length < MAX_SPANS)
            out.push({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end), hits: [...a.hits, ...b.hits] });
        }
      return out;
    }
    case 'and': {
      const parts: Span[][] = [];
      for (const c of node.children) {
        const s = evaluate(c, words, index);
        if (!s.length) return [];
        parts.push(s);
      }
      return parts.flat().slice(0, MAX_SPANS);
    }
    case 'andNot': {
      const l = evaluate(node.left, words, index);
      if (!l.length) return [];
      return evaluate(node.right, words, index).length ? [] : l;
    }
  }
}

/** A text prepared once for many queries: its words and where each occurs. */
export interface PreparedText {
  words: string[];
  index: Map<string, number[]>;
}

export function prepareText(words: string[]): PreparedText {
  const index = new Map<string, number[]>();
  words.forEach((w, i) => {
    const list = index.get(w);
    if (list) list.push(i);
    else index.set(w, [i]);
  });
  return { words, index };
}

/** The spans of `text` that satisfy `node` (empty when the query does not match). */
export function matchQuery(node: QueryNode, text: PreparedText): Span[] {
  return evaluate(node, text.words, text.index);
}
