// Records an addressee's response on one axis — acceptance or implementation — with its date,
// author and justification. The move is checked against the configured workflow (transitions as
// data); the addressee's current state changes, the history gains a row, and both are audited.
import type { Kysely } from 'kysely';
import type { DB, OversightAddresseeTable } from '../../../db/schema.js';
import { checkIfMatch } from '../../../http/etag.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand, type CommandTx } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { RecordResponseInput } from '../schema.js';
import {
  ACCEPTING_STATUSES,
  IMPLEMENTATION_NEEDS_ACCEPTANCE,
  checkTransition,
} from '../workflow.js';
import {
  notBeforeReview,
  recordStatusChange,
  refreshAddresseeProgress,
  reviewOfRecommendation,
} from '../write-helpers.js';

export type ResponseAxis = 'acceptance' | 'implementation';

/** The body of the command; the CSV import calls it inside its own transaction. */
export async function applyResponse(
  tx: CommandTx,
  p: { addresseeId: string; axis: ResponseAxis; input: RecordResponseInput; path?: string },
): Promise<void> {
  const { trx, now, audit, actor } = tx;
  const path = p.path ?? '/body';
  const before = await trx
    .selectFrom('oversight_addressees')
    .selectAll()
    .where('id', '=', p.addresseeId)
    .executeTakeFirstOrThrow();
  const review = await reviewOfRecommendation(trx, before.recommendation_id);
  notBeforeReview(p.input.on, review, `${path}/on`);
  const from = before[p.axis];
  await checkTransition(trx, {
    axis: p.axis,
    from,
    to: p.input.status,
    justification: p.input.justification,
    field: `${path}/status`,
    justificationField: `${path}/justification`,
  });
  if (
    p.axis === 'implementation' &&
    IMPLEMENTATION_NEEDS_ACCEPTANCE.includes(p.input.status) &&
    !ACCEPTING_STATUSES.includes(before.acceptance)
  ) {
    throw errors.conflict(`Implementation cannot be '${p.input.status}' while acceptance is '${before.acceptance}'`, [
      { path: `${path}/status`, message: `requires acceptance to be accepted or partially accepted (it is '${before.acceptance}')` },
    ]);
  }
  const previousOn = before[`${p.axis}_on`];
  if (previousOn && p.input.on < previousOn)
    throw errors.validation([
      { path: `${path}/on`, message: `is before the current ${p.axis} status date (${previousOn})` },
    ]);
  const justification = p.input.justification?.trim() || null;
  const changes: Partial<OversightAddresseeTable> =
    p.axis === 'acceptance'
      ? { acceptance: p.input.status, acceptance_on: p.input.on, acceptance_by: actor.displayName, acceptance_justification: justification }
      : {
          implementation: p.input.status,
          implementation_on: p.input.on,
          implementation_by: actor.displayName,
          implementation_justification: justification,
        };
  await trx
    .updateTable('oversight_addressees')
    .set({ ...changes, version: before.version + 1, updated_at: now })
    .where('id', '=', before.id)
    .execute();
  const progress = await refreshAddresseeProgress(trx, before.id, { now, touchedOn: p.input.on });
  const change = await recordStatusChange(trx, {
    subjectType: 'addressee',
    subjectId: before.id,
    axis: p.axis,
    from,
    to: p.input.status,
    progressBefore: progress.before,
    progressAfter: progress.after,
    effectiveOn: p.input.on,
    actor,
    now,
    justification,
    synthetic: !!before.synthetic,
  });
  audit({
    action: `oversight.${p.axis}.recorded`,
    recordType: 'oversight_addressee',
    recordId: before.id,
    before: { [p.axis]: from, [`${p.axis}_on`]: previousOn, progress: progress.before },
    after: { [p.axis]: p.input.status, [`${p.axis}_on`]: p.input.on, justification, progress: progress.after, statusChangeId: change.id },
  });
}

export async function recordResponse(
  db: Kysely<DB>,
  actor: Actor,
  props: { addresseeId: string; axis: ResponseAxis; input: RecordResponseInput; ifMatch?: string },
): Promise<void> {
  const a = await db
    .selectFrom('oversight_addressees')
    .select(['id', 'board_id', 'kind'])
    .where('id', '=', props.addresseeId)
    .executeTakeFirst();
  if (!a) throw errors.notFound('Addressee', props.addresseeId);
  await runCommand(db, actor, {
    name: `oversight.record${props.axis === 'acceptance' ? 'Acceptance' : 'Implementation'}`,
    authorize: (x) => oversightPolicy.respond(x, a),
    run: async (tx) => {
      if (props.ifMatch) {
        const v = await tx.trx.selectFrom('oversight_addressees').select('version').where('id', '=', a.id).executeTakeFirstOrThrow();
        checkIfMatch(props.ifMatch, a.id, v.version);
      }
      await applyResponse(tx, props);
    },
  });
}
