// The ordered list of migrations, shared by SQLite and PostgreSQL. Add new files at the end.
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_core.js';

export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
