// The ranking function of the SQLite search engine. concord_rank() (native/concordfts.c, a SQLite
// extension built by `npm ci` where a C compiler is present) orders matches exactly as FTS5's
// bm25(search_fts, 1.0, 0.0) does, without counting the matches of a lone phrase over the whole
// table first (at 1M paragraphs most of a phrase query's time; docs/BENCHMARKS.md). Where the
// library is missing or cannot be loaded, bm25() ranks instead, in the same order.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type SqliteDatabase from 'better-sqlite3';

const LIBRARY = `concordfts.${process.platform === 'win32' ? 'dll' : process.platform === 'darwin' ? 'dylib' : 'so'}`;

/** The built library: native/build/ of the package this module belongs to (src/, dist/ or a copy of either). */
function findLibrary(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'native', 'build', LIBRARY);
    if (fs.existsSync(file)) return file;
    dir = path.dirname(dir);
  }
  return null;
}

let library: string | null | undefined;
let loadError: string | null = null;
let loadedOnce = false;
let preferBm25 = process.env.CONCORD_RANK_FUNCTION === 'bm25';

/**
 * Loads concord_rank() into a connection; false when the library is missing or fails to load (the
 * reason is in rankFunctionStatus()). Every SQLite connection openDatabase() opens goes through here.
 */
export function loadRankFunction(sqlite: SqliteDatabase.Database): boolean {
  if (library === undefined) library = findLibrary();
  if (library === null) {
    loadError ??= `${LIBRARY} not built (npm ci builds it with a C compiler: native/build.mjs)`;
    return false;
  }
  try {
    sqlite.loadExtension(library);
    loadedOnce = true;
    return true;
  } catch (e) {
    loadError = `${LIBRARY}: ${(e as Error).message}`;
    return false;
  }
}

/** Which function ranks SQLite searches, and why bm25() if it is bm25(). */
export function rankFunctionStatus(): { name: 'concord_rank' | 'bm25'; reason?: string } {
  if (loadedOnce && !preferBm25) return { name: 'concord_rank' };
  return {
    name: 'bm25',
    reason: preferBm25 ? 'CONCORD_RANK_FUNCTION=bm25' : (loadError ?? 'no connection opened'),
  };
}

/** Ranks with bm25() even where concord_rank() is loaded (CONCORD_RANK_FUNCTION=bm25 at start-up; tests compare both). */
export function setPreferBm25(value: boolean): void {
  preferBm25 = value;
}
