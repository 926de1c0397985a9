// The workflow map seeded by migration 0003 must equal DEFAULT_TRANSITIONS, and every transition
// must name statuses of its axis; stepping back from "implemented" must require a reason.
import { describe, expect, it } from 'vitest';
import { Kysely, SqliteDialect } from 'kysely';
import SqliteDatabase from 'better-sqlite3';
import type { DB } from '../../db/schema.js';
import { migrateToLatest } from '../../db/database.js';
import { DEFAULT_TRANSITIONS, isStatus } from './workflow.js';

describe('workflow map', () => {
  it('names only statuses of its own axis', () => {
    for (const t of DEFAULT_TRANSITIONS) {
      expect(isStatus(t.axis, t.from)).toBe(true);
      expect(isStatus(t.axis, t.to)).toBe(true);
    }
  });

  it('requires a justification to go from implemented back to not started', () => {
    expect(DEFAULT_TRANSITIONS).toContainEqual({ axis: 'implementation', from: 'implemented', to: 'not-started', requiresJustification: true });
  });

  it('is what migration 0003 seeds', async () => {
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
    await migrateToLatest(db);
    const rows = await db.selectFrom('oversight_workflow_transitions').selectAll().execute();
    const seeded = rows.map((r) => `${r.axis}|${r.from_status}|${r.to_status}|${r.requires_justification}`).sort();
    const expected = DEFAULT_TRANSITIONS.map((t) => `${t.axis}|${t.from}|${t.to}|${t.requiresJustification ? 1 : 0}`).sort();
    expect(seeded).toEqual(expected);
    await db.destroy();
  });
});
