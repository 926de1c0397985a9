// API tokens for scripts: shown once at creation, stored only as a SHA-256 hash.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { anonymous, isRole, type Actor, type Grant } from './actor.js';

export function generateToken(): string {
  return `cnc_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function loadActor(db: Kysely<DB>, userId: string): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'member_state_id', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled) return null;
  const grants = await db
    .selectFrom('role_grants')
    .select(['role', 'board_id'])
    .where('user_id', '=', userId)
    .execute();
  return {
    id: user.id,
    kind: 'user',
    displayName: user.display_name,
    memberStateId: user.member_state_id,
    grants: grants.flatMap((g): Grant[] => (isRole(g.role) ? [{ role: g.role, boardId: g.board_id }] : [])),
  };
}

/** Resolves "Authorization: Bearer <token>"; null when the token is unknown or revoked. */
export async function actorFromBearer(
  db: Kysely<DB>,
  header: string | undefined,
): Promise<Actor | null | undefined> {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m?.[1]) return null;
  const row = await db
    .selectFrom('api_tokens')
    .select(['user_id', 'revoked'])
    .where('token_hash', '=', hashToken(m[1]))
    .executeTakeFirst();
  if (!row || row.revoked) return null;
  return loadActor(db, row.user_id);
}

export { anonymous };
