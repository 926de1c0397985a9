// A person confirms or rejects one suggestion of the model. Confirming copies it into the confirmed
// tags (with a link back to the suggestion); rejecting marks it rejected and withdraws a tag that
// was confirmed from it. Deciding the same way twice changes nothing.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { coherencePolicy } from '../policies.js';
import { loadSubject, type SubjectType } from '../subjects.js';

export async function decideSuggestion(
  db: Kysely<DB>,
  actor: Actor,
  props: { id: string; decision: 'confirm' | 'reject'; note?: string },
): Promise<void> {
  const sg = await db.selectFrom('coherence_tag_suggestions').selectAll().where('id', '=', props.id).executeTakeFirst();
  if (!sg) throw errors.notFound('Suggestion', props.id);
  const subject = await loadSubject(db, sg.subject_type as SubjectType, sg.subject_id);
  if (!subject) throw errors.notFound('Suggestion', props.id);
  await runCommand(db, actor, {
    name: `coherence.${props.decision}-suggestion`,
    authorize: (a) => coherencePolicy.tag(a, subject.boards),
    run: async ({ trx, now, audit, unchanged }) => {
      const current = await trx.selectFrom('coherence_tag_suggestions').selectAll().where('id', '=', props.id).executeTakeFirstOrThrow();
      const target = props.decision === 'confirm' ? 'confirmed' : 'rejected';
      const tag = await trx
        .selectFrom('coherence_tags')
        .selectAll()
        .where('subject_type', '=', current.subject_type)
        .where('subject_id', '=', current.subject_id)
        .where('tag', '=', current.tag)
        .executeTakeFirst();
      if (current.status === target && (target === 'rejected' ? !tag : !!tag)) {
        unchanged();
        return;
      }
      await trx
        .updateTable('coherence_tag_suggestions')
        .set({ status: target, decided_by: actor.id, decided_at: now, updated_at: now })
        .where('id', '=', current.id)
        .execute();
      if (target === 'confirmed' && !tag) {
        await trx
          .insertInto('coherence_tags')
          .values({
            id: newId(),
            subject_type: current.subject_type,
            subject_id: current.subject_id,
            board_id: current.board_id,
            year: current.year,
            tag: current.tag,
            suggestion_id: current.id,
            confirmed_by: actor.id,
            confirmed_at: now,
            note: props.note ?? null,
          })
          .execute();
      }
      if (target === 'rejected' && tag) await trx.deleteFrom('coherence_tags').where('id', '=', tag.id).execute();
      audit({
        action: `coherence.suggestion-${target}`,
        recordType: 'coherence_tag_suggestion',
        recordId: current.id,
        before: { status: current.status, tag: current.tag, confirmedTag: tag?.id ?? null },
        after: { status: target, tag: current.tag, subject: `${current.subject_type}/${current.subject_id}`, note: props.note ?? null },
      });
    },
  });
}
