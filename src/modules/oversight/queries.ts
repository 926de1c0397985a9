// Reads of oversight records. Oversight data is public: every reader sees the same records.
import { sql, type Kysely } from 'kysely';
import type { DB, OversightActionTable, OversightAddresseeTable } from '../../db/schema.js';
import { afterCursor, decodeCursor, pageOf, parseSort } from '../../lib/pagination.js';
import {
  addresseeLabel,
  presentAction,
  presentAddressee,
  presentMandate,
  presentRecommendation,
  presentReview,
  presentStatusChange,
} from './presenters.js';

export interface Names {
  boards: Map<string, string>;
  heads: Map<string, string>;
}

/** Board names and "Executive Director of UNICEF"-style labels for executive heads. */
export async function loadNames(db: Kysely<DB>): Promise<Names> {
  const boards = await db.selectFrom('boards').select(['id', 'name']).execute();
  const ents = await db.selectFrom('entities').select(['id', 'code', 'executive_head_title']).execute();
  return {
    boards: new Map(boards.map((b) => [b.id, b.name])),
    heads: new Map(ents.map((e) => [e.id, `${e.executive_head_title} of ${e.code}`])),
  };
}

// ---- reviews ----
export async function reviewStats(db: Kysely<DB>, reviewIds: string[]) {
  const out = new Map<string, { count: number; progress: number }>();
  if (!reviewIds.length) return out;
  // Recommendation progress = mean of its addressees; review progress = weighted mean of those.
  const rows = await db
    .selectFrom('oversight_recommendations as rec')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('oversight_addressees')
          .select(['recommendation_id', (e) => e.fn.avg<number>('progress').as('p')])
          .groupBy('recommendation_id')
          .as('ap'),
      (j) => j.onRef('ap.recommendation_id', '=', 'rec.id'),
    )
    .select([
      'rec.review_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(rec.weight * coalesce(ap.p, 0))`.as('wp'),
      sql<number>`sum(rec.weight)`.as('w'),
    ])
    .where('rec.review_id', 'in', reviewIds)
    .groupBy('rec.review_id')
    .execute();
  for (const r of rows)
    out.set(r.review_id, { count: Number(r.n), progress: Number(r.w) ? Number(r.wp) / Number(r.w) : 0 });
  return out;
}

export async function listReviews(
  db: Kysely<DB>,
  f: { limit?: number; cursor?: string; issuingBody?: string; year?: number; sort?: string },
) {
  const limit = f.limit ?? 50;
  const sort = parseSort(f.sort, { year: 'oversight_reviews.issued_on', title: 'oversight_reviews.title' }, '-year');
  let q = db.selectFrom('oversight_reviews').selectAll();
  if (f.issuingBody) q = q.where('issuing_body', '=', f.issuingBody);
  if (f.year) q = q.where('year', '=', f.year);
  const cursor = decodeCursor(f.cursor);
  if (cursor) q = q.where(afterCursor({ column: sort.column, idColumn: 'oversight_reviews.id', descending: sort.descending }, cursor));
  const dir = sort.descending ? 'desc' : 'asc';
  const rows = await q
    .orderBy(sort.key === 'title' ? 'title' : 'issued_on', dir)
    .orderBy('id', dir)
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => (sort.key === 'title' ? r.title : r.issued_on));
  const stats = await reviewStats(db, page.items.map((r) => r.id));
  return {
    items: page.items.map((r) => presentReview(r, stats.get(r.id) ?? { count: 0, progress: 0 })),
    nextCursor: page.nextCursor,
  };
}

export async function getReview(db: Kysely<DB>, id: string) {
  const r = await db.selectFrom('oversight_reviews').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const stats = await reviewStats(db, [id]);
  return presentReview(r, stats.get(id) ?? { count: 0, progress: 0 });
}

// ---- recommendations ----
export interface RecommendationFilter {
  limit?: number;
  cursor?: string;
  review?: string;
  board?: string;
  entity?: string;
  category?: string;
  priority?: string;
  acceptance?: string;
  implementation?: string;
}

async function addresseesOf(db: Kysely<DB>, recIds: string[], names: Names) {
  const map = new Map<string, ReturnType<typeof presentAddressee>[]>();
  if (!recIds.length) return map;
  const rows = await db
    .selectFrom('oversight_addressees')
    .selectAll()
    .where('recommendation_id', 'in', recIds)
    .orderBy('addressee_key')
    .execute();
  for (const a of rows) {
    const list = map.get(a.recommendation_id) ?? [];
    list.push(presentAddressee(a, addresseeLabel(a, names)));
    map.set(a.recommendation_id, list);
  }
  return map;
}

