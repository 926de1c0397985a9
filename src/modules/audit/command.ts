// The one write path. A command runs in a transaction, checks its policy first, and every change it
// makes is recorded as an audit event in that same transaction. A command that records no audit
// event is rolled back: the trail fails closed.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { errors } from '../../lib/errors.js';
import { roleSummary, type Actor } from '../access/actor.js';
import { hashEvent } from './chain.js';
import { clock } from '../../lib/clock.js';

export interface AuditEntry {
  action: string;
  recordType: string;
  recordId: string;
  before?: unknown;
  after?: unknown;
}

export interface CommandTx {
  trx: Transaction<DB>;
  actor: Actor;
  now: string;
  audit: (entry: AuditEntry) => void;
  /** Declares that this run changed nothing (e.g. an idempotent re-import), so no event is due. */
  unchanged: () => void;
}

export interface CommandSpec<T> {
  /** Stable name, e.g. "decisions.adopt". */
  name: string;
  /** Throws (usually errors.forbidden) when the actor may not run the command. */
  authorize(actor: Actor): void;
  run(tx: CommandTx): Promise<T>;
}

export class MissingAuditError extends Error {
  constructor(command: string) {
    super(`command ${command} changed state without an audit event`);
  }
}

export async function runCommand<T>(db: Kysely<DB>, actor: Actor, spec: CommandSpec<T>): Promise<T> {
  if (!actor.id) throw errors.unauthenticated();
  spec.authorize(actor);
  // Given a transaction (several commands that must land together, such as the demo data), the
  // command runs in it: a failure of any of them rolls back all.
  if (db.isTransaction) return execute(db as Transaction<DB>, actor, spec);
  return db.transaction().execute((trx) => execute(trx, actor, spec));
}

/** The outcome of one command of a batch: its result, or the error that rolled it back. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs several commands in one transaction, each inside its own savepoint: a command that fails is
 * rolled back alone (and reported), the others commit together. Each command is still atomic and
 * still writes its own audit events; bulk imports use this to commit many documents at once.
 */
export async function runCommandBatch<T>(
  db: Kysely<DB>,
  actor: Actor,
  specs: CommandSpec<T>[],
): Promise<Settled<T>[]> {
  if (!actor.id) throw errors.unauthenticated();
  const out: Settled<T>[] = [];
  if (specs.length === 0) return out;
  const trx = await db.startTransaction().execute();
  try {
    for (const [i, spec] of specs.entries()) {
      try {
        spec.authorize(actor);
      } catch (error) {
        out.push({ ok: false, error });
        continue;
      }
      const name = `command_${i}`;
      const sp = await trx.savepoint(name).execute();
      try {
        const value = await execute(sp, actor, spec);
        await sp.releaseSavepoint(name).execute();
        out.push({ ok: true, value });
      } catch (error) {
        await sp.rollbackToSavepoint(name).execute();
        out.push({ ok: false, error });
      }
    }
    await trx.commit().execute();
    return out;
  } catch (e) {
    await trx.rollback().execute();
    throw e;
  }
}

async function execute<T>(trx: Transaction<DB>, actor: Actor, spec: CommandSpec<T>): Promise<T> {
  const entries: AuditEntry[] = [];
  let unchanged = false;
  const now = clock.nowIso();
  const result = await spec.run({
    trx,
    actor,
    now,
    audit: (e) => entries.push(e),
    unchanged: () => (unchanged = true),
  });
  if (entries.length === 0) {
    if (!unchanged) throw new MissingAuditError(spec.name);
    return result;
  }
  await appendAuditEvents(trx, actor, now, entries);
  return result;
}

async function appendAuditEvents(trx: Transaction<DB>, actor: Actor, now: string, entries: AuditEntry[]) {
  // Touching the head row first takes its row lock on PostgreSQL, serializing writers of the chain.
  await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where('id', '=', 1)
    .execute();
  const head = await trx
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  let seq = head.seq;
  let prev = head.hash;
  const roles = roleSummary(actor);
  for (const e of entries) {
    seq += 1;
    const row = {
      seq,
      id: newId(),
      occurred_at: now,
      actor_id: actor.id,
      actor_roles: roles,
      action: e.action,
      record_type: e.recordType,
      record_id: e.recordId,
      before_json: e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === undefined ? null : JSON.stringify(e.after),
      prev_hash: prev,
    };
    const hash = hashEvent(row);
    await trx
      .insertInto('audit_events')
      .values({ ...row, hash })
      .execute();
    prev = hash;
  }
  await trx.updateTable('audit_head').set({ seq, hash: prev }).where('id', '=', 1).execute();
}
