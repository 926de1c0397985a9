// Changes a user's grants, name or disabled flag; disabling revokes their sessions and tokens.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../actor.js';
import { runCommand } from '../../audit/command.js';
import { accessPolicy } from '../policies.js';
import type { UpdateUserInput } from '../schema.js';
import { checkGrants, writeGrants } from './createUser.js';

export async function updateUser(
  db: Kysely<DB>,
  actor: Actor,
  props: { id: string; input: UpdateUserInput },
) {
  await runCommand(db, actor, {
    name: 'users.update',
    authorize: accessPolicy.manageUsers,
    run: async ({ trx, audit }) => {
      const before = await trx
        .selectFrom('users')
        .select(['id', 'display_name', 'disabled'])
        .where('id', '=', props.id)
        .executeTakeFirst();
      if (!before) throw errors.notFound('User', props.id);
      const beforeGrants = await trx
        .selectFrom('role_grants')
        .select(['role', 'board_id'])
        .where('user_id', '=', props.id)
        .execute();
      const i = props.input;
      if (i.grants) {
        await checkGrants(trx, i.grants, '/body/grants');
        await writeGrants(trx, props.id, i.grants);
      }
      const disabled = i.disabled === undefined ? before.disabled : i.disabled ? 1 : 0;
      await trx
        .updateTable('users')
        .set({ display_name: i.displayName ?? before.display_name, disabled })
        .where('id', '=', props.id)
        .execute();
      // Never lock everyone out: the last active administrator keeps the role and stays enabled.
      const wasAdministrator = !before.disabled && beforeGrants.some((g) => g.role === 'administrator');
      if (wasAdministrator) {
        const left = await trx
          .selectFrom('role_grants as g')
          .innerJoin('users as u', 'u.id', 'g.user_id')
          .select('u.id')
          .where('g.role', '=', 'administrator')
          .where('u.disabled', '=', 0)
          .limit(1)
          .execute();
        if (left.length === 0) {
          const message =
            'would leave no active administrator: give another user the administrator role first';
          throw errors.conflict(
            `The last active administrator cannot be ${disabled ? 'disabled' : 'removed'}`,
            [{ path: disabled ? '/body/disabled' : '/body/grants', message, code: 'lastAdministrator' }],
          );
        }
      }
      if (disabled) {
        await trx.updateTable('user_sessions').set({ revoked: 1 }).where('user_id', '=', props.id).execute();
        await trx.updateTable('api_tokens').set({ revoked: 1 }).where('user_id', '=', props.id).execute();
      }
      audit({
        action: 'user.updated',
        recordType: 'user',
        recordId: props.id,
        before: { ...before, grants: beforeGrants },
        after: {
          displayName: i.displayName ?? before.display_name,
          disabled,
          grants: i.grants ?? beforeGrants,
        },
      });
    },
  });
}
