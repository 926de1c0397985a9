// Phase one of a CSV import: evaluates every row (effects and per-row errors) and stores the file
// as a preview that phase two (commitImport) may apply. Nothing else changes.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { evaluateImport, type ImportRow } from '../import-rows.js';
import { oversightPolicy } from '../policies.js';

export interface ImportResult {
  id: string;
  reviewId: string;
  status: string;
  rowCount: number;
  errorCount: number;
  rows: Omit<ImportRow, 'values'>[];
}

export async function previewImport(
  db: Kysely<DB>,
  actor: Actor,
  props: { reviewId: string; csv: string },
): Promise<ImportResult> {
  const review = await db.selectFrom('oversight_reviews').select('id').where('id', '=', props.reviewId).executeTakeFirst();
  if (!review) throw errors.notFound('Review', props.reviewId);
  return runCommand(db, actor, {
    name: 'oversight.previewImport',
    authorize: (a) => oversightPolicy.manageReviews(a),
    run: async ({ trx, now, audit }) => {
      const ev = await evaluateImport(trx, actor, review.id, props.csv);
      if (ev.fileErrors.length)
        throw errors.validation(ev.fileErrors.map((e) => ({ path: `/body/csv/${e.field}`, message: e.message })));
      if (ev.rows.length === 0) throw errors.validation([{ path: '/body/csv', message: 'has a header but no rows' }]);
      const errorCount = ev.rows.reduce((n, r) => n + r.errors.length, 0);
      const row = {
        id: newId(),
        review_id: review.id,
        csv: props.csv,
        status: 'previewed',
        row_count: ev.rows.length,
        error_count: errorCount,
        created_by: actor.id,
        created_at: now,
        committed_at: null,
      };
      await trx.insertInto('oversight_imports').values(row).execute();
      audit({
        action: 'oversight.import.previewed',
        recordType: 'oversight_import',
        recordId: row.id,
        after: { reviewId: review.id, rowCount: row.row_count, errorCount },
      });
      return {
        id: row.id,
        reviewId: review.id,
        status: row.status,
        rowCount: row.row_count,
        errorCount,
        rows: ev.rows.map(({ values: _v, ...r }) => r),
      };
    },
  });
}
