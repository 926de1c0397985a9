// Table types for Kysely. Timestamps are ISO-8601 text and dates are YYYY-MM-DD text on both
// dialects, booleans are 0/1 integers, JSON is text: one representation for SQLite and PostgreSQL.
import type { Generated } from 'kysely';

export interface EntityTable {
  id: string;
  code: string;
  name: string;
  executive_head_title: string;
  website: string | null;
}

export interface BoardTable {
  id: string;
  code: string;
  name: string;
  established_by: string | null;
}

export interface BoardEntityTable {
  board_id: string;
  entity_id: string;
}

export interface MemberStateTable {
  id: string; // ISO 3166-1 alpha-3
  iso2: string;
  iso_numeric: string;
  name: string;
  regional_group: string;
}

export interface BoardMembershipTable {
  id: string;
  board_id: string;
  member_state_id: string;
  term_start: string;
  term_end: string;
  synthetic: number;
  created_at: string;
}

export interface BureauPostTable {
  id: string;
  board_id: string;
  year: number;
  post: string;
  member_state_id: string;
  person_name: string | null;
  synthetic: number;
  created_at: string;
}

export interface SessionTable {
  id: string;
  type: string;
  title: string;
  start_date: string;
  end_date: string;
  year: number;
  venue: string | null;
  access_level: string;
  synthetic: number;
  version: number;
  created_at: string;
  updated_at: string;
  embargo_until: string | null;
}

export interface SessionBoardTable {
  session_id: string;
  board_id: string;
}

export interface AgendaItemTable {
  id: string;
  session_id: string;
  number: string;
  position: number;
  title: string;
  synthetic: number;
  created_at: string;
}

export interface DocumentTable {
  id: string;
  symbol: string | null;
  type: string;
  title: string;
  date: string;
  year: number;
  access_level: string;
  original_language: string;
  session_id: string | null;
  agenda_item_id: string | null;
  synthetic: number;
  version: number;
  created_at: string;
  updated_at: string;
  embargo_until: string | null;
}

export interface DocumentBoardTable {
  document_id: string;
  board_id: string;
}

/** A language version of a document (AKN "expression"): one per language and revision. */
export interface ExpressionTable {
  id: string;
  document_id: string;
  language: string;
  revision: number;
  is_current: number;
  title: string;
  content_hash: string | null;
  source_name: string | null;
  created_at: string;
}

export interface ParagraphTable {
  id: string;
  expression_id: string;
  parent_id: string | null;
  number: string;
  position: number;
  text: string;
}

export interface StatementTable {
  id: string;
  paragraph_id: string;
  speaker_role: string;
  entity_id: string | null;
  member_state_id: string | null;
}

export interface DecisionTable {
  id: string;
  board_id: string;
  number: string;
  year: number;
  seq: number;
  session_id: string | null;
  agenda_item_id: string | null;
  title: string;
  language: string;
  adopted_on: string | null;
  synthetic: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DecisionParagraphTable {
  id: string;
  decision_id: string;
  kind: string; // preambular | operative
  position: number;
  number: string | null;
  text: string;
}

export interface UserTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  member_state_id: string | null;
  disabled: number;
  created_at: string;
  last_visit_at: string | null;
  oidc_subject: string | null;
}

export interface RoleGrantTable {
  id: string;
  user_id: string;
  role: string;
  board_id: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked: number;
}

