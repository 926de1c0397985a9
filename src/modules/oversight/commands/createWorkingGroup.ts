// Establishes a board working group (e.g. on the JIU review's recommendations).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { CreateWorkingGroupInput } from '../schema.js';
import { requireDecision } from '../write-helpers.js';

export async function createWorkingGroup(db: Kysely<DB>, actor: Actor, input: CreateWorkingGroupInput): Promise<string> {
  return runCommand(db, actor, {
    name: 'oversight.createWorkingGroup',
    authorize: (a) => oversightPolicy.manageForBoard(a, input.boardId),
    run: async ({ trx, now, audit }) => {
      const b = await trx.selectFrom('boards').select('id').where('id', '=', input.boardId).executeTakeFirst();
      if (!b) throw errors.validation([{ path: '/body/boardId', message: `unknown board '${input.boardId}'` }]);
      if (input.decisionId) {
        const d = await requireDecision(trx, input.decisionId, '/body/decisionId');
        if (d.board_id !== input.boardId)
          throw errors.validation([{ path: '/body/decisionId', message: 'is a decision of another board' }]);
      }
      const row = {
        id: newId(),
        board_id: input.boardId,
        name: input.name,
        established_on: input.establishedOn,
        decision_id: input.decisionId ?? null,
        synthetic: input.synthetic ? 1 : 0,
        created_at: now,
      };
      await trx.insertInto('oversight_working_groups').values(row).execute();
      audit({ action: 'oversight.working-group.created', recordType: 'oversight_working_group', recordId: row.id, after: row });
      return row.id;
    },
  });
}
