// Links an oversight record (review, recommendation, addressee, action, mandate, working group) to
// the decision and paragraph that endorsed, requested or established it.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { CreateDecisionLinkInput } from '../schema.js';
import { requireDecision } from '../write-helpers.js';

const TABLE = {
  review: 'oversight_reviews',
  recommendation: 'oversight_recommendations',
  addressee: 'oversight_addressees',
  action: 'oversight_actions',
  mandate: 'oversight_mandates',
  'working-group': 'oversight_working_groups',
} as const;

export async function subjectExists(
  db: Kysely<DB> | Transaction<DB>,
  type: keyof typeof TABLE,
  id: string,
): Promise<boolean> {
  const row = await db.selectFrom(TABLE[type]).select('id').where('id', '=', id).executeTakeFirst();
  return !!row;
}

export async function linkDecision(db: Kysely<DB>, actor: Actor, input: CreateDecisionLinkInput): Promise<string> {
  if (!(await subjectExists(db, input.subjectType, input.subjectId)))
    throw errors.validation([{ path: '/body/subjectId', message: `no ${input.subjectType} '${input.subjectId}'` }]);
  const decision = await db.selectFrom('decisions').select(['id', 'board_id']).where('id', '=', input.decisionId).executeTakeFirst();
  return runCommand(db, actor, {
    name: 'oversight.linkDecision',
    // The board whose decision it is keeps the link; unknown decisions are reported by run().
    authorize: (a) => (decision ? oversightPolicy.manageForBoard(a, decision.board_id) : oversightPolicy.manageReviews(a)),
    run: async ({ trx, now, audit }) => {
      await requireDecision(trx, input.decisionId, '/body/decisionId');
      if (input.paragraphNumber) {
        const p = await trx
          .selectFrom('decision_paragraphs')
          .select('id')
          .where('decision_id', '=', input.decisionId)
          .where('number', '=', input.paragraphNumber)
          .executeTakeFirst();
        if (!p) throw errors.validation([{ path: '/body/paragraphNumber', message: 'the decision has no such paragraph' }]);
      }
      const dup = await trx
        .selectFrom('oversight_decision_links')
        .select('id')
        .where('subject_type', '=', input.subjectType)
        .where('subject_id', '=', input.subjectId)
        .where('decision_id', '=', input.decisionId)
        .where('relation', '=', input.relation)
        .executeTakeFirst();
      if (dup) throw errors.conflict('That link exists', [{ path: '/body/decisionId', message: 'already linked with this relation' }]);
      const row = {
        id: newId(),
        subject_type: input.subjectType,
        subject_id: input.subjectId,
        decision_id: input.decisionId,
        paragraph_number: input.paragraphNumber ?? null,
        relation: input.relation,
        created_at: now,
      };
      await trx.insertInto('oversight_decision_links').values(row).execute();
      audit({ action: 'oversight.decision.linked', recordType: 'oversight_decision_link', recordId: row.id, after: row });
      return row.id;
    },
  });
}
