// Adds one more addressee (a board or an executive head) to an existing recommendation.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { AddresseeInput } from '../schema.js';
import { insertAddressee, resolveAddressee, reviewOfRecommendation } from '../write-helpers.js';

export async function addAddressee(
  db: Kysely<DB>,
  actor: Actor,
  props: { recommendationId: string; input: AddresseeInput },
): Promise<string> {
  const rec = await db
    .selectFrom('oversight_recommendations')
    .select(['id', 'synthetic'])
    .where('id', '=', props.recommendationId)
    .executeTakeFirst();
  if (!rec) throw errors.notFound('Recommendation', props.recommendationId);
  return runCommand(db, actor, {
    name: 'oversight.addAddressee',
    authorize: (a) => {
      oversightPolicy.manageReviews(a);
      if (props.input.kind === 'board' && props.input.boardId) oversightPolicy.manageForBoard(a, props.input.boardId);
    },
    run: async ({ trx, now, audit }) => {
      const resolved = await resolveAddressee(trx, props.input, '/body');
      const dup = await trx
        .selectFrom('oversight_addressees')
        .select('id')
        .where('recommendation_id', '=', rec.id)
        .where('addressee_key', '=', resolved.addressee_key)
        .executeTakeFirst();
      if (dup)
        throw errors.conflict('The recommendation is already addressed to them', [
          { path: resolved.kind === 'board' ? '/body/boardId' : '/body/entityId', message: 'already an addressee' },
        ]);
      const review = await reviewOfRecommendation(trx, rec.id);
      const row = await insertAddressee(trx, {
        recommendationId: rec.id,
        resolved,
        since: review.issued_on,
        synthetic: !!rec.synthetic,
        now,
      });
      audit({ action: 'oversight.addressee.added', recordType: 'oversight_addressee', recordId: row.id, after: row });
      return row.id;
    },
  });
}
