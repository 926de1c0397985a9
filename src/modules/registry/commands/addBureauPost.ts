// Elects a member state to a bureau post of a board for a year: one President and four
// Vice-Presidents, the five posts spread over the five regional groups.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { registryPolicy } from '../policies.js';
import type { CreateBureauPostInput } from '../schema.js';

export async function addBureauPost(
  db: Kysely<DB>,
  actor: Actor,
  props: { boardId: string; input: CreateBureauPostInput },
) {
  const { boardId, input } = props;
  return runCommand(db, actor, {
    name: 'registry.addBureauPost',
    authorize: (a) => registryPolicy.manageBoardMembership(a, boardId),
    run: async ({ trx, now, audit }) => {
      if (!(await trx.selectFrom('boards').select('id').where('id', '=', boardId).executeTakeFirst())) {
        throw errors.notFound('Board', boardId);
      }
      const state = await trx
        .selectFrom('member_states')
        .select(['id', 'regional_group'])
        .where('id', '=', input.memberStateId)
        .executeTakeFirst();
      if (!state) {
        throw errors.validation([
          {
            path: '/body/memberStateId',
            message: `unknown member state '${input.memberStateId}'`,
            code: 'unknownMemberState',
            params: { id: input.memberStateId },
          },
        ]);
      }
      const existing = await trx
        .selectFrom('bureau_posts as b')
        .innerJoin('member_states as s', 's.id', 'b.member_state_id')
        .select(['b.post', 'b.member_state_id', 's.regional_group'])
        .where('b.board_id', '=', boardId)
        .where('b.year', '=', input.year)
        .execute();
      if (existing.some((e) => e.member_state_id === input.memberStateId)) {
        throw errors.conflict('This member state already holds a bureau post on this board for that year', [
          { path: '/body/memberStateId', message: 'already on the bureau', code: 'alreadyOnBureau' },
        ]);
      }
      if (input.post === 'president' && existing.some((e) => e.post === 'president')) {
        throw errors.conflict('The board already has a President for that year', [
          { path: '/body/post', message: 'already filled', code: 'presidentChosen' },
        ]);
      }
      if (existing.length >= 5) {
        throw errors.conflict('The bureau already has its five members for that year', [
          { path: '/body/year', message: 'bureau is full', code: 'bureauFull' },
        ]);
      }
      if (existing.some((e) => e.regional_group === state.regional_group)) {
        throw errors.conflict('Each regional group holds one bureau post per year', [
          {
            path: '/body/memberStateId',
            message: `the ${state.regional_group} group already holds a post`,
            code: 'regionalGroupHolds',
            params: { group: state.regional_group },
          },
        ]);
      }
      const row = {
        id: newId(),
        board_id: boardId,
        year: input.year,
        post: input.post,
        member_state_id: input.memberStateId,
        person_name: input.personName ?? null,
        synthetic: input.synthetic ? 1 : 0,
        created_at: now,
      };
      await trx.insertInto('bureau_posts').values(row).execute();
      audit({ action: 'bureau.elected', recordType: 'bureau_post', recordId: row.id, after: row });
      return row.id;
    },
  });
}
