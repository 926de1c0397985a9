// Explicit output shapes for registry records: only these fields leave the server.
import type { BoardTable, MemberStateTable } from '../../db/schema.js';
import type { RegionalGroup } from './schema.js';

export const presentEntity = (r: {
  id: string;
  code: string;
  name: string;
  executive_head_title: string;
  website: string | null;
  board_id: string | null;
}) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  executiveHeadTitle: r.executive_head_title,
  website: r.website,
  boardId: r.board_id,
});

export const presentBoard = (r: BoardTable & { entityIds: string[] }) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  establishedBy: r.established_by,
  entityIds: r.entityIds,
});

export const presentMemberState = (r: MemberStateTable) => ({
  id: r.id,
  iso2: r.iso2,
  isoNumeric: r.iso_numeric,
  name: r.name,
  regionalGroup: r.regional_group as RegionalGroup,
});

export const presentMembership = (r: {
  id: string;
  board_id: string;
  member_state_id: string;
  name: string;
  regional_group: string;
  term_start: string;
  term_end: string;
  synthetic: number;
}) => ({
  id: r.id,
  boardId: r.board_id,
  memberStateId: r.member_state_id,
  memberStateName: r.name,
  regionalGroup: r.regional_group,
  termStart: r.term_start,
  termEnd: r.term_end,
  synthetic: !!r.synthetic,
});

export const presentBureauPost = (r: {
  id: string;
  board_id: string;
  year: number;
  post: string;
  member_state_id: string;
  name: string;
  regional_group: string;
  person_name: string | null;
  synthetic: number;
}) => ({
  id: r.id,
  boardId: r.board_id,
  year: r.year,
  post: r.post as 'president' | 'vice-president',
  memberStateId: r.member_state_id,
  memberStateName: r.name,
  regionalGroup: r.regional_group,
  personName: r.person_name,
  synthetic: !!r.synthetic,
});
