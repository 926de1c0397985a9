// The `concord` command line. Commands call the same domain commands as the HTTP API, as the
// system actor (administrator), so the CLI is audited like any other writer.
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { readConfig, type Config } from '../app/config.js';
import { serve } from '../app/serve.js';
import {
  knownMigrations,
  migrateToLatest,
  openDatabase,
  pendingMigrations,
  type Database,
} from '../db/database.js';
import { exportDatabase, importDatabase } from '../db/export.js';
import { isAppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { ROLES, isRole, systemActor } from '../modules/access/actor.js';
import { generateToken, hashToken } from '../modules/access/tokens.js';
import { runCommand } from '../modules/audit/command.js';
import { verifyChain } from '../modules/audit/chain.js';
import { requireAnyRole } from '../modules/access/policy.js';
import { seedDemo } from '../seed/demo.js';
import { createUser } from '../modules/access/commands/createUser.js';
import { resetPassword } from '../modules/access/commands/resetPassword.js';
import { register as registerCoherenceCommands } from '../modules/coherence/cli.js';
import { register as registerIngestCommands } from '../modules/ingest/cli.js';
import { register as registerSearchCommands } from '../modules/search/cli.js';
import { register as registerOversightCommands } from '../modules/oversight/cli.js';

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Standard input as text (tests pass their own). */
  readStdin?: () => Promise<string>;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const defaultIO: CliIO = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
  env: process.env,
};

export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** What module CLI files get to register their commands (see registerModuleCommands). */
export interface CliContext {
  io: CliIO;
  config(): Config;
  withDb<T>(fn: (d: Database) => Promise<T>, migrate?: boolean): Promise<T>;
}

/** Module command files: each exports register(program, cli). Add new modules here. */
const MODULE_COMMANDS: ((program: Command, cli: CliContext) => void)[] = [registerIngestCommands, registerSearchCommands, registerOversightCommands, registerCoherenceCommands];

