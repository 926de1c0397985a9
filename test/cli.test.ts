// The concord CLI in process: help, migrate, doctor, seed, export/import round trip across
// backends (SQLite -> PostgreSQL), token creation and audit verification.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { openDatabase } from '../src/db/database.js';
import { postgresUrl } from './support/db.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-cli-'));

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), env: { LOG_LEVEL: 'silent', ...env } });
  return { code, out: out.join(''), err: err.join('') };
}

/** A PostgreSQL database URL for a fresh, empty target: a new schema on the server, or a PGlite directory. */
async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = postgresUrl();
  if (base.startsWith('pglite')) {
    const dir = fs.mkdtempSync(path.join(tmp, 'pglite-'));
    return { url: `pglite:${dir}`, drop: async () => undefined };
  }
  const schema = `cli_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`create schema ${schema}`);
  await c.end();
  const sep = base.includes('?') ? '&' : '?';
  return {
    url: `${base}${sep}schema=${schema}`,
    drop: async () => {
      const d = new pg.Client({ connectionString: base });
      await d.connect();
      await d.query(`drop schema if exists ${schema} cascade`);
      await d.end();
    },
  };
}

describe('concord CLI', () => {
  const sqliteFile = path.join(tmp, 'source.db');
  const sqlite = `sqlite:${sqliteFile}`;
  let target: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    target = await freshPostgres();
  });
  afterAll(async () => {
    await target.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('prints help for every command', async () => {
    for (const cmd of [[], ['serve'], ['migrate'], ['seed', 'demo'], ['export'], ['import'], ['doctor'], ['user', 'create'], ['token', 'create'], ['audit', 'verify']]) {
      const r = await cli([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.out).toContain('Usage: concord');
    }
  });

  it('doctor reports pending migrations on a new database, and all clear after migrate', async () => {
    const before = await cli(['doctor', '--database', sqlite]);
    expect(before.code).toBe(1);
    expect(before.out).toContain('migrations pending');
    expect((await cli(['migrate', '--database', sqlite])).out).toContain('applied: 0001_core');
    expect((await cli(['migrate', '--database', sqlite])).out).toContain('up to date');
    const after = await cli(['doctor', '--database', sqlite]);
    expect(after.code).toBe(0);
    expect(after.out).toContain('✓ migrations current');
  });

  it('doctor reports an invalid configuration and an unreachable database', async () => {
    const bad = await cli(['doctor'], { PORT: 'eighty', DATABASE_URL: sqlite });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('PORT');
    const unreachable = await cli(['doctor', '--database', 'postgres://nobody@127.0.0.1:1/none']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.out).toContain('✗ database');
  });

  it('seeds the demo, exports it from SQLite and imports it into PostgreSQL unchanged', async () => {
    expect((await cli(['seed', 'demo', '--database', sqlite])).code).toBe(0);
    const again = await cli(['seed', 'demo', '--database', sqlite]);
    expect(again.out).toContain('already present');
    const userId = await cli(['user', 'create', '--database', sqlite, '--email', 'Sec@Example.org', '--name', 'Secretary', '--role', 'secretariat@unicef']);
    expect(userId.code).toBe(0);
    const token = await cli(['token', 'create', '--database', sqlite, '--email', 'sec@example.org']);
    expect(token.out).toMatch(/^cnc_[A-Za-z0-9_-]{40,}/);

    const file = path.join(tmp, 'export.json');
    expect((await cli(['export', '--database', sqlite, '-o', file])).code).toBe(0);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(exported.tables.member_states).toHaveLength(193);

    const imported = await cli(['import', file, '--database', target.url]);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('member_states: 193');

    // Re-export from PostgreSQL: the same rows, table by table.
    const file2 = path.join(tmp, 'export2.json');
    expect((await cli(['export', '--database', target.url, '-o', file2])).code).toBe(0);
    const roundTrip = JSON.parse(fs.readFileSync(file2, 'utf8'));
    for (const table of Object.keys(exported.tables)) {
      if (table === 'audit_events' || table === 'audit_head') continue;
      expect(roundTrip.tables[table], table).toEqual(exported.tables[table]);
    }
    // The import itself is one more audited event on the carried-over chain.
    expect(roundTrip.tables.audit_events.slice(0, -1)).toEqual(exported.tables.audit_events);
    expect(roundTrip.tables.audit_events.at(-1).action).toBe('database.imported');
    expect((await cli(['audit', 'verify', '--database', target.url])).out).toContain('audit chain intact');
    // The search index is derived and not exported: the import rebuilt it, so search works at once.
    expect(imported.out).toMatch(/search_entries: [1-9]/);
    const found = await cli(['search', '联检组', '--json', '--database', target.url]);
    expect(JSON.parse(found.out).items.length).toBeGreaterThan(0);
  });

  it('refuses to import into a database that holds data, changing nothing', async () => {
    const file = path.join(tmp, 'export.json');
    const r = await cli(['import', file, '--database', sqlite]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('already holds data');
  });

  it('refuses a file that is not an export', async () => {
    const bogus = path.join(tmp, 'bogus.json');
    fs.writeFileSync(bogus, JSON.stringify({ hello: 'world' }));
    const r = await cli(['import', bogus, '--database', `sqlite:${path.join(tmp, 'empty.db')}`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not a concord-export file');
    fs.writeFileSync(bogus, '{not json');
    expect((await cli(['import', bogus, '--database', `sqlite:${path.join(tmp, 'empty.db')}`])).code).toBe(2);
  });

  it('audit verify exits 1 after an audit event is edited in the database', async () => {
    const d = await openDatabase(sqlite);
    await d.db.updateTable('audit_events').set({ action: 'forged' }).where('seq', '=', 1).execute();
    await d.close();
    const r = await cli(['audit', 'verify', '--database', sqlite]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('event 1');
  });
});
