// The review and recommendation edits, the CSV import and the workflow tables in Chromium against a
// real server with the demo data: the secretariat edits a review (an emptied title comes back
// beside its field), imports a CSV file in two steps, and an administrator opens the workflows;
// axe-core reports no WCAG 2.1 A/AA violation on these pages, in English and Arabic.
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.js';
import { createUser } from '../../src/modules/access/commands/createUser.js';
import {
  desktopContext,
  emailOf,
  expectAccessible,
  launchChromium,
  PASSWORD,
  startWebServer,
  type WebServer,
} from './support.js';

let server: WebServer;
let browser: Browser;

/** A page in a fresh browser context, signed in as `name`, at `url`. */
async function signedIn(name: string, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await desktopContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/sign-in?redirect=${url}`);
  await page.getByLabel('Email address').fill(emailOf(name));
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([
    page.waitForURL(`${server.baseUrl}${url}`),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  return { context, page };
}

beforeAll(async () => {
  server = await startWebServer();
  await createUser(server.db, systemActor('test'), {
    email: emailOf('webAdmin'),
    displayName: 'Administrator',
    password: PASSWORD,
    grants: [{ role: 'administrator', boardId: null }],
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('oversight edits, CSV import and workflows in Chromium', { timeout: 120_000 }, () => {
  it('lets the secretariat edit a review and import recommendations from a CSV file', async () => {
    const review = await server.db
      .selectFrom('oversight_reviews')
      .select('id')
      .where('issuing_body', '=', 'Joint Inspection Unit')
      .executeTakeFirstOrThrow();
    const { context, page } = await signedIn('webSecretariat', `/oversight/reviews/${review.id}`);
    await Promise.all([
      page.waitForURL(/\/edit$/),
      page.getByRole('link', { name: 'Edit the review' }).click(),
    ]);
    await expectAccessible(page, 'review edit form');
    await page.getByLabel('Title').fill('');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Save' }).click()]);
    expect(await page.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'review edit form with an error');
    await page.getByLabel('Title').fill('Governance and oversight of the Executive Boards (JIU, 2023)');
    await Promise.all([
      page.waitForURL(`${server.baseUrl}/oversight/reviews/${review.id}`),
      page.getByRole('button', { name: 'Save' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Governance and oversight of the Executive Boards',
    );

    const rec = await server.db
      .selectFrom('oversight_recommendations')
      .select('id')
      .where('review_id', '=', review.id)
      .executeTakeFirstOrThrow();
    await page.goto(`${server.baseUrl}/oversight/recommendations/${rec.id}/edit`);
    await expectAccessible(page, 'recommendation edit form');

    await page.goto(`${server.baseUrl}/oversight/reviews/${review.id}`);
    await Promise.all([
      page.waitForURL(/\/import$/),
      page.getByRole('link', { name: 'Import recommendations from CSV' }).click(),
    ]);
    await expectAccessible(page, 'CSV import form');
    const csv =
      'number,text,category,priority,addressee\r\nB1,Publish a calendar of informal briefings a year ahead,processes,medium,board:undp-unfpa-unops\r\n';
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'briefings.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Check the file' }).click(),
    ]);
    expect(await page.getByRole('heading', { name: 'What importing briefings.csv would do' }).count()).toBe(
      1,
    );
    await expectAccessible(page, 'CSV import preview');
    await Promise.all([
      page.waitForURL(`${server.baseUrl}/oversight/reviews/${review.id}#o-recs`),
      page.getByRole('button', { name: 'Commit the import' }).click(),
    ]);
    expect(await page.getByRole('link', { name: 'Recommendation B1' }).count()).toBe(1);

    await page.goto(`${server.baseUrl}/oversight/reviews/${review.id}/import?lang=ar`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await expectAccessible(page, 'CSV import form in Arabic');
    await context.close();
  });

  it('shows the workflows to an administrator, with an accessible form to change one', async () => {
    const { context, page } = await signedIn('webAdmin', '/admin/workflows');
    await expectAccessible(page, 'workflows');
    await Promise.all([
      page.waitForURL(/\/admin\/workflows\/acceptance$/),
      page.getByRole('link', { name: 'Change the workflow: Acceptance of recommendations' }).click(),
    ]);
    expect(await page.getByLabel('From Under consideration to Accepted').inputValue()).toBe('yes');
    await expectAccessible(page, 'workflow form');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Save' }).click()]);
    expect(await page.getByLabel('Reason for the change').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'workflow form with an error');
    await page.goto(`${server.baseUrl}/admin/workflows?lang=ar`);
    await expectAccessible(page, 'workflows in Arabic');
    await context.close();
  });
});
