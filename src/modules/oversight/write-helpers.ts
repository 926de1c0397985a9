// Building blocks shared by the oversight commands (never called outside a command's transaction):
// resolving addressees, checking dates against the review, writing status history and rolling
// progress up from actions to the addressee.
import type { Transaction } from 'kysely';
import type { DB, OversightAddresseeTable, OversightMandateTable } from '../../db/schema.js';
import { errors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from '../access/actor.js';
import type { CommandTx } from '../audit/command.js';
import type { AddresseeInput } from './schema.js';
import { checkTransition, type Axis } from './workflow.js';

export interface ResolvedAddressee {
  kind: 'board' | 'executive-head';
  board_id: string;
  entity_id: string | null;
  addressee_key: string;
}

/** A board, or an entity's executive head (whose board is the one overseeing the entity). */
export async function resolveAddressee(
  trx: Transaction<DB>,
  a: AddresseeInput,
  path: string,
): Promise<ResolvedAddressee> {
  if (a.kind === 'board') {
    if (!a.boardId || a.entityId)
      throw errors.validation([{ path: `${path}/boardId`, message: 'a board addressee needs boardId (and no entityId)' }]);
    const b = await trx.selectFrom('boards').select('id').where('id', '=', a.boardId).executeTakeFirst();
    if (!b) throw errors.validation([{ path: `${path}/boardId`, message: `unknown board '${a.boardId}'` }]);
    return { kind: 'board', board_id: b.id, entity_id: null, addressee_key: `board:${b.id}` };
  }
  if (!a.entityId || a.boardId)
    throw errors.validation([
      { path: `${path}/entityId`, message: 'an executive-head addressee needs entityId (and no boardId)' },
    ]);
  const e = await trx
    .selectFrom('board_entities')
    .select(['board_id', 'entity_id'])
    .where('entity_id', '=', a.entityId)
    .executeTakeFirst();
  if (!e) throw errors.validation([{ path: `${path}/entityId`, message: `unknown entity '${a.entityId}'` }]);
  return { kind: 'executive-head', board_id: e.board_id, entity_id: e.entity_id, addressee_key: `head:${e.entity_id}` };
}

/** Parses the CSV/CLI short form "board:unicef" or "head:undp". */
export function parseAddresseeKey(key: string): AddresseeInput | null {
  const m = /^(board|head):([a-z0-9-]+)$/.exec(key.trim());
  if (!m) return null;
  return m[1] === 'board' ? { kind: 'board', boardId: m[2]! } : { kind: 'executive-head', entityId: m[2]! };
}

export async function reviewOfRecommendation(trx: Transaction<DB>, recommendationId: string) {
  return trx
    .selectFrom('oversight_recommendations')
    .innerJoin('oversight_reviews', 'oversight_reviews.id', 'oversight_recommendations.review_id')
    .select(['oversight_reviews.id', 'oversight_reviews.issued_on', 'oversight_reviews.year'])
    .where('oversight_recommendations.id', '=', recommendationId)
    .executeTakeFirstOrThrow();
}

/** Refuses a date earlier than the review the record follows up. */
export function notBeforeReview(date: string | null | undefined, review: { issued_on: string }, path: string) {
  if (date && date < review.issued_on)
    throw errors.validation([{ path, message: `${date} is before the review was issued (${review.issued_on})` }]);
}

export function notBeforeReviewYear(year: number | undefined, review: { year: number }, path: string) {
  if (year !== undefined && year < review.year)
    throw errors.validation([{ path, message: `${year} is before the review's year (${review.year})` }]);
}

export async function insertAddressee(
  trx: Transaction<DB>,
  p: { recommendationId: string; resolved: ResolvedAddressee; since: string; synthetic: boolean; now: string },
): Promise<OversightAddresseeTable> {
  const row: OversightAddresseeTable = {
    id: newId(),
    recommendation_id: p.recommendationId,
    ...p.resolved,
    acceptance: 'under-consideration',
    acceptance_on: null,
    acceptance_by: null,
    acceptance_justification: null,
    implementation: 'not-started',
    implementation_on: null,
    implementation_by: null,
    implementation_justification: null,
    progress: 0,
    last_progress_on: p.since,
    synthetic: p.synthetic ? 1 : 0,
    version: 1,
    created_at: p.now,
    updated_at: p.now,
  };
  await trx.insertInto('oversight_addressees').values(row).execute();
  return row;
}

export async function recordStatusChange(
  trx: Transaction<DB>,
  p: {
    subjectType: 'addressee' | 'action' | 'mandate';
    subjectId: string;
    axis: Axis;
    from: string | null;
    to: string;
    progressBefore?: number | null;
    progressAfter?: number | null;
    effectiveOn: string;
    actor: Actor;
    now: string;
    justification?: string | null;
    synthetic?: boolean;
  },
) {
  const row = {
    id: newId(),
    subject_type: p.subjectType,
    subject_id: p.subjectId,
    axis: p.axis,
    from_status: p.from,
    to_status: p.to,
    progress_before: p.progressBefore ?? null,
    progress_after: p.progressAfter ?? null,
    effective_on: p.effectiveOn,
    recorded_at: p.now,
    actor_id: p.actor.id,
    actor_name: p.actor.displayName,
    justification: p.justification?.trim() || null,
    synthetic: p.synthetic ? 1 : 0,
  };
  await trx.insertInto('oversight_status_changes').values(row).execute();
  return row;
}

/**
 * Progress of an addressee: 100 once implemented; otherwise the weighted mean of its actions'
 * progress, cancelled actions left out (0 without actions). `touchedOn` moves last_progress_on
 * forward, which the "no progress for N months" dashboard reads.
 */
export async function refreshAddresseeProgress(
  trx: Transaction<DB>,
  addresseeId: string,
  p: { now: string; touchedOn?: string },
): Promise<{ before: number; after: number }> {
  const a = await trx
    .selectFrom('oversight_addressees')
    .select(['implementation', 'progress', 'last_progress_on'])
    .where('id', '=', addresseeId)
    .executeTakeFirstOrThrow();
  let after: number;
  if (a.implementation === 'implemented') after = 100;
  else {
    const acts = await trx
      .selectFrom('oversight_actions')
      .select(['progress', 'weight'])
      .where('addressee_id', '=', addresseeId)
      .where('status', '!=', 'cancelled')
      .execute();
    const w = acts.reduce((s, x) => s + x.weight, 0);
    after = w ? acts.reduce((s, x) => s + x.weight * x.progress, 0) / w : 0;
  }
  after = Math.round(after * 100) / 100;
  const last = p.touchedOn && p.touchedOn > a.last_progress_on ? p.touchedOn : a.last_progress_on;
  if (after !== a.progress || last !== a.last_progress_on) {
    await trx
      .updateTable('oversight_addressees')
      .set({ progress: after, last_progress_on: last, updated_at: p.now })
      .where('id', '=', addresseeId)
      .execute();
  }
  return { before: a.progress, after };
}

export async function requireDocument(trx: Transaction<DB>, id: string, path: string) {
  const d = await trx.selectFrom('documents').select(['id', 'date']).where('id', '=', id).executeTakeFirst();
  if (!d) throw errors.validation([{ path, message: `unknown document '${id}'` }]);
  return d;
}

export async function requireDecision(trx: Transaction<DB>, id: string, path: string) {
  const d = await trx
    .selectFrom('decisions')
    .select(['id', 'board_id', 'number', 'year'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!d) throw errors.validation([{ path, message: `unknown decision '${id}'` }]);
  return d;
}

/** Moves a mandate along the mandate workflow, with history; used by confirm, reject and fulfil. */
export async function transitionMandate(
  tx: Pick<CommandTx, 'trx' | 'actor' | 'now' | 'audit'>,
  p: {
    mandateId: string;
    to: string;
    on: string;
    justification?: string | null;
    changes?: Partial<OversightMandateTable>;
    action: string;
  },
): Promise<void> {
  const { trx, actor, now, audit } = tx;
  const before = await trx.selectFrom('oversight_mandates').selectAll().where('id', '=', p.mandateId).executeTakeFirstOrThrow();
  await checkTransition(trx, {
    axis: 'mandate',
    from: before.status,
    to: p.to,
    justification: p.justification,
    field: '/body/status',
    justificationField: '/body/justification',
  });
  const changes = { ...(p.changes ?? {}), status: p.to, version: before.version + 1, updated_at: now };
  await trx.updateTable('oversight_mandates').set(changes).where('id', '=', before.id).execute();
  await recordStatusChange(trx, {
    subjectType: 'mandate',
    subjectId: before.id,
    axis: 'mandate',
    from: before.status,
    to: p.to,
    effectiveOn: p.on,
    actor,
    now,
    justification: p.justification ?? null,
    synthetic: !!before.synthetic,
  });
  audit({ action: p.action, recordType: 'oversight_mandate', recordId: before.id, before, after: { ...before, ...changes, justification: p.justification ?? null } });
}

/** Usual opening month-day of each session type, used until the session itself is scheduled. */
export const USUAL_SESSION_START: Record<string, string> = {
  'first-regular': '02-01',
  'joint-meeting': '05-31',
  annual: '06-01',
  'second-regular': '09-01',
  special: '12-31',
};

/** When an action falls due: its due date, else the start of its due session on the board. */
export async function dueOn(
  trx: Transaction<DB>,
  p: { boardId: string; dueDate: string | null; sessionType: string | null; sessionYear: number | null },
): Promise<string | null> {
  if (p.dueDate) return p.dueDate;
  if (!p.sessionType || !p.sessionYear) return null;
  const s = await trx
    .selectFrom('sessions')
    .innerJoin('session_boards', 'session_boards.session_id', 'sessions.id')
    .select('sessions.start_date')
    .where('session_boards.board_id', '=', p.boardId)
    .where('sessions.type', '=', p.sessionType)
    .where('sessions.year', '=', p.sessionYear)
    .orderBy('sessions.start_date')
    .executeTakeFirst();
  return s?.start_date ?? `${p.sessionYear}-${USUAL_SESSION_START[p.sessionType] ?? '12-31'}`;
}
