// Creates a user account with role grants (and optionally a password). Administrators only.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors, type FieldError } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../actor.js';
import { runCommand } from '../../audit/command.js';
import { hashPassword } from '../passwords.js';
import { accessPolicy } from '../policies.js';
import type { CreateUserInput } from '../schema.js';

export async function checkGrants(
  trx: Transaction<DB>,
  grants: { role: string; boardId: string | null }[],
  path: string,
) {
  const boards = new Set((await trx.selectFrom('boards').select('id').execute()).map((b) => b.id));
  const problems: FieldError[] = [];
  grants.forEach((g, i) => {
    if (g.boardId !== null && !boards.has(g.boardId))
      problems.push({ path: `${path}/${i}/boardId`, message: `unknown board '${g.boardId}'` });
  });
  if (problems.length) throw errors.validation(problems);
}

export async function writeGrants(
  trx: Transaction<DB>,
  userId: string,
  grants: { role: string; boardId: string | null }[],
) {
  await trx.deleteFrom('role_grants').where('user_id', '=', userId).execute();
  for (const g of grants)
    await trx
      .insertInto('role_grants')
      .values({ id: newId(), user_id: userId, role: g.role, board_id: g.boardId })
      .execute();
}

export async function createUser(db: Kysely<DB>, actor: Actor, input: CreateUserInput): Promise<string> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return runCommand(db, actor, {
    name: 'users.create',
    authorize: accessPolicy.manageUsers,
    run: async ({ trx, now, audit }) => {
      const email = input.email.trim().toLowerCase();
      if (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) {
        throw errors.conflict('A user with this e-mail address exists', [
          { path: '/body/email', message: 'already registered' },
        ]);
      }
      if (
        input.memberStateId &&
        !(await trx
          .selectFrom('member_states')
          .select('id')
          .where('id', '=', input.memberStateId)
          .executeTakeFirst())
      ) {
        throw errors.validation([
          { path: '/body/memberStateId', message: `unknown member state '${input.memberStateId}'` },
        ]);
      }
      await checkGrants(trx, input.grants, '/body/grants');
      const id = newId();
      await trx
        .insertInto('users')
        .values({
          id,
          email,
          display_name: input.displayName,
          password_hash: passwordHash,
          member_state_id: input.memberStateId ?? null,
          disabled: 0,
          created_at: now,
          last_visit_at: null,
          oidc_subject: null,
        })
        .execute();
      await writeGrants(trx, id, input.grants);
      audit({
        action: 'user.created',
        recordType: 'user',
        recordId: id,
        after: {
          email,
          displayName: input.displayName,
          memberStateId: input.memberStateId ?? null,
          grants: input.grants,
          password: input.password ? 'set' : 'none',
        },
      });
      return id;
    },
  });
}
