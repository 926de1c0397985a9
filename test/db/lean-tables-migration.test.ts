// Migration 0008 on both backends. A database whose tables have the earlier definitions (set up
// here from a current one, as an earlier version left them: rowid annotation tables with their
// indexes, a search row table with document and language-version columns) keeps every annotation
// row and every index entry; on SQLite the four annotation tables become WITHOUT ROWID tables
// clustered by paragraph and the search row table keeps only the FTS rowid of each paragraph, on
// PostgreSQL the unused (kind, ref) indexes go. Search finds the same paragraphs before and after;
// deleting a paragraph still removes its annotations and its index entry; a new version of a
// document still replaces the old version's entries; re-running the step changes nothing.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/db.js';
import { migrateToLatest } from '../../src/db/database.js';
import { JOINT_MEETING_REPORT, loadJointMeeting2024, loadReferenceData } from '../../src/seed/demo.js';
import { systemActor } from '../../src/modules/access/actor.js';
import { searchParagraphs } from '../../src/modules/search/queries.js';
import { searchIndexFor } from '../../src/search/index.js';
import { prepareImport } from '../../src/ingest/pipeline.js';
import { importDocuments } from '../../src/modules/documents/commands/importDocument.js';

const TABLES = [
  ['paragraph_annotations', 'paragraph_id, language'],
  ['paragraph_mentions', 'id, paragraph_id, kind, ref_id, surface'],
  ['paragraph_references', 'id, paragraph_id, kind, ref, surface'],
  ['paragraph_themes', 'paragraph_id, theme'],
] as const;

// The SQLite definitions before migration 0008, as migrations 0002 and the search schema made them.
const EARLIER_SQLITE: Record<string, { create: string; indexes: string[] }> = {
  paragraph_annotations: {
    create: `create table "paragraph_annotations" ("paragraph_id" text primary key references "paragraphs" ("id") on delete cascade, "language" text not null)`,
    indexes: [],
  },
  paragraph_mentions: {
    create: `create table "paragraph_mentions" ("id" text primary key, "paragraph_id" text not null references "paragraphs" ("id") on delete cascade, "kind" text not null, "ref_id" text not null, "surface" text not null)`,
    indexes: [
      `create index "paragraph_mentions_paragraph" on "paragraph_mentions" ("paragraph_id")`,
      `create index "paragraph_mentions_ref" on "paragraph_mentions" ("kind", "ref_id")`,
    ],
  },
  paragraph_references: {
    create: `create table "paragraph_references" ("id" text primary key, "paragraph_id" text not null references "paragraphs" ("id") on delete cascade, "kind" text not null, "ref" text not null, "surface" text not null)`,
    indexes: [
      `create index "paragraph_references_paragraph" on "paragraph_references" ("paragraph_id")`,
      `create index "paragraph_references_ref" on "paragraph_references" ("kind", "ref")`,
    ],
  },
  paragraph_themes: {
    create: `create table "paragraph_themes" ("paragraph_id" text not null references "paragraphs" ("id") on delete cascade, "theme" text not null, constraint "paragraph_themes_pk" primary key ("paragraph_id", "theme"))`,
    indexes: [],
  },
};

/** Puts the tables back as they were before 0008, with their rows, and forgets that 0008 ran. */
async function toEarlierDefinitions(t: TestDatabase): Promise<void> {
  const db = t.db;
  if (t.backend === 'postgres') {
    await sql`create index paragraph_mentions_ref on paragraph_mentions (kind, ref_id)`.execute(db);
    await sql`create index paragraph_references_ref on paragraph_references (kind, ref)`.execute(db);
  } else {
    for (const [table, columns] of TABLES) {
      const def = EARLIER_SQLITE[table]!;
      await sql.raw(`alter table ${table} rename to ${table}_current`).execute(db);
      await sql.raw(def.create).execute(db);
      await sql.raw(`insert into ${table} (${columns}) select ${columns} from ${table}_current`).execute(db);
      await sql.raw(`drop table ${table}_current`).execute(db);
      for (const i of def.indexes) await sql.raw(i).execute(db);
    }
    await sql`drop trigger search_rows_delete`.execute(db);
    await sql`alter table search_rows rename to search_rows_current`.execute(db);
    await sql`create table search_rows (
      rowid integer primary key,
      paragraph_id text not null unique references paragraphs(id) on delete cascade,
      document_id text not null,
      expression_id text not null
    )`.execute(db);
    await sql`insert into search_rows (rowid, paragraph_id, document_id, expression_id)
      select r.rowid, r.paragraph_id, e.document_id, p.expression_id
      from search_rows_current r join paragraphs p on p.id = r.paragraph_id join expressions e on e.id = p.expression_id`.execute(
      db,
    );
    await sql`drop table search_rows_current`.execute(db);
    await sql`create index search_rows_expression on search_rows (expression_id)`.execute(db);
    await sql`create trigger search_rows_delete after delete on search_rows begin
      delete from search_fts where rowid = old.rowid;
    end`.execute(db);
  }
  await sql`delete from kysely_migration where name = '0008_lean_tables'`.execute(db);
}

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

