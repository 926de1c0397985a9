// Links a confirmed mandate to the report (document) that fulfils it.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { FulfilMandateInput } from '../schema.js';
import { requireDocument, transitionMandate } from '../write-helpers.js';
import { mandateBoard } from './confirmMandate.js';

export async function fulfilMandate(
  db: Kysely<DB>,
  actor: Actor,
  props: { id: string; input: FulfilMandateInput },
): Promise<void> {
  const m = await mandateBoard(db, props.id);
  await runCommand(db, actor, {
    name: 'oversight.fulfilMandate',
    authorize: (a) => oversightPolicy.manageForBoard(a, m.board_id),
    run: async (tx) => {
      await requireDocument(tx.trx, props.input.documentId, '/body/documentId');
      const linked = await tx.trx
        .selectFrom('document_boards')
        .select('board_id')
        .where('document_id', '=', props.input.documentId)
        .where('board_id', '=', m.board_id)
        .executeTakeFirst();
      if (!linked)
        throw errors.validation([{ path: '/body/documentId', message: "is not a document of the mandate's board" }]);
      const before = await tx.trx.selectFrom('oversight_mandates').select(['decision_id']).where('id', '=', m.id).executeTakeFirstOrThrow();
      if (before.decision_id) {
        const d = await tx.trx.selectFrom('decisions').select('adopted_on').where('id', '=', before.decision_id).executeTakeFirst();
        if (d?.adopted_on && props.input.on < d.adopted_on)
          throw errors.validation([{ path: '/body/on', message: `is before the decision was adopted (${d.adopted_on})` }]);
      }
      await transitionMandate(tx, {
        mandateId: m.id,
        to: 'fulfilled',
        on: props.input.on,
        justification: props.input.justification ?? null,
        action: 'oversight.mandate.fulfilled',
        changes: { fulfilled_by_document_id: props.input.documentId, fulfilled_on: props.input.on },
      });
    },
  });
}
