// A person tags a subject directly (a confirmed tag without a suggestion, or confirming the
// model's suggestion for that tag if there is one). 409 when the subject already has the tag.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { coherencePolicy } from '../policies.js';
import { primaryBoard, type Subject } from '../subjects.js';

export async function addTag(db: Kysely<DB>, actor: Actor, props: { subject: Subject; tag: string; note?: string }): Promise<string> {
  const { subject } = props;
  return runCommand(db, actor, {
    name: 'coherence.add-tag',
    authorize: (a) => coherencePolicy.tag(a, subject.boards),
    run: async ({ trx, now, audit }) => {
      const exists = await trx
        .selectFrom('coherence_tags')
        .select('id')
        .where('subject_type', '=', subject.type)
        .where('subject_id', '=', subject.id)
        .where('tag', '=', props.tag)
        .executeTakeFirst();
      if (exists) throw errors.conflict(`${subject.type} ${subject.id} already has the tag ${props.tag}`, [{ path: '/body/tag', message: 'already confirmed' }]);
      const sg = await trx
        .selectFrom('coherence_tag_suggestions')
        .select(['id', 'status'])
        .where('subject_type', '=', subject.type)
        .where('subject_id', '=', subject.id)
        .where('tag', '=', props.tag)
        .executeTakeFirst();
      if (sg)
        await trx
          .updateTable('coherence_tag_suggestions')
          .set({ status: 'confirmed', decided_by: actor.id, decided_at: now, updated_at: now })
          .where('id', '=', sg.id)
          .execute();
      const row = {
        id: newId(),
        subject_type: subject.type,
        subject_id: subject.id,
        board_id: primaryBoard(subject),
        year: subject.year,
        tag: props.tag,
        suggestion_id: sg?.id ?? null,
        confirmed_by: actor.id,
        confirmed_at: now,
        note: props.note ?? null,
      };
      await trx.insertInto('coherence_tags').values(row).execute();
      audit({ action: 'coherence.tag-added', recordType: 'coherence_tag', recordId: row.id, after: row });
      return row.id;
    },
  });
}
