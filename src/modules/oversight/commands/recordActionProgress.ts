// Records progress on an action: a new status (checked against the action workflow) and/or a new
// per-cent figure, with date and justification. Progress rolls up to the addressee in the same
// transaction, and the history keeps both the status and the figures before and after.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { checkIfMatch } from '../../../http/etag.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { RecordActionProgressInput } from '../schema.js';
import { checkTransition } from '../workflow.js';
import { notBeforeReview, recordStatusChange, refreshAddresseeProgress, reviewOfRecommendation } from '../write-helpers.js';
import { actionWithAddressee } from './updateAction.js';

export async function recordActionProgress(
  db: Kysely<DB>,
  actor: Actor,
  props: { id: string; input: RecordActionProgressInput; ifMatch?: string },
): Promise<void> {
  const i = props.input;
  // Checked here too (not only by the HTTP schema) because the CLI calls this command directly.
  if (i.progress !== undefined && (!Number.isFinite(i.progress) || i.progress < 0 || i.progress > 100))
    throw errors.validation([{ path: '/body/progress', message: 'must be between 0 and 100' }]);
  if (i.status === undefined && i.progress === undefined)
    throw errors.validation([{ path: '/body/status', message: 'give a status, a progress figure, or both' }]);
  const a = await actionWithAddressee(db, props.id);
  await runCommand(db, actor, {
    name: 'oversight.recordActionProgress',
    authorize: (x) => oversightPolicy.respond(x, a),
    run: async ({ trx, now, audit, unchanged }) => {
      const before = await trx.selectFrom('oversight_actions').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
      checkIfMatch(props.ifMatch, before.id, before.version);
      const review = await reviewOfRecommendation(trx, a.recommendation_id);
      notBeforeReview(i.on, review, '/body/on');
      let status = before.status;
      if (i.status !== undefined && i.status !== before.status) {
        await checkTransition(trx, {
          axis: 'action',
          from: before.status,
          to: i.status,
          justification: i.justification,
          field: '/body/status',
          justificationField: '/body/justification',
        });
        status = i.status;
      }
      let progress = i.progress === undefined ? before.progress : Math.round(i.progress);
      if (status === 'completed') {
        if (i.progress !== undefined && i.progress < 100)
          throw errors.validation([{ path: '/body/progress', message: 'a completed action is at 100' }]);
        progress = 100;
      }
      if (progress < before.progress && !i.justification?.trim())
        throw errors.validation([{ path: '/body/justification', message: 'is required when progress goes down' }]);
      if (status === before.status && progress === before.progress) {
        unchanged();
        return;
      }
      const changes = {
        status,
        progress,
        completed_on: status === 'completed' ? i.on : null,
        version: before.version + 1,
        updated_at: now,
      };
      await trx.updateTable('oversight_actions').set(changes).where('id', '=', a.id).execute();
      const rolled = await refreshAddresseeProgress(trx, a.addressee_id, { now, touchedOn: i.on });
      const change = await recordStatusChange(trx, {
        subjectType: 'action',
        subjectId: a.id,
        axis: 'action',
        from: before.status,
        to: status,
        progressBefore: before.progress,
        progressAfter: progress,
        effectiveOn: i.on,
        actor,
        now,
        justification: i.justification,
        synthetic: !!before.synthetic,
      });
      audit({
        action: 'oversight.action.progressed',
        recordType: 'oversight_action',
        recordId: a.id,
        before: { status: before.status, progress: before.progress },
        after: { ...changes, justification: i.justification ?? null, addresseeProgress: rolled, statusChangeId: change.id },
      });
    },
  });
}
