// The coherence pages in Chromium against a real server with the demo data (and its 2024 analysis):
// axe-core reports no WCAG 2.1 A/AA violation on the overview with its chart, the findings, one
// finding, the calendar with the load table, and the secretariat's review queue; the chart island
// draws the matrix; the load table says in words which weeks are flagged.
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchChromium();
  page = await (await desktopContext(browser)).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('coherence pages in Chromium', { timeout: 90_000 }, () => {
  it('draws the board × theme matrix and passes axe on the overview', async () => {
    await page.goto(`${server.baseUrl}/coherence?year=2024`);
    expect(await page.locator('h1').textContent()).toBe('Coherence across the boards');
    await page.locator('figure[data-chart] .chart-canvas canvas').first().waitFor();
    await expectAccessible(page, '/coherence');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'coherence-en.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('passes axe on the findings and on one finding with its evidence', async () => {
    await page.goto(`${server.baseUrl}/coherence/findings?year=2024&kind=near-duplicate`);
    await expectAccessible(page, '/coherence/findings');
    await page.locator('table a[href^="/coherence/findings/"]').first().click();
    await page.waitForURL(/\/coherence\/findings\/[^?]+$/);
    expect(await page.locator('h2').allTextContents()).toEqual(['Records involved, by board', 'Explanation']);
    await expectAccessible(page, 'a finding');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'coherence-finding-en.png'), fullPage: true });
  });

  it('passes axe on the calendar, whose flagged weeks are named in words', async () => {
    await page.goto(`${server.baseUrl}/coherence/calendar?year=2024`);
    await expectAccessible(page, '/coherence/calendar');
    expect(await page.locator('td.flagged strong').first().textContent()).toContain('over capacity');
    await page.goto(`${server.baseUrl}/coherence/calendar?year=2024&lang=ar`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await expectAccessible(page, '/coherence/calendar in Arabic');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'coherence-calendar-ar.png'), fullPage: true });
  });

  it('passes axe on the secretariat’s review queue', async () => {
    await page.goto(`${server.baseUrl}/sign-in?lang=en`);
    await page.getByLabel('Email address').fill(emailOf('webSecretariat'));
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/workspace/),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    await page.goto(`${server.baseUrl}/coherence/suggestions?board=undp-unfpa-unops`);
    expect(await page.locator('h1').textContent()).toBe('Suggested tags to review');
    await expectAccessible(page, '/coherence/suggestions');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'coherence-suggestions-en.png'), fullPage: true });
  });
});
