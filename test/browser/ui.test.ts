// The web UI in a real browser (Debian's Chromium through playwright-core) against a real server
// on 127.0.0.1 with the demo data: sign in, navigate, search, read a document, switch to Arabic and
// Chinese, submit a form with an error; axe-core reports no WCAG 2.1 A/AA violation on any page
// visited; keyboard use and visible focus; reading pages work with JavaScript off. Screenshots of
// the key pages go to test-results/screenshots/. Without Chromium these tests fail (CI installs it).
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
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
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

/** Evaluates an expression in the page (given as text: this project compiles without DOM types). */
const js = <T>(p: Page, expression: string): Promise<T> => p.evaluate<T>(expression);

async function shot(p: Page, name: string): Promise<void> {
  await p.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchChromium();
  context = await desktopContext(browser);
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('web UI in Chromium', { timeout: 90_000 }, () => {
  it('opens the public portal, accessible, with a skip link and visible focus for keyboard users', async () => {
    await page.goto(`${server.baseUrl}/`);
    expect(await page.locator('h1').textContent()).toContain('Executive Boards');
    await expectAccessible(page, 'portal');
    await shot(page, 'portal-en');
    await page.keyboard.press('Tab');
    const focused = await js<{ text: string; outline: string; width: string; top: number }>(
      page,
      `(() => { const el = document.activeElement; const s = getComputedStyle(el); return { text: el.textContent, outline: s.outlineStyle, width: s.outlineWidth, top: el.getBoundingClientRect().top }; })()`,
    );
    expect(focused.text).toBe('Skip to main content');
    expect(focused.outline).toBe('solid');
    expect(parseFloat(focused.width)).toBeGreaterThanOrEqual(2);
    expect(focused.top).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await js<string>(page, 'document.activeElement.id')).toBe('main');
  });

  it('navigates by keyboard to the calendar and on to a session page', async () => {
    await page.goto(`${server.baseUrl}/`);
    // Tab until the Calendar link of the main navigation has focus, then follow it.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if ((await js<string | null>(page, "document.activeElement.getAttribute('href')")) === '/calendar')
        break;
    }
    await Promise.all([page.waitForURL(/\/calendar$/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe('Calendar of sessions');
    await expectAccessible(page, 'calendar');
    await page
      .getByRole('link', { name: /Joint meeting of the Executive Boards/ })
      .first()
      .click();
    await page.waitForURL(/\/sessions\//);
    expect(await page.locator('h2#statements').textContent()).toBe('Statements by speaker');
    await expectAccessible(page, 'session page');
    await shot(page, 'session');
  });

  it('searches and opens a hit in the document reader with the words highlighted', async () => {
    await page.goto(`${server.baseUrl}/search`);
    await page.getByLabel('Words to search for').fill('执行局');
    await Promise.all([page.waitForURL(/q=/), page.keyboard.press('Enter')]);
    expect(await page.locator('ol.hits > li').count()).toBeGreaterThan(0);
    expect(await page.locator('.facets a').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'search results');
    await shot(page, 'search');
    await page.locator('ol.hits > li a').first().click();
    await page.waitForURL(/\/documents\/.+#p\d+/);
    expect(await page.locator('.doc mark').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'document reader');
    await shot(page, 'document-reader');
  });

  it('reads a document with JavaScript off, paragraph anchors working', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    const p = await noJs.newPage();
    await p.goto(`${server.baseUrl}/documents`);
    await p
      .getByRole('link', { name: /Report of the joint meeting/ })
      .first()
      .click();
    await p.waitForURL(/\/documents\/[^/?#]+$/);
    const url = p.url();
    await p.goto(`${url}#p25`);
    expect(await p.locator('article#p25 .text').textContent()).toBeTruthy();
    expect(await p.locator('article#p25 ol.sub li').count()).toBeGreaterThan(0);
    expect(await p.locator('article.para').count()).toBeGreaterThanOrEqual(30);
    // The reading options are a plain GET form: it works without scripts too.
    await p.getByLabel('Highlight words').fill('联合国');
    await Promise.all([p.waitForURL(/q=/), p.getByRole('button', { name: 'Show' }).click()]);
    expect(await p.locator('mark').count()).toBeGreaterThan(0);
    const highlighted = p.url();
    await noJs.close();
    // axe runs as a script, so the same page is checked in the scripted browser.
    await page.goto(highlighted);
    await expectAccessible(page, 'document reader with highlights');
  });

  it('switches to Arabic (right to left) and to Chinese with the language switch', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.locator('nav.langs a[hreflang="ar"]').click();
    await page.waitForURL(/lang=ar/);
    expect(await js<string[]>(page, '[document.documentElement.lang, document.documentElement.dir]')).toEqual(
      ['ar', 'rtl'],
    );
    expect(await page.locator('h1').textContent()).toBe('المجالس التنفيذية لصناديق الأمم المتحدة وبرامجها');
    // Right to left: the navigation starts at the right edge.
    const firstNav = await page.locator('nav.main li').first().boundingBox();
    const lastNav = await page.locator('nav.main li').nth(2).boundingBox();
    expect(firstNav!.x).toBeGreaterThan(lastNav!.x);
    await expectAccessible(page, 'portal in Arabic');
    await shot(page, 'portal-ar');
    // The choice is remembered: the next page is Arabic without ?lang.
    await page.goto(`${server.baseUrl}/calendar`);
    expect(await js<string>(page, 'document.documentElement.dir')).toBe('rtl');
    await expectAccessible(page, 'calendar in Arabic');
    await page.locator('nav.langs a[hreflang="zh"]').click();
    await page.waitForURL(/lang=zh/);
    expect(await js<string[]>(page, '[document.documentElement.lang, document.documentElement.dir]')).toEqual(
      ['zh', 'ltr'],
    );
    expect(await page.locator('h1').textContent()).toBe('会议日历');
    expect(await page.content()).toContain('执行局');
    await expectAccessible(page, 'calendar in Chinese');
    await shot(page, 'calendar-zh');
    await page.goto(`${server.baseUrl}/?lang=en`);
  });

  it('signs in and shows the workspace with its dashboards drawn by the chart island', async () => {
    await page.goto(`${server.baseUrl}/sign-in`);
    await expectAccessible(page, 'sign-in page');
    await page.getByLabel('Email address').fill(emailOf('webDelegate'));
    await page.getByLabel('Password').fill('wrong password');
    await Promise.all([page.waitForURL(/error=/), page.getByRole('button', { name: 'Sign in' }).click()]);
    expect(await page.getByRole('alert').textContent()).toContain('not correct');
    await expectAccessible(page, 'sign-in page with an error');
    await page.getByLabel('Email address').fill(emailOf('webDelegate'));
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/workspace$/),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    expect(await page.locator('h1').textContent()).toBe('My workspace');
    expect(await page.getByText('Signed in as Delegate of Ghana').count()).toBe(1);
    await page.waitForSelector('figure[data-chart] .chart-canvas canvas');
    expect(await page.locator('figure[data-chart] .chart-canvas canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('figure[data-chart] table').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'workspace');
    await shot(page, 'workspace');
    await page.goto(`${server.baseUrl}/dashboards`);
    await page.waitForSelector('figure[data-chart] .chart-canvas canvas');
    await expectAccessible(page, 'dashboards');
    await shot(page, 'dashboards');
    await Promise.all([
      page.waitForURL(`${server.baseUrl}/`),
      page.getByRole('button', { name: 'Sign out' }).click(),
    ]);
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
  });

  it('submits a secretariat form with an error, sees the message beside the field, corrects it and saves', async () => {
    await page.goto(`${server.baseUrl}/sign-in?redirect=/secretariat/sessions/new`);
    await page.getByLabel('Email address').fill(emailOf('webSecretariat'));
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/secretariat\/sessions\/new$/),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    await expectAccessible(page, 'new session form');
    await page.getByLabel('Type').selectOption('second-regular');
    await page.getByLabel('Title').fill('Second regular session 2025');
    await page.getByLabel('Start date').fill('2025-09-05');
    await page.getByLabel('End date').fill('2025-09-01');
    await page.getByLabel(/Executive Board of UNDP/).check();
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Save' }).click()]);
    const endDate = page.getByLabel('End date');
    expect(await endDate.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-endDate-error').textContent()).toContain(
      'must not be before the start date',
    );
    expect(await page.getByRole('alert').count()).toBe(1);
    await expectAccessible(page, 'form with an error');
    await shot(page, 'form-error');
    await endDate.fill('2025-09-09');
    await Promise.all([
      page.waitForURL(/\/sessions\/[^/]+$/),
      page.getByRole('button', { name: 'Save' }).click(),
    ]);
    expect(await page.locator('h1').textContent()).toContain('Second regular session 2025');
    await expectAccessible(page, 'new session page (secretariat view)');
  });

  it('keeps the remaining pages accessible: board, documents, decisions, decision', async () => {
    for (const url of ['/boards/unicef', '/documents', '/decisions', '/?lang=fr', '/?lang=ru', '/?lang=es']) {
      await page.goto(`${server.baseUrl}${url}`);
      await expectAccessible(page, url);
    }
    await page.goto(`${server.baseUrl}/decisions`);
    await page.locator('ul.plain a').first().click();
    await page.waitForURL(/\/decisions\/.+/);
    await expectAccessible(page, 'decision page');
  });

  it('logged no script errors (CSP, chart island) on any page', () => {
    // The one expected error: the form answered 400 when it came back with field errors.
    expect(consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
