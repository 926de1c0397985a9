// A running application for endpoint tests: migrated database, reference data, users with API
// tokens for each role, and helpers to call the API as one of them.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import type { AppContext } from '../../src/app/context.js';
import { buildServer, type App } from '../../src/http/server.js';
import { newId } from '../../src/lib/ids.js';
import { systemActor, type Role } from '../../src/modules/access/actor.js';
import { generateToken, hashToken } from '../../src/modules/access/tokens.js';
import { hashPassword } from '../../src/modules/access/passwords.js';
import { runCommand } from '../../src/modules/audit/command.js';
import { loadJointMeeting2024, loadReferenceData } from '../../src/seed/demo.js';
import { readConfig } from '../../src/app/config.js';
import { createTestDatabase, type BackendName, type TestDatabase } from './db.js';

export interface TestUser {
  id: string;
  token: string;
}

export interface TestApp {
  app: App;
  ctx: AppContext;
  database: TestDatabase;
  users: Record<string, TestUser>;
  /** Calls the API; `as` names a user from `users` (omit for the anonymous public). */
  call(opts: InjectOptions & { as?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Users created for every test app: name -> grants. */
export const TEST_USERS: Record<string, { role: Role; board: string | null }[]> = {
  admin: [{ role: 'administrator', board: null }],
  secretariat: [{ role: 'secretariat', board: 'undp-unfpa-unops' }],
  unicefSecretariat: [{ role: 'secretariat', board: 'unicef' }],
  memberDelegate: [{ role: 'member-delegate', board: 'undp-unfpa-unops' }],
  observer: [{ role: 'observer-delegate', board: null }],
  bureau: [{ role: 'bureau-member', board: 'unicef' }],
  management: [{ role: 'entity-management', board: 'unicef' }],
};

/** The member state each delegate test user represents. */
export const TEST_USER_STATES: Record<string, string> = {
  memberDelegate: 'GHA',
  observer: 'FJI',
  bureau: 'JPN',
};

/** Gives a test user a password (scrypt is slow on purpose, so only where a test signs in). */
export async function setPassword(database: TestDatabase, userId: string, password: string): Promise<void> {
  await database.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password) })
    .where('id', '=', userId)
    .execute();
}

export async function createUser(
  database: TestDatabase,
  email: string,
  grants: { role: Role; board: string | null }[],
  memberStateId: string | null = null,
): Promise<TestUser> {
  const token = generateToken();
  const id = await runCommand(database.db, systemActor('test'), {
    name: 'test.createUser',
    authorize: () => undefined,
    run: async ({ trx, now, audit }) => {
      const userId = newId();
      await trx
        .insertInto('users')
        .values({
          id: userId,
          email: email.toLowerCase(),
          display_name: email,
          password_hash: null,
          member_state_id: memberStateId,
          disabled: 0,
          created_at: now,
        })
        .execute();
      for (const g of grants)
        await trx
          .insertInto('role_grants')
          .values({ id: newId(), user_id: userId, role: g.role, board_id: g.board })
          .execute();
      await trx
        .insertInto('api_tokens')
        .values({
          id: newId(),
          user_id: userId,
          name: 'test',
          token_hash: hashToken(token),
          created_at: now,
          last_used_at: null,
          revoked: 0,
        })
        .execute();
      audit({ action: 'user.created', recordType: 'user', recordId: userId });
      return userId;
    },
  });
  return { id, token };
}

export async function createTestApp(
  backend: BackendName,
  opts: { jointMeeting?: boolean; bodyLimit?: number; searchWindow?: number } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(backend);
  await loadReferenceData(database.db);
  if (opts.jointMeeting) await loadJointMeeting2024(database.db);
  const { config } = readConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' });
  const ctx: AppContext = {
    database,
    config: {
      ...config,
      bodyLimit: opts.bodyLimit ?? config.bodyLimit,
      searchWindow: opts.searchWindow ?? config.searchWindow,
    },
    logger: pino({ level: 'silent' }),
  };
  const app = await buildServer(ctx, { logger: false });
  const users: Record<string, TestUser> = {};
  for (const [name, grants] of Object.entries(TEST_USERS))
    users[name] = await createUser(database, `${name}@example.org`, grants, TEST_USER_STATES[name] ?? null);
  return {
    app,
    ctx,
    database,
    users,
    call: ({ as, headers, ...rest }) =>
      app.inject({
        ...rest,
        headers: { ...(headers ?? {}), ...(as ? { authorization: `Bearer ${users[as]!.token}` } : {}) },
      }),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
