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
import { SearchPathIntrospector } from './pg-introspector.js';
import { loadRankFunction } from '../search/rank-function.js';

/** PostgreSQL through `pg`, its migrator looking only at the connection's own schemas (pg-introspector.ts). */
class SearchPathPostgresDialect extends PostgresDialect {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override createIntrospector(db: Kysely<any>): SearchPathIntrospector {
    return new SearchPathIntrospector(db);
  }
}

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** A printable description without credentials. */
  description: string;
  /** The PostgreSQL schema the connection works in, when not the default search path. */
  schema?: string;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT (count(*)) as strings by default; counts here are small.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1:***@');
}

export async function openDatabase(url: string, opts: { pgSchema?: string } = {}): Promise<Database> {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    // `?schema=name` selects a schema (used by tests and shared servers); it is not a libpq option.
    const parsed = new URL(url);
    const schemaParam = parsed.searchParams.get('schema');
    if (schemaParam) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schemaParam))
        throw new Error(`invalid schema name '${schemaParam}'`);
      parsed.searchParams.delete('schema');
      opts = { ...opts, pgSchema: schemaParam };
      url = parsed.toString();
    }
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new SearchPathPostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      description: redactUrl(url),
      ...(opts.pgSchema ? { schema: opts.pgSchema } : {}),
      close: () => db.destroy(),
    };
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
  // Checkpoint the WAL into the database file every ~40 MB instead of every 4 MB: a bulk import
  // rewrites the last pages of its append-only indexes in every batch, and each checkpoint copies
  // them again (measured: a tenth of the import's SQL time). The WAL file is cut back to 64 MB
  // after a checkpoint.
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('journal_size_limit = 67108864');
  // The search engine's ranking function (search/rank-function.ts); bm25() ranks where it is missing.
  loadRankFunction(sqlite);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', description: `sqlite:${file}`, close: () => db.destroy() };
}

// Kysely's migrator looks for its own tables by schema; name it when the connection uses one,
// otherwise a same-named table in another schema would be taken for ours.
/**
 * Kysely prepares every query anew; preparing costs more than running a small indexed query, so
 * keep prepared statements by SQL text (bounded, least recently used first out).
 */
function withStatementCache(sqlite: SqliteDatabase.Database, max = 500) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (query: string) => {
      let stmt = cache.get(query);
      if (stmt) {
        cache.delete(query);
      } else {
        stmt = sqlite.prepare(query);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(query, stmt);
      return stmt;
    },
  };
}

export function migrator(db: Kysely<DB>, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

export async function migrateToLatest(db: Kysely<DB>, schema?: string): Promise<MigrationResultSet> {
  const result = await migrator(db, schema).migrateToLatest();
  if (result.error)
    throw result.error instanceof Error
      ? result.error
      : new Error(`migration failed: ${JSON.stringify(result.error)}`);
  return result;
}

/** Names of migrations known to the code but not yet applied to the database. */
export async function pendingMigrations(db: Kysely<DB>, schema?: string): Promise<string[]> {
  const info = await migrator(db, schema).getMigrations();
  return info.filter((m) => !m.executedAt).map((m) => m.name);
}

export const knownMigrations = Object.keys(migrations);
