// Many rows into one table without the query builder: the write path of an import inserts tens
// of thousands of rows (paragraphs, annotations, index entries), and building each multi-row
// statement through Kysely's builder and compiler cost as much as SQLite took to run it. Here the
// statement text depends only on the table, the columns and the number of rows; rows go in chunks
// of fixed sizes (a full chunk, then powers of two), so a handful of texts per table are prepared
// once and reused (the SQLite connection keeps prepared statements by text, database.ts).
// Runs on the caller's Kysely instance or transaction, on both dialects.
import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/** At most this many rows, and about this many bound values, per statement. */
const MAX_ROWS = 256;
const MAX_VALUES = 4096;

const texts = new Map<string, string>();

function statementText(
  postgres: boolean,
  table: string,
  columns: readonly string[],
  rows: number,
  suffix: string,
): string {
  const key = `${postgres ? 'p' : 's'}\u0000${table}\u0000${columns.join('\u0000')}\u0000${rows}\u0000${suffix}`;
  let text = texts.get(key);
  if (text === undefined) {
    const tuples: string[] = [];
    let n = 0;
    for (let r = 0; r < rows; r++) {
      const marks: string[] = [];
      for (let c = 0; c < columns.length; c++) marks.push(postgres ? `$${++n}` : '?');
      tuples.push(`(${marks.join(', ')})`);
    }
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}${suffix ? ` ${suffix}` : ''}`;
    texts.set(key, text);
  }
  return text;
}

/** The sizes of the statements that insert `total` rows, at most `max` each. */
export function chunkSizes(total: number, max: number): number[] {
  const out: number[] = [];
  let left = total;
  while (left >= max) {
    out.push(max);
    left -= max;
  }
  for (let size = 1 << Math.floor(Math.log2(Math.max(1, max))); left > 0; size >>= 1)
    if (left >= size) {
      out.push(size);
      left -= size;
    }
  return out;
}

/**
 * Inserts `rows` (values read by column name; undefined is stored as null) into `table`. `suffix`
 * is appended to every statement (e.g. an `on conflict` clause or `returning`); the rows that the
 * statements return are returned in order.
 */
export async function insertRows<T extends keyof DB, R = never>(
  db: Kysely<DB>,
  table: T,
  columns: readonly (keyof DB[T] & string)[],
  rows: readonly Partial<Record<keyof DB[T] & string, unknown>>[],
  suffix = '',
): Promise<R[]> {
  return insertRaw<R>(db, table, columns, rows, suffix);
}

/** insertRows for tables outside the typed schema (the SQLite full-text table). */
export async function insertRaw<R = never>(
  db: Kysely<DB>,
  table: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  suffix = '',
): Promise<R[]> {
  const out: R[] = [];
  if (rows.length === 0) return out;
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const max = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VALUES / columns.length)));
  let at = 0;
  for (const size of chunkSizes(rows.length, max)) {
    const params: unknown[] = [];
    for (let r = at; r < at + size; r++) {
      const row = rows[r]!;
      for (const c of columns) params.push(row[c] ?? null);
    }
    at += size;
    const res = await db.executeQuery<R>(
      CompiledQuery.raw(statementText(postgres, table, columns, size, suffix), params),
    );
    for (const row of res.rows) out.push(row);
  }
  return out;
}
