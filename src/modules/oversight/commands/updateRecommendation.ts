// Corrects a recommendation's text, category, intended impact, priority or weight (If-Match).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { checkIfMatch } from '../../../http/etag.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { UpdateRecommendationInput } from '../schema.js';

export async function updateRecommendation(
  db: Kysely<DB>,
  actor: Actor,
  props: { id: string; input: UpdateRecommendationInput; ifMatch?: string },
): Promise<void> {
  const exists = await db
    .selectFrom('oversight_recommendations')
    .select('id')
    .where('id', '=', props.id)
    .executeTakeFirst();
  if (!exists) throw errors.notFound('Recommendation', props.id);
  await runCommand(db, actor, {
    name: 'oversight.updateRecommendation',
    authorize: (a) => oversightPolicy.manageReviews(a),
    run: async ({ trx, now, audit, unchanged }) => {
      const before = await trx
        .selectFrom('oversight_recommendations')
        .selectAll()
        .where('id', '=', props.id)
        .executeTakeFirstOrThrow();
      checkIfMatch(props.ifMatch, before.id, before.version);
      const i = props.input;
      const next = {
        text: i.text ?? before.text,
        category: i.category ?? before.category,
        intended_impact: i.intendedImpact === undefined ? before.intended_impact : i.intendedImpact,
        priority: i.priority ?? before.priority,
        weight: i.weight ?? before.weight,
      };
      if (Object.entries(next).every(([k, v]) => before[k as keyof typeof before] === v)) {
        unchanged();
        return;
      }
      const changes = { ...next, version: before.version + 1, updated_at: now };
      await trx.updateTable('oversight_recommendations').set(changes).where('id', '=', before.id).execute();
      audit({
        action: 'oversight.recommendation.updated',
        recordType: 'oversight_recommendation',
        recordId: before.id,
        before,
        after: { ...before, ...changes },
      });
    },
  });
}
