// The ordered list of migrations, shared by SQLite and PostgreSQL. Add new files at the end.
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_core.js';
import * as m0002 from './0002_search.js';
import * as m0003 from './0003_oversight.js';
import * as m0004 from './0004_access.js';
import * as m0005 from './0005_coherence.js';
import * as m0006 from './0006_run_duration.js';
import * as m0007 from './0007_fts_settings.js';
import * as m0008 from './0008_lean_tables.js';

export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_search': m0002,
  '0003_oversight': m0003,
  '0004_access': m0004,
  '0005_coherence': m0005,
  '0006_run_duration': m0006,
  '0007_fts_settings': m0007,
  '0008_lean_tables': m0008,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
