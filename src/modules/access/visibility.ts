// Who may read which sessions and documents. A record has an access level and belongs to boards:
//   public         everyone
//   member-states  every member-state delegation (observers included), entity management, staff
//   board-members  delegations of the board's members, its bureau, its secretariat, the entities it oversees
//   bureau         the board's bureau and secretariat
//   secretariat    the board's secretariat
// An embargo hides a record from its audience until `embargo_until`, then releases it to that whole
// audience at once; the board's secretariat and administrators see it before. Records the caller
// may not read are answered exactly like records that do not exist.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import { hasRole, type Actor, type Role } from './actor.js';

export const ACCESS_LEVELS = ['public', 'member-states', 'board-members', 'bureau', 'secretariat'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** Boards where a level (or an embargo exemption) applies: every board, some, or none. */
export type BoardScope = 'all' | string[];

const LEVEL_ROLES: Record<AccessLevel, Role[]> = {
  public: [],
  'member-states': [
    'observer-delegate',
    'member-delegate',
    'bureau-member',
    'secretariat',
    'entity-management',
  ],
  'board-members': ['member-delegate', 'bureau-member', 'secretariat', 'entity-management'],
  bureau: ['bureau-member', 'secretariat'],
  secretariat: ['secretariat'],
};

function scopeFor(actor: Actor, roles: Role[]): BoardScope {
  if (hasRole(actor, 'administrator')) return 'all';
  const boards = new Set<string>();
  for (const g of actor.grants) {
    if (!roles.includes(g.role)) continue;
    if (g.boardId === null) return 'all';
    boards.add(g.boardId);
  }
  return [...boards].sort();
}

export interface Visibility {
  levels: Record<AccessLevel, BoardScope>;
  embargoExempt: BoardScope;
}

export function visibilityOf(actor: Actor): Visibility {
  if (actor.kind === 'anonymous') {
    return {
      levels: { public: 'all', 'member-states': [], 'board-members': [], bureau: [], secretariat: [] },
      embargoExempt: [],
    };
  }
  const levels = {} as Record<AccessLevel, BoardScope>;
  for (const l of ACCESS_LEVELS) levels[l] = l === 'public' ? 'all' : scopeFor(actor, LEVEL_ROLES[l]);
  // Member-state documents go to every delegation, whatever board its grant names.
  if (levels['member-states'] !== 'all' && levels['member-states'].length > 0)
    levels['member-states'] = 'all';
  return { levels, embargoExempt: scopeFor(actor, ['secretariat']) };
}

/** Levels readable on at least one board (for coarse checks and cache keys). */
export function readableLevels(actor: Actor): AccessLevel[] {
  const v = visibilityOf(actor);
  return ACCESS_LEVELS.filter((l) => v.levels[l] === 'all' || v.levels[l].length > 0);
}

type RecordTable = 'documents' | 'sessions';
const LINKS = {
  documents: { table: 'document_boards', fk: 'document_id' },
  sessions: { table: 'session_boards', fk: 'session_id' },
} as const;

/** A WHERE condition: the row of `table` is readable by the actor at `now` (ISO time). */
export function visibleTo<T extends RecordTable>(table: T, actor: Actor, now: string) {
  const v = visibilityOf(actor);
  const link = LINKS[table];
  const inBoards = (scope: BoardScope): Expression<SqlBool> | null => {
    if (scope === 'all') return sql<SqlBool>`1 = 1`;
    if (scope.length === 0) return null;
    return sql<SqlBool>`exists (select 1 from ${sql.table(link.table)} l where l.${sql.ref(link.fk)} = ${sql.ref(`${table}.id`)} and l.board_id in (${sql.join(scope)}))`;
  };
  const released = sql<SqlBool>`(${sql.ref(`${table}.embargo_until`)} is null or ${sql.ref(`${table}.embargo_until`)} <= ${now})`;
  const exempt = inBoards(v.embargoExempt);
  const embargoOk = exempt ? sql<SqlBool>`(${released} or ${exempt})` : released;
  return (_eb: ExpressionBuilder<DB, T>): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [];
    for (const level of ACCESS_LEVELS) {
      const boards = inBoards(v.levels[level]);
      if (!boards) continue;
      parts.push(sql<SqlBool>`(${sql.ref(`${table}.access_level`)} = ${level} and ${boards})`);
    }
    if (parts.length === 0) return sql<SqlBool>`1 = 0`;
    return sql<SqlBool>`((${sql.join(parts, sql` or `)}) and ${embargoOk})`;
  };
}

/** The same rule in memory, for one record already loaded. */
export function canReadRecord(
  actor: Actor,
  record: { access_level: string; embargo_until: string | null },
  boardIds: string[],
  now: string,
): boolean {
  const v = visibilityOf(actor);
  const covers = (scope: BoardScope) => scope === 'all' || boardIds.some((b) => scope.includes(b));
  const level = record.access_level as AccessLevel;
  if (!ACCESS_LEVELS.includes(level) || !covers(v.levels[level])) return false;
  return record.embargo_until === null || record.embargo_until <= now || covers(v.embargoExempt);
}

/** Coarse check: the actor reads `level` on at least one board (use visibleTo for records). */
export function canRead(actor: Actor, level: string): boolean {
  return (readableLevels(actor) as string[]).includes(level);
}
