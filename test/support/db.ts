// Test databases: every query-bearing suite runs once per backend. SQLite gets a fresh in-memory
// database; PostgreSQL gets a fresh schema on the server (or a fresh PGlite instance).
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { migrateToLatest, openDatabase, type Database } from '../../src/db/database.js';

export type BackendName = 'sqlite' | 'postgres';
export const BACKENDS: BackendName[] = ['sqlite', 'postgres'];

export interface TestDatabase extends Database {
  backend: BackendName;
  /** A URL that opens the same database again (used by CLI tests). */
  url: string;
  pgSchema?: string;
}

export function postgresUrl(): string {
  return inject('postgresUrl');
}

export async function createTestDatabase(
  backend: BackendName,
  opts: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  let database: Database;
  let url: string;
  let pgSchema: string | undefined;
  if (backend === 'sqlite') {
    url = ':memory:';
    database = await openDatabase(url);
  } else {
    const base = postgresUrl();
    if (base.startsWith('pglite')) {
      url = 'pglite:';
      database = await openDatabase(url);
    } else {
      pgSchema = `t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`create schema ${pgSchema}`);
      await admin.end();
      url = base;
      const inner = await openDatabase(base, { pgSchema });
      database = {
        ...inner,
        close: async () => {
          await inner.close();
          const c = new pg.Client({ connectionString: base });
          await c.connect();
          await c.query(`drop schema if exists ${pgSchema} cascade`);
          await c.end();
        },
      };
    }
  }
  if (opts.migrate ?? true) await migrateToLatest(database.db, pgSchema);
  return { ...database, backend, url, pgSchema };
}