export async function listRecommendations(db: Kysely<DB>, f: RecommendationFilter) {
  const limit = f.limit ?? 50;
  let q = db.selectFrom('oversight_recommendations').selectAll();
  if (f.review) q = q.where('review_id', '=', f.review);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.priority) q = q.where('priority', '=', f.priority);
  if (f.board || f.entity || f.acceptance || f.implementation) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('oversight_addressees as a')
          .select('a.id')
          .whereRef('a.recommendation_id', '=', 'oversight_recommendations.id')
          .$if(!!f.board, (s) => s.where('a.board_id', '=', f.board!))
          .$if(!!f.entity, (s) => s.where('a.entity_id', '=', f.entity!))
          .$if(!!f.acceptance, (s) => s.where('a.acceptance', '=', f.acceptance!))
          .$if(!!f.implementation, (s) => s.where('a.implementation', '=', f.implementation!)),
      ),
    );
  }
  const cursor = decodeCursor(f.cursor);
  // Ids are UUIDv7, so id order is creation order (and number order within a review).
  if (cursor) q = q.where('id', '>', cursor.id);
  const rows = await q.orderBy('id').limit(limit + 1).execute();
  const page = pageOf(rows, limit, (r) => r.id);
  const names = await loadNames(db);
  const adds = await addresseesOf(db, page.items.map((r) => r.id), names);
  return { items: page.items.map((r) => presentRecommendation(r, adds.get(r.id) ?? [])), nextCursor: page.nextCursor };
}

export async function getRecommendation(db: Kysely<DB>, id: string) {
  const r = await db.selectFrom('oversight_recommendations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const names = await loadNames(db);
  const adds = await addresseesOf(db, [id], names);
  return presentRecommendation(r, adds.get(id) ?? []);
}

export async function recommendationDetail(db: Kysely<DB>, id: string) {
  const rec = await getRecommendation(db, id);
  if (!rec) return undefined;
  const addresseeIds = rec.addressees.map((a) => a.id);
  const actions = await actionsOf(db, addresseeIds);
  const subjectIds = [id, ...addresseeIds, ...actions.map((a) => a.id)];
  const wgs = await db
    .selectFrom('oversight_working_group_recommendations')
    .select('working_group_id')
    .where('recommendation_id', '=', id)
    .execute();
  return {
    ...rec,
    actions,
    decisionLinks: await decisionLinks(db, subjectIds),
    workingGroupIds: wgs.map((w) => w.working_group_id),
  };
}

export async function getAddressee(db: Kysely<DB>, id: string) {
  const a = await db.selectFrom('oversight_addressees').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) return undefined;
  return presentAddressee(a, addresseeLabel(a, await loadNames(db)));
}

