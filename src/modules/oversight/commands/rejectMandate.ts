// The secretariat rejects a suggested (or confirmed) mandate, with a reason.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import { transitionMandate } from '../write-helpers.js';
import { mandateBoard } from './confirmMandate.js';

export async function rejectMandate(
  db: Kysely<DB>,
  actor: Actor,
  props: { id: string; justification: string },
): Promise<void> {
  const m = await mandateBoard(db, props.id);
  await runCommand(db, actor, {
    name: 'oversight.rejectMandate',
    authorize: (a) => oversightPolicy.manageForBoard(a, m.board_id),
    run: (tx) =>
      transitionMandate(tx, {
        mandateId: m.id,
        to: 'rejected',
        on: tx.now.slice(0, 10),
        justification: props.justification,
        action: 'oversight.mandate.rejected',
      }),
  });
}
