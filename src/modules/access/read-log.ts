// The log of reads of restricted records: who read what, at which access level, when. It is an
// access log, like a web server's, kept beside the audit chain rather than in it.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from './actor.js';

export async function logRead(
  db: Kysely<DB>,
  actor: Actor,
  recordType: string,
  recordId: string,
  accessLevel: string,
): Promise<void> {
  await db
    .insertInto('read_log')
    .values({
      id: newId(),
      occurred_at: clock.nowIso(),
      actor_id: actor.id,
      record_type: recordType,
      record_id: recordId,
      access_level: accessLevel,
    })
    .execute();
}
