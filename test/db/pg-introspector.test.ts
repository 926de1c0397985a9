// The PostgreSQL introspector the migrator uses (db/pg-introspector.ts): it lists the tables of the
// connection's own schemas with their columns, and nothing of other schemas, so that a schema
// dropped elsewhere in the same database meanwhile cannot break a migration and a migration table
// in another schema is not taken for ours. SQLite keeps Kysely's own introspector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

describe('PostgreSQL introspection for the migrator', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    a = await createTestDatabase('postgres');
    b = await createTestDatabase('postgres', { migrate: false });
    await sql`create table only_in_b (id integer primary key)`.execute(b.db);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it("lists exactly the tables of the connection's schemas, with their columns", async () => {
    const tables = await a.db.introspection.getTables({ withInternalKyselyTables: true });
    const own = await sql<{ name: string }>`select c.relname as name from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'v', 'p') and n.nspname = any (current_schemas(false))`.execute(a.db);
    expect(tables.map((t) => t.name).sort()).toEqual(own.rows.map((r) => r.name).sort());
    expect(tables.length).toBeGreaterThan(30);
    expect(new Set(tables.map((t) => t.schema)).size).toBe(1);
    expect(tables.map((t) => t.name)).toContain('kysely_migration');
    expect(tables.map((t) => t.name)).not.toContain('only_in_b');
    const documents = tables.find((t) => t.name === 'documents')!;
    const id = documents.columns.find((c) => c.name === 'id')!;
    expect(id).toMatchObject({ dataType: 'text', isNullable: false });
    const version = documents.columns.find((c) => c.name === 'version')!;
    expect(version.hasDefaultValue).toBe(true);
    // Kysely's own tables only when asked for.
    const plain = await a.db.introspection.getTables();
    expect(plain.map((t) => t.name)).not.toContain('kysely_migration');
    expect(plain.length).toBe(tables.length - 2);
  });

  it("does not see another schema's tables, nor mind it being dropped", async () => {
    const tables = await b.db.introspection.getTables({ withInternalKyselyTables: true });
    // PGlite has one schema for both; a server gives each test database its own.
    if (a.pgSchema) expect(tables.map((t) => t.name)).toEqual(['only_in_b']);
    else expect(tables.map((t) => t.name)).toContain('only_in_b');
    if (!a.pgSchema) return;
    const other = `${b.pgSchema!}_x`;
    await sql.raw(`create schema ${other}`).execute(b.db);
    await sql.raw(`create table ${other}.kysely_migration (name text)`).execute(b.db);
    expect(
      (await a.db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.schema),
    ).not.toContain(other);
    await sql.raw(`drop schema ${other} cascade`).execute(b.db);
    expect((await a.db.introspection.getTables()).length).toBeGreaterThan(30);
  });
});
