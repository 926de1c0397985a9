// The parity ledger: for each decision, when each member of the board could first read each of
// the documents behind it, computed from the documents' access history (levels and embargoes).
// A decision is flagged when members got a document at different times, or later than `minDays`
// before the session opened.
import type { Kysely } from 'kysely';
import type { AccessChangeTable, DB } from '../../db/schema.js';
import type { AccessLevel } from './visibility.js';

const DAY = 86_400_000;

/** The access levels a member state's delegation reads, given where it sits. */
function tiersOf(isMember: boolean, onBureau: boolean): AccessLevel[] {
  const t: AccessLevel[] = ['public', 'member-states'];
  if (isMember || onBureau) t.push('board-members');
  if (onBureau) t.push('bureau');
  return t;
}

/** The first moment a reader with `tiers` could read the record, from its access history. */
export function firstAccess(
  history: Pick<AccessChangeTable, 'access_level' | 'embargo_until' | 'changed_at'>[],
  tiers: AccessLevel[],
): string | null {
  const sorted = [...history].sort((a, b) => (a.changed_at < b.changed_at ? -1 : 1));
  for (let i = 0; i < sorted.length; i++) {
    const h = sorted[i]!;
    if (!tiers.includes(h.access_level as AccessLevel)) continue;
    const from = h.embargo_until && h.embargo_until > h.changed_at ? h.embargo_until : h.changed_at;
    const until = sorted[i + 1]?.changed_at;
    if (until === undefined || from < until) return from;
  }
  return null;
}

export interface ParityEntry {
  decisionId: string;
  boardId: string;
  number: string;
  sessionStart: string | null;
  members: number;
  documents: {
    documentId: string;
    symbol: string | null;
    title: string;
    firstAccess: { memberStateId: string; since: string | null; daysBeforeSession: number | null }[];
    earliest: string | null;
    latest: string | null;
    unequal: boolean;
    late: boolean;
  }[];
  flags: string[];
}

export async function parityForDecisions(
  db: Kysely<DB>,
  decisionIds: string[],
  minDays: number,
): Promise<ParityEntry[]> {
  if (decisionIds.length === 0) return [];
  const decisions = await db
    .selectFrom('decisions as d')
    .leftJoin('sessions as s', 's.id', 'd.session_id')
    .select([
      'd.id',
      'd.board_id',
      'd.number',
      'd.year',
      'd.session_id',
      'd.agenda_item_id',
      'd.adopted_on',
      's.start_date',
    ])
    .where('d.id', 'in', decisionIds)
    .execute();
  const out: ParityEntry[] = [];
  for (const d of decisions) {
    const on = d.start_date ?? d.adopted_on ?? `${d.year}-07-01`;
    const [members, bureau] = await Promise.all([
      db
        .selectFrom('board_memberships')
        .select('member_state_id')
        .where('board_id', '=', d.board_id)
        .where('term_start', '<=', on)
        .where('term_end', '>=', on)
        .execute(),
      db
        .selectFrom('bureau_posts')
        .select('member_state_id')
        .where('board_id', '=', d.board_id)
        .where('year', '=', Number(on.slice(0, 4)))
        .execute(),
    ]);
    const bureauSet = new Set(bureau.map((b) => b.member_state_id));
    const memberIds = [...new Set([...members.map((m) => m.member_state_id), ...bureauSet])].sort();
    let docsQuery = db
      .selectFrom('documents')
      .innerJoin('document_boards', 'document_boards.document_id', 'documents.id')
      .select(['documents.id', 'documents.symbol', 'documents.title'])
      .where('document_boards.board_id', '=', d.board_id);
    if (d.agenda_item_id) docsQuery = docsQuery.where('documents.agenda_item_id', '=', d.agenda_item_id);
    else if (d.session_id) docsQuery = docsQuery.where('documents.session_id', '=', d.session_id);
    else docsQuery = docsQuery.where('documents.id', '=', '');
    const docs = await docsQuery.orderBy('documents.date').orderBy('documents.id').execute();
    const history = docs.length
      ? await db
          .selectFrom('access_changes')
          .select(['record_id', 'access_level', 'embargo_until', 'changed_at'])
          .where('record_type', '=', 'document')
          .where(
            'record_id',
            'in',
            docs.map((x) => x.id),
          )
          .execute()
      : [];
    const sessionStartMs = d.start_date ? Date.parse(`${d.start_date}T00:00:00Z`) : null;
    const entries = docs.map((doc) => {
      const h = history.filter((x) => x.record_id === doc.id);
      const fa = memberIds.map((m) => {
        const since = firstAccess(h, tiersOf(true, bureauSet.has(m)));
        const daysBeforeSession =
          since && sessionStartMs !== null ? Math.floor((sessionStartMs - Date.parse(since)) / DAY) : null;
        return { memberStateId: m, since, daysBeforeSession };
      });
      const times = fa
        .map((f) => f.since)
        .filter((t): t is string => t !== null)
        .sort();
      const someWithout = fa.some((f) => f.since === null);
      const unequal = (times.length > 0 && (times[0] !== times[times.length - 1] || someWithout)) || false;
      const late =
        sessionStartMs !== null &&
        fa.some((f) => f.since === null || (f.daysBeforeSession !== null && f.daysBeforeSession < minDays));
      return {
        documentId: doc.id,
        symbol: doc.symbol,
        title: doc.title,
        firstAccess: fa,
        earliest: times[0] ?? null,
        latest: someWithout ? null : (times[times.length - 1] ?? null),
        unequal,
        late,
      };
    });
    const flags: string[] = [];
    if (memberIds.length === 0) flags.push('no-membership-data');
    const unequal = entries.filter((e) => e.unequal).length;
    const late = entries.filter((e) => e.late).length;
    if (unequal) flags.push(`unequal-access:${unequal}`);
    if (late) flags.push(`late-access:${late}`);
    out.push({
      decisionId: d.id,
      boardId: d.board_id,
      number: d.number,
      sessionStart: d.start_date,
      members: memberIds.length,
      documents: entries,
      flags,
    });
  }
  return out.sort((a, b) => (a.number < b.number ? -1 : 1));
}

export async function parityReport(db: Kysely<DB>, f: { board?: string; year?: number; minDays: number }) {
  let q = db.selectFrom('decisions').select('id');
  if (f.board) q = q.where('board_id', '=', f.board);
  if (f.year) q = q.where('year', '=', f.year);
  const ids = (await q.execute()).map((r) => r.id);
  const all = await parityForDecisions(db, ids, f.minDays);
  return all.filter((e) => e.flags.some((fl) => fl.startsWith('unequal') || fl.startsWith('late')));
}
