// Registers an independent review of board governance (e.g. the JIU review of 2023).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { CreateReviewInput } from '../schema.js';
import { requireDocument } from '../write-helpers.js';

export async function registerReview(db: Kysely<DB>, actor: Actor, input: CreateReviewInput): Promise<string> {
  return runCommand(db, actor, {
    name: 'oversight.registerReview',
    authorize: (a) => oversightPolicy.manageReviews(a),
    run: async ({ trx, now, audit }) => {
      if (input.issuedOn && Number(input.issuedOn.slice(0, 4)) !== input.year)
        throw errors.validation([{ path: '/body/issuedOn', message: `must fall in the review's year (${input.year})` }]);
      if (input.documentId) await requireDocument(trx, input.documentId, '/body/documentId');
      if (input.symbol) {
        const dup = await trx
          .selectFrom('oversight_reviews')
          .select('id')
          .where('symbol', '=', input.symbol)
          .executeTakeFirst();
        if (dup)
          throw errors.conflict(`A review with symbol ${input.symbol} exists`, [
            { path: '/body/symbol', message: 'already used by another review' },
          ]);
      }
      const row = {
        id: newId(),
        title: input.title,
        issuing_body: input.issuingBody,
        year: input.year,
        symbol: input.symbol ?? null,
        issued_on: input.issuedOn ?? `${input.year}-01-01`,
        document_id: input.documentId ?? null,
        synthetic: input.synthetic ? 1 : 0,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto('oversight_reviews').values(row).execute();
      audit({ action: 'oversight.review.registered', recordType: 'oversight_review', recordId: row.id, after: row });
      return row.id;
    },
  });
}
