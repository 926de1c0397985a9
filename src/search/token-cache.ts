// Tokens of paragraph texts computed ahead of the write path, by the threads that prepare a bulk
// import (ingest/prepare-pool.ts): tokenize() is a pure function of the text, so the indexer can
// take the tokens instead of computing them again. Bounded, first in first out; a text that is not
// here is simply tokenized.
import { tokenText } from './tokenize.js';
import { FifoMap } from '../lib/fifo-map.js';

const MAX_ENTRIES = 50_000;
// Tokens joined by spaces (tokens never contain one): one string crosses threads far more cheaply
// than an array of short strings.
const primed = new FifoMap<string, string>(MAX_ENTRIES);

export function primeTokens(text: string, tokens: string): void {
  if (!primed.has(text)) primed.set(text, tokens);
}

/**
 * The index tokens of a text, space-separated (tokenText): handed over if primed (and then
 * forgotten), otherwise computed.
 */
export function tokenTextOf(text: string): string {
  const t = primed.get(text);
  if (t === undefined) return tokenText(text);
  primed.delete(text);
  return t;
}

/** Whether tokens for this text are waiting to be handed over (tests). */
export function isPrimed(text: string): boolean {
  return primed.has(text);
}
