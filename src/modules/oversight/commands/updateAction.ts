// Changes an action's title, owner, due date/session or weight (not its status: see
// recordActionProgress).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { checkIfMatch } from '../../../http/etag.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { UpdateActionInput } from '../schema.js';
import { dueOn, notBeforeReview, notBeforeReviewYear, refreshAddresseeProgress, reviewOfRecommendation } from '../write-helpers.js';

export async function actionWithAddressee(db: Kysely<DB>, id: string) {
  const row = await db
    .selectFrom('oversight_actions')
    .innerJoin('oversight_addressees', 'oversight_addressees.id', 'oversight_actions.addressee_id')
    .select([
      'oversight_actions.id',
      'oversight_addressees.id as addressee_id',
      'oversight_addressees.board_id',
      'oversight_addressees.kind',
      'oversight_addressees.recommendation_id',
    ])
    .where('oversight_actions.id', '=', id)
    .executeTakeFirst();
  if (!row) throw errors.notFound('Action', id);
  return row;
}

export async function updateAction(
  db: Kysely<DB>,
  actor: Actor,
  props: { id: string; input: UpdateActionInput; ifMatch?: string },
): Promise<void> {
  const a = await actionWithAddressee(db, props.id);
  await runCommand(db, actor, {
    name: 'oversight.updateAction',
    authorize: (x) => oversightPolicy.respond(x, a),
    run: async ({ trx, now, audit }) => {
      const before = await trx.selectFrom('oversight_actions').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
      checkIfMatch(props.ifMatch, before.id, before.version);
      const i = props.input;
      const review = await reviewOfRecommendation(trx, a.recommendation_id);
      notBeforeReview(i.dueDate, review, '/body/dueDate');
      notBeforeReviewYear(i.dueSession?.year, review, '/body/dueSession/year');
      const due = {
        due_date: i.dueDate === undefined ? before.due_date : i.dueDate,
        due_session_type: i.dueSession === undefined ? before.due_session_type : (i.dueSession?.type ?? null),
        due_session_year: i.dueSession === undefined ? before.due_session_year : (i.dueSession?.year ?? null),
      };
      const changes = {
        ...due,
        due_on: await dueOn(trx, {
          boardId: a.board_id,
          dueDate: due.due_date,
          sessionType: due.due_session_type,
          sessionYear: due.due_session_year,
        }),
        title: i.title ?? before.title,
        owner: i.owner ?? before.owner,
        weight: i.weight ?? before.weight,
        version: before.version + 1,
        updated_at: now,
      };
      await trx.updateTable('oversight_actions').set(changes).where('id', '=', a.id).execute();
      if (changes.weight !== before.weight) await refreshAddresseeProgress(trx, a.addressee_id, { now });
      audit({ action: 'oversight.action.updated', recordType: 'oversight_action', recordId: a.id, before, after: { ...before, ...changes } });
    },
  });
}
