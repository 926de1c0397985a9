// Who is acting: an anonymous member of the public, a signed-in user with role grants, or the
// system itself (CLI, seeding). Grants may be scoped to one board.

export const ROLES = [
  'observer-delegate',
  'member-delegate',
  'bureau-member',
  'secretariat',
  'entity-management',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export interface Grant {
  role: Role;
  /** null: the role holds for every board. */
  boardId: string | null;
}

export interface Actor {
  id: string;
  kind: 'anonymous' | 'user' | 'system';
  displayName: string;
  memberStateId: string | null;
  grants: Grant[];
}

export const anonymous: Actor = {
  id: 'anonymous',
  kind: 'anonymous',
  displayName: 'Public',
  memberStateId: null,
  grants: [],
};

export function systemActor(name = 'system'): Actor {
  return {
    id: `system:${name}`,
    kind: 'system',
    displayName: name,
    memberStateId: null,
    grants: [{ role: 'administrator', boardId: null }],
  };
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** True if the actor holds `role` for `boardId` (or globally). Administrators hold every role. */
export function hasRole(actor: Actor, role: Role, boardId?: string | null): boolean {
  return actor.grants.some(
    (g) =>
      (g.role === role || g.role === 'administrator') &&
      (g.boardId === null || boardId === undefined || g.boardId === boardId),
  );
}

export function roleSummary(actor: Actor): string {
  if (actor.kind === 'anonymous') return 'public';
  return actor.grants.map((g) => (g.boardId ? `${g.role}@${g.boardId}` : g.role)).join(',') || 'none';
}
