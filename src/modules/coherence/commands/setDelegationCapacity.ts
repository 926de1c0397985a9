// Records how many people a delegation has to cover board meetings (used by the load calendar).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { coherencePolicy } from '../policies.js';

export async function setDelegationCapacity(
  db: Kysely<DB>,
  actor: Actor,
  props: { memberStateId: string; people: number; synthetic?: boolean },
): Promise<void> {
  await runCommand(db, actor, {
    name: 'coherence.set-delegation-capacity',
    authorize: (a) => coherencePolicy.manageCapacity(a),
    run: async ({ trx, now, audit, unchanged }) => {
      const state = await trx.selectFrom('member_states').select('id').where('id', '=', props.memberStateId).executeTakeFirst();
      if (!state) throw errors.notFound('Member state', props.memberStateId);
      const before = await trx
        .selectFrom('coherence_delegation_capacity')
        .selectAll()
        .where('member_state_id', '=', props.memberStateId)
        .executeTakeFirst();
      const synthetic = props.synthetic ? 1 : 0;
      if (before && before.people === props.people && before.synthetic === synthetic) return unchanged();
      if (before)
        await trx
          .updateTable('coherence_delegation_capacity')
          .set({ people: props.people, synthetic, updated_at: now })
          .where('member_state_id', '=', props.memberStateId)
          .execute();
      else
        await trx
          .insertInto('coherence_delegation_capacity')
          .values({ member_state_id: props.memberStateId, people: props.people, synthetic, updated_at: now })
          .execute();
      audit({
        action: 'coherence.delegation-capacity-set',
        recordType: 'member_state',
        recordId: props.memberStateId,
        before: before ? { people: before.people } : undefined,
        after: { people: props.people, synthetic: !!synthetic },
      });
    },
  });
}
