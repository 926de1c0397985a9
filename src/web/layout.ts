// The page shell shared by every page: <html lang dir>, skip link, site header with the language
// switch, main navigation (what the caller may use), footer. Pages pass their title and body.
import { hasRole } from '../modules/access/actor.js';
import { assets } from './assets.js';
import { href, type PageContext } from './context.js';
import { html, SafeHtml } from './html.js';
import { AUTONYMS, direction, LOCALES } from './i18n/index.js';

export type NavKey = 'home' | 'calendar' | 'documents' | 'decisions' | 'search' | 'dashboards' | 'oversight' | 'coherence' | 'workspace' | 'secretariat' | 'signIn';

export interface PageSpec {
  title: string;
  body: SafeHtml;
  nav?: NavKey;
  /** Load the chart island (uPlot + charts.js). Only dashboard-like pages do. */
  charts?: boolean;
}

export const isSignedIn = (ctx: PageContext) => ctx.actor.kind === 'user';
export const isSecretariat = (ctx: PageContext) => hasRole(ctx.actor, 'secretariat');

/** The current page in another language: same path and query, plus lang. */
function languageLink(ctx: PageContext, lang: string): string {
  const q = new URLSearchParams(ctx.query);
  q.set('lang', lang);
  return `${ctx.path}?${q.toString()}`;
}

export function layout(ctx: PageContext, spec: PageSpec): string {
  const { t } = ctx;
  const a = assets();
  const item = (key: NavKey, url: string, label: string) =>
    html`<li><a href="${url}" ${spec.nav === key ? html`aria-current="page"` : ''}>${label}</a></li>`;
  const signedIn = isSignedIn(ctx);
  return (
    '<!doctype html>' +
    html`<html lang="${ctx.locale}" dir="${direction(ctx.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${spec.title} — ${t.site.name}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${a.css.url}">
</head>
<body>
<a class="skip" href="#main">${t.site.skip}</a>
<header class="site">
<div class="wrap top">
<div><a class="brand" href="/">${t.site.name}</a><p class="tagline">${t.site.tagline}</p></div>
<nav class="langs" aria-label="${t.site.languageNav}"><ul>
${LOCALES.map(
  (l) =>
    html`<li><a href="${languageLink(ctx, l)}" lang="${l}" hreflang="${l}" dir="${direction(l)}" ${l === ctx.locale ? html`aria-current="true"` : ''}>${AUTONYMS[l]}</a></li>`,
)}
</ul></nav>
</div>
<nav class="main" aria-label="${t.site.mainNav}"><div class="wrap"><ul>
${item('home', '/', t.nav.home)}
${item('calendar', '/calendar', t.nav.calendar)}
${item('documents', '/documents', t.nav.documents)}
${item('decisions', '/decisions', t.nav.decisions)}
${item('search', '/search', t.nav.search)}
${item('dashboards', '/dashboards', t.nav.dashboards)}
${item('oversight', '/oversight', t.nav.oversight)}
${item('coherence', '/coherence', t.nav.coherence)}
${signedIn ? item('workspace', '/workspace', t.nav.workspace) : ''}
${signedIn && isSecretariat(ctx) ? item('secretariat', '/secretariat', t.nav.secretariat) : ''}
${
  signedIn
    ? html`<li><form method="post" action="/api/auth/sign-out"><input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}"><button type="submit">${t.nav.signOut}</button></form></li>`
    : item('signIn', href('/sign-in', { redirect: ctx.path.length > 1 && ctx.path !== '/sign-in' ? ctx.path : undefined }), t.nav.signIn)
}
</ul></div></nav>
</header>
<main id="main" tabindex="-1" class="wrap">
${signedIn ? html`<p class="who meta">${t.site.signedInAs(ctx.actor.displayName)}</p>` : ''}
${spec.body}
</main>
<footer class="site"><div class="wrap"><p>${t.site.footer}</p><p><a href="/api/docs">${t.site.apiDocs}</a></p></div></footer>
${spec.charts ? html`<script src="${a.uplot.url}" defer></script><script src="${a.charts.url}" defer></script>` : ''}
</body>
</html>`.value
  );
}

/** Marks a record invented for the demo. */
export const syntheticLabel = (ctx: PageContext, flag: number | boolean) =>
  flag ? html` <span class="synthetic">(${ctx.t.common.synthetic})</span>` : '';

/** JSON for a <script type="application/json"> block: "<" escaped so it cannot end the element. */
export function jsonScript(data: unknown): SafeHtml {
  return new SafeHtml(
    JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'),
  );
}
