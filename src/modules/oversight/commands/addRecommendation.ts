// Adds a recommendation to a review, with its addressees (boards and/or executive heads). Each
// addressee starts "under consideration" and "not started".
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand, type CommandTx } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import { PRIORITY_WEIGHT, type CreateRecommendationInput } from '../schema.js';
import { insertAddressee, resolveAddressee } from '../write-helpers.js';

/** The body of the command, reused by the CSV import inside its own transaction. */
export async function insertRecommendation(
  tx: CommandTx,
  reviewId: string,
  input: CreateRecommendationInput,
  path = '/body',
): Promise<string> {
  const { trx, now, audit } = tx;
  const review = await trx
    .selectFrom('oversight_reviews')
    .select(['id', 'issued_on', 'synthetic'])
    .where('id', '=', reviewId)
    .executeTakeFirst();
  if (!review) throw errors.notFound('Review', reviewId);
  const dup = await trx
    .selectFrom('oversight_recommendations')
    .select('id')
    .where('review_id', '=', reviewId)
    .where('number', '=', input.number)
    .executeTakeFirst();
  if (dup)
    throw errors.conflict(`Recommendation ${input.number} already exists in this review`, [
      { path: `${path}/number`, message: 'already used in this review' },
    ]);
  const resolved = [];
  for (const [i, a] of input.addressees.entries()) resolved.push(await resolveAddressee(trx, a, `${path}/addressees/${i}`));
  const keys = new Set(resolved.map((r) => r.addressee_key));
  if (keys.size !== resolved.length)
    throw errors.validation([{ path: `${path}/addressees`, message: 'lists the same addressee twice' }]);
  const pos = await trx
    .selectFrom('oversight_recommendations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('review_id', '=', reviewId)
    .executeTakeFirstOrThrow();
  const synthetic = input.synthetic ?? !!review.synthetic;
  const row = {
    id: newId(),
    review_id: reviewId,
    number: input.number,
    position: Number(pos.n),
    text: input.text,
    category: input.category,
    intended_impact: input.intendedImpact ?? null,
    priority: input.priority,
    weight: input.weight ?? PRIORITY_WEIGHT[input.priority],
    synthetic: synthetic ? 1 : 0,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('oversight_recommendations').values(row).execute();
  const addressees = [];
  for (const r of resolved)
    addressees.push(await insertAddressee(trx, { recommendationId: row.id, resolved: r, since: review.issued_on, synthetic, now }));
  audit({
    action: 'oversight.recommendation.added',
    recordType: 'oversight_recommendation',
    recordId: row.id,
    after: { ...row, addressees },
  });
  return row.id;
}

export async function addRecommendation(
  db: Kysely<DB>,
  actor: Actor,
  props: { reviewId: string; input: CreateRecommendationInput },
): Promise<string> {
  return runCommand(db, actor, {
    name: 'oversight.addRecommendation',
    authorize: (a) => {
      oversightPolicy.manageReviews(a);
      // A board's secretariat may only address recommendations to its own board or entities;
      // unknown ids are left for run() to report as 400.
      for (const ad of props.input.addressees) if (ad.kind === 'board' && ad.boardId) oversightPolicy.manageForBoard(a, ad.boardId);
    },
    run: (tx) => insertRecommendation(tx, props.reviewId, props.input),
  });
}
