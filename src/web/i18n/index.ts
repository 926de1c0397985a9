// The six UI languages: which one a request gets (?lang=, then the concord_lang cookie, then
// Accept-Language, then English), its text direction, and locale-aware date and number formats.
import { ar } from './ar.js';
import { en, type Messages } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ru } from './ru.js';
import { zh } from './zh.js';

export type { Messages };

/** UN order: Arabic, Chinese, English, French, Russian, Spanish. */
export const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export const MESSAGES: Record<Locale, Messages> = { ar, zh, en, fr, ru, es };

/** Each language's name in itself, for the language switch. */
export const AUTONYMS: Record<Locale, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

export const direction = (l: string): 'rtl' | 'ltr' => (l === 'ar' ? 'rtl' : 'ltr');

/** The best of the six for an Accept-Language header (q-values honoured; zh-TW still gets zh). */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
      return { base: (tag ?? '').trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((r) => r.base).find(isLocale);
}

export function negotiateLocale(input: { query?: unknown; cookie?: string; acceptLanguage?: string }): Locale {
  if (isLocale(input.query)) return input.query;
  if (isLocale(input.cookie)) return input.cookie;
  return fromAcceptLanguage(input.acceptLanguage) ?? 'en';
}

/** Date and number formats of one locale. Dates are YYYY-MM-DD text, formatted in UTC. */
export class Formats {
  private readonly longDate: Intl.DateTimeFormat;
  private readonly monthYear: Intl.DateTimeFormat;
  private readonly shortMonth: Intl.DateTimeFormat;
  private readonly num: Intl.NumberFormat;
  private readonly pct: Intl.NumberFormat;
  constructor(readonly locale: Locale) {
    this.longDate = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    this.monthYear = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    this.shortMonth = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
    this.num = new Intl.NumberFormat(locale);
    this.pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  }

  private parse(iso: string): Date | null {
    const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
    return Number.isNaN(d.getTime()) ? null : d;
  }

  date(iso: string | null | undefined): string {
    if (!iso) return '';
    const d = this.parse(iso);
    return d ? this.longDate.format(d) : iso;
  }

  dateRange(start: string, end: string): string {
    if (start === end) return this.date(start);
    const a = this.parse(start);
    const b = this.parse(end);
    return a && b ? this.longDate.formatRange(a, b) : `${start} – ${end}`;
  }

  month(yearMonth: string): string {
    const d = this.parse(`${yearMonth}-01`);
    return d ? this.monthYear.format(d) : yearMonth;
  }

  /** Abbreviated month name, 1-12. */
  monthShort(m: number): string {
    return this.shortMonth.format(new Date(Date.UTC(2024, m - 1, 1)));
  }

  number(n: number): string {
    return this.num.format(n);
  }

  percent(ratio: number): string {
    return this.pct.format(ratio);
  }
}

const formats = new Map<Locale, Formats>();
export function formatsFor(locale: Locale): Formats {
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = new Formats(locale)));
  return f;
}
