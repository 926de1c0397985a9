// One calendar across the four boards: sessions that overlap in time, and the meeting load of each
// delegation — hours per week across every board it is a member of (board_memberships, term
// covering the day) or follows as an observer — with the weeks it cannot cover flagged: more hours
// than its people can attend, or more meetings at once than it has people.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { visibleTo } from '../access/visibility.js';

/** Meeting hours per day by session type (a formal session day is two three-hour meetings). */
export const DEFAULT_HOURS_PER_DAY: Record<string, number> = {
  'first-regular': 6,
  annual: 6,
  'second-regular': 6,
  special: 6,
  'joint-meeting': 6,
  'informal-briefing': 2,
  'joint-field-visit': 8,
};

export interface LoadOptions {
  /** Meeting hours one person can cover in a week beside the delegation's other work. */
  hoursPerPerson: number;
  /** People of a delegation without a recorded capacity. */
  defaultPeople: number;
  /** A delegation of at most this many people is "small". */
  smallDelegation: number;
  /** Boards followed as an observer where the state is not a member: all, none or a list. */
  observes: 'all' | 'none' | string[];
}

// Observing is a choice: by default only the boards a state sits on count; ?observes=all adds the rest.
export const DEFAULT_LOAD: LoadOptions = { hoursPerPerson: 20, defaultPeople: 2, smallDelegation: 2, observes: 'none' };

export interface CalendarSession {
  id: string;
  type: string;
  title: string;
  startDate: string;
  endDate: string;
  boardIds: string[];
  synthetic: boolean;
}

export interface Overlap {
  a: CalendarSession;
  b: CalendarSession;
  days: string[];
  /** Boards of one session that are not in the other: delegations following both must split. */
  boards: string[];
}

export async function calendarSessions(db: Kysely<DB>, actor: Actor, f: { year: number; board?: string }): Promise<CalendarSession[]> {
  let q = db
    .selectFrom('sessions')
    .select(['id', 'type', 'title', 'start_date', 'end_date', 'synthetic'])
    .where(visibleTo('sessions', actor, new Date().toISOString()))
    .where('start_date', '<=', `${f.year}-12-31`)
    .where('end_date', '>=', `${f.year}-01-01`);
  if (f.board)
    q = q.where('id', 'in', (eb) => eb.selectFrom('session_boards').select('session_id').where('board_id', '=', f.board!));
  const rows = await q.orderBy('start_date').orderBy('id').execute();
  if (!rows.length) return [];
  const links = await db.selectFrom('session_boards').select(['session_id', 'board_id']).where('session_id', 'in', rows.map((r) => r.id)).execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    title: r.title,
    startDate: r.start_date,
    endDate: r.end_date,
    boardIds: links.filter((l) => l.session_id === r.id).map((l) => l.board_id).sort(),
    synthetic: !!r.synthetic,
  }));
}

const DAY = 864e5;
export function daysOf(start: string, end: string, weekdaysOnly = true): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += DAY) {
    const d = new Date(t);
    if (weekdaysOnly && (d.getUTCDay() === 0 || d.getUTCDay() === 6)) continue;
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/** The Monday of the ISO week of a date. */
export function weekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * DAY).toISOString().slice(0, 10);
}

/** Pairs of sessions of different boards held on the same days (sorted by start). */
export function overlaps(sessions: CalendarSession[]): Overlap[] {
  const out: Overlap[] = [];
  const sorted = [...sessions].sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id));
  for (let i = 0; i < sorted.length; i++)
    for (let j = i + 1; j < sorted.length && sorted[j]!.startDate <= sorted[i]!.endDate; j++) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      const sameBoards = a.boardIds.length === b.boardIds.length && a.boardIds.every((x) => b.boardIds.includes(x));
      if (sameBoards) continue;
      const from = a.startDate > b.startDate ? a.startDate : b.startDate;
      const to = a.endDate < b.endDate ? a.endDate : b.endDate;
      const days = daysOf(from, to, false);
      if (days.length) out.push({ a, b, days, boards: [...new Set([...a.boardIds, ...b.boardIds])].sort() });
    }
  return out;
}

export interface WeekLoad {
  week: string;
  hours: number;
  memberHours: number;
  observerHours: number;
  /** Most meetings on one day that the delegation would attend at the same time. */
  parallel: number;
  sessions: string[];
  capacityHours: number;
  overCapacity: boolean;
  cannotCoverParallel: boolean;
}