export interface AuditEventTable {
  seq: number;
  id: string;
  occurred_at: string;
  actor_id: string;
  actor_roles: string;
  action: string;
  record_type: string;
  record_id: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

// Oversight tracker (migration 0003_oversight).
export interface OversightReviewTable {
  id: string;
  title: string;
  issuing_body: string;
  year: number;
  symbol: string | null;
  issued_on: string;
  document_id: string | null;
  synthetic: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface OversightRecommendationTable {
  id: string;
  review_id: string;
  number: string;
  position: number;
  text: string;
  category: string;
  intended_impact: string | null;
  priority: string;
  weight: number;
  synthetic: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface OversightAddresseeTable {
  id: string;
  recommendation_id: string;
  kind: string; // board | executive-head
  board_id: string;
  entity_id: string | null;
  addressee_key: string;
  acceptance: string;
  acceptance_on: string | null;
  acceptance_by: string | null;
  acceptance_justification: string | null;
  implementation: string;
  implementation_on: string | null;
  implementation_by: string | null;
  implementation_justification: string | null;
  progress: number;
  last_progress_on: string;
  synthetic: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface OversightActionTable {
  id: string;
  addressee_id: string;
  title: string;
  owner: string;
  due_date: string | null;
  due_session_type: string | null;
  due_session_year: number | null;
  due_on: string | null;
  status: string;
  progress: number;
  weight: number;
  completed_on: string | null;
  synthetic: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface OversightEvidenceTable {
  id: string;
  action_id: string;
  kind: string; // document | link
  title: string;
  document_id: string | null;
  url: string | null;
  added_by: string;
  synthetic: number;
  created_at: string;
}

export interface OversightStatusChangeTable {
  id: string;
  subject_type: string; // addressee | action | mandate
  subject_id: string;
  axis: string;
  from_status: string | null;
  to_status: string;
  progress_before: number | null;
  progress_after: number | null;
  effective_on: string;
  recorded_at: string;
  actor_id: string;
  actor_name: string;
  justification: string | null;
  synthetic: number;
}

export interface OversightWorkflowTransitionTable {
  axis: string;
  from_status: string;
  to_status: string;
  requires_justification: number;
}

export interface OversightDecisionLinkTable {
  id: string;
  subject_type: string;
  subject_id: string;
  decision_id: string;
  paragraph_number: string | null;
  relation: string;
  created_at: string;
}

export interface OversightWorkingGroupTable {
  id: string;
  board_id: string;
  name: string;
  established_on: string;
  decision_id: string | null;
  synthetic: number;
  created_at: string;
}

export interface OversightWorkingGroupMemberTable {
  working_group_id: string;
  member_state_id: string;
  role: string;
}

export interface OversightWorkingGroupMeetingTable {
  id: string;
  working_group_id: string;
  date: string;
  title: string;
  summary: string | null;
  document_id: string | null;
  created_at: string;
}

export interface OversightWorkingGroupRecommendationTable {
  working_group_id: string;
  recommendation_id: string;
}

export interface OversightMandateTable {
  id: string;
  board_id: string;
  decision_id: string | null;
  paragraph_number: string | null;
  entity_id: string | null;
  addressee_text: string;
  verb: string;
  deliverable: string;
  due_session_type: string | null;
  due_session_year: number | null;
  status: string;
  language: string;
  span_start: number | null;
  span_end: number | null;
  span_text: string | null;
  fulfilled_by_document_id: string | null;
  fulfilled_on: string | null;
  synthetic: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface OversightSharedSubjectTable {
  id: string;
  title: string;
  description: string | null;
  synthetic: number;
  created_at: string;
}

export interface OversightSharedSubjectMemberTable {
  shared_subject_id: string;
  subject_type: string; // recommendation | mandate
  subject_id: string;
}

export interface OversightImportTable {
  id: string;
  review_id: string;
  csv: string;
  status: string; // previewed | committed
  row_count: number;
  error_count: number;
  created_by: string;
  created_at: string;
  committed_at: string | null;
}

// Document intelligence (migration 0002_search): paragraph annotations and imported files. The
// search index tables themselves are dialect-specific (search/sqlite-fts5.ts, search/postgres-fts.ts).
export interface ParagraphAnnotationTable {
  paragraph_id: string;
  language: string;
}

export interface ParagraphMentionTable {
  id: string;
  paragraph_id: string;
  kind: string; // entity | board | body | member-state
  ref_id: string;
  surface: string;
}

export interface ParagraphReferenceTable {
  id: string;
  paragraph_id: string;
  kind: string; // ga-resolution | board-decision | sdg | document
  ref: string;
  surface: string;
}

export interface ParagraphThemeTable {
  paragraph_id: string;
  theme: string;
}

export interface AcronymTable {
  id: string;
  paragraph_id: string;
  language: string;
  short_form: string;
  long_form: string;
  short_key: string;
  long_key: string;
}

export interface IngestFileTable {
  id: string;
  file_hash: string;
  file_name: string;
  format: string;
  encoding: string;
  size: number;
  document_id: string;
  expression_id: string;
  created_at: string;
}

export interface UserSessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  revoked: number;
}

export interface AccessChangeTable {
  id: string;
  record_type: string;
  record_id: string;
  access_level: string;
  embargo_until: string | null;
  changed_at: string;
  changed_by: string;
}

export interface QuestionTable {
  id: string;
  board_id: string;
  session_id: string | null;
  entity_id: string | null;
  member_state_id: string | null;
  asked_by: string;
  text: string;
  asked_at: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
}

export interface AttendanceTable {
  session_id: string;
  member_state_id: string;
  recorded_at: string;
}

export interface ReadLogTable {
  id: string;
  occurred_at: string;
  actor_id: string;
  record_type: string;
  record_id: string;
  access_level: string;
}

// Coherence across boards (migration 0005_coherence).
export interface CoherenceTagSuggestionTable {
  id: string;
  subject_type: string; // document | paragraph | agenda-item | decision | recommendation | mandate
  subject_id: string;
  board_id: string | null;
  year: number | null;
  tag: string;
  score: number;
  raw: number;
  triggers_json: string;
  model_version: string;
  status: string; // suggested | confirmed | rejected
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CoherenceTagTable {
  id: string;
  subject_type: string;
  subject_id: string;
  board_id: string | null;
  year: number | null;
  tag: string;
  suggestion_id: string | null;
  confirmed_by: string;
  confirmed_at: string;
  note: string | null;
}

export interface CoherenceRunTable {
  id: string;
  year: number;
  actor_id: string;
  params_json: string;
  counts_json: string;
  created_at: string;
  /** Milliseconds the run took (null for runs recorded before it was measured). */
  duration_ms: number | null;
}

export interface CoherenceFindingTable {
  id: string;
  run_id: string;
  year: number;
  kind: string;
  score: number;
  board_ids: string;
  subject_a_type: string;
  subject_a_id: string;
  subject_b_type: string | null;
  subject_b_id: string | null;
  tag: string | null;
  title: string;
  shared_terms_json: string;
  evidence_json: string;
  created_at: string;
}

export interface CoherenceDelegationCapacityTable {
  member_state_id: string;
  people: number;
  synthetic: number;
  updated_at: string;
}

export interface DB {
  entities: EntityTable;
  boards: BoardTable;
  board_entities: BoardEntityTable;
  member_states: MemberStateTable;
  board_memberships: BoardMembershipTable;
  bureau_posts: BureauPostTable;
  sessions: SessionTable;
  session_boards: SessionBoardTable;
  agenda_items: AgendaItemTable;
  documents: DocumentTable;
  document_boards: DocumentBoardTable;
  expressions: ExpressionTable;
  paragraphs: ParagraphTable;
  statements: StatementTable;
  decisions: DecisionTable;
  decision_paragraphs: DecisionParagraphTable;
  users: UserTable;
  role_grants: RoleGrantTable;
  api_tokens: ApiTokenTable;
  audit_events: AuditEventTable;
  audit_head: AuditHeadTable;
  user_sessions: UserSessionTable;
  access_changes: AccessChangeTable;
  questions: QuestionTable;
  attendance: AttendanceTable;
  read_log: ReadLogTable;
  paragraph_annotations: ParagraphAnnotationTable;
  paragraph_mentions: ParagraphMentionTable;
  paragraph_references: ParagraphReferenceTable;
  paragraph_themes: ParagraphThemeTable;
  acronyms: AcronymTable;
  ingest_files: IngestFileTable;
  oversight_reviews: OversightReviewTable;
  oversight_recommendations: OversightRecommendationTable;
  oversight_addressees: OversightAddresseeTable;
  oversight_actions: OversightActionTable;
  oversight_evidence: OversightEvidenceTable;
  oversight_status_changes: OversightStatusChangeTable;
  oversight_workflow_transitions: OversightWorkflowTransitionTable;
  oversight_decision_links: OversightDecisionLinkTable;
  oversight_working_groups: OversightWorkingGroupTable;
  oversight_working_group_members: OversightWorkingGroupMemberTable;
  oversight_working_group_meetings: OversightWorkingGroupMeetingTable;
  oversight_working_group_recommendations: OversightWorkingGroupRecommendationTable;
  oversight_mandates: OversightMandateTable;
  oversight_shared_subjects: OversightSharedSubjectTable;
  oversight_shared_subject_members: OversightSharedSubjectMemberTable;
  oversight_imports: OversightImportTable;
  coherence_tag_suggestions: CoherenceTagSuggestionTable;
  coherence_tags: CoherenceTagTable;
  coherence_runs: CoherenceRunTable;
  coherence_findings: CoherenceFindingTable;
  coherence_delegation_capacity: CoherenceDelegationCapacityTable;
}

export type _Unused = Generated<number>;
