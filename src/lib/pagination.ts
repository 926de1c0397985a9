// Keyset (cursor) pagination: the cursor holds the sort value and id of the last row returned, so
// pages stay stable while rows are added, and each page costs an index range scan.
import { sql, type Expression, type SqlBool } from 'kysely';
import { errors } from './errors.js';

export interface SortSpec {
  /** Qualified column reference, e.g. "documents.date". */
  column: string;
  idColumn: string;
  descending: boolean;
}

export interface Cursor {
  v: string | number;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.v, c.id])).toString('base64url');
}

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      typeof parsed[1] === 'string'
    ) {
      return { v: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw errors.validation([
    { path: '/querystring/cursor', message: 'is not a cursor returned by this API', code: 'cursor' },
  ]);
}

/** The WHERE condition that starts a page after `cursor`. */
export function afterCursor(sort: SortSpec, cursor: Cursor): Expression<SqlBool> {
  const col = sql.ref(sort.column);
  const id = sql.ref(sort.idColumn);
  return sort.descending
    ? sql<SqlBool>`(${col} < ${cursor.v} or (${col} = ${cursor.v} and ${id} < ${cursor.id}))`
    : sql<SqlBool>`(${col} > ${cursor.v} or (${col} = ${cursor.v} and ${id} > ${cursor.id}))`;
}

/** Parses "field" or "-field" against the allowed fields; returns the column and direction. */
export function parseSort(
  raw: string | undefined,
  allowed: Record<string, string>,
  fallback: string,
): { column: string; descending: boolean; key: string } {
  const value = raw ?? fallback;
  const descending = value.startsWith('-');
  const key = descending ? value.slice(1) : value;
  const column = allowed[key];
  if (!column) {
    throw errors.validation([
      {
        path: '/querystring/sort',
        message: `must be one of ${Object.keys(allowed)
          .map((k) => `${k}, -${k}`)
          .join(', ')}`,
      },
    ]);
  }
  return { column, descending, key };
}

/** Takes limit+1 rows, returns the page and the cursor of the next page (if any). */
export function pageOf<R extends { id: string }>(
  rows: R[],
  limit: number,
  sortValue: (r: R) => string | number,
): { items: R[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ v: sortValue(last), id: last.id }) : null,
  };
}
