// Corrects a review's metadata, guarded by If-Match.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { checkIfMatch } from '../../../http/etag.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { UpdateReviewInput } from '../schema.js';
import { requireDocument } from '../write-helpers.js';

export async function updateReview(
  db: Kysely<DB>,
  actor: Actor,
  props: { id: string; input: UpdateReviewInput; ifMatch?: string },
): Promise<void> {
  const exists = await db.selectFrom('oversight_reviews').select('id').where('id', '=', props.id).executeTakeFirst();
  if (!exists) throw errors.notFound('Review', props.id);
  await runCommand(db, actor, {
    name: 'oversight.updateReview',
    authorize: (a) => oversightPolicy.manageReviews(a),
    run: async ({ trx, now, audit }) => {
      const before = await trx
        .selectFrom('oversight_reviews')
        .selectAll()
        .where('id', '=', props.id)
        .executeTakeFirstOrThrow();
      checkIfMatch(props.ifMatch, before.id, before.version);
      const i = props.input;
      if (i.issuedOn && Number(i.issuedOn.slice(0, 4)) !== before.year)
        throw errors.validation([{ path: '/body/issuedOn', message: `must fall in the review's year (${before.year})` }]);
      if (i.issuedOn && i.issuedOn > before.issued_on) {
        // Moving the issue date later must not leave recorded dates before it.
        const earlier = await trx
          .selectFrom('oversight_status_changes')
          .innerJoin('oversight_addressees', 'oversight_addressees.id', 'oversight_status_changes.subject_id')
          .innerJoin('oversight_recommendations', 'oversight_recommendations.id', 'oversight_addressees.recommendation_id')
          .select('oversight_status_changes.id')
          .where('oversight_recommendations.review_id', '=', before.id)
          .where('oversight_status_changes.effective_on', '<', i.issuedOn)
          .executeTakeFirst();
        if (earlier)
          throw errors.conflict('Responses are recorded before that date', [
            { path: '/body/issuedOn', message: 'is later than recorded responses' },
          ]);
      }
      if (i.documentId) await requireDocument(trx, i.documentId, '/body/documentId');
      if (i.symbol) {
        const dup = await trx
          .selectFrom('oversight_reviews')
          .select('id')
          .where('symbol', '=', i.symbol)
          .where('id', '!=', before.id)
          .executeTakeFirst();
        if (dup)
          throw errors.conflict(`A review with symbol ${i.symbol} exists`, [
            { path: '/body/symbol', message: 'already used by another review' },
          ]);
      }
      const changes = {
        title: i.title ?? before.title,
        issuing_body: i.issuingBody ?? before.issuing_body,
        symbol: i.symbol === undefined ? before.symbol : i.symbol,
        issued_on: i.issuedOn ?? before.issued_on,
        document_id: i.documentId === undefined ? before.document_id : i.documentId,
        version: before.version + 1,
        updated_at: now,
      };
      await trx.updateTable('oversight_reviews').set(changes).where('id', '=', before.id).execute();
      audit({
        action: 'oversight.review.updated',
        recordType: 'oversight_review',
        recordId: before.id,
        before,
        after: { ...before, ...changes },
      });
    },
  });
}
