// Every page of the web UI in Chromium, as an administrator (who may open them all), against a
// real server with the demo data: each page route's parameters are filled with a record for which
// the page answers 200, and axe-core must report no WCAG 2.1 A/AA violation. A sample of pages
// is also checked in Arabic (right to left) and Chinese.
import { type Browser, type Page } from 'playwright-core';
import { pageWeight, PAGE_BUDGET } from '../support/web.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.js';
import { createUser } from '../../src/modules/access/commands/createUser.js';
import {
  axeViolations,
  desktopContext,
  emailOf,
  launchChromium,
  PASSWORD,
  signInCookie,
  startWebServer,
  type WebServer,
} from './support.js';

/** Tables whose ids fill `:id` after a path segment. */
const TABLE_OF: Record<string, string> = {
  boards: 'boards',
  sessions: 'sessions',
  documents: 'documents',
  decisions: 'decisions',
  reviews: 'oversight_reviews',
  recommendations: 'oversight_recommendations',
  addressees: 'oversight_addressees',
  actions: 'oversight_actions',
  mandates: 'oversight_mandates',
  'working-groups': 'oversight_working_groups',
  'shared-subjects': 'oversight_shared_subjects',
  findings: 'coherence_findings',
  runs: 'coherence_runs',
  questions: 'questions',
  users: 'users',
};

let server: WebServer;
let browser: Browser;
let page: Page;
const pages: string[] = [];
const unreached: string[] = [];

beforeAll(async () => {
  server = await startWebServer();
  await createUser(server.db, systemActor('test'), {
    email: emailOf('everyPageAdmin'),
    displayName: 'Administrator (synthetic)',
    password: PASSWORD,
    grants: [{ role: 'administrator', boardId: null }],
  });
  const { cookie, csrfToken } = await signInCookie(server.app, 'everyPageAdmin');
  // A question, so that the answer form has one to show.
  await server.app.inject({
    method: 'POST',
    url: '/api/questions',
    headers: { cookie, 'x-csrf-token': csrfToken },
    payload: { boardId: 'unicef', text: 'When will the synthetic evaluation be published?' },
  });
  const ids = async (table: string) =>
    (
      await server.db
        .selectFrom(table as 'sessions')
        .select('id')
        .orderBy('id')
        .limit(40)
        .execute()
    ).map((r) => r.id);
  for (const r of server.app.routePermissions) {
    if (r.method !== 'GET' || r.url.startsWith('/api') || r.url.startsWith('/assets')) continue;
    const parts = r.url.split('/');
    const slots = parts.map((p, i) => (p.startsWith(':') ? i : -1)).filter((i) => i >= 0);
    // Candidate values for each parameter; the first combination that answers 200 is used.
    const choices: string[][] = [];
    for (const i of slots) {
      const p = parts[i]!;
      if (p === ':type') choices.push(['document', 'decision']);
      else if (p === ':axis') choices.push(['acceptance']);
      else {
        const prev = parts[i - 1] === ':type' ? 'documents' : parts[i - 1]!;
        choices.push(TABLE_OF[prev] ? await ids(TABLE_OF[prev]) : []);
      }
    }
    const combos = choices
      .reduce<string[][]>((acc, c) => acc.flatMap((a) => c.map((v) => [...a, v])), [[]])
      .slice(0, 80);
    let found: string | null = null;
    for (const combo of combos) {
      const url = parts.map((p, i) => (slots.includes(i) ? combo[slots.indexOf(i)] : p)).join('/') || '/';
      const res = await server.app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode === 200 && String(res.headers['content-type']).startsWith('text/html')) {
        found = url;
        break;
      }
    }
    if (found) pages.push(found);
    else unreached.push(r.url);
  }
  browser = await launchChromium();
  page = await (await desktopContext(browser)).newPage();
  await page.goto(`${server.baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(emailOf('everyPageAdmin'));
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/workspace`),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('every page in Chromium', { timeout: 600_000 }, () => {
  it('opens every page route with a record of the demo data', () => {
    // The sign-in page sends a signed-in user on (ui.test.ts checks it signed out).
    expect(unreached).toEqual(['/sign-in']);
    expect(pages.length).toBeGreaterThan(75);
  });

  it('keeps every page within 150 KB on first load (HTML, CSS and JS, gzipped)', async () => {
    const { cookie } = await signInCookie(server.app, 'everyPageAdmin');
    const heavy: Record<string, number> = {};
    for (const url of pages) {
      const res = await server.app.inject({ method: 'GET', url, headers: { cookie } });
      const bytes = pageWeight(res.body);
      if (bytes > PAGE_BUDGET) heavy[url] = bytes;
    }
    expect(heavy).toEqual({});
  });

  it('finds no WCAG 2.1 A/AA violation on any page', async () => {
    const problems: Record<string, string[]> = {};
    for (const url of pages) {
      const res = await page.goto(`${server.baseUrl}${url}${url.includes('?') ? '&' : '?'}lang=en`);
      expect(res?.status(), url).toBe(200);
      const v = await axeViolations(page);
      if (v.length) problems[url] = v;
    }
    expect(problems).toEqual({});
  });

  it('finds none in Arabic and Chinese either, on a sample of pages', async () => {
    const problems: Record<string, string[]> = {};
    const sample = pages.filter((_, i) => i % 6 === 0);
    for (const lang of ['ar', 'zh']) {
      for (const url of sample) {
        await page.goto(`${server.baseUrl}${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        const v = await axeViolations(page);
        if (v.length) problems[`${lang} ${url}`] = v;
      }
    }
    expect(problems).toEqual({});
  });
});
