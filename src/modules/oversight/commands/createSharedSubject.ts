// Marks recommendations or mandates of different boards as the same subject (shared practice), so
// their statuses can be read side by side. At least two boards must be involved.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors, type FieldError } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { CreateSharedSubjectInput } from '../schema.js';

/** The boards a recommendation (through its addressees) or a mandate belongs to; null if unknown. */
export async function boardsOfSubject(
  trx: Transaction<DB>,
  type: 'recommendation' | 'mandate',
  id: string,
): Promise<string[] | null> {
  if (type === 'mandate') {
    const m = await trx.selectFrom('oversight_mandates').select('board_id').where('id', '=', id).executeTakeFirst();
    return m ? [m.board_id] : null;
  }
  const rec = await trx.selectFrom('oversight_recommendations').select('id').where('id', '=', id).executeTakeFirst();
  if (!rec) return null;
  const rows = await trx
    .selectFrom('oversight_addressees')
    .select('board_id')
    .distinct()
    .where('recommendation_id', '=', id)
    .execute();
  return rows.map((r) => r.board_id);
}

export async function createSharedSubject(db: Kysely<DB>, actor: Actor, input: CreateSharedSubjectInput): Promise<string> {
  return runCommand(db, actor, {
    name: 'oversight.createSharedSubject',
    authorize: (a) => oversightPolicy.linkAcrossBoards(a),
    run: async ({ trx, now, audit }) => {
      const errs: FieldError[] = [];
      const boards = new Set<string>();
      const seen = new Set<string>();
      for (const [i, m] of input.members.entries()) {
        const b = await boardsOfSubject(trx, m.subjectType, m.subjectId);
        if (!b) errs.push({ path: `/body/members/${i}/subjectId`, message: `no ${m.subjectType} '${m.subjectId}'` });
        else b.forEach((x) => boards.add(x));
        const k = `${m.subjectType}:${m.subjectId}`;
        if (seen.has(k)) errs.push({ path: `/body/members/${i}`, message: 'is listed twice' });
        seen.add(k);
      }
      if (errs.length) throw errors.validation(errs);
      if (boards.size < 2)
        throw errors.validation([{ path: '/body/members', message: 'must belong to at least two different boards' }]);
      const row = {
        id: newId(),
        title: input.title,
        description: input.description ?? null,
        synthetic: input.synthetic ? 1 : 0,
        created_at: now,
      };
      await trx.insertInto('oversight_shared_subjects').values(row).execute();
      await trx
        .insertInto('oversight_shared_subject_members')
        .values(input.members.map((m) => ({ shared_subject_id: row.id, subject_type: m.subjectType, subject_id: m.subjectId })))
        .execute();
      audit({
        action: 'oversight.shared-subject.created',
        recordType: 'oversight_shared_subject',
        recordId: row.id,
        after: { ...row, members: input.members, boards: [...boards].sort() },
      });
      return row.id;
    },
  });
}
