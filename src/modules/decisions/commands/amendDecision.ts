// Corrects a recorded decision's title, adoption date or paragraphs, guarded by If-Match.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { checkIfMatch } from '../../../http/etag.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { decisionPolicy } from '../policies.js';
import type { UpdateDecisionInput } from '../schema.js';
import { writeParagraphs } from './adoptDecision.js';

export async function amendDecision(
  db: Kysely<DB>,
  actor: Actor,
  props: { id: string; input: UpdateDecisionInput; ifMatch?: string },
) {
  const existing = await db
    .selectFrom('decisions')
    .select('board_id')
    .where('id', '=', props.id)
    .executeTakeFirst();
  if (!existing) throw errors.notFound('Decision', props.id);
  await runCommand(db, actor, {
    name: 'decisions.amend',
    authorize: (a) => decisionPolicy.record(a, existing.board_id),
    run: async ({ trx, now, audit }) => {
      const before = await trx
        .selectFrom('decisions')
        .selectAll()
        .where('id', '=', props.id)
        .executeTakeFirstOrThrow();
      checkIfMatch(props.ifMatch, before.id, before.version);
      const beforeParas = await trx
        .selectFrom('decision_paragraphs')
        .select(['kind', 'number', 'text'])
        .where('decision_id', '=', props.id)
        .orderBy('position')
        .execute();
      const changes = {
        title: props.input.title ?? before.title,
        adopted_on: props.input.adoptedOn === undefined ? before.adopted_on : props.input.adoptedOn,
        version: before.version + 1,
        updated_at: now,
      };
      await trx.updateTable('decisions').set(changes).where('id', '=', props.id).execute();
      if (props.input.paragraphs) await writeParagraphs(trx, props.id, props.input.paragraphs);
      audit({
        action: 'decision.amended',
        recordType: 'decision',
        recordId: props.id,
        before: { ...before, paragraphs: beforeParas },
        after: { ...before, ...changes, paragraphs: props.input.paragraphs ?? beforeParas },
      });
    },
  });
}