export interface DelegationLoad {
  memberStateId: string;
  name: string;
  people: number;
  capacityRecorded: boolean;
  small: boolean;
  memberOf: string[];
  weeks: WeekLoad[];
  flaggedWeeks: number;
  peakHours: number;
}

interface Membership {
  board_id: string;
  term_start: string;
  term_end: string;
}

function loadFor(
  sessions: CalendarSession[],
  memberships: Membership[],
  allBoards: string[],
  people: number,
  opts: LoadOptions,
  hours: Record<string, number>,
): WeekLoad[] {
  const weeks = new Map<string, { member: number; observer: number; perDay: Map<string, number>; sessions: Set<string> }>();
  for (const s of sessions) {
    for (const day of daysOf(s.startDate, s.endDate)) {
      const member = s.boardIds.some((b) => memberships.some((m) => m.board_id === b && m.term_start <= day && m.term_end >= day));
      const observed =
        !member &&
        s.boardIds.some((b) => (opts.observes === 'all' ? allBoards.includes(b) : opts.observes === 'none' ? false : opts.observes.includes(b)));
      if (!member && !observed) continue;
      const h = hours[s.type] ?? 6;
      const wk = weekOf(day);
      const w = weeks.get(wk) ?? { member: 0, observer: 0, perDay: new Map(), sessions: new Set() };
      if (member) w.member += h;
      else w.observer += h;
      w.perDay.set(day, (w.perDay.get(day) ?? 0) + 1);
      w.sessions.add(s.id);
      weeks.set(wk, w);
    }
  }
  const capacity = people * opts.hoursPerPerson;
  return [...weeks]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, w]) => {
      const parallel = Math.max(...w.perDay.values());
      const total = w.member + w.observer;
      return {
        week,
        hours: total,
        memberHours: w.member,
        observerHours: w.observer,
        parallel,
        sessions: [...w.sessions],
        capacityHours: capacity,
        overCapacity: total > capacity,
        cannotCoverParallel: parallel > people,
      };
    });
}

export async function delegationLoads(
  db: Kysely<DB>,
  actor: Actor,
  f: { year: number; memberState?: string; onlySmall?: boolean; /** Only states on a board that year or with a recorded capacity. */ onlyKnown?: boolean },
  opts: LoadOptions = DEFAULT_LOAD,
  hours: Record<string, number> = DEFAULT_HOURS_PER_DAY,
): Promise<DelegationLoad[]> {
  const sessions = await calendarSessions(db, actor, { year: f.year });
  const allBoards = (await db.selectFrom('boards').select('id').execute()).map((b) => b.id);
  let sq = db.selectFrom('member_states').select(['id', 'name']);
  if (f.memberState) sq = sq.where('id', '=', f.memberState);
  const states = await sq.orderBy('id').execute();
  let mq = db
    .selectFrom('board_memberships')
    .select(['member_state_id', 'board_id', 'term_start', 'term_end'])
    .where('term_start', '<=', `${f.year}-12-31`)
    .where('term_end', '>=', `${f.year}-01-01`);
  if (f.memberState) mq = mq.where('member_state_id', '=', f.memberState);
  const memberships = await mq.execute();
  let cq = db.selectFrom('coherence_delegation_capacity').select(['member_state_id', 'people']);
  if (f.memberState) cq = cq.where('member_state_id', '=', f.memberState);
  const capacity = new Map((await cq.execute()).map((c) => [c.member_state_id, c.people]));
  const out: DelegationLoad[] = [];
  for (const s of states) {
    const people = capacity.get(s.id) ?? opts.defaultPeople;
    const small = people <= opts.smallDelegation;
    if (f.onlySmall && !small) continue;
    const mine = memberships.filter((m) => m.member_state_id === s.id);
    if (f.onlyKnown && !mine.length && !capacity.has(s.id)) continue;
    const weeks = loadFor(sessions, mine, allBoards, people, opts, hours);
    out.push({
      memberStateId: s.id,
      name: s.name,
      people,
      capacityRecorded: capacity.has(s.id),
      small,
      memberOf: [...new Set(mine.map((m) => m.board_id))].sort(),
      weeks,
      flaggedWeeks: weeks.filter((w) => w.overCapacity || w.cannotCoverParallel).length,
      peakHours: Math.max(0, ...weeks.map((w) => w.hours)),
    });
  }
  return out;
}
