// The audit chain: every event carries the hash of the one before it, so an edited, deleted or
// reordered event breaks the chain. The hash covers every stored field of the event.
import { createHash } from 'node:crypto';
import type { AuditEventTable } from '../../db/schema.js';

export const GENESIS_HASH = '0'.repeat(64);

export function hashEvent(e: Omit<AuditEventTable, 'hash'>): string {
  const canonical = JSON.stringify([
    e.seq,
    e.id,
    e.occurred_at,
    e.actor_id,
    e.actor_roles,
    e.action,
    e.record_type,
    e.record_id,
    e.before_json,
    e.after_json,
    e.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainProblem {
  seq: number;
  problem: string;
}

/** Checks events given in seq order; returns every break found (empty when the chain is intact). */
export function verifyChain(events: AuditEventTable[], head: { seq: number; hash: string }): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq)
      problems.push({ seq: e.seq, problem: `expected seq ${expectedSeq} (missing or reordered event)` });
    if (e.prev_hash !== prevHash)
      problems.push({ seq: e.seq, problem: 'prev_hash does not match the previous event' });
    const { hash, ...rest } = e;
    if (hashEvent(rest) !== hash)
      problems.push({ seq: e.seq, problem: 'content does not match its hash (edited)' });
    prevHash = hash;
    expectedSeq = e.seq + 1;
  }
  if (head.seq !== expectedSeq - 1)
    problems.push({
      seq: head.seq,
      problem: `head says ${head.seq} events, found ${expectedSeq - 1} (events removed from the end)`,
    });
  else if (head.hash !== prevHash)
    problems.push({ seq: head.seq, problem: 'head hash does not match the last event' });
  return problems;
}
