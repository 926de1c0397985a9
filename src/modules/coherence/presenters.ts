// Output shapes of coherence records: only whitelisted fields leave the server.
import type { CoherenceFindingTable, CoherenceTagSuggestionTable, CoherenceTagTable } from '../../db/schema.js';
import type { Trigger } from './tagger.js';
import { TAG_BY_ID } from './themes.js';

const tagLabel = (tag: string) => TAG_BY_ID.get(tag)?.label ?? tag;

export const presentSuggestion = (r: CoherenceTagSuggestionTable) => ({
  id: r.id,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  boardId: r.board_id,
  year: r.year,
  tag: r.tag,
  label: tagLabel(r.tag),
  score: r.score,
  raw: r.raw,
  triggers: JSON.parse(r.triggers_json) as Trigger[],
  model: r.model_version,
  status: r.status as 'suggested' | 'confirmed' | 'rejected',
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
});

export const presentTag = (r: CoherenceTagTable) => ({
  id: r.id,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  boardId: r.board_id,
  year: r.year,
  tag: r.tag,
  label: tagLabel(r.tag),
  suggestionId: r.suggestion_id,
  confirmedBy: r.confirmed_by,
  confirmedAt: r.confirmed_at,
  note: r.note,
});

interface Ref {
  type: string;
  id: string;
  ref: string;
  boards: string[];
  synthetic: boolean;
}

export const presentFinding = (r: CoherenceFindingTable) => {
  const { a, b, ...evidence } = JSON.parse(r.evidence_json) as { a: Ref; b: Ref | null } & Record<string, unknown>;
  return {
    id: r.id,
    runId: r.run_id,
    year: r.year,
    kind: r.kind,
    score: r.score,
    boardIds: r.board_ids ? r.board_ids.split(',') : [],
    subjectA: a,
    subjectB: b ?? null,
    tag: r.tag,
    title: r.title,
    sharedTerms: JSON.parse(r.shared_terms_json) as string[],
    evidence,
    synthetic: !!(a?.synthetic || b?.synthetic),
  };
};
