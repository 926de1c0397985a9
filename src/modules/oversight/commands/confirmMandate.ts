// The secretariat confirms a suggested mandate, optionally correcting its addressee entity,
// deliverable or due session.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { checkIfMatch } from '../../../http/etag.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { ConfirmMandateInput } from '../schema.js';
import { transitionMandate } from '../write-helpers.js';

export async function mandateBoard(db: Kysely<DB>, id: string) {
  const m = await db.selectFrom('oversight_mandates').select(['id', 'board_id']).where('id', '=', id).executeTakeFirst();
  if (!m) throw errors.notFound('Mandate', id);
  return m;
}

export async function confirmMandate(
  db: Kysely<DB>,
  actor: Actor,
  props: { id: string; input: ConfirmMandateInput; ifMatch?: string },
): Promise<void> {
  const m = await mandateBoard(db, props.id);
  await runCommand(db, actor, {
    name: 'oversight.confirmMandate',
    authorize: (a) => oversightPolicy.manageForBoard(a, m.board_id),
    run: async (tx) => {
      const before = await tx.trx.selectFrom('oversight_mandates').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
      checkIfMatch(props.ifMatch, before.id, before.version);
      const i = props.input;
      if (i.entityId) {
        const e = await tx.trx
          .selectFrom('board_entities')
          .select('entity_id')
          .where('entity_id', '=', i.entityId)
          .where('board_id', '=', m.board_id)
          .executeTakeFirst();
        if (!e) throw errors.validation([{ path: '/body/entityId', message: `'${i.entityId}' is not an entity of this board` }]);
      }
      await transitionMandate(tx, {
        mandateId: m.id,
        to: 'confirmed',
        on: tx.now.slice(0, 10),
        justification: i.justification ?? null,
        action: 'oversight.mandate.confirmed',
        changes: {
          entity_id: i.entityId ?? before.entity_id,
          deliverable: i.deliverable ?? before.deliverable,
          due_session_type: i.dueSession?.type ?? before.due_session_type,
          due_session_year: i.dueSession?.year ?? before.due_session_year,
        },
      });
    },
  });
}
