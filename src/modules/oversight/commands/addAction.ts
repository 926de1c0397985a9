// Adds an action to an addressee's implementation plan: owner, due date or due session, weight.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { CreateActionInput } from '../schema.js';
import { dueOn, notBeforeReview, notBeforeReviewYear, refreshAddresseeProgress, reviewOfRecommendation } from '../write-helpers.js';

export async function addAction(
  db: Kysely<DB>,
  actor: Actor,
  props: { addresseeId: string; input: CreateActionInput },
): Promise<string> {
  const a = await db
    .selectFrom('oversight_addressees')
    .select(['id', 'board_id', 'kind', 'recommendation_id', 'synthetic'])
    .where('id', '=', props.addresseeId)
    .executeTakeFirst();
  if (!a) throw errors.notFound('Addressee', props.addresseeId);
  return runCommand(db, actor, {
    name: 'oversight.addAction',
    authorize: (x) => oversightPolicy.respond(x, a),
    run: async ({ trx, now, audit }) => {
      const i = props.input;
      const review = await reviewOfRecommendation(trx, a.recommendation_id);
      notBeforeReview(i.dueDate, review, '/body/dueDate');
      notBeforeReviewYear(i.dueSession?.year, review, '/body/dueSession/year');
      const row = {
        id: newId(),
        addressee_id: a.id,
        title: i.title,
        owner: i.owner,
        due_date: i.dueDate ?? null,
        due_session_type: i.dueSession?.type ?? null,
        due_session_year: i.dueSession?.year ?? null,
        due_on: await dueOn(trx, {
          boardId: a.board_id,
          dueDate: i.dueDate ?? null,
          sessionType: i.dueSession?.type ?? null,
          sessionYear: i.dueSession?.year ?? null,
        }),
        status: 'not-started',
        progress: 0,
        weight: i.weight ?? 1,
        completed_on: null,
        synthetic: (i.synthetic ?? !!a.synthetic) ? 1 : 0,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto('oversight_actions').values(row).execute();
      // A new action at 0% lowers the plan's weighted progress.
      const progress = await refreshAddresseeProgress(trx, a.id, { now });
      audit({
        action: 'oversight.action.added',
        recordType: 'oversight_action',
        recordId: row.id,
        after: { ...row, addresseeProgress: progress },
      });
      return row.id;
    },
  });
}
