// Output shapes for oversight records: only these fields leave the server.
import type {
  OversightActionTable,
  OversightAddresseeTable,
  OversightEvidenceTable,
  OversightMandateTable,
  OversightRecommendationTable,
  OversightReviewTable,
  OversightStatusChangeTable,
} from '../../db/schema.js';
import type { AcceptanceStatus, ActionStatus, Axis, ImplementationStatus, MandateStatus } from './workflow.js';
import type { CATEGORIES, PRIORITIES } from './schema.js';

const round1 = (n: number) => Math.round(n * 10) / 10;

export const presentReview = (r: OversightReviewTable, stats: { count: number; progress: number }) => ({
  id: r.id,
  title: r.title,
  issuingBody: r.issuing_body,
  year: r.year,
  symbol: r.symbol,
  issuedOn: r.issued_on,
  documentId: r.document_id,
  synthetic: !!r.synthetic,
  version: r.version,
  recommendationCount: stats.count,
  progress: round1(stats.progress),
});

/** "Executive Board of UNICEF" or "Executive Director of UNICEF"; labels come from reference data. */
export function addresseeLabel(
  a: Pick<OversightAddresseeTable, 'kind' | 'board_id' | 'entity_id'>,
  names: { boards: Map<string, string>; heads: Map<string, string> },
): string {
  if (a.kind === 'board') return names.boards.get(a.board_id) ?? a.board_id;
  return names.heads.get(a.entity_id ?? '') ?? `Executive head of ${a.entity_id}`;
}

export const presentAddressee = (a: OversightAddresseeTable, label: string) => ({
  id: a.id,
  recommendationId: a.recommendation_id,
  kind: a.kind as 'board' | 'executive-head',
  boardId: a.board_id,
  entityId: a.entity_id,
  label,
  acceptance: {
    status: a.acceptance as AcceptanceStatus,
    on: a.acceptance_on,
    by: a.acceptance_by,
    justification: a.acceptance_justification,
  },
  implementation: {
    status: a.implementation as ImplementationStatus,
    on: a.implementation_on,
    by: a.implementation_by,
    justification: a.implementation_justification,
  },
  progress: round1(a.progress),
  lastProgressOn: a.last_progress_on,
  synthetic: !!a.synthetic,
  version: a.version,
});

export const presentRecommendation = (
  r: OversightRecommendationTable,
  addressees: ReturnType<typeof presentAddressee>[],
) => ({
  id: r.id,
  reviewId: r.review_id,
  number: r.number,
  text: r.text,
  category: r.category as (typeof CATEGORIES)[number],
  intendedImpact: r.intended_impact,
  priority: r.priority as (typeof PRIORITIES)[number],
  weight: r.weight,
  synthetic: !!r.synthetic,
  version: r.version,
  progress: round1(
    addressees.length ? addressees.reduce((s, a) => s + a.progress, 0) / addressees.length : 0,
  ),
  addressees,
});

export const presentEvidence = (e: OversightEvidenceTable) => ({
  id: e.id,
  actionId: e.action_id,
  kind: e.kind as 'document' | 'link',
  title: e.title,
  documentId: e.document_id,
  url: e.url,
  addedBy: e.added_by,
  createdAt: e.created_at,
});

export const presentAction = (a: OversightActionTable, evidence: OversightEvidenceTable[] = []) => ({
  id: a.id,
  addresseeId: a.addressee_id,
  title: a.title,
  owner: a.owner,
  dueDate: a.due_date,
  dueSession:
    a.due_session_type && a.due_session_year ? { type: a.due_session_type, year: a.due_session_year } : null,
  status: a.status as ActionStatus,
  progress: a.progress,
  weight: a.weight,
  completedOn: a.completed_on,
  synthetic: !!a.synthetic,
  version: a.version,
  evidence: evidence.map(presentEvidence),
});

export const presentStatusChange = (c: OversightStatusChangeTable) => ({
  id: c.id,
  subjectType: c.subject_type,
  subjectId: c.subject_id,
  axis: c.axis as Axis,
  from: c.from_status,
  to: c.to_status,
  progressBefore: c.progress_before,
  progressAfter: c.progress_after,
  effectiveOn: c.effective_on,
  recordedAt: c.recorded_at,
  actorId: c.actor_id,
  actorName: c.actor_name,
  justification: c.justification,
});

export const presentMandate = (m: OversightMandateTable & { decision_number?: string | null }) => ({
  id: m.id,
  boardId: m.board_id,
  decisionId: m.decision_id,
  decisionNumber: m.decision_number ?? null,
  paragraphNumber: m.paragraph_number,
  entityId: m.entity_id,
  addresseeText: m.addressee_text,
  verb: m.verb,
  deliverable: m.deliverable,
  dueSession:
    m.due_session_type && m.due_session_year ? { type: m.due_session_type, year: m.due_session_year } : null,
  status: m.status as MandateStatus,
  language: m.language,
  span:
    m.span_start !== null && m.span_end !== null && m.span_text !== null
      ? { start: m.span_start, end: m.span_end, text: m.span_text }
      : null,
  fulfilledByDocumentId: m.fulfilled_by_document_id,
  fulfilledOn: m.fulfilled_on,
  synthetic: !!m.synthetic,
  version: m.version,
});
