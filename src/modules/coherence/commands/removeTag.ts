// Withdraws a confirmed tag. A suggestion it was confirmed from goes back to "suggested".
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { coherencePolicy } from '../policies.js';
import { loadSubject, type SubjectType } from '../subjects.js';

export async function removeTag(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const tag = await db.selectFrom('coherence_tags').selectAll().where('id', '=', id).executeTakeFirst();
  if (!tag) throw errors.notFound('Tag', id);
  const subject = await loadSubject(db, tag.subject_type as SubjectType, tag.subject_id);
  await runCommand(db, actor, {
    name: 'coherence.remove-tag',
    authorize: (a) => coherencePolicy.tag(a, subject?.boards ?? []),
    run: async ({ trx, now, audit }) => {
      await trx.deleteFrom('coherence_tags').where('id', '=', id).execute();
      if (tag.suggestion_id)
        await trx
          .updateTable('coherence_tag_suggestions')
          .set({ status: 'suggested', decided_by: null, decided_at: null, updated_at: now })
          .where('id', '=', tag.suggestion_id)
          .execute();
      audit({ action: 'coherence.tag-removed', recordType: 'coherence_tag', recordId: id, before: tag });
    },
  });
}