export async function addresseeRow(db: Kysely<DB>, id: string): Promise<OversightAddresseeTable | undefined> {
  return db.selectFrom('oversight_addressees').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function history(db: Kysely<DB>, subjectIds: string[]) {
  if (!subjectIds.length) return [];
  const rows = await db
    .selectFrom('oversight_status_changes')
    .selectAll()
    .where('subject_id', 'in', subjectIds)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows.map(presentStatusChange);
}

// ---- actions ----
export async function actionsOf(db: Kysely<DB>, addresseeIds: string[]) {
  if (!addresseeIds.length) return [];
  const rows = await db
    .selectFrom('oversight_actions')
    .selectAll()
    .where('addressee_id', 'in', addresseeIds)
    .orderBy('id')
    .execute();
  return withEvidence(db, rows);
}

async function withEvidence(db: Kysely<DB>, rows: OversightActionTable[]) {
  if (!rows.length) return [];
  const ev = await db
    .selectFrom('oversight_evidence')
    .selectAll()
    .where('action_id', 'in', rows.map((r) => r.id))
    .orderBy('id')
    .execute();
  return rows.map((r) => presentAction(r, ev.filter((e) => e.action_id === r.id)));
}

export async function getAction(db: Kysely<DB>, id: string) {
  const a = await db.selectFrom('oversight_actions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) return undefined;
  return (await withEvidence(db, [a]))[0];
}

export async function listActions(
  db: Kysely<DB>,
  f: { limit?: number; cursor?: string; addressee?: string; recommendation?: string; status?: string; owner?: string },
) {
  const limit = f.limit ?? 50;
  let q = db.selectFrom('oversight_actions').selectAll('oversight_actions');
  if (f.addressee) q = q.where('addressee_id', '=', f.addressee);
  if (f.recommendation)
    q = q.where('addressee_id', 'in', (eb) =>
      eb.selectFrom('oversight_addressees').select('id').where('recommendation_id', '=', f.recommendation!),
    );
  if (f.status) q = q.where('status', '=', f.status);
  if (f.owner) q = q.where('owner', '=', f.owner);
  const cursor = decodeCursor(f.cursor);
  if (cursor) q = q.where('id', '>', cursor.id);
  const rows = await q.orderBy('id').limit(limit + 1).execute();
  const page = pageOf(rows, limit, (r) => r.id);
  return { items: await withEvidence(db, page.items), nextCursor: page.nextCursor };
}

// ---- decision links ----
export async function decisionLinks(db: Kysely<DB>, subjectIds: string[]) {
  if (!subjectIds.length) return [];
  const rows = await db
    .selectFrom('oversight_decision_links as l')
    .innerJoin('decisions as d', 'd.id', 'l.decision_id')
    .select(['l.id', 'l.subject_type', 'l.subject_id', 'l.decision_id', 'l.paragraph_number', 'l.relation', 'd.number', 'd.board_id'])
    .where('l.subject_id', 'in', subjectIds)
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subjectType: r.subject_type as 'review',
    subjectId: r.subject_id,
    decisionId: r.decision_id,
    decisionNumber: r.number,
    boardId: r.board_id,
    paragraphNumber: r.paragraph_number,
    relation: r.relation as 'endorses',
  }));
}

// ---- working groups ----
export async function getWorkingGroup(db: Kysely<DB>, id: string) {
  const wg = await db.selectFrom('oversight_working_groups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!wg) return undefined;
  return (await presentWorkingGroups(db, [wg]))[0];
}

export async function listWorkingGroups(db: Kysely<DB>, f: { board?: string }) {
  let q = db.selectFrom('oversight_working_groups').selectAll();
  if (f.board) q = q.where('board_id', '=', f.board);
  return presentWorkingGroups(db, await q.orderBy('established_on').orderBy('id').execute());
}

async function presentWorkingGroups(db: Kysely<DB>, wgs: DB['oversight_working_groups'][]) {
  if (!wgs.length) return [];
  const ids = wgs.map((w) => w.id);
  const members = await db
    .selectFrom('oversight_working_group_members as m')
    .innerJoin('member_states as s', 's.id', 'm.member_state_id')
    .select(['m.working_group_id', 'm.member_state_id', 'm.role', 's.name'])
    .where('m.working_group_id', 'in', ids)
    .orderBy('s.name')
    .execute();
  const meetings = await db
    .selectFrom('oversight_working_group_meetings')
    .selectAll()
    .where('working_group_id', 'in', ids)
    .orderBy('date')
    .execute();
  const recs = await db
    .selectFrom('oversight_working_group_recommendations')
    .selectAll()
    .where('working_group_id', 'in', ids)
    .orderBy('recommendation_id')
    .execute();
  return wgs.map((w) => ({
    id: w.id,
    boardId: w.board_id,
    name: w.name,
    establishedOn: w.established_on,
    decisionId: w.decision_id,
    synthetic: !!w.synthetic,
    members: members
      .filter((m) => m.working_group_id === w.id)
      .map((m) => ({ memberStateId: m.member_state_id, name: m.name, role: m.role })),
    meetings: meetings
      .filter((m) => m.working_group_id === w.id)
      .map((m) => ({ id: m.id, date: m.date, title: m.title, summary: m.summary, documentId: m.document_id })),
    recommendationIds: recs.filter((r) => r.working_group_id === w.id).map((r) => r.recommendation_id),
  }));
}

// ---- mandates ----
function mandateQuery(db: Kysely<DB>) {
  return db
    .selectFrom('oversight_mandates as m')
    .leftJoin('decisions as d', 'd.id', 'm.decision_id')
    .selectAll('m')
    .select('d.number as decision_number');
}

export async function getMandate(db: Kysely<DB>, id: string) {
  const m = await mandateQuery(db).where('m.id', '=', id).executeTakeFirst();
  return m ? presentMandate(m) : undefined;
}

export async function listMandates(
  db: Kysely<DB>,
  f: {
    limit?: number;
    cursor?: string;
    board?: string;
    entity?: string;
    decision?: string;
    status?: string;
    dueYear?: number;
    dueSessionType?: string;
  },
) {
  const limit = f.limit ?? 50;
  let q = mandateQuery(db);
  if (f.board) q = q.where('m.board_id', '=', f.board);
  if (f.entity) q = q.where('m.entity_id', '=', f.entity);
  if (f.decision) q = q.where('m.decision_id', '=', f.decision);
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.dueYear) q = q.where('m.due_session_year', '=', f.dueYear);
  if (f.dueSessionType) q = q.where('m.due_session_type', '=', f.dueSessionType);
  const cursor = decodeCursor(f.cursor);
  if (cursor) q = q.where('m.id', '>', cursor.id);
  const rows = await q.orderBy('m.id').limit(limit + 1).execute();
  const page = pageOf(rows, limit, (r) => r.id);
  return { items: page.items.map(presentMandate), nextCursor: page.nextCursor };
}

