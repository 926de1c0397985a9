// Records that a member state sits on a board for a term.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { registryPolicy } from '../policies.js';
import type { CreateMembershipInput } from '../schema.js';

export async function addMembership(
  db: Kysely<DB>,
  actor: Actor,
  props: { boardId: string; input: CreateMembershipInput },
) {
  const { boardId, input } = props;
  return runCommand(db, actor, {
    name: 'registry.addMembership',
    authorize: (a) => registryPolicy.manageBoardMembership(a, boardId),
    run: async ({ trx, now, audit }) => {
      if (!(await trx.selectFrom('boards').select('id').where('id', '=', boardId).executeTakeFirst())) {
        throw errors.notFound('Board', boardId);
      }
      if (
        !(await trx
          .selectFrom('member_states')
          .select('id')
          .where('id', '=', input.memberStateId)
          .executeTakeFirst())
      ) {
        throw errors.validation([
          {
            path: '/body/memberStateId',
            message: `unknown member state '${input.memberStateId}'`,
            code: 'unknownMemberState',
            params: { id: input.memberStateId },
          },
        ]);
      }
      if (input.termEnd < input.termStart) {
        throw errors.validation([
          { path: '/body/termEnd', message: 'must not be before termStart', code: 'endBeforeStart' },
        ]);
      }
      const overlap = await trx
        .selectFrom('board_memberships')
        .select('id')
        .where('board_id', '=', boardId)
        .where('member_state_id', '=', input.memberStateId)
        .where('term_start', '<=', input.termEnd)
        .where('term_end', '>=', input.termStart)
        .executeTakeFirst();
      if (overlap) {
        throw errors.conflict(
          'This member state already has a term on this board that overlaps these dates',
          [{ path: '/body/termStart', message: 'overlaps an existing term', code: 'termOverlaps' }],
        );
      }
      const row = {
        id: newId(),
        board_id: boardId,
        member_state_id: input.memberStateId,
        term_start: input.termStart,
        term_end: input.termEnd,
        synthetic: input.synthetic ? 1 : 0,
        created_at: now,
      };
      await trx.insertInto('board_memberships').values(row).execute();
      audit({ action: 'membership.added', recordType: 'board_membership', recordId: row.id, after: row });
      return row.id;
    },
  });
}