const found = async (t: TestDatabase, q: string) =>
  (await searchParagraphs(t.db, systemActor('test'), { q, limit: 50 })).items.map((i) => i.number).sort();

describe.each(BACKENDS)('migration 0008 (lean tables) on %s', (backend) => {
  let t: TestDatabase;
  let before: Record<string, unknown[]>;
  let searchBefore: Record<string, string[]>;
  let entriesBefore: number;
  const queries = ['联检组', '治理', 'UNFPA'];
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    await loadReferenceData(t.db);
    await loadJointMeeting2024(t.db);
    await toEarlierDefinitions(t);
    before = await snapshot(t);
    searchBefore = Object.fromEntries(await Promise.all(queries.map(async (q) => [q, await found(t, q)])));
    entriesBefore = await searchIndexFor(t.db).count(t.db);
    expect(await indexNames(t)).toContain('paragraph_mentions_ref');
    await migrateToLatest(t.db, t.pgSchema);
  });
  afterAll(async () => t.close());

  it('keeps every annotation row and every index entry', async () => {
    expect(before.paragraph_annotations!.length).toBeGreaterThanOrEqual(32);
    expect(before.paragraph_mentions!.length).toBeGreaterThan(20);
    expect(before.paragraph_references!.length).toBeGreaterThan(0);
    expect(before.paragraph_themes!.length).toBeGreaterThan(10);
    expect(await snapshot(t)).toEqual(before);
    expect(await searchIndexFor(t.db).count(t.db)).toBe(entriesBefore);
    expect(searchBefore['联检组']!.length).toBeGreaterThan(5);
    for (const q of queries) expect(await found(t, q)).toEqual(searchBefore[q]);
  });

  it('drops the unused (kind, ref) indexes', async () => {
    const names = await indexNames(t);
    expect(names).not.toContain('paragraph_mentions_ref');
    expect(names).not.toContain('paragraph_references_ref');
    expect(names).not.toContain('search_rows_expression');
  });

  it.runIf(backend === 'sqlite')(
    'makes the annotation tables WITHOUT ROWID, keyed by paragraph, and the search row table lean',
    async () => {
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
      const columns = await sql<{ name: string }>`select name from pragma_table_info('search_rows')`.execute(
        t.db,
      );
      expect(columns.rows.map((c) => c.name)).toEqual(['rowid', 'paragraph_id']);
      const trigger = await sql<{
        name: string;
      }>`select name from sqlite_master where type = 'trigger' and tbl_name = 'search_rows'`.execute(t.db);
      expect(trigger.rows.map((r) => r.name)).toEqual(['search_rows_delete']);
      // Re-running the step leaves lean tables as they are.
      await sql`delete from kysely_migration where name = '0008_lean_tables'`.execute(t.db);
      await migrateToLatest(t.db);
      expect(await snapshot(t)).toEqual(before);
      for (const q of queries) expect(await found(t, q)).toEqual(searchBefore[q]);
    },
  );

  it('a new version of the document replaces the old version’s index entries', async () => {
    const text = fs.readFileSync(JOINT_MEETING_REPORT, 'utf8').replace(/治理/g, '管治');
    const preview = await prepareImport('joint-meeting-2024.zh.txt', Buffer.from(text), { language: 'zh' });
    const doc = await sql<{
      document_id: string;
    }>`select document_id from expressions where is_current = 1`.execute(t.db);
    expect(doc.rows).toHaveLength(1);
    const [r] = await importDocuments(t.db, systemActor('test'), [
      {
        preview: { ...preview, date: preview.date ?? '2024-05-31', title: preview.title ?? 'report' },
        meta: { documentId: doc.rows[0]!.document_id, type: 'report' },
      },
    ]);
    expect(r?.ok && r.value.status).toBe('revised');
    // The old version's entries are gone, the new version's paragraphs are found by its words.
    expect(searchBefore['治理']!.length).toBeGreaterThan(5);
    expect(await found(t, '治理')).toEqual([]);
    expect(await found(t, '管治')).toEqual(searchBefore['治理']);
    expect(await searchIndexFor(t.db).count(t.db)).toBe(entriesBefore);
  });

  it('still removes annotations and index entries with their paragraphs', async () => {
    const row = await sql<{ id: string; number: string }>`select p.id, p.number from paragraphs p
      join expressions e on e.id = p.expression_id
      where e.is_current = 1 and p.parent_id is null and exists (select 1 from paragraph_mentions m where m.paragraph_id = p.id)
      order by p.position limit 1`.execute(t.db);
    const para = row.rows[0]!.id;
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
    const subpoints = await sql<{
      n: number | string;
    }>`select count(*) as n from paragraphs where parent_id = ${para}`.execute(t.db);
    const entries = await searchIndexFor(t.db).count(t.db);
    await sql`delete from paragraphs where id = ${para}`.execute(t.db);
    for (const [table] of TABLES) expect(await count(table)).toBe(0);
    expect(await searchIndexFor(t.db).count(t.db)).toBe(entries - 1 - Number(subpoints.rows[0]!.n));
  });
});
