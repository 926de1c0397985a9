// The write path: commands are authorized before they run, every change is audited in the same
// transaction, a command without an audit event is rolled back, and the hash chain detects
// edited, deleted and reordered events. On both backends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { errors } from '../../lib/errors.js';
import { anonymous, systemActor } from '../access/actor.js';
import { requireAnyRole } from '../access/policy.js';
import { verifyChain } from './chain.js';
import { MissingAuditError, runCommand } from './command.js';

describe.each(BACKENDS)('runCommand and the audit chain on %s', (backend) => {
  let d: TestDatabase;
  beforeEach(async () => {
    d = await createTestDatabase(backend);
  });
  afterEach(async () => d.close());

  const addBoard = (id: string, opts: { audit?: boolean; fail?: boolean } = {}) =>
    runCommand(d.db, systemActor('test'), {
      name: 'test.addBoard',
      authorize: (a) => requireAnyRole(a, ['administrator']),
      run: async ({ trx, audit }) => {
        await trx.insertInto('boards').values({ id, code: id, name: id, established_by: null }).execute();
        if (opts.fail) throw errors.badRequest('deliberate failure after a write');
        if (opts.audit ?? true) audit({ action: 'board.added', recordType: 'board', recordId: id, after: { id } });
      },
    });

  const chain = async () => ({
    events: await d.db.selectFrom('audit_events').selectAll().orderBy('seq').execute(),
    head: await d.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow(),
  });
  const boards = async () => (await d.db.selectFrom('boards').select('id').execute()).map((b) => b.id);

  it('writes the change and its audit event together', async () => {
    await addBoard('b1');
    const { events, head } = await chain();
    expect(await boards()).toEqual(['b1']);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ seq: 1, action: 'board.added', record_id: 'b1', actor_id: 'system:test', actor_roles: 'administrator' });
    expect(head.seq).toBe(1);
    expect(verifyChain(events, head)).toEqual([]);
  });

  it('rolls back a command that records no audit event', async () => {
    await expect(addBoard('b2', { audit: false })).rejects.toBeInstanceOf(MissingAuditError);
    expect(await boards()).toEqual([]);
    expect((await chain()).events).toHaveLength(0);
  });

  it('rolls back the write when the command fails after writing', async () => {
    await expect(addBoard('b3', { fail: true })).rejects.toMatchObject({ status: 400 });
    expect(await boards()).toEqual([]);
  });

  it('refuses an actor the policy denies before running anything', async () => {
    const ran: string[] = [];
    await expect(
      runCommand(d.db, anonymous, {
        name: 'test.denied',
        authorize: (a) => requireAnyRole(a, ['administrator']),
        run: async () => {
          ran.push('run');
        },
      }),
    ).rejects.toMatchObject({ status: 401 });
    expect(ran).toEqual([]);
  });

  it('keeps one linear chain under concurrent commands', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => addBoard(`c${i}`)));
    const { events, head } = await chain();
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(verifyChain(events, head)).toEqual([]);
  });

  it('detects an edited, a deleted and a reordered event, and a truncated tail', async () => {
    for (const id of ['e1', 'e2', 'e3', 'e4']) await addBoard(id);
    const { events, head } = await chain();
    expect(verifyChain(events, head)).toEqual([]);

    const edited = events.map((e) => (e.seq === 2 ? { ...e, after_json: '{"id":"forged"}' } : e));
    expect(verifyChain(edited, head).map((p) => p.seq)).toContain(2);

    const deleted = events.filter((e) => e.seq !== 2);
    expect(verifyChain(deleted, head).length).toBeGreaterThan(0);

    const reordered = [events[0]!, events[2]!, events[1]!, events[3]!];
    expect(verifyChain(reordered, head).length).toBeGreaterThan(0);

    expect(verifyChain(events.slice(0, 3), head)).toEqual([expect.objectContaining({ problem: expect.stringContaining('removed from the end') })]);

    // Tampering in the database itself is caught by reading the chain back.
    await d.db.updateTable('audit_events').set({ actor_id: 'someone-else' }).where('seq', '=', 3).execute();
    const after = await chain();
    expect(verifyChain(after.events, after.head)).toEqual([expect.objectContaining({ seq: 3 })]);
  });
});
