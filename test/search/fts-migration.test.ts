// Migration 0007 on SQLite: a database whose full-text table still has the earlier definition
// (one-character prefix index) gets the current table, rebuilt from its paragraphs, and finds
// the same paragraphs as before; a database created with the current definition is left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { migrateToLatest } from '../../src/db/database.js';
import { loadJointMeeting2024, loadReferenceData } from '../../src/seed/demo.js';
import { systemActor } from '../../src/modules/access/actor.js';
import { searchParagraphs } from '../../src/modules/search/queries.js';

const definition = async (t: TestDatabase) =>
  (await sql<{ sql: string }>`select sql from sqlite_master where name = 'search_fts'`.execute(t.db)).rows[0]!
    .sql;
const found = async (t: TestDatabase, q: string) =>
  (await searchParagraphs(t.db, systemActor('test'), { q, limit: 50 })).items.map((i) => i.number).sort();

describe('migration 0007 (SQLite full-text table settings)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await loadReferenceData(t.db);
    await loadJointMeeting2024(t.db);
  });
  afterAll(async () => t.close());

  it('creates new databases with the current definition', async () => {
    expect(await definition(t)).not.toMatch(/prefix/);
    const automerge = await sql<{
      k: string;
      v: number;
    }>`select k, v from search_fts_config where k = 'automerge'`.execute(t.db);
    expect(automerge.rows).toEqual([{ k: 'automerge', v: 16 }]);
  });

  it('rebuilds a table of the earlier definition, keeping what search finds', async () => {
    const before = {
      jiu: await found(t, '联检组'),
      single: await found(t, '组'),
      latin: await found(t, 'UNFPA'),
    };
    expect(before.jiu.length).toBeGreaterThan(5);
    // The earlier definition, empty, as an earlier version left it; the migration not yet run.
    await sql`drop trigger search_rows_delete`.execute(t.db);
    await sql`drop table search_fts`.execute(t.db);
    await sql`create virtual table search_fts using fts5(
      body, facets, tokenize = "ascii tokenchars '_'", prefix = '1', content = '', contentless_delete = 1
    )`.execute(t.db);
    await sql`delete from kysely_migration where name >= '0007_fts_settings'`.execute(t.db);
    expect(await found(t, '联检组')).toEqual([]);

    await migrateToLatest(t.db);
    expect(await definition(t)).not.toMatch(/prefix/);
    expect(await found(t, '联检组')).toEqual(before.jiu);
    expect(await found(t, '组')).toEqual(before.single);
    expect(await found(t, 'UNFPA')).toEqual(before.latin);
    // The trigger that removes a deleted paragraph's full-text entry is back.
    const trigger = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'trigger' and tbl_name = 'search_rows'`.execute(t.db);
    expect(trigger.rows.map((r) => r.name)).toEqual(['search_rows_delete']);
  });
});
