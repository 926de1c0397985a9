// The secretariat's registry and access forms in Chromium against a real server with the demo
// data: reached from the board and document pages, accessible (axe-core, WCAG 2.1 A/AA) in English
// and French, a wrong term shows its French message beside the field, and a corrected form saves.
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.js';
import { registerDocument } from '../../src/modules/documents/commands/registerDocument.js';
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

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchChromium();
  page = await (await desktopContext(browser)).newPage();
  await page.goto(`${server.baseUrl}/sign-in?redirect=/boards/undp-unfpa-unops`);
  await page.getByLabel('Email address').fill(emailOf('webSecretariat'));
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([
    page.waitForURL(`${server.baseUrl}/boards/undp-unfpa-unops`),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('registry and access forms in Chromium', { timeout: 90_000 }, () => {
  it('adds a member from the board page, with a French message beside a wrong term', async () => {
    await Promise.all([
      page.waitForURL(/\/memberships\/new/),
      page.getByRole('link', { name: 'Add a member' }).click(),
    ]);
    await expectAccessible(page, 'membership form');
    await page.goto(`${page.url()}?lang=fr`);
    await page.getByLabel('État Membre').selectOption('TUV');
    await page.getByLabel('Début du mandat').fill('2026-01-01');
    await page.getByLabel('Fin du mandat').fill('2025-12-31');
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Enregistrer' }).click(),
    ]);
    const termEnd = page.getByLabel('Fin du mandat');
    expect(await termEnd.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-termEnd-error').textContent()).toContain(
      'ne doit pas précéder la date de début',
    );
    await expectAccessible(page, 'membership form with an error, in French');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'membership-form-error-fr.png'), fullPage: true });
    await termEnd.fill('2028-12-31');
    await Promise.all([
      page.waitForURL(/\/boards\/undp-unfpa-unops/),
      page.getByRole('button', { name: 'Enregistrer' }).click(),
    ]);
    expect(await page.getByText('Tuvalu').count()).toBeGreaterThan(0);
  });

  it('opens the bureau, language version and access forms accessibly', async () => {
    await page.goto(`${server.baseUrl}/boards/undp-unfpa-unops?lang=en`);
    await Promise.all([
      page.waitForURL(/\/bureau\/new/),
      page.getByRole('link', { name: 'Add a bureau post' }).click(),
    ]);
    await expectAccessible(page, 'bureau form');
    // A document of this board only (the secretariat manages the documents of its own boards).
    const doc = {
      id: await registerDocument(server.db, systemActor('test'), {
        type: 'report',
        title: 'Synthetic report for the forms test (synthetic)',
        date: '2026-06-01',
        originalLanguage: 'en',
        boardIds: ['undp-unfpa-unops'],
        synthetic: true,
      }),
    };
    await page.goto(`${server.baseUrl}/documents/${doc.id}?lang=en`);
    await Promise.all([
      page.waitForURL(/\/expressions\/new/),
      page.getByRole('link', { name: 'Add a language version' }).click(),
    ]);
    await expectAccessible(page, 'language version form');
    await page.goto(`${server.baseUrl}/documents/${doc.id}?lang=en`);
    await Promise.all([
      page.waitForURL(/\/access$/),
      page.getByRole('link', { name: 'Change access' }).click(),
    ]);
    await expectAccessible(page, 'document access form');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'document-access-form.png'), fullPage: true });
  });
});
