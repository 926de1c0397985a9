import { describe, expect, it } from 'vitest';
import { anonymous } from '../../modules/access/actor.js';
import type { PageContext } from '../context.js';
import { formatsFor, MESSAGES, type Locale } from '../i18n/index.js';
import { ownLanguage } from './parts.js';

const ctxOf = (locale: Locale): PageContext => ({
  locale,
  t: MESSAGES[locale],
  f: formatsFor(locale),
  actor: anonymous,
  path: '/',
  query: new URLSearchParams(),
  csrfToken: null,
});

describe('ownLanguage', () => {
  it('marks a title with the language and direction of its text, unless it is the page’s', () => {
    const zhTitle = '执行局联席会议报告';
    expect(String(ownLanguage(ctxOf('ar'), zhTitle))).toBe(`<span lang="zh" dir="ltr">${zhTitle}</span>`);
    expect(String(ownLanguage(ctxOf('zh'), zhTitle))).toBe(zhTitle);
    expect(String(ownLanguage(ctxOf('en'), 'تقرير المجلس التنفيذي'))).toBe(
      '<span lang="ar" dir="rtl">تقرير المجلس التنفيذي</span>',
    );
    expect(String(ownLanguage(ctxOf('ru'), 'Rapport du Conseil d’administration sur les travaux de la session'))).toBe(
      '<span lang="fr" dir="ltr">Rapport du Conseil d’administration sur les travaux de la session</span>',
    );
    // Escaped as any text is.
    expect(String(ownLanguage(ctxOf('zh'), 'Report <b>of</b> the Board'))).toBe(
      '<span lang="en" dir="ltr">Report &lt;b&gt;of&lt;/b&gt; the Board</span>',
    );
  });
});
