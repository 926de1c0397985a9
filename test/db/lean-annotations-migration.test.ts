// Migration 0008 on both backends: a database annotated under the earlier table definitions keeps
// every annotation row; on SQLite the four tables become WITHOUT ROWID tables clustered by
// paragraph, on PostgreSQL the unused (kind, ref) indexes go; deleting paragraphs still removes
// their annotations, and re-running the SQLite step on lean tables changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/db.js';
import { migrateToLatest, migrator } from '../../src/db/database.js';
import { loadJointMeeting2024, loadReferenceData } from '../../src/seed/demo.js';

const TABLES = [
  ['paragraph_annotations', 'paragraph_id, language'],
  ['paragraph_mentions', 'id, paragraph_id, kind, ref_id, surface'],
  ['paragraph_references', 'id, paragraph_id, kind, ref, surface'],
  ['paragraph_themes', 'paragraph_id, theme'],
] as const;

async function snapshot(t: TestDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, columns] of TABLES)
    out[table] = (await sql.raw(`select ${columns} from ${table} order by ${columns}`).execute(t.db)).rows;
  return out;
}

async function indexNames(t: TestDatabase): Promise<string[]> {
  const r =
    t.backend === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(t.db)
      : await sql<{
          name: string;
        }>`select indexname as name from pg_indexes where schemaname = ${t.pgSchema ?? 'public'}`.execute(
          t.db,
        );
  return r.rows.map((x) => x.name);
}

describe.each(BACKENDS)('migration 0008 (lean annotation tables) on %s', (backend) => {
  let t: TestDatabase;
  let before: Record<string, unknown[]>;
  beforeAll(async () => {
    t = await createTestDatabase(backend, { migrate: false });
    const to = await migrator(t.db, t.pgSchema).migrateTo('0007_fts_settings');
    expect(to.error).toBeUndefined();
    await loadReferenceData(t.db);
    await loadJointMeeting2024(t.db);
    before = await snapshot(t);
    expect(await indexNames(t)).toContain('paragraph_mentions_ref');
    await migrateToLatest(t.db, t.pgSchema);
  });
  afterAll(async () => t.close());

  it('keeps every annotation row', async () => {
    expect(before.paragraph_annotations!.length).toBeGreaterThanOrEqual(32);
    expect(before.paragraph_mentions!.length).toBeGreaterThan(20);
    expect(before.paragraph_references!.length).toBeGreaterThan(0);
    expect(before.paragraph_themes!.length).toBeGreaterThan(10);
    expect(await snapshot(t)).toEqual(before);
  });

  it('drops the unused (kind, ref) indexes', async () => {
    const names = await indexNames(t);
    expect(names).not.toContain('paragraph_mentions_ref');
    expect(names).not.toContain('paragraph_references_ref');
  });

  it.runIf(backend === 'sqlite')('makes the four tables WITHOUT ROWID, keyed by paragraph', async () => {
    for (const [table] of TABLES) {
      const r = await sql<{
        sql: string;
      }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(t.db);
      expect(r.rows[0]!.sql).toMatch(/without rowid/i);
      const pk = await sql<{
        name: string;
        pk: number;
      }>`select name, pk from pragma_table_info(${table}) where pk > 0 order by pk`.execute(t.db);
      expect(pk.rows[0]!.name).toBe('paragraph_id');
    }
    // Re-running the step leaves lean tables as they are.
    await sql`delete from kysely_migration where name = '0008_lean_annotations'`.execute(t.db);
    await migrateToLatest(t.db);
    expect(await snapshot(t)).toEqual(before);
  });

  it('still removes annotations with their paragraphs', async () => {
    const para = (before.paragraph_mentions![0] as { paragraph_id: string }).paragraph_id;
    const count = async (table: string) =>
      Number(
        (
          await sql<{
            n: number | string;
          }>`select count(*) as n from ${sql.table(table)} where paragraph_id = ${para}`.execute(t.db)
        ).rows[0]!.n,
      );
    expect(await count('paragraph_mentions')).toBeGreaterThan(0);
    expect(await count('paragraph_annotations')).toBe(1);
    await sql`delete from paragraphs where id = ${para}`.execute(t.db);
    for (const [table] of TABLES) expect(await count(table)).toBe(0);
  });
});
