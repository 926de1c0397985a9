// Mandates, working groups, shared subjects and the forms reached from them in Chromium against a
// real server with the demo data: the secretariat suggests mandates from a decision page and rejects
// one (the missing reason comes back beside the field); axe-core reports no WCAG 2.1 A/AA violation
// on the new pages and forms, in English and Arabic.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let page: Page;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchChromium();
  page = await (await desktopContext(browser)).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('more oversight pages in Chromium', { timeout: 120_000 }, () => {
  it('reads mandates, working groups and shared subjects, accessible in English and Arabic', async () => {
    await page.goto(`${server.baseUrl}/oversight`);
    await Promise.all([
      page.waitForURL(/\/oversight\/mandates$/),
      page.getByRole('link', { name: 'Mandates', exact: true }).click(),
    ]);
    await expectAccessible(page, 'mandates');
    await Promise.all([
      page.waitForURL(/\/oversight\/mandates\/[^/?]+$/),
      page.locator('tbody th a').first().click(),
    ]);
    expect(await page.getByRole('heading', { name: 'Status history' }).count()).toBe(1);
    await expectAccessible(page, 'mandate');
    await page.goto(`${page.url()}?lang=ar`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await expectAccessible(page, 'mandate in Arabic');
    await page.goto(`${server.baseUrl}/oversight/working-groups?lang=en`);
    await expectAccessible(page, 'working groups');
    await Promise.all([
      page.waitForURL(/\/oversight\/working-groups\/[^/?]+$/),
      page.locator('tbody th a').first().click(),
    ]);
    expect(await page.getByRole('heading', { name: 'Meetings' }).count()).toBe(1);
    await expectAccessible(page, 'working group');
    await page.goto(`${server.baseUrl}/oversight/shared-subjects`);
    await expectAccessible(page, 'shared subjects');
    await Promise.all([
      page.waitForURL(/\/oversight\/shared-subjects\/[^/?]+$/),
      page.locator('tbody th a').first().click(),
    ]);
    await expectAccessible(page, 'shared subject');
    await page.goto(`${page.url()}?lang=ar`);
    await expectAccessible(page, 'shared subject in Arabic');
    await page.goto(`${server.baseUrl}/oversight?lang=en`);
  });

  it('lets the secretariat suggest mandates from a decision and reject one; its forms are accessible', async () => {
    await page.goto(`${server.baseUrl}/sign-in?redirect=/oversight/mandates/new`);
    await page.getByLabel('Email address').fill(emailOf('webSecretariat'));
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(`${server.baseUrl}/oversight/mandates/new`),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    await expectAccessible(page, 'new mandate form');

    const d901 = await server.db
      .selectFrom('decisions')
      .select('id')
      .where('number', '=', '2024/901')
      .where('board_id', '=', 'undp-unfpa-unops')
      .executeTakeFirstOrThrow();
    await page.goto(`${server.baseUrl}/decisions/${d901.id}`);
    await expectAccessible(page, 'decision with the suggest button');
    await Promise.all([
      page.waitForURL(/\/oversight\/mandates\?decision=/),
      page.getByRole('button', { name: 'Suggest mandates from this decision' }).click(),
    ]);
    // The demo already holds this decision's mandates: nothing new is found.
    expect(await page.getByRole('status').textContent()).toContain(
      'New mandates suggested from this decision: 0.',
    );
    await expectAccessible(page, 'mandates of a decision');

    await Promise.all([
      page.waitForURL(/\/oversight\/mandates\/[^/?]+$/),
      page.locator('tbody th a').first().click(),
    ]);
    await Promise.all([
      page.waitForURL(/\/reject$/),
      page.getByRole('link', { name: 'Reject the mandate' }).click(),
    ]);
    await expectAccessible(page, 'reject form');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Save' }).click()]);
    expect(await page.getByLabel('Justification').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'reject form with an error');
    await page.getByLabel('Justification').fill('Already covered by the annual report.');
    await Promise.all([
      page.waitForURL(/\/oversight\/mandates\/[^/?]+$/),
      page.getByRole('button', { name: 'Save' }).click(),
    ]);
    expect(await page.getByText('Confirmed → Rejected').count()).toBe(1);

    const group = await server.db
      .selectFrom('oversight_working_groups')
      .select('id')
      .where('board_id', '=', 'undp-unfpa-unops')
      .executeTakeFirstOrThrow();
    const rec = await server.db
      .selectFrom('oversight_recommendations')
      .select('id')
      .executeTakeFirstOrThrow();
    for (const url of [
      '/oversight/working-groups/new',
      `/oversight/working-groups/${group.id}/members/new`,
      `/oversight/working-groups/${group.id}/meetings/new`,
      `/oversight/working-groups/${group.id}/recommendations/new`,
      '/oversight/shared-subjects/new',
      `/oversight/recommendations/${rec.id}/decision-links/new`,
    ]) {
      await page.goto(`${server.baseUrl}${url}`);
      expect(await page.locator('h1').count(), url).toBe(1);
      await expectAccessible(page, url);
    }
  });
});
