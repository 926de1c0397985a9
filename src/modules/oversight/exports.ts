// Exports of every oversight list as flat rows, written as CSV (RFC 4180) or JSON. Dashboard lists
// are exported whole (all pages). Column names are stable: they are the contract with spreadsheets.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toCsv } from '../../lib/csv.js';
import { overdueActions, rates, reportingLoad, stalled } from './dashboards.js';
import { listSharedSubjects, listWorkingGroups, loadNames } from './queries.js';
import { addresseeLabel } from './presenters.js';
import type { ExportList } from './schema.js';

type Row = Record<string, unknown>;

async function allPages<T>(fetch: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

export async function exportRows(
  db: Kysely<DB>,
  list: ExportList,
  opts: { asOf?: string; months?: number; fromYear?: number; review?: string } = {},
): Promise<Row[]> {
  switch (list) {
    case 'reviews':
      return db
        .selectFrom('oversight_reviews')
        .select(['id', 'title', 'issuing_body', 'year', 'symbol', 'issued_on', 'document_id', 'synthetic'])
        .orderBy('issued_on')
        .orderBy('id')
        .execute();
    case 'recommendations': {
      let q = db
        .selectFrom('oversight_recommendations as r')
        .innerJoin('oversight_reviews as v', 'v.id', 'r.review_id')
        .select(['r.id', 'r.review_id', 'v.title as review_title', 'r.number', 'r.text', 'r.category', 'r.intended_impact', 'r.priority', 'r.weight', 'r.synthetic']);
      if (opts.review) q = q.where('r.review_id', '=', opts.review);
      return q.orderBy('r.review_id').orderBy('r.position').execute();
    }
    case 'addressees': {
      const names = await loadNames(db);
      let q = db
        .selectFrom('oversight_addressees as a')
        .innerJoin('oversight_recommendations as r', 'r.id', 'a.recommendation_id')
        .select([
          'a.id',
          'a.recommendation_id',
          'r.review_id',
          'r.number',
          'a.kind',
          'a.board_id',
          'a.entity_id',
          'a.acceptance',
          'a.acceptance_on',
          'a.acceptance_by',
          'a.acceptance_justification',
          'a.implementation',
          'a.implementation_on',
          'a.implementation_by',
          'a.implementation_justification',
          'a.progress',
          'a.last_progress_on',
          'a.synthetic',
        ]);
      if (opts.review) q = q.where('r.review_id', '=', opts.review);
      const rows = await q.orderBy('r.review_id').orderBy('r.position').orderBy('a.addressee_key').execute();
      return rows.map((r) => ({ ...r, label: addresseeLabel(r, names) }));
    }
    case 'actions':
      return db
        .selectFrom('oversight_actions as x')
        .innerJoin('oversight_addressees as a', 'a.id', 'x.addressee_id')
        .innerJoin('oversight_recommendations as r', 'r.id', 'a.recommendation_id')
        .select([
          'x.id',
          'x.addressee_id',
          'r.review_id',
          'r.number as recommendation_number',
          'a.addressee_key',
          'x.title',
          'x.owner',
          'x.due_date',
          'x.due_session_type',
          'x.due_session_year',
          'x.due_on',
          'x.status',
          'x.progress',
          'x.weight',
          'x.completed_on',
          'x.synthetic',
        ])
        .orderBy('x.id')
        .execute();
    case 'evidence':
      return db
        .selectFrom('oversight_evidence')
        .select(['id', 'action_id', 'kind', 'title', 'document_id', 'url', 'added_by', 'created_at', 'synthetic'])
        .orderBy('id')
        .execute();
    case 'status-changes':
      return db
        .selectFrom('oversight_status_changes')
        .select([
          'id',
          'subject_type',
          'subject_id',
          'axis',
          'from_status',
          'to_status',
          'progress_before',
          'progress_after',
          'effective_on',
          'recorded_at',
          'actor_id',
          'actor_name',
          'justification',
          'synthetic',
        ])
        .orderBy('recorded_at')
        .orderBy('id')
        .execute();
    case 'mandates':
      return db
        .selectFrom('oversight_mandates as m')
        .leftJoin('decisions as d', 'd.id', 'm.decision_id')
        .select([
          'm.id',
          'm.board_id',
          'm.decision_id',
          'd.number as decision_number',
          'm.paragraph_number',
          'm.entity_id',
          'm.addressee_text',
          'm.verb',
          'm.deliverable',
          'm.due_session_type',
          'm.due_session_year',
          'm.status',
          'm.language',
          'm.span_text',
          'm.fulfilled_by_document_id',
          'm.fulfilled_on',
          'm.synthetic',
        ])
        .orderBy('m.id')
        .execute();
    case 'working-groups':
      return (await listWorkingGroups(db, {})).map((w) => ({
        id: w.id,
        board_id: w.boardId,
        name: w.name,
        established_on: w.establishedOn,
        decision_id: w.decisionId,
        members: w.members.map((m) => `${m.memberStateId}${m.role === 'member' ? '' : ` (${m.role})`}`).join('; '),
        meetings: w.meetings.length,
        recommendation_ids: w.recommendationIds.join('; '),
        synthetic: w.synthetic ? 1 : 0,
      }));
    case 'shared-subjects':
      return (await listSharedSubjects(db)).flatMap((s) =>
        s.rows.map((r) => ({
          shared_subject_id: s.id,
          title: s.title,
          subject_type: r.subjectType,
          subject_id: r.subjectId,
          board_id: r.boardId,
          entity_id: r.entityId,
          label: r.label,
          status: r.status,
          secondary_status: r.secondaryStatus,
          progress: r.progress,
        })),
      );
    case 'decision-links':
      return db
        .selectFrom('oversight_decision_links as l')
        .innerJoin('decisions as d', 'd.id', 'l.decision_id')
        .select(['l.id', 'l.subject_type', 'l.subject_id', 'l.decision_id', 'd.number as decision_number', 'd.board_id', 'l.paragraph_number', 'l.relation'])
        .orderBy('l.id')
        .execute();
    case 'rates-by-board':
    case 'rates-by-entity':
    case 'rates-by-review':
      return rates(db, { by: list.slice('rates-by-'.length) as 'board', ...(opts.review ? { review: opts.review } : {}) });
    case 'overdue-actions':
      return allPages((cursor) => overdueActions(db, { limit: 200, ...(cursor ? { cursor } : {}), ...(opts.asOf ? { asOf: opts.asOf } : {}) }));
    case 'stalled':
      return allPages((cursor) =>
        stalled(db, {
          limit: 200,
          ...(cursor ? { cursor } : {}),
          ...(opts.asOf ? { asOf: opts.asOf } : {}),
          ...(opts.months ? { months: opts.months } : {}),
        }),
      );
    case 'reporting-load':
      return (await reportingLoad(db, { sessions: 12, ...(opts.fromYear ? { fromYear: opts.fromYear } : {}) })).sessions.flatMap((s) =>
        s.entities.map((e) => ({ session_type: s.type, session_year: s.year, ...e })),
      );
  }
}

/** Serializes rows; CSV columns are the union of the rows' keys in first-seen order. */
export function serializeRows(rows: Row[], format: 'csv' | 'json'): string {
  if (format === 'json') return JSON.stringify({ items: rows });
  const cols: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  return toCsv(cols, rows);
}
