// The search index behind a narrow interface, with two engines that pass one conformance suite
// (test/search/conformance.test.ts): SQLite FTS5 (the embedded default) and PostgreSQL full text.
// Both store the tokens of tokenize.ts and the same facet tokens, and evaluate the same query
// tree (query.ts), so they find the same paragraphs; only the relevance scores differ in scale.
import { PostgresAdapter, SqliteAdapter, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { QueryNode } from './query.js';
import { PostgresFullTextIndex } from './postgres-fts.js';
import { SqliteFts5Index } from './sqlite-fts5.js';

export { RANKING_WINDOW, rankingWindow } from './window.js';

/** One indexed paragraph (or sub-point). */
export interface IndexEntry {
  paragraphId: string;
  documentId: string;
  expressionId: string;
  /** Body tokens (tokenize.ts) in text order, separated by single spaces (tokenText). */
  body: string;
  /** Filter tokens: see facet(). */
  facets: string[];
}

/** A compiled search: the text query plus facet groups (OR inside a group, AND between groups). */
export interface SearchRequest {
  must: QueryNode;
  not: QueryNode[];
  facets: string[][];
  limit: number;
  offset: number;
  /**
   * Ranking window (default RANKING_WINDOW, window.ts): when more paragraphs match than this (and than
   * offset + limit), only the newest this-many matches are ranked. See RANKING_WINDOW.
   */
  window?: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** More paragraphs matched than the ranking window: the hits are the best of the newest `window`. */
  windowed: boolean;
}

export interface SearchHit {
  paragraphId: string;
  /** Higher is more relevant; comparable only within one engine. */
  score: number;
}

export interface SearchIndex {
  readonly engine: 'sqlite-fts5' | 'postgres-fts';
  /**
   * Adds entries (their paragraphs must exist); an entry for an indexed paragraph replaces it.
   * `fresh`: the caller guarantees that no entry is indexed yet (paragraphs written in this very
   * transaction), so the engine need not look for earlier entries.
   */
  add(db: Kysely<DB>, entries: IndexEntry[], opts?: { fresh?: boolean }): Promise<void>;
  /** Removes the entries of one language version (e.g. when a new revision replaces it). */
  removeExpression(db: Kysely<DB>, expressionId: string): Promise<void>;
  /** Removes every entry. */
  clear(db: Kysely<DB>): Promise<void>;
  count(db: Kysely<DB>): Promise<number>;
  search(db: Kysely<DB>, request: SearchRequest): Promise<SearchResult>;
  /** The engine's own query text for a request (for benchmarks against the raw engine). */
  compile(request: SearchRequest): { match: string; facets: string | null };
}

export type EngineName = SearchIndex['engine'];

const engines = {
  sqlite: new SqliteFts5Index(),
  postgres: new PostgresFullTextIndex(),
};

export function dialectOf(db: Kysely<DB>): 'sqlite' | 'postgres' {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  if (adapter instanceof PostgresAdapter) return 'postgres';
  throw new Error(`no search engine for the database adapter ${adapter.constructor.name}`);
}

/** The search index for the database's dialect (works on a transaction too). */
export function searchIndexFor(db: Kysely<DB>): SearchIndex {
  return engines[dialectOf(db)];
}

/**
 * A facet token, e.g. facet('board', 'undp-unfpa-unops') = "board_undp_2dunfpa_2dunops". Values
 * are encoded injectively into [a-z0-9_] so that both engines keep each facet as one token.
 */
export function facet(name: string, value: string | number): string {
  // Indexing asks for the same few facets (a language, a year, a board…) for every paragraph.
  let byValue = facetMemo.get(name);
  if (!byValue) facetMemo.set(name, (byValue = new Map<string | number, string>()));
  let f = byValue.get(value);
  if (f === undefined) {
    const v = String(value).replace(/[^a-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
    f = `${name}_${v}`;
    if (byValue.size < 10_000) byValue.set(value, f);
  }
  return f;
}
const facetMemo = new Map<string, Map<string | number, string>>();
