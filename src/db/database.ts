// Opens the database named by a URL: a SQLite file (the embedded default), PostgreSQL over `pg`,
// or PGlite for tests. Everything above this file sees one Kysely<DB> and a dialect name.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { migrationProvider, migrations } from './migrations/index.js';
import { PGliteDialect } from './pglite-dialect.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** A printable description without credentials. */
  description: string;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT (count(*)) as strings by default; counts here are small.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1:***@');
}

export async function openDatabase(url: string, opts: { pgSchema?: string } = {}): Promise<Database> {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', description: redactUrl(url), close: () => db.destroy() };
  }
  if (url.startsWith('pglite:')) {
    const { PGlite } = await import('@electric-sql/pglite');
    const dir = url.slice('pglite:'.length).replace(/^\/\//, '');
    const instance = dir && dir !== 'memory' ? new PGlite(dir) : new PGlite();
    await instance.waitReady;
    const db = new Kysely<DB>({ dialect: new PGliteDialect(instance) });
    return { db, dialect: 'postgres', description: 'pglite', close: () => db.destroy() };
  }
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length).replace(/^\/\//, '') : url;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', description: `sqlite:${file}`, close: () => db.destroy() };
}

export function migrator(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider: migrationProvider });
}

export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet> {
  const result = await migrator(db).migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}

/** Names of migrations known to the code but not yet applied to the database. */
export async function pendingMigrations(db: Kysely<DB>): Promise<string[]> {
  const info = await migrator(db).getMigrations();
  return info.filter((m) => !m.executedAt).map((m) => m.name);
}

export const knownMigrations = Object.keys(migrations);
