// The SQLite full-text table without its one-character prefix index and with automerge 16
// (search/sqlite-fts5.ts says why). A database whose table has the earlier definition gets the
// table anew and its entries rebuilt from the paragraphs (the annotations are kept); a database
// created with the current definition is left as it is. PostgreSQL: nothing to do.
import { SqliteAdapter, sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { createSqliteFtsTable, dropSqliteFtsTable } from '../../search/sqlite-fts5.js';
import { rebuildIndex } from '../../search/reindex.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

async function ftsDefinition(db: AnyDb): Promise<string> {
  const r = await sql<{ sql: string }>`select sql from sqlite_master where name = 'search_fts'`.execute(db);
  return r.rows[0]?.sql ?? '';
}

export async function up(db: AnyDb): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  if (!/prefix\s*=/.test(await ftsDefinition(db))) return;
  await dropSqliteFtsTable(db);
  await sql`delete from search_rows`.execute(db);
  await createSqliteFtsTable(db);
  await rebuildIndex(db as Kysely<DB>, undefined, { annotate: false });
}

export async function down(): Promise<void> {
  // The earlier definition differs only in speed; the current table serves it as well.
}
