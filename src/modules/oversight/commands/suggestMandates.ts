// Runs mandate extraction over a decision's operative paragraphs and stores each new match as a
// suggested mandate. Re-running is idempotent: matches already stored are left alone.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { extractMandates } from '../mandate-extraction.js';
import { oversightPolicy } from '../policies.js';
import { recordStatusChange } from '../write-helpers.js';

export async function suggestMandates(db: Kysely<DB>, actor: Actor, decisionId: string): Promise<string[]> {
  const decision = await db.selectFrom('decisions').selectAll().where('id', '=', decisionId).executeTakeFirst();
  if (!decision) throw errors.notFound('Decision', decisionId);
  return runCommand(db, actor, {
    name: 'oversight.suggestMandates',
    authorize: (a) => oversightPolicy.manageForBoard(a, decision.board_id),
    run: async ({ trx, now, audit, unchanged }) => {
      const paragraphs = await trx
        .selectFrom('decision_paragraphs')
        .select(['number', 'text', 'position'])
        .where('decision_id', '=', decisionId)
        .where('kind', '=', 'operative')
        .orderBy('position')
        .execute();
      const existing = await trx
        .selectFrom('oversight_mandates')
        .select(['paragraph_number', 'span_start', 'entity_id'])
        .where('decision_id', '=', decisionId)
        .execute();
      const key = (p: string | null, s: number | null, e: string | null) => `${p ?? ''}|${s ?? ''}|${e ?? ''}`;
      const have = new Set(existing.map((x) => key(x.paragraph_number, x.span_start, x.entity_id)));
      const created: string[] = [];
      for (const p of paragraphs) {
        const paragraphNumber = p.number ?? String(p.position + 1);
        for (const s of extractMandates(p.text, { language: decision.language, boardId: decision.board_id })) {
          if (have.has(key(paragraphNumber, s.span.start, s.entityId))) continue;
          have.add(key(paragraphNumber, s.span.start, s.entityId));
          const row = {
            id: newId(),
            board_id: decision.board_id,
            decision_id: decision.id,
            paragraph_number: paragraphNumber,
            entity_id: s.entityId,
            addressee_text: s.addresseeText,
            verb: s.verb,
            deliverable: s.deliverable,
            due_session_type: s.dueSession?.type ?? null,
            due_session_year: s.dueSession?.year ?? null,
            status: 'suggested',
            language: s.language,
            span_start: s.span.start,
            span_end: s.span.end,
            span_text: s.span.text,
            fulfilled_by_document_id: null,
            fulfilled_on: null,
            synthetic: decision.synthetic,
            version: 1,
            created_at: now,
            updated_at: now,
          };
          await trx.insertInto('oversight_mandates').values(row).execute();
          await recordStatusChange(trx, {
            subjectType: 'mandate',
            subjectId: row.id,
            axis: 'mandate',
            from: null,
            to: 'suggested',
            effectiveOn: now.slice(0, 10),
            actor,
            now,
            justification: `extracted from decision ${decision.number}, paragraph ${paragraphNumber}`,
            synthetic: !!row.synthetic,
          });
          audit({ action: 'oversight.mandate.suggested', recordType: 'oversight_mandate', recordId: row.id, after: row });
          created.push(row.id);
        }
      }
      if (created.length === 0) unchanged();
      return created;
    },
  });
}
