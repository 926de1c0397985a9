// Dashboard data: acceptance and implementation rates per board, entity or review; overdue
// actions; the reporting load (mandates due per upcoming session per entity); and recommendations
// with no progress for N months. Each is one aggregate or one index range scan.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import { addresseeLabel } from './presenters.js';
import { loadNames } from './queries.js';
import { USUAL_SESSION_START } from './write-helpers.js';

const count = (cond: ReturnType<typeof sql<boolean>>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;

export type RatesBy = 'board' | 'entity' | 'review';

export async function rates(db: Kysely<DB>, f: { by?: RatesBy; review?: string }) {
  const by = f.by ?? 'board';
  const keyCol = by === 'board' ? sql.ref('a.board_id') : by === 'entity' ? sql.ref('a.entity_id') : sql.ref('r.review_id');
  let q = db
    .selectFrom('oversight_addressees as a')
    .select([
      keyCol.as('key') as never,
      sql<number>`count(*)`.as('addressees'),
      count(sql`a.acceptance <> 'under-consideration'`).as('responded'),
      count(sql`a.acceptance = 'accepted'`).as('accepted'),
      count(sql`a.acceptance = 'partially-accepted'`).as('partially_accepted'),
      count(sql`a.acceptance = 'not-accepted'`).as('not_accepted'),
      count(sql`a.implementation = 'implemented'`).as('implemented'),
      count(sql`a.implementation = 'in-progress'`).as('in_progress'),
      sql<number>`avg(a.progress)`.as('progress'),
    ]);
  if (by === 'review' || f.review) q = q.innerJoin('oversight_recommendations as r', 'r.id', 'a.recommendation_id');
  if (f.review) q = q.where(sql.ref('r.review_id'), '=', f.review);
  if (by === 'entity') q = q.where('a.entity_id', 'is not', null);
  const rows = (await q.groupBy(keyCol as never).orderBy(keyCol as never).execute()) as unknown as {
    key: string;
    addressees: number;
    responded: number;
    accepted: number;
    partially_accepted: number;
    not_accepted: number;
    implemented: number;
    in_progress: number;
    progress: number;
  }[];
  const labels = new Map<string, string>();
  if (by === 'review') {
    const reviews = await db.selectFrom('oversight_reviews').select(['id', 'title']).execute();
    reviews.forEach((r) => labels.set(r.id, r.title));
  } else {
    const names = await loadNames(db);
    (by === 'board' ? names.boards : names.heads).forEach((v, k) => labels.set(k, v));
  }
  return rows.map((r) => {
    const n = (x: unknown) => Number(x ?? 0);
    const acceptedAny = n(r.accepted) + n(r.partially_accepted);
    return {
      key: r.key,
      label: labels.get(r.key) ?? r.key,
      addressees: n(r.addressees),
      responded: n(r.responded),
      accepted: n(r.accepted),
      partiallyAccepted: n(r.partially_accepted),
      notAccepted: n(r.not_accepted),
      implemented: n(r.implemented),
      inProgress: n(r.in_progress),
      acceptanceRate: n(r.responded) ? Math.round((acceptedAny / n(r.responded)) * 1000) / 1000 : 0,
      implementationRate: acceptedAny ? Math.round((n(r.implemented) / acceptedAny) * 1000) / 1000 : 0,
      progress: Math.round(n(r.progress) * 10) / 10,
    };
  });
}

const today = () => new Date().toISOString().slice(0, 10);

/** Open actions whose due date (or due session) has passed, oldest first. */
export async function overdueActions(
  db: Kysely<DB>,
  f: { limit?: number; cursor?: string; asOf?: string; board?: string; entity?: string },
) {
  const limit = f.limit ?? 50;
  const asOf = f.asOf ?? today();
  let q = db
    .selectFrom('oversight_actions as x')
    .innerJoin('oversight_addressees as a', 'a.id', 'x.addressee_id')
    .innerJoin('oversight_recommendations as r', 'r.id', 'a.recommendation_id')
    .select([
      'x.id',
      'x.title',
      'x.owner',
      'x.status',
      'x.progress',
      'x.due_on',
      'x.due_date',
      'x.due_session_type',
      'x.due_session_year',
      'a.id as addressee_id',
      'a.board_id',
      'a.entity_id',
      'r.id as recommendation_id',
      'r.number',
      'r.review_id',
    ])
    .where('x.due_on', '<', asOf)
    .where('x.status', 'in', ['not-started', 'in-progress']);
  if (f.board) q = q.where('a.board_id', '=', f.board);
  if (f.entity) q = q.where('a.entity_id', '=', f.entity);
  const cursor = decodeCursor(f.cursor);
  if (cursor)
    q = q.where((eb) =>
      eb.or([eb('x.due_on', '>', String(cursor.v)), eb.and([eb('x.due_on', '=', String(cursor.v)), eb('x.id', '>', cursor.id)])]),
    );
  const rows = await q.orderBy('x.due_on').orderBy('x.id').limit(limit + 1).execute();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const day = Date.parse(`${asOf}T00:00:00Z`);
  return {
    asOf,
    items: items.map((r) => ({
      actionId: r.id,
      title: r.title,
      owner: r.owner,
      status: r.status,
      progress: r.progress,
      dueOn: r.due_on!,
      dueSession: r.due_session_type && r.due_session_year ? `${r.due_session_type} ${r.due_session_year}` : null,
      daysOverdue: Math.round((day - Date.parse(`${r.due_on}T00:00:00Z`)) / 86_400_000),
      addresseeId: r.addressee_id,
      boardId: r.board_id,
      entityId: r.entity_id,
      recommendationId: r.recommendation_id,
      recommendationNumber: r.number,
      reviewId: r.review_id,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ v: last.due_on!, id: last.id }) : null,
  };
}

/** Subtracts whole months from a YYYY-MM-DD date (clamped to the month's last day). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Addressees still open (not implemented or closed, not declined) with no progress since the cutoff. */
export async function stalled(
  db: Kysely<DB>,
  f: { limit?: number; cursor?: string; months?: number; asOf?: string; board?: string },
) {
  const limit = f.limit ?? 50;
  const months = f.months ?? 6;
  const asOf = f.asOf ?? today();
  const cutoff = monthsBefore(asOf, months);
  let q = db
    .selectFrom('oversight_addressees as a')
    .innerJoin('oversight_recommendations as r', 'r.id', 'a.recommendation_id')
    .innerJoin('oversight_reviews as v', 'v.id', 'r.review_id')
    .select([
      'a.id',
      'a.kind',
      'a.board_id',
      'a.entity_id',
      'a.acceptance',
      'a.implementation',
      'a.progress',
      'a.last_progress_on',
      'r.id as recommendation_id',
      'r.number',
      'r.text',
      'v.id as review_id',
      'v.title as review_title',
    ])
    .where('a.last_progress_on', '<', cutoff)
    .where('a.implementation', 'in', ['not-started', 'in-progress'])
    .where('a.acceptance', 'not in', ['not-accepted', 'not-relevant']);
  if (f.board) q = q.where('a.board_id', '=', f.board);
  const cursor = decodeCursor(f.cursor);
  if (cursor)
    q = q.where((eb) =>
      eb.or([
        eb('a.last_progress_on', '>', String(cursor.v)),
        eb.and([eb('a.last_progress_on', '=', String(cursor.v)), eb('a.id', '>', cursor.id)]),
      ]),
    );
  const rows = await q.orderBy('a.last_progress_on').orderBy('a.id').limit(limit + 1).execute();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const names = await loadNames(db);
  return {
    asOf,
    months,
    cutoff,
    items: items.map((r) => ({
      addresseeId: r.id,
      label: addresseeLabel(r, names),
      boardId: r.board_id,
      entityId: r.entity_id,
      acceptance: r.acceptance,
      implementation: r.implementation,
      progress: Math.round(r.progress * 10) / 10,
      lastProgressOn: r.last_progress_on,
      recommendationId: r.recommendation_id,
      recommendationNumber: r.number,
      recommendationText: r.text,
      reviewId: r.review_id,
      reviewTitle: r.review_title,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ v: last.last_progress_on, id: last.id }) : null,
  };
}

/** Session types in their usual order within a year. */
const SESSION_ORDER = Object.entries(USUAL_SESSION_START)
  .sort((a, b) => (a[1] < b[1] ? -1 : 1))
  .map(([t]) => t);

/**
 * The reporting load: for each of the next N sessions that have mandates due (from fromYear on),
 * how many confirmed, suggested and fulfilled mandates fall on each entity of each board.
 */
export async function reportingLoad(db: Kysely<DB>, f: { fromYear?: number; sessions?: number; board?: string }) {
  const fromYear = f.fromYear ?? new Date().getUTCFullYear();
  const n = f.sessions ?? 3;
  let q = db
    .selectFrom('oversight_mandates')
    .select([
      'due_session_year',
      'due_session_type',
      'board_id',
      'entity_id',
      count(sql`status = 'confirmed'`).as('confirmed'),
      count(sql`status = 'suggested'`).as('suggested'),
      count(sql`status = 'fulfilled'`).as('fulfilled'),
    ])
    .where('due_session_year', '>=', fromYear)
    .where('status', 'in', ['confirmed', 'suggested', 'fulfilled']);
  if (f.board) q = q.where('board_id', '=', f.board);
  const rows = await q.groupBy(['due_session_year', 'due_session_type', 'board_id', 'entity_id']).execute();
  const sessionKey = (y: number, t: string) => y * 10 + SESSION_ORDER.indexOf(t);
  const sessions = [...new Set(rows.map((r) => sessionKey(r.due_session_year!, r.due_session_type!)))].sort((a, b) => a - b).slice(0, n);
  const names = await loadNames(db);
  return {
    fromYear,
    sessions: sessions.map((k) => {
      const year = Math.floor(k / 10);
      const type = SESSION_ORDER[k % 10]!;
      const here = rows.filter((r) => r.due_session_year === year && r.due_session_type === type);
      const entities = here
        .map((r) => ({
          boardId: r.board_id,
          entityId: r.entity_id,
          label: r.entity_id ? (names.heads.get(r.entity_id) ?? r.entity_id) : 'Unassigned (no entity identified)',
          confirmed: Number(r.confirmed),
          suggested: Number(r.suggested),
          fulfilled: Number(r.fulfilled),
        }))
        .sort((a, b) => b.confirmed + b.suggested - (a.confirmed + a.suggested) || (a.label < b.label ? -1 : 1));
      return {
        type,
        year,
        total: entities.reduce((s, e) => s + e.confirmed + e.suggested, 0),
        entities,
      };
    }),
  };
}