// ---- shared subjects (cross-board) ----
export async function getSharedSubject(db: Kysely<DB>, id: string) {
  const s = await db.selectFrom('oversight_shared_subjects').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) return undefined;
  return (await presentSharedSubjects(db, [s]))[0];
}

export async function listSharedSubjects(db: Kysely<DB>) {
  const rows = await db.selectFrom('oversight_shared_subjects').selectAll().orderBy('id').execute();
  return presentSharedSubjects(db, rows);
}

/** Each member's status side by side, one row per board (a recommendation has one per addressee). */
async function presentSharedSubjects(db: Kysely<DB>, subjects: DB['oversight_shared_subjects'][]) {
  if (!subjects.length) return [];
  const members = await db
    .selectFrom('oversight_shared_subject_members')
    .selectAll()
    .where('shared_subject_id', 'in', subjects.map((s) => s.id))
    .execute();
  const names = await loadNames(db);
  const recIds = members.filter((m) => m.subject_type === 'recommendation').map((m) => m.subject_id);
  const manIds = members.filter((m) => m.subject_type === 'mandate').map((m) => m.subject_id);
  const recs = recIds.length
    ? await db
        .selectFrom('oversight_recommendations as r')
        .innerJoin('oversight_reviews as v', 'v.id', 'r.review_id')
        .select(['r.id', 'r.number', 'r.text', 'v.title'])
        .where('r.id', 'in', recIds)
        .execute()
    : [];
  const adds = recIds.length
    ? await db.selectFrom('oversight_addressees').selectAll().where('recommendation_id', 'in', recIds).orderBy('addressee_key').execute()
    : [];
  const mans = manIds.length ? await mandateQuery(db).where('m.id', 'in', manIds).execute() : [];
  return subjects.map((s) => {
    const rows = [];
    for (const m of members.filter((x) => x.shared_subject_id === s.id)) {
      if (m.subject_type === 'recommendation') {
        const r = recs.find((x) => x.id === m.subject_id);
        for (const a of adds.filter((x) => x.recommendation_id === m.subject_id))
          rows.push({
            subjectType: 'recommendation',
            subjectId: m.subject_id,
            boardId: a.board_id,
            entityId: a.entity_id,
            label: `${r?.title ?? ''} — recommendation ${r?.number ?? ''} — ${addresseeLabel(a, names)}`,
            text: r?.text ?? '',
            status: a.acceptance,
            secondaryStatus: a.implementation,
            progress: Math.round(a.progress * 10) / 10,
          });
      } else {
        const x = mans.find((y) => y.id === m.subject_id);
        if (x)
          rows.push({
            subjectType: 'mandate',
            subjectId: x.id,
            boardId: x.board_id,
            entityId: x.entity_id,
            label: `Decision ${x.decision_number ?? '—'} para. ${x.paragraph_number ?? '—'} — ${x.addressee_text}`,
            text: x.deliverable,
            status: x.status,
            secondaryStatus: x.due_session_type && x.due_session_year ? `due ${x.due_session_type} ${x.due_session_year}` : null,
            progress: null,
          });
      }
    }
    rows.sort((a, b) => (a.boardId < b.boardId ? -1 : a.boardId > b.boardId ? 1 : 0));
    return {
      id: s.id,
      title: s.title,
      description: s.description,
      synthetic: !!s.synthetic,
      boards: [...new Set(rows.map((r) => r.boardId))].sort(),
      rows,
    };
  });
}
