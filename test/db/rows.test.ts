// insertRows (db/rows.ts) on both backends: every row arrives once with its values (nulls for
// undefined), in chunks of the sizes chunkSizes gives, inside the caller's transaction, and a
// `returning` suffix gives back one row per inserted row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/db.js';
import { chunkSizes, insertRows } from '../../src/db/rows.js';

describe('chunkSizes', () => {
  it('splits into full chunks, then powers of two, summing to the total', () => {
    expect(chunkSizes(0, 256)).toEqual([]);
    expect(chunkSizes(1, 256)).toEqual([1]);
    expect(chunkSizes(256, 256)).toEqual([256]);
    expect(chunkSizes(600, 256)).toEqual([256, 256, 64, 16, 8]);
    expect(chunkSizes(7, 5)).toEqual([5, 2]);
    for (const [total, max] of [
      [1000, 256],
      [999, 100],
      [3, 1],
    ] as const) {
      const sizes = chunkSizes(total, max);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(max);
    }
  });
});

describe.each(BACKENDS)('insertRows (%s)', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend, { migrate: false });
    await sql`create table rows_probe (id text primary key, n integer, note text)`.execute(t.db);
  });
  afterAll(async () => t.close());

  it('inserts every row with its values; undefined becomes null', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => ({
      id: `r${i}`,
      n: i,
      note: i % 3 ? `note ${i}` : undefined,
    }));
    // (A table outside the typed schema: the typed signature is checked by the compiler elsewhere.)
    await insertRows(t.db, 'rows_probe' as never, ['id', 'n', 'note'] as never, rows as never);
    const back = await sql<{
      id: string;
      n: number;
      note: string | null;
    }>`select id, n, note from rows_probe order by n`.execute(t.db);
    expect(back.rows).toHaveLength(600);
    expect(back.rows.map((r) => Number(r.n))).toEqual(rows.map((r) => r.n));
    expect(back.rows.map((r) => r.note)).toEqual(rows.map((r) => r.note ?? null));
  });

  it('returns the rows a returning suffix names, one per row', async () => {
    const rows = Array.from({ length: 37 }, (_, i) => ({ id: `s${i}`, n: 1000 + i, note: 'x' }));
    const back = await insertRows<never, { id: string }>(
      t.db,
      'rows_probe' as never,
      ['id', 'n', 'note'] as never,
      rows,
      'returning id',
    );
    expect(back.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('writes inside the caller transaction: a rollback leaves nothing', async () => {
    await t.db
      .transaction()
      .execute(async (trx) => {
        await insertRows(
          trx,
          'rows_probe' as never,
          ['id', 'n', 'note'] as never,
          [{ id: 'gone', n: -1 }] as never,
        );
        throw new Error('roll back');
      })
      .catch(() => {});
    const n = await sql<{ c: number }>`select count(*) as c from rows_probe where id = 'gone'`.execute(t.db);
    expect(Number(n.rows[0]!.c)).toBe(0);
  });

  it('rejects a duplicate key with the database error and keeps the earlier rows', async () => {
    await expect(
      insertRows(t.db, 'rows_probe' as never, ['id', 'n', 'note'] as never, [{ id: 'r1', n: 1 }] as never),
    ).rejects.toThrow();
    const n = await sql<{ c: number }>`select count(*) as c from rows_probe`.execute(t.db);
    expect(Number(n.rows[0]!.c)).toBe(637);
  });
});
