// Adds one more recommendation or mandate to a shared subject.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import { boardsOfSubject } from './createSharedSubject.js';

export async function addSharedSubjectMember(
  db: Kysely<DB>,
  actor: Actor,
  props: { sharedSubjectId: string; subjectType: 'recommendation' | 'mandate'; subjectId: string },
): Promise<void> {
  const s = await db.selectFrom('oversight_shared_subjects').select('id').where('id', '=', props.sharedSubjectId).executeTakeFirst();
  if (!s) throw errors.notFound('Shared subject', props.sharedSubjectId);
  await runCommand(db, actor, {
    name: 'oversight.addSharedSubjectMember',
    authorize: (a) => oversightPolicy.linkAcrossBoards(a),
    run: async ({ trx, audit }) => {
      if (!(await boardsOfSubject(trx, props.subjectType, props.subjectId)))
        throw errors.validation([{ path: '/body/subjectId', message: `no ${props.subjectType} '${props.subjectId}'` }]);
      const dup = await trx
        .selectFrom('oversight_shared_subject_members')
        .select('subject_id')
        .where('shared_subject_id', '=', s.id)
        .where('subject_type', '=', props.subjectType)
        .where('subject_id', '=', props.subjectId)
        .executeTakeFirst();
      if (dup) throw errors.conflict('Already linked', [{ path: '/body/subjectId', message: 'is already part of this subject' }]);
      const row = { shared_subject_id: s.id, subject_type: props.subjectType, subject_id: props.subjectId };
      await trx.insertInto('oversight_shared_subject_members').values(row).execute();
      audit({ action: 'oversight.shared-subject.member-added', recordType: 'oversight_shared_subject', recordId: s.id, after: row });
    },
  });
}
