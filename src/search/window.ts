// The ranking window of both search engines.
import type { SearchRequest } from './index.js';

/**
 * Relevance is computed for at most this many matches, the newest ones (index order, which is the
 * order paragraphs were created in). A query whose words are in a large share of the corpus
 * (at 1M paragraphs, a common word matches 150 000) would otherwise score every match before
 * taking the first page: hundreds of milliseconds. Queries with fewer matches are ranked in full.
 */
export const RANKING_WINDOW = 10_000;

/** The window a request ranks within: at least the page asked for. */
export const rankingWindow = (r: SearchRequest): number =>
  Math.max(r.window ?? RANKING_WINDOW, r.offset + r.limit);
