// Support for the web UI tests: users who sign in with a password (through the access module's
// own createUser command), a cookie session for inject tests, a real listening server on
// 127.0.0.1 with a fresh seeded SQLite database for browser tests, and Chromium via playwright-core.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Kysely } from 'kysely';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import pino from 'pino';
import type { AppContext } from '../../src/app/context.js';
import { readConfig } from '../../src/app/config.js';
import { migrateToLatest, openDatabase } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { buildServer, type App } from '../../src/http/server.js';
import { systemActor, type Role } from '../../src/modules/access/actor.js';
import { createUser } from '../../src/modules/access/commands/createUser.js';
import { seedDemo } from '../../src/seed/demo.js';

export const PASSWORD = 'correct horse battery staple';

/** People who sign in to the web UI in the tests: name -> grants. */
export const WEB_USERS: Record<string, { role: Role; boardId: string | null }[]> = {
  webSecretariat: [{ role: 'secretariat', boardId: 'undp-unfpa-unops' }],
  webDelegate: [{ role: 'member-delegate', boardId: 'unicef' }],
};

export const emailOf = (name: string) => `${name.toLowerCase()}@example.org`;

export async function createWebUsers(db: Kysely<DB>): Promise<void> {
  for (const [name, grants] of Object.entries(WEB_USERS)) {
    await createUser(db, systemActor('test'), {
      email: emailOf(name),
      displayName: name === 'webSecretariat' ? 'Secretary of the Board' : 'Delegate of Ghana',
      password: PASSWORD,
      memberStateId: name === 'webDelegate' ? 'GHA' : undefined,
      grants,
    });
  }
}

/** Signs in through the API (JSON) and returns the cookie header and CSRF token. */
export async function signInCookie(app: App, name: string): Promise<{ cookie: string; csrfToken: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: emailOf(name), password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const set = res.headers['set-cookie'];
  const first = (Array.isArray(set) ? set[0] : set) ?? '';
  return { cookie: first.split(';')[0]!, csrfToken: res.json<{ csrfToken: string }>().csrfToken };
}

export interface WebServer {
  app: App;
  db: Kysely<DB>;
  baseUrl: string;
  close(): Promise<void>;
}

/** A listening server on 127.0.0.1 (random port) over a fresh SQLite file with the demo data. */
export async function startWebServer(): Promise<WebServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-web-'));
  const file = path.join(dir, 'concord.db');
  const database = await openDatabase(file);
  await migrateToLatest(database.db);
  await seedDemo(database.db);
  await createWebUsers(database.db);
  const { config } = readConfig({ DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent' });
  const ctx: AppContext = { database, config, logger: pino({ level: 'silent' }) };
  const app = await buildServer(ctx, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    db: database.db,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOTS = path.resolve('test-results', 'screenshots');

/** axe-core's WCAG 2.1 A/AA violations on the page, one line each (rule, help, first targets). */
export async function axeViolations(p: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: p })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
}

/** Fails the test with the list of violations when axe-core finds any on the page. */
export async function expectAccessible(p: Page, what: string): Promise<void> {
  expect(await axeViolations(p), `axe violations on ${what}`).toEqual([]);
}

/** Debian's Chromium, headless; fails with the install hint when it is missing. Makes the screenshot folder. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `Chromium is required for the browser tests: ${CHROMIUM} is missing (apt-get install chromium)`,
    );
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A desktop-sized English (British) browser context, as the browser tests use. */
export const desktopContext = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
