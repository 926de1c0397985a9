// Sign-in sessions: a random cookie value whose SHA-256 is stored, with a CSRF token bound to the
// session. Sessions expire after SESSION_HOURS and are revoked at sign-out or password reset.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { clock } from '../../lib/clock.js';
import { loadActor } from './tokens.js';
import type { Actor } from './actor.js';

export const SESSION_COOKIE = 'concord_session';
export const SESSION_HOURS = 12;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function openSession(
  trx: Transaction<DB>,
  userId: string,
  now: string,
): Promise<{ cookie: string; csrfToken: string; id: string; expiresAt: string }> {
  const cookie = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(new Date(now).getTime() + SESSION_HOURS * 3600_000).toISOString();
  const id = sha256(cookie);
  await trx
    .insertInto('user_sessions')
    .values({
      id,
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: expiresAt,
      revoked: 0,
    })
    .execute();
  return { cookie, csrfToken, id, expiresAt };
}

export interface SessionActor {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
}

export async function actorFromSession(
  db: Kysely<DB>,
  cookie: string | undefined,
): Promise<SessionActor | null> {
  if (!cookie || cookie.length > 200) return null;
  const row = await db
    .selectFrom('user_sessions')
    .select(['id', 'user_id', 'csrf_token', 'expires_at', 'revoked'])
    .where('id', '=', sha256(cookie))
    .executeTakeFirst();
  if (!row || row.revoked || row.expires_at <= clock.nowIso()) return null;
  const actor = await loadActor(db, row.user_id);
  return actor ? { actor, sessionId: row.id, csrfToken: row.csrf_token } : null;
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    if (k && !(k in out)) {
      try {
        out[k] = decodeURIComponent(v);
      } catch {
        out[k] = v;
      }
    }
  }
  return out;
}

export function sessionCookie(value: string, opts: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${opts.maxAgeSeconds}`,
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}
