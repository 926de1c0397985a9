// What every page needs to know about its request: the UI language (and its messages and
// formats), the caller, the current URL (for the language switch) and small cookie helpers.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../modules/access/actor.js';
import { formatsFor, isLocale, MESSAGES, negotiateLocale, type Formats, type Locale, type Messages } from './i18n/index.js';

export const LANG_COOKIE = 'concord_lang';

export interface PageContext {
  locale: Locale;
  t: Messages;
  f: Formats;
  actor: Actor;
  /** Path of the page without the query string. */
  path: string;
  /** The query string, minus `lang`. */
  query: URLSearchParams;
  /** Anti-forgery token for forms, when the caller is signed in with a cookie session. */
  csrfToken: string | null;
}

export function readCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

/** Adds a Set-Cookie header without dropping ones other code already set. */
export function appendCookie(reply: FastifyReply, cookie: string): void {
  const prev = reply.getHeader('set-cookie');
  const list = prev === undefined ? [] : Array.isArray(prev) ? prev.map(String) : [String(prev)];
  void reply.header('set-cookie', [...list, cookie]);
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const url = new URL(request.url, 'http://local');
  const cookies = readCookies(request.headers.cookie);
  const asked = url.searchParams.get('lang');
  const locale = negotiateLocale({
    query: asked ?? undefined,
    cookie: cookies[LANG_COOKIE],
    acceptLanguage: request.headers['accept-language'],
  });
  if (isLocale(asked) && cookies[LANG_COOKIE] !== asked) {
    appendCookie(reply, `${LANG_COOKIE}=${asked}; Path=/; Max-Age=31536000; SameSite=Lax`);
  }
  url.searchParams.delete('lang');
  // The page depends on these headers; caches must not mix languages or users.
  void reply.header('vary', 'Accept-Language, Cookie');
  return {
    locale,
    t: MESSAGES[locale],
    f: formatsFor(locale),
    actor: request.actor,
    path: url.pathname,
    query: url.searchParams,
    csrfToken: request.userSession?.csrfToken ?? null,
  };
}

/** A URL to `path` with `params` (empty values dropped). */
export function href(path: string, params: Record<string, string | number | undefined | null> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
