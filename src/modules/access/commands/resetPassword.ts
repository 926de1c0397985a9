// An administrator sets a new password for a user; every open session of the user ends.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../actor.js';
import { runCommand } from '../../audit/command.js';
import { hashPassword } from '../passwords.js';
import { accessPolicy } from '../policies.js';

export async function resetPassword(
  db: Kysely<DB>,
  actor: Actor,
  props: { userId: string; password: string },
) {
  const hash = await hashPassword(props.password);
  await runCommand(db, actor, {
    name: 'users.resetPassword',
    authorize: accessPolicy.manageUsers,
    run: async ({ trx, audit }) => {
      const user = await trx
        .selectFrom('users')
        .select('id')
        .where('id', '=', props.userId)
        .executeTakeFirst();
      if (!user) throw errors.notFound('User', props.userId);
      await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', props.userId).execute();
      await trx
        .updateTable('user_sessions')
        .set({ revoked: 1 })
        .where('user_id', '=', props.userId)
        .execute();
      // The audit records that the password changed, never the password or its hash.
      audit({ action: 'user.password-reset', recordType: 'user', recordId: props.userId });
    },
  });
}
