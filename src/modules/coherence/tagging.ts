// Stores the model's suggestions for subjects, apart from the tags a person confirmed. Refreshing
// a subject re-runs the model: new suggestions are added, changed scores and triggers updated, and
// suggestions the model no longer makes are removed — unless a person already decided on them
// (confirmed or rejected suggestions are kept as the record of that decision).
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import type { AuditEntry } from '../audit/command.js';
import { MODEL_VERSION, suggestTags, type Suggestion } from './tagger.js';
import { primaryBoard, type Subject } from './subjects.js';

export interface RefreshResult {
  subjects: number;
  added: number;
  updated: number;
  removed: number;
}

export async function refreshSuggestions(
  trx: Transaction<DB>,
  subjects: Subject[],
  now: string,
  audit: (e: AuditEntry) => void,
  opts: { minScore?: number } = {},
): Promise<RefreshResult> {
  const result: RefreshResult = { subjects: subjects.length, added: 0, updated: 0, removed: 0 };
  for (const s of subjects) {
    const suggestions = suggestTags(s.text, opts);
    const existing = await trx
      .selectFrom('coherence_tag_suggestions')
      .selectAll()
      .where('subject_type', '=', s.type)
      .where('subject_id', '=', s.id)
      .execute();
    const byTag = new Map(existing.map((e) => [e.tag, e]));
    const added: string[] = [];
    const updated: string[] = [];
    const removed: string[] = [];
    for (const sg of suggestions) {
      const triggers = JSON.stringify(sg.triggers);
      const prev = byTag.get(sg.tag);
      if (!prev) {
        await trx
          .insertInto('coherence_tag_suggestions')
          .values(row(s, sg, triggers, now))
          .execute();
        added.push(sg.tag);
      } else if (prev.score !== sg.score || prev.triggers_json !== triggers || prev.model_version !== MODEL_VERSION) {
        await trx
          .updateTable('coherence_tag_suggestions')
          .set({ score: sg.score, raw: sg.raw, triggers_json: triggers, model_version: MODEL_VERSION, updated_at: now })
          .where('id', '=', prev.id)
          .execute();
        updated.push(sg.tag);
      }
    }
    const current = new Set(suggestions.map((x) => x.tag));
    const stale = existing.filter((e) => !current.has(e.tag) && e.status === 'suggested');
    if (stale.length) {
      await trx
        .deleteFrom('coherence_tag_suggestions')
        .where('id', 'in', stale.map((e) => e.id))
        .execute();
      removed.push(...stale.map((e) => e.tag));
    }
    if (added.length || updated.length || removed.length) {
      audit({
        action: 'coherence.tags-suggested',
        recordType: s.type,
        recordId: s.id,
        before: { tags: existing.map((e) => e.tag).sort() },
        after: { added, updated, removed, model: MODEL_VERSION },
      });
    }
    result.added += added.length;
    result.updated += updated.length;
    result.removed += removed.length;
  }
  return result;
}

function row(s: Subject, sg: Suggestion, triggers: string, now: string) {
  return {
    id: newId(),
    subject_type: s.type,
    subject_id: s.id,
    board_id: primaryBoard(s),
    year: s.year,
    tag: sg.tag,
    score: sg.score,
    raw: sg.raw,
    triggers_json: triggers,
    model_version: MODEL_VERSION,
    status: 'suggested',
    decided_by: null,
    decided_at: null,
    created_at: now,
    updated_at: now,
  };
}
