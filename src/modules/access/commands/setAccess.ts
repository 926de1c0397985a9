// Sets who may read a document or session, and until when it is embargoed. Every change is kept
// in access_changes, the history the parity ledger reads.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../actor.js';
import { runCommand, type CommandTx } from '../../audit/command.js';
import { accessPolicy } from '../policies.js';
import type { SetAccessInput } from '../schema.js';
import { indexExpression } from '../../../search/indexer.js';

export type AccessRecordType = 'document' | 'session';

export async function recordAccessChange(
  tx: Pick<CommandTx, 'trx' | 'actor' | 'now'>,
  recordType: AccessRecordType,
  recordId: string,
  accessLevel: string,
  embargoUntil: string | null,
) {
  await tx.trx
    .insertInto('access_changes')
    .values({
      id: newId(),
      record_type: recordType,
      record_id: recordId,
      access_level: accessLevel,
      embargo_until: embargoUntil,
      changed_at: tx.now,
      changed_by: tx.actor.id,
    })
    .execute();
}

/** Re-indexes a document's current language versions, whose search entries carry its access level. */
export async function reindexDocumentAccess(trx: CommandTx['trx'], documentId: string): Promise<void> {
  const current = await trx
    .selectFrom('expressions')
    .select('id')
    .where('document_id', '=', documentId)
    .where('is_current', '=', 1)
    .execute();
  for (const e of current) await indexExpression(trx, e.id, e.id);
}

export function normalizeInstant(value: string | null | undefined, path: string): string | null {
  if (value === null || value === undefined) return null;
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw errors.validation([
      { path, message: 'is not a date-time', code: 'format', params: { format: 'date-time' } },
    ]);
  return new Date(t).toISOString();
}

export async function setAccess(
  db: Kysely<DB>,
  actor: Actor,
  props: { recordType: AccessRecordType; id: string; input: SetAccessInput },
) {
  const { recordType, id, input } = props;
  const links =
    recordType === 'document'
      ? await db.selectFrom('document_boards').select('board_id').where('document_id', '=', id).execute()
      : await db.selectFrom('session_boards').select('board_id').where('session_id', '=', id).execute();
  if (links.length === 0) throw errors.notFound(recordType === 'document' ? 'Document' : 'Session', id);
  const embargo = normalizeInstant(input.embargoUntil, '/body/embargoUntil');
  await runCommand(db, actor, {
    name: `${recordType}s.setAccess`,
    authorize: (a) =>
      accessPolicy.setAccess(
        a,
        links.map((l) => l.board_id),
      ),
    run: async (tx) => {
      const table = recordType === 'document' ? 'documents' : 'sessions';
      const before = await tx.trx
        .selectFrom(table)
        .select(['access_level', 'embargo_until', 'version'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await tx.trx
        .updateTable(table)
        .set({
          access_level: input.accessLevel,
          embargo_until: embargo,
          version: before.version + 1,
          updated_at: tx.now,
        })
        .where('id', '=', id)
        .execute();
      await recordAccessChange(tx, recordType, id, input.accessLevel, embargo);
      if (recordType === 'document') await reindexDocumentAccess(tx.trx, id);
      tx.audit({
        action: `${recordType}.access-set`,
        recordType,
        recordId: id,
        before,
        after: { access_level: input.accessLevel, embargo_until: embargo },
      });
    },
  });
}
