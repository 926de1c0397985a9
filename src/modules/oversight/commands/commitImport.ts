// Phase two of a CSV import: re-evaluates the previewed file against the data as it is now and,
// only if no row has an error, applies every row in one transaction through the same command
// bodies as the API (so each change is checked against the workflow and audited). Any error
// leaves everything unchanged.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { evaluateImport } from '../import-rows.js';
import { oversightPolicy } from '../policies.js';
import { PRIORITY_WEIGHT, type CATEGORIES, type PRIORITIES } from '../schema.js';
import { insertAddressee, parseAddresseeKey, resolveAddressee } from '../write-helpers.js';
import { insertRecommendation } from './addRecommendation.js';
import type { ImportResult } from './previewImport.js';
import { applyResponse } from './recordResponse.js';

export async function commitImport(db: Kysely<DB>, actor: Actor, importId: string): Promise<ImportResult> {
  const imp = await db.selectFrom('oversight_imports').selectAll().where('id', '=', importId).executeTakeFirst();
  if (!imp) throw errors.notFound('Import', importId);
  return runCommand(db, actor, {
    name: 'oversight.commitImport',
    authorize: (a) => oversightPolicy.manageReviews(a),
    run: async (tx) => {
      const { trx, now, audit } = tx;
      const current = await trx.selectFrom('oversight_imports').select('status').where('id', '=', imp.id).executeTakeFirstOrThrow();
      if (current.status !== 'previewed')
        throw errors.conflict(`The import is already ${current.status}`, [{ path: '/params/id', message: `is ${current.status}` }]);
      const ev = await evaluateImport(trx, tx.actor, imp.review_id, imp.csv);
      const rowErrors = ev.rows.flatMap((r) => r.errors.map((e) => ({ path: `/csv/row/${r.row}/${e.field}`, message: e.message })));
      if (ev.fileErrors.length || rowErrors.length)
        throw errors.conflict('The file has errors against the current data; preview it again', [
          ...ev.fileErrors.map((e) => ({ path: `/csv/${e.field}`, message: e.message })),
          ...rowErrors,
        ]);
      const review = await trx.selectFrom('oversight_reviews').select(['issued_on', 'synthetic']).where('id', '=', imp.review_id).executeTakeFirstOrThrow();
      for (const r of ev.rows) {
        const v = r.values;
        const path = `/csv/row/${r.row}`;
        let rec = await trx
          .selectFrom('oversight_recommendations')
          .select(['id', 'synthetic'])
          .where('review_id', '=', imp.review_id)
          .where('number', '=', v.number!)
          .executeTakeFirst();
        const addrInput = parseAddresseeKey(v.addressee!)!;
        if (!rec) {
          const id = await insertRecommendation(
            tx,
            imp.review_id,
            {
              number: v.number!,
              text: v.text!,
              category: v.category as (typeof CATEGORIES)[number],
              priority: v.priority as (typeof PRIORITIES)[number],
              ...(v.intended_impact ? { intendedImpact: v.intended_impact } : {}),
              ...(v.weight ? { weight: Number(v.weight) } : {}),
              addressees: [addrInput],
            },
            path,
          );
          rec = { id, synthetic: review.synthetic };
        } else if (v.text || v.category || v.priority || v.intended_impact || v.weight) {
          const before = await trx.selectFrom('oversight_recommendations').selectAll().where('id', '=', rec.id).executeTakeFirstOrThrow();
          const priority = v.priority ?? before.priority;
          const changes = {
            text: v.text ?? before.text,
            category: v.category ?? before.category,
            priority,
            intended_impact: v.intended_impact ?? before.intended_impact,
            weight: v.weight ? Number(v.weight) : v.priority ? PRIORITY_WEIGHT[priority as (typeof PRIORITIES)[number]] : before.weight,
          };
          if (Object.entries(changes).some(([k, x]) => before[k as keyof typeof before] !== x)) {
            const after = { ...changes, version: before.version + 1, updated_at: now };
            await trx.updateTable('oversight_recommendations').set(after).where('id', '=', rec.id).execute();
            audit({ action: 'oversight.recommendation.updated', recordType: 'oversight_recommendation', recordId: rec.id, before, after: { ...before, ...after } });
          }
        }
        const resolved = await resolveAddressee(trx, addrInput, `${path}/addressee`);
        let addressee = await trx
          .selectFrom('oversight_addressees')
          .select('id')
          .where('recommendation_id', '=', rec.id)
          .where('addressee_key', '=', resolved.addressee_key)
          .executeTakeFirst();
        if (!addressee) {
          const row = await insertAddressee(trx, { recommendationId: rec.id, resolved, since: review.issued_on, synthetic: !!rec.synthetic, now });
          audit({ action: 'oversight.addressee.added', recordType: 'oversight_addressee', recordId: row.id, after: row });
          addressee = { id: row.id };
        }
        for (const axis of ['acceptance', 'implementation'] as const) {
          const to = v[axis];
          if (!to) continue;
          const cur = await trx.selectFrom('oversight_addressees').select(axis).where('id', '=', addressee.id).executeTakeFirstOrThrow();
          if ((cur as Record<string, string>)[axis] === to) continue;
          await applyResponse(tx, {
            addresseeId: addressee.id,
            axis,
            input: { status: to, on: v[`${axis}_date`]!, ...(v[`${axis}_justification`] ? { justification: v[`${axis}_justification`] } : {}) },
            path,
          });
        }
      }
      await trx.updateTable('oversight_imports').set({ status: 'committed', committed_at: now }).where('id', '=', imp.id).execute();
      audit({
        action: 'oversight.import.committed',
        recordType: 'oversight_import',
        recordId: imp.id,
        after: { reviewId: imp.review_id, rowCount: ev.rows.length },
      });
      return {
        id: imp.id,
        reviewId: imp.review_id,
        status: 'committed',
        rowCount: ev.rows.length,
        errorCount: 0,
        rows: ev.rows.map(({ values: _v, ...r }) => r),
      };
    },
  });
}
