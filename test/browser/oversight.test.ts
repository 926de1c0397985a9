// The oversight pages and management's answers in Chromium against a real server with the demo
// data: a delegate asks a question, management answers it, and the delegate reads the answer;
// a workflow refusal shows beside the status field; axe-core reports no WCAG 2.1 A/AA violation on
// the oversight pages, the answers page and the forms (in English and Arabic).
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.js';
import { createUser } from '../../src/modules/access/commands/createUser.js';
import {
  desktopContext,
  emailOf,
  expectAccessible,
  launchChromium,
  PASSWORD,
  SCREENSHOTS,
  startWebServer,
  type WebServer,
} from './support.js';

let server: WebServer;
let browser: Browser;
let page: Page;
const MANAGEMENT = 'oversightManagement';

async function signIn(name: string, redirect: string): Promise<void> {
  await page.goto(`${server.baseUrl}/sign-in?redirect=${redirect}`);
  await page.getByLabel('Email address').fill(emailOf(name));
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([
    page.waitForURL(`${server.baseUrl}${redirect}`),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

async function signOut(): Promise<void> {
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/`),
    page.getByRole('button', { name: 'Sign out' }).click(),
  ]);
}

beforeAll(async () => {
  server = await startWebServer();
  await createUser(server.db, systemActor('test'), {
    email: emailOf(MANAGEMENT),
    displayName: 'Office of the Executive Director, UNICEF',
    password: PASSWORD,
    grants: [{ role: 'entity-management', boardId: 'unicef' }],
  });
  browser = await launchChromium();
  page = await (await desktopContext(browser)).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('oversight in Chromium', { timeout: 90_000 }, () => {
  it('reads the reviews, a review and a recommendation, accessible in English and Arabic', async () => {
    await page.goto(`${server.baseUrl}/oversight`);
    expect(await page.locator('h1').textContent()).toBe('Oversight of review recommendations');
    await expectAccessible(page, 'oversight reviews');
    await page.getByLabel('Board').selectOption('wfp');
    await Promise.all([page.waitForURL(/board=wfp/), page.getByRole('button', { name: 'Apply' }).click()]);
    expect(await page.getByRole('link', { name: /Review of the governance of WFP/ }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /Joint Inspection Unit|JIU, 2023/ }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/oversight`);
    await Promise.all([
      page.waitForURL(/\/oversight\/reviews\//),
      page.getByRole('link', { name: /JIU, 2023/ }).click(),
    ]);
    expect(await page.getByRole('heading', { name: /Recommendation 4/ }).count()).toBe(1);
    await expectAccessible(page, 'review');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'oversight-review.png'), fullPage: true });
    await Promise.all([
      page.waitForURL(/\/oversight\/recommendations\//),
      page.getByRole('link', { name: 'Details and history' }).first().click(),
    ]);
    expect(await page.getByRole('heading', { name: 'Status history' }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'recommendation');
    await page.goto(`${page.url()}?lang=ar`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await expectAccessible(page, 'recommendation in Arabic');
    await page.goto(`${server.baseUrl}/oversight?lang=en`);
  });

  it('management answers a delegate’s question, and the delegate reads the answer', async () => {
    const question = 'Will the board data portal show results by country?';
    await signIn('webDelegate', '/workspace/questions/new');
    await page.getByLabel('Question').fill(question);
    await Promise.all([
      page.waitForURL(/\/workspace#w-questions$/),
      page.getByRole('button', { name: 'Save' }).click(),
    ]);
    expect(await page.getByText(question).count()).toBe(1);
    await signOut();

    await signIn(MANAGEMENT, '/workspace');
    await Promise.all([
      page.waitForURL(/\/workspace\/answers$/),
      page.getByRole('link', { name: 'Answer questions from delegations' }).click(),
    ]);
    await expectAccessible(page, 'questions awaiting an answer');
    const form = page.locator('section', { hasText: question });
    await form.getByLabel('Your answer').fill('Yes: results by country are in the portal from March 2025.');
    await Promise.all([
      page.waitForLoadState('load'),
      form.getByRole('button', { name: 'Answer this question' }).click(),
    ]);
    expect(await page.getByText(question).count()).toBe(0);
    expect(await page.getByText('No questions await an answer.').count()).toBe(1);

    // A move the acceptance workflow does not allow (accepted -> accepted) comes back beside the field.
    const head = await server.db
      .selectFrom('oversight_addressees')
      .select('id')
      .where('addressee_key', '=', 'head:unicef')
      .where('acceptance', '=', 'accepted')
      .executeTakeFirstOrThrow();
    await page.goto(`${server.baseUrl}/oversight/addressees/${head.id}/acceptance`);
    await expectAccessible(page, 'acceptance form');
    await page.getByLabel('Status').selectOption('accepted');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Save' }).click()]);
    expect(await page.getByLabel('Status').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-status-error').count()).toBe(1);
    await expectAccessible(page, 'acceptance form with an error');
    await signOut();

    await signIn('webDelegate', '/workspace');
    expect(await page.getByText('Yes: results by country are in the portal from March 2025.').count()).toBe(
      1,
    );
    await signOut();
  });
});
