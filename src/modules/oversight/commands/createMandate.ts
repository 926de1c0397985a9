// Records a mandate by hand (one the extraction missed, or one from outside a decision text). A
// mandate entered by the secretariat is confirmed from the start.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { CreateMandateInput } from '../schema.js';
import { recordStatusChange, requireDecision } from '../write-helpers.js';

export async function createMandate(db: Kysely<DB>, actor: Actor, input: CreateMandateInput): Promise<string> {
  return runCommand(db, actor, {
    name: 'oversight.createMandate',
    authorize: (a) => oversightPolicy.manageForBoard(a, input.boardId),
    run: async ({ trx, now, audit }) => {
      const board = await trx.selectFrom('boards').select('id').where('id', '=', input.boardId).executeTakeFirst();
      if (!board) throw errors.validation([{ path: '/body/boardId', message: `unknown board '${input.boardId}'` }]);
      let decisionYear: number | null = null;
      if (input.decisionId) {
        const d = await requireDecision(trx, input.decisionId, '/body/decisionId');
        if (d.board_id !== input.boardId)
          throw errors.validation([{ path: '/body/decisionId', message: 'is a decision of another board' }]);
        decisionYear = d.year;
      }
      if (input.entityId) {
        const e = await trx
          .selectFrom('board_entities')
          .select('entity_id')
          .where('entity_id', '=', input.entityId)
          .where('board_id', '=', input.boardId)
          .executeTakeFirst();
        if (!e) throw errors.validation([{ path: '/body/entityId', message: `'${input.entityId}' is not an entity of this board` }]);
      }
      if (input.dueSession && decisionYear && input.dueSession.year < decisionYear)
        throw errors.validation([{ path: '/body/dueSession/year', message: `is before the decision's year (${decisionYear})` }]);
      const row = {
        id: newId(),
        board_id: input.boardId,
        decision_id: input.decisionId ?? null,
        paragraph_number: input.paragraphNumber ?? null,
        entity_id: input.entityId ?? null,
        addressee_text: input.addresseeText,
        verb: input.verb ?? 'report',
        deliverable: input.deliverable,
        due_session_type: input.dueSession?.type ?? null,
        due_session_year: input.dueSession?.year ?? null,
        status: 'confirmed',
        language: 'en',
        span_start: null,
        span_end: null,
        span_text: null,
        fulfilled_by_document_id: null,
        fulfilled_on: null,
        synthetic: input.synthetic ? 1 : 0,
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
        to: 'confirmed',
        effectiveOn: now.slice(0, 10),
        actor,
        now,
        justification: 'entered by hand',
        synthetic: !!row.synthetic,
      });
      audit({ action: 'oversight.mandate.created', recordType: 'oversight_mandate', recordId: row.id, after: row });
      return row.id;
    },
  });
}
