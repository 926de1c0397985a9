// The page-weight budget of the web UI: what a first visit transfers for a page — its HTML plus
// the stylesheet and any scripts it references — gzipped, at most 150 KB.
import { gzipSync } from 'node:zlib';
import { assets } from '../../src/web/assets.js';

export const PAGE_BUDGET = 150 * 1024;

export function pageWeight(body: string): number {
  let total = gzipSync(body).length;
  for (const a of assets().all.values()) if (body.includes(a.url)) total += a.gzip.length;
  return total;
}
