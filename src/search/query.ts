// Reads a user's search text into an engine-neutral query tree, which each SearchIndex compiles to
// its own syntax (FTS5 MATCH, tsquery). Grammar: words are ANDed; "quoted text" (also “…” and
// 「…」) is a phrase; OR between two terms; -term excludes; term* is a prefix. An unquoted run of
// five or more Chinese characters also matches when its words (jieba) occur apart.
import { errors } from '../lib/errors.js';
import { chineseWords, isCjk, phraseKey, phraseOf, type Phrase } from './tokenize.js';

export type QueryNode =
  { op: 'phrase'; phrase: Phrase } | { op: 'and'; items: QueryNode[] } | { op: 'or'; items: QueryNode[] };

export interface ParsedQuery {
  must: QueryNode;
  not: QueryNode[];
}

const MAX_QUERY_TERMS = 32;

interface Lexeme {
  kind: 'term' | 'phrase' | 'or';
  text: string;
  negate: boolean;
}

function lex(q: string): Lexeme[] {
  const out: Lexeme[] = [];
  const re = /(-?)(?:"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|(\S+))/gu;
  for (let m = re.exec(q); m; m = re.exec(q)) {
    const negate = m[1] === '-';
    const quoted = m[2] ?? m[3] ?? m[4];
    if (quoted !== undefined) out.push({ kind: 'phrase', text: quoted, negate });
    else if (m[5] === 'OR' && !negate) out.push({ kind: 'or', text: 'OR', negate: false });
    else out.push({ kind: 'term', text: m[5]!, negate });
  }
  return out;
}

function phraseNode(p: Phrase): QueryNode {
  return { op: 'phrase', phrase: p };
}

/** An unquoted term: one phrase, or for a long Chinese run, the phrase OR all of its words. */
function termNode(text: string): QueryNode | null {
  const prefix = text.endsWith('*');
  const body = prefix ? text.replace(/\*+$/, '') : text;
  const p = phraseOf(body, { prefix });
  if (!p) return null;
  const chars = [...body];
  if (!prefix && chars.length >= 5 && chars.every((c) => isCjk(c))) {
    const words = chineseWords(body).filter((w) => [...w].length >= 2);
    if (words.length >= 2) {
      const parts = words.map((w) => phraseOf(w)).filter((x): x is Phrase => x !== null);
      return { op: 'or', items: [phraseNode(p), { op: 'and', items: parts.map(phraseNode) }] };
    }
  }
  return phraseNode(p);
}

export function parseQuery(q: string): ParsedQuery {
  const lexemes = lex(q.slice(0, 1000));
  const groups: QueryNode[][] = [];
  const not: QueryNode[] = [];
  let joinNext = false;
  let terms = 0;
  for (const l of lexemes) {
    if (l.kind === 'or') {
      joinNext = groups.length > 0;
      continue;
    }
    const node =
      l.kind === 'phrase'
        ? (() => {
            const p = phraseOf(l.text);
            return p ? phraseNode(p) : null;
          })()
        : termNode(l.text);
    if (!node) continue;
    if (++terms > MAX_QUERY_TERMS)
      throw errors.validation([
        {
          path: '/querystring/q',
          message: `has more than ${MAX_QUERY_TERMS} terms`,
          code: 'tooManyTerms',
          params: { limit: MAX_QUERY_TERMS },
        },
      ]);
    if (l.negate) {
      not.push(node);
      joinNext = false;
      continue;
    }
    if (joinNext) groups[groups.length - 1]!.push(node);
    else groups.push([node]);
    joinNext = false;
  }
  if (groups.length === 0)
    throw errors.validation([
      {
        path: '/querystring/q',
        ...(not.length
          ? { message: 'only excludes words (-word): give at least one word to find', code: 'onlyExclusions' }
          : { message: 'has no searchable word (letters, digits or characters)', code: 'noSearchableWord' }),
      },
    ]);
  const items = groups.map((g): QueryNode => (g.length === 1 ? g[0]! : { op: 'or', items: g }));
  return { must: items.length === 1 ? items[0]! : { op: 'and', items }, not };
}

/** Every phrase in a tree (for alias look-up and highlighting). */
export function phrases(node: QueryNode): Phrase[] {
  if (node.op === 'phrase') return [node.phrase];
  return node.items.flatMap(phrases);
}

/** An alias pair as stored: the keys of both forms (see tokenize.phraseKey). */
export interface AliasPair {
  shortKey: string;
  longKey: string;
}

/**
 * Expands every phrase that is one form of a known alias into (phrase OR other form), so that
 * "联检组" also finds "联合国联合检查组" and "JIU" finds "Joint Inspection Unit".
 */
export function expandAliases(parsed: ParsedQuery, aliases: AliasPair[]): ParsedQuery {
  if (aliases.length === 0) return parsed;
  const others = new Map<string, Set<string>>();
  for (const a of aliases) {
    if (!a.shortKey || !a.longKey || a.shortKey === a.longKey) continue;
    others.set(a.shortKey, new Set([...(others.get(a.shortKey) ?? []), a.longKey]));
    others.set(a.longKey, new Set([...(others.get(a.longKey) ?? []), a.shortKey]));
  }
  const visit = (n: QueryNode): QueryNode => {
    if (n.op !== 'phrase') return { op: n.op, items: n.items.map(visit) };
    if (n.phrase.prefix) return n;
    const alt = others.get(n.phrase.tokens.join(' '));
    if (!alt) return n;
    return {
      op: 'or',
      items: [n, ...[...alt].map((k) => phraseNode({ tokens: k.split(' '), prefix: false }))],
    };
  };
  // The whole unquoted query may itself be a long form ("joint inspection unit").
  let must = visit(parsed.must);
  if (parsed.must.op === 'and' && parsed.must.items.every((i) => i.op === 'phrase')) {
    const whole = phrases(parsed.must)
      .map((p) => p.tokens.join(' '))
      .join(' ');
    const alt = others.get(whole);
    if (alt)
      must = {
        op: 'or',
        items: [must, ...[...alt].map((k) => phraseNode({ tokens: k.split(' '), prefix: false }))],
      };
  }
  return { must, not: parsed.not };
}

/** The keys to look up in the alias table for a parsed query. */
export function aliasLookupKeys(parsed: ParsedQuery): string[] {
  const keys = new Set(
    phrases(parsed.must)
      .filter((p) => !p.prefix)
      .map((p) => p.tokens.join(' ')),
  );
  if (parsed.must.op === 'and')
    keys.add(
      phrases(parsed.must)
        .map((p) => p.tokens.join(' '))
        .join(' '),
    );
  return [...keys].filter(Boolean);
}

export { phraseKey };
