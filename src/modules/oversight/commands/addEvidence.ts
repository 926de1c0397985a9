// Attaches evidence to an action: a registered document or an external link.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { AddEvidenceInput } from '../schema.js';
import { requireDocument } from '../write-helpers.js';
import { actionWithAddressee } from './updateAction.js';

export async function addEvidence(
  db: Kysely<DB>,
  actor: Actor,
  props: { actionId: string; input: AddEvidenceInput },
): Promise<string> {
  const a = await actionWithAddressee(db, props.actionId);
  return runCommand(db, actor, {
    name: 'oversight.addEvidence',
    authorize: (x) => oversightPolicy.respond(x, a),
    run: async ({ trx, now, audit }) => {
      const i = props.input;
      if (i.kind === 'document') {
        if (!i.documentId || i.url)
          throw errors.validation([{ path: '/body/documentId', message: 'document evidence needs documentId (and no url)' }]);
        await requireDocument(trx, i.documentId, '/body/documentId');
      } else if (!i.url || i.documentId) {
        throw errors.validation([{ path: '/body/url', message: 'link evidence needs url (and no documentId)' }]);
      }
      const action = await trx.selectFrom('oversight_actions').select('synthetic').where('id', '=', a.id).executeTakeFirstOrThrow();
      const row = {
        id: newId(),
        action_id: a.id,
        kind: i.kind,
        title: i.title,
        document_id: i.documentId ?? null,
        url: i.url ?? null,
        added_by: actor.displayName,
        synthetic: action.synthetic,
        created_at: now,
      };
      await trx.insertInto('oversight_evidence').values(row).execute();
      audit({ action: 'oversight.evidence.added', recordType: 'oversight_evidence', recordId: row.id, after: row });
      return row.id;
    },
  });
}
