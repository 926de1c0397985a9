// Signs a user in with e-mail and password: opens a session (cookie + CSRF token). Failures are
// audited and rate limited by the caller; the answer never says whether the e-mail exists.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { systemActor } from '../actor.js';
import { runCommand } from '../../audit/command.js';
import { requireAnyRole } from '../policy.js';
import { DUMMY_HASH, verifyPassword } from '../passwords.js';
import { openSession } from '../sessions.js';

export async function signIn(db: Kysely<DB>, props: { email: string; password: string }) {
  const email = props.email.trim().toLowerCase();
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled'])
    .where('email', '=', email)
    .executeTakeFirst();
  const ok = await verifyPassword(props.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) {
    await runCommand(db, systemActor('auth'), {
      name: 'auth.signInFailed',
      authorize: (a) => requireAnyRole(a, ['administrator']),
      run: async ({ audit }) =>
        audit({
          action: 'auth.sign-in-failed',
          recordType: 'user',
          recordId: user?.id ?? 'unknown',
          after: { email },
        }),
    });
    throw errors.unauthenticatedWith('The e-mail address or password is not correct');
  }
  // The session belongs to the user, but it is the system that opens it on their behalf.
  return runCommand(db, systemActor('auth'), {
    name: 'auth.signIn',
    authorize: (a) => requireAnyRole(a, ['administrator']),
    run: async ({ trx, now, audit }) => {
      // "New since my last visit" compares with the start of the previous session.
      const previous = await trx
        .selectFrom('user_sessions')
        .select((eb) => eb.fn.max('created_at').as('at'))
        .where('user_id', '=', user.id)
        .executeTakeFirst();
      await trx.updateTable('users').set({ last_visit_at: previous?.at ?? null }).where('id', '=', user.id).execute();
      const session = await openSession(trx, user.id, now);
      audit({
        action: 'auth.signed-in',
        recordType: 'user',
        recordId: user.id,
        after: { session: session.id.slice(0, 12) },
      });
      return { userId: user.id, ...session };
    },
  });
}