export function buildProgram(io: CliIO = defaultIO): Command {
  const program = new Command('concord')
    .description('Concord: governance and oversight for the UN Executive Boards')
    .option('--database <url>', 'database URL (overrides DATABASE_URL); sqlite:FILE or postgres://…')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError();

  const config = (): Config => {
    const { config, problems } = readConfig(io.env);
    const url = program.opts<{ database?: string }>().database;
    if (problems.length) {
      for (const p of problems) io.err(`config: ${p.variable} ${p.message}`);
      throw new CliExit(2);
    }
    return url ? { ...config, databaseUrl: url } : config;
  };

  async function withDb<T>(fn: (d: Database) => Promise<T>, migrate = true): Promise<T> {
    const database = await openDatabase(config().databaseUrl);
    try {
      if (migrate) await migrateToLatest(database.db, database.schema);
      return await fn(database);
    } finally {
      await database.close();
    }
  }

  program
    .command('serve')
    .description(
      'Run the HTTP server (migrates, and loads demo data into an empty database unless CONCORD_SEED_DEMO=false)',
    )
    .option('-p, --port <port>', 'port to listen on (default PORT or 3000)')
    .option('--host <host>', 'address to bind (default HOST or 127.0.0.1)')
    .action(async (opts: { port?: string; host?: string }) => {
      const c = config();
      await serve({ ...c, port: opts.port ? Number(opts.port) : c.port, host: opts.host ?? c.host });
    });

  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async () => {
      await withDb(async (d) => {
        const result = await migrateToLatest(d.db, d.schema);
        const applied =
          result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
        io.out(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      }, false);
    });

  const seed = program.command('seed').description('Load data');
  seed
    .command('demo')
    .description(
      'Load reference data, the 2024 joint meeting report and synthetic examples (skips what is present)',
    )
    .action(async () => {
      await withDb(async (d) => {
        const r = await seedDemo(d.db);
        io.out(
          `reference data: ${r.reference ? 'loaded' : 'already present'}; joint meeting 2024: ${r.jointMeeting ? 'loaded' : 'already present'}`,
        );
      });
    });

  program
    .command('export')
    .description('Export the whole database as JSON')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (opts: { output?: string }) => {
      await withDb(async (d) => {
        const data = JSON.stringify(await exportDatabase(d.db));
        if (opts.output) {
          fs.writeFileSync(opts.output, data);
          io.err(`exported to ${opts.output}`);
        } else io.out(data);
      });
    });

  program
    .command('import')
    .description('Import a JSON export into an empty database (all or nothing)')
    .argument('<file>', 'a file written by concord export')
    .action(async (file: string) => {
      let data: unknown;
      try {
        data = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (e) {
        io.err(`import: cannot read ${file}: ${(e as Error).message}`);
        throw new CliExit(2);
      }
      await withDb(async (d) => {
        const counts = await importDatabase(d.db, systemActor('cli'), data);
        io.out(
          `imported ${Object.entries(counts)
            .filter(([, n]) => n > 0)
            .map(([t, n]) => `${t}: ${n}`)
            .join(', ')}`,
        );
      });
    });

  program
    .command('doctor')
    .description('Check configuration, database connection and migrations')
    .action(async () => {
      const { config: c, problems } = readConfig(io.env);
      const url = program.opts<{ database?: string }>().database ?? c.databaseUrl;
      let ok = problems.length === 0;
      io.out(
        problems.length
          ? `✗ config: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`
          : '✓ config valid',
      );
      let database: Database | null = null;
      try {
        database = await openDatabase(url);
        await database.db
          .selectFrom('boards')
          .select('id')
          .limit(1)
          .execute()
          .catch(async () => {
            await database!.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
          });
        io.out(`✓ database reachable (${database.description})`);
        const pending = await pendingMigrations(database.db, database.schema);
        if (pending.length) {
          ok = false;
          io.out(
            `✗ ${pending.length} of ${knownMigrations.length} migrations pending: ${pending.join(', ')} (run concord migrate)`,
          );
        } else io.out(`✓ migrations current (${knownMigrations.length})`);
      } catch (e) {
        ok = false;
        io.out(`✗ database: ${(e as Error).message}`);
      } finally {
        await database?.close();
      }
      if (!ok) throw new CliExit(1);
    });

  const user = program.command('user').description('Manage users');
  user
    .command('create')
    .description('Create a user with roles (the password, if any, is read from standard input)')
    .requiredOption('--email <email>', 'sign-in e-mail')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role...>', `roles, optionally scoped as role@board (${ROLES.join(', ')})`).default([]))
    .option('--member-state <iso3>', 'the member state a delegate represents')
    .option('--password-stdin', 'read a password (at least 12 characters) from standard input')
    .action(async (opts: { email: string; name: string; role: string[]; memberState?: string; passwordStdin?: boolean }) => {
      const grants = opts.role.map((r) => {
        const [role, board] = r.split('@');
        if (!role || !isRole(role)) {
          io.err(`user create: unknown role '${r}'`);
          throw new CliExit(2);
        }
        return { role, boardId: board ?? null };
      });
      const password = opts.passwordStdin ? (await (io.readStdin ?? readStdin)()).replace(/\r?\n$/, '') : undefined;
      await withDb(async (d) => {
        const id = await createUser(d.db, systemActor('cli'), {
          email: opts.email,
          displayName: opts.name,
          grants,
          ...(password !== undefined ? { password } : {}),
          ...(opts.memberState ? { memberStateId: opts.memberState.toUpperCase() } : {}),
        });
        io.out(id);
      });
    });
  user
    .command('reset-password')
    .description('Set a new password for a user (read from standard input); ends their sessions')
    .requiredOption('--email <email>', 'the user')
    .action(async (opts: { email: string }) => {
      const password = (await (io.readStdin ?? readStdin)()).replace(/\r?\n$/, '');
      if (password.length < 12) {
        io.err('user reset-password: the password must have at least 12 characters');
        throw new CliExit(2);
      }
      await withDb(async (d) => {
        const u = await d.db.selectFrom('users').select('id').where('email', '=', opts.email.toLowerCase()).executeTakeFirst();
        if (!u) {
          io.err(`user reset-password: no user with e-mail ${opts.email}`);
          throw new CliExit(2);
        }
        await resetPassword(d.db, systemActor('cli'), { userId: u.id, password });
        io.out('password changed; the user’s sessions were ended');
      });
    });

  const token = program.command('token').description('Manage API tokens');
  token
    .command('create')
    .description('Create an API token for a user (printed once)')
    .requiredOption('--email <email>', 'the user the token acts for')
    .option('--name <name>', 'a label for the token', 'cli')
    .action(async (opts: { email: string; name: string }) => {
      await withDb(async (d) => {
        const u = await d.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', opts.email.toLowerCase())
          .executeTakeFirst();
        if (!u) {
          io.err(`token create: no user with e-mail ${opts.email}`);
          throw new CliExit(2);
        }
        const secret = generateToken();
        await runCommand(d.db, systemActor('cli'), {
          name: 'tokens.create',
          authorize: (a) => requireAnyRole(a, ['administrator']),
          run: async ({ trx, now, audit }) => {
            const row = {
              id: newId(),
              user_id: u.id,
              name: opts.name,
              token_hash: hashToken(secret),
              created_at: now,
              last_used_at: null,
              revoked: 0,
            };
            await trx.insertInto('api_tokens').values(row).execute();
            audit({
              action: 'token.created',
              recordType: 'api_token',
              recordId: row.id,
              after: { userId: u.id, name: opts.name },
            });
          },
        });
        io.out(secret);
      });
    });

  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description('Check the hash chain of audit events; exits 1 if an event was edited, deleted or reordered')
    .action(async () => {
      await withDb(async (d) => {
        const events = await d.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
        const head = await d.db
          .selectFrom('audit_head')
          .select(['seq', 'hash'])
          .where('id', '=', 1)
          .executeTakeFirstOrThrow();
        const problems = verifyChain(events, head);
        if (problems.length) {
          for (const p of problems) io.out(`✗ event ${p.seq}: ${p.problem}`);
          throw new CliExit(1);
        }
        io.out(`✓ audit chain intact (${events.length} events)`);
      });
    });

  const cli: CliContext = { io, config, withDb };
  for (const register of MODULE_COMMANDS) register(program, cli);

  return program;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it in process. */
export async function runCli(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CliExit) return e.code;
    const ce = e as { code?: string; exitCode?: number };
    if (typeof ce.code === 'string' && ce.code.startsWith('commander.')) return ce.exitCode ?? 1;
    if (isAppError(e)) {
      io.err(
        `${e.title}: ${e.detail ?? ''}${e.errors.length ? ` (${e.errors.map((x) => `${x.path} ${x.message}`).join('; ')})` : ''}`,
      );
      return e.status >= 500 ? 1 : 2;
    }
    io.err(`error: ${(e as Error).message}`);
    return 1;
  }
}
