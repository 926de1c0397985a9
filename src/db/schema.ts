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
}

export type _Unused = Generated<number>;
