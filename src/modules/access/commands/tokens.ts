// API tokens: issued (the secret is returned once) and revoked.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../actor.js';
import { runCommand } from '../../audit/command.js';
import { accessPolicy } from '../policies.js';
import { generateToken, hashToken } from '../tokens.js';

export async function issueToken(db: Kysely<DB>, actor: Actor, props: { userId: string; name: string }) {
  const secret = generateToken();
  const id = await runCommand(db, actor, {
    name: 'tokens.issue',
    authorize: (a) => accessPolicy.manageTokensOf(a, props.userId),
    run: async ({ trx, now, audit }) => {
      if (!(await trx.selectFrom('users').select('id').where('id', '=', props.userId).executeTakeFirst()))
        throw errors.notFound('User', props.userId);
      const row = {
        id: newId(),
        user_id: props.userId,
        name: props.name,
        token_hash: hashToken(secret),
        created_at: now,
        last_used_at: null,
        revoked: 0,
      };
      await trx.insertInto('api_tokens').values(row).execute();
      audit({
        action: 'token.issued',
        recordType: 'api_token',
        recordId: row.id,
        after: { userId: props.userId, name: props.name },
      });
      return row.id;
    },
  });
  return { id, token: secret };
}

export async function revokeToken(db: Kysely<DB>, actor: Actor, tokenId: string) {
  const token = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id'])
    .where('id', '=', tokenId)
    .executeTakeFirst();
  if (!token) throw errors.notFound('Token', tokenId);
  await runCommand(db, actor, {
    name: 'tokens.revoke',
    authorize: (a) => accessPolicy.manageTokensOf(a, token.user_id),
    run: async ({ trx, audit }) => {
      await trx.updateTable('api_tokens').set({ revoked: 1 }).where('id', '=', tokenId).execute();
      audit({ action: 'token.revoked', recordType: 'api_token', recordId: tokenId });
    },
  });
}
