// Ends a sign-in session.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../actor.js';
import { requireSignedIn } from '../policy.js';
import { runCommand } from '../../audit/command.js';

export async function signOut(db: Kysely<DB>, actor: Actor, sessionId: string) {
  await runCommand(db, actor, {
    name: 'auth.signOut',
    authorize: requireSignedIn,
    run: async ({ trx, audit }) => {
      await trx
        .updateTable('user_sessions')
        .set({ revoked: 1 })
        .where('id', '=', sessionId)
        .where('user_id', '=', actor.id)
        .execute();
      audit({ action: 'auth.signed-out', recordType: 'user', recordId: actor.id });
    },
  });
}
