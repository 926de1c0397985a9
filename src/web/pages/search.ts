// The search page: one box, filters, facet counts and paragraph hits with highlighted snippets,
// each linking into the document reader at the paragraph with the words highlighted there too.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { LANGUAGES } from '../../http/schemas.js';
import { THEME_IDS } from '../../ingest/enrich.js';
import { isAppError, type AppError } from '../../lib/errors.js';
import { DOCUMENT_TYPES } from '../../modules/documents/schema.js';
import { listBoards } from '../../modules/registry/queries.js';
import { searchParagraphs } from '../../modules/search/queries.js';
import { getSession } from '../../modules/sessions/queries.js';
import type { SearchQueryInput } from '../../modules/search/schema.js';
import { href, pageContext, type PageContext } from '../context.js';
import { translateError } from '../forms.js';
import { ownLanguage, speakerText } from './parts.js';
import { html, SafeHtml } from '../html.js';
import { boardName, entityName, label, themeLabel } from '../labels.js';
import { layout } from '../layout.js';
import { FACET_SAMPLE, searchFacetCounts, type FacetCounts } from '../queries.js';

type Filters = Omit<SearchQueryInput, 'limit' | 'cursor'>;

/** A record id as the API's `Id` schema takes it. */
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;

function facetList(
  ctx: PageContext,
  heading: string,
  key: 'language' | 'type' | 'year' | 'board',
  counts: Map<string, number>,
  filters: Filters,
  labelOf: (v: string) => string,
): SafeHtml {
  if (!counts.size) return html``;
  const entries = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const current = filters[key] === undefined ? undefined : String(filters[key]);
  return html`<div><h3>${heading}</h3><ul>${entries.map(([v, n]) => {
    const params: Record<string, string | number | undefined> = { ...filters, [key]: current === v ? undefined : v };
    return html`<li><a href="${href('/search', params)}" ${current === v ? html`aria-current="true"` : ''}>${current === v ? '✓ ' : ''}${labelOf(v)}</a> <span class="meta">(${ctx.f.number(n)})</span></li>`;
  })}</ul></div>`;
}

export function searchRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  app.get<{ Querystring: Record<string, string | undefined> }>('/search', { schema: { hide: true }, config: { permission: 'public' } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const boards = await listBoards(db);
    const q = req.query;
    const text = (q.q ?? '').trim().slice(0, 500);
    const yearN = Number(q.year);
    // A session the caller may see (from the search form of its page); any other is no filter.
    const session = q.session && ID.test(q.session) ? await getSession(db, req.actor, q.session) : undefined;
    const filters: Filters = {
      q: text,
      board: boards.some((b) => b.id === q.board) ? q.board : undefined,
      type: (DOCUMENT_TYPES as readonly string[]).includes(q.type ?? '') ? (q.type as Filters['type']) : undefined,
      language: (LANGUAGES as readonly string[]).includes(q.language ?? '') ? (q.language as Filters['language']) : undefined,
      year: Number.isInteger(yearN) && yearN >= 1945 && yearN <= 2200 ? yearN : undefined,
      theme: THEME_IDS.includes(q.theme ?? '') ? q.theme : undefined,
      speaker: Object.hasOwn(t.speakerKey, q.speaker ?? '') || Object.hasOwn(t.entityName, q.speaker ?? '') ? q.speaker : undefined,
      session: session?.id,
    };
    let result: Awaited<ReturnType<typeof searchParagraphs>> | null = null;
    let facets: FacetCounts | null = null;
    let problem: AppError | null = null;
    if (text) {
      try {
        [result, facets] = await Promise.all([
          searchParagraphs(db, req.actor, { ...filters, limit: 20, cursor: q.cursor }, { window: actx.config.searchWindow }),
          searchFacetCounts(db, req.actor, filters, actx.config.searchWindow),
        ]);
      } catch (e) {
        if (!isAppError(e)) throw e;
        problem = e;
      }
    }
    const opt = (v: string, selected: string | number | undefined, text: string) =>
      html`<option value="${v}" ${String(selected ?? '') === v ? html`selected` : ''}>${text}</option>`;
    const body = html`<h1>${t.search.title}</h1>
<form class="filters" method="get" action="/search" role="search">
<label>${t.search.label}<input type="search" name="q" value="${text}" size="40" aria-describedby="search-help"></label>
<label>${t.common.language}<select name="language">${opt('', '', t.common.any)}${LANGUAGES.map((l) => opt(l, filters.language, label(ctx, 'languageName', l)))}</select></label>
<label>${t.common.type}<select name="type">${opt('', '', t.common.any)}${DOCUMENT_TYPES.map((d) => opt(d, filters.type, label(ctx, 'documentType', d)))}</select></label>
<label>${t.common.board}<select name="board">${opt('', '', t.common.any)}${boards.map((b) => opt(b.id, filters.board, boardName(ctx, b.id)))}</select></label>
<label>${t.search.theme}<select name="theme">${opt('', '', t.common.any)}${THEME_IDS.map((th) => opt(th, filters.theme, themeLabel(ctx, th)))}</select></label>
<label>${t.search.speaker}<select name="speaker">${opt('', '', t.common.any)}<optgroup label="${t.search.byRole}">${Object.entries(t.speakerKey).map(([k, v]) => opt(k, filters.speaker, v))}</optgroup><optgroup label="${t.search.byOrganization}">${Object.keys(t.entityName).map((e) => opt(e, filters.speaker, entityName(ctx, e)))}</optgroup></select></label>
<label>${t.common.year}<input type="text" inputmode="numeric" name="year" size="6" pattern="[0-9]{4}" value="${filters.year ?? ''}"></label>
${session ? html`<input type="hidden" name="session" value="${session.id}">` : ''}<button type="submit">${t.search.submit}</button>
</form>
<p id="search-help" class="meta">${t.search.help}</p>
${session ? html`<p class="meta">${t.search.withinSession}: <a href="/sessions/${session.id}">${ownLanguage(ctx, session.title)}</a> · <a href="${href('/search', { ...filters, session: undefined })}">${t.search.clear}</a></p>` : ''}
${problem ? html`<div class="alert" role="alert"><p>${problem.errors.map((e) => (e.path === '/querystring/q' ? `${t.search.label}: ${translateError(ctx, e)}` : translateError(ctx, e))).join('; ') || problem.detail}</p></div>` : ''}
${
  result
    ? html`<section aria-labelledby="results"><h2 id="results">${t.search.results}</h2>
${
  facets && facets.counted
    ? html`<section aria-labelledby="facets"><h3 id="facets">${t.search.filters}${facets.capped ? html` <span class="meta">(${t.search.atMost(f.number(FACET_SAMPLE))})</span>` : ''}</h3>
<div class="facets">
${facetList(ctx, t.common.language, 'language', facets.language, filters, (v) => label(ctx, 'languageName', v))}
${facetList(ctx, t.common.type, 'type', facets.type, filters, (v) => label(ctx, 'documentType', v))}
${facetList(ctx, t.common.board, 'board', facets.board, filters, (v) => boardName(ctx, v))}
${facetList(ctx, t.common.year, 'year', facets.year, filters, (v) => v)}
</div>
${filters.language || filters.type || filters.board || filters.year || filters.theme || filters.speaker ? html`<p><a href="${href('/search', { q: text })}">${t.search.clear}</a></p>` : ''}
</section>`
    : ''
}
${
  result.items.length === 0
    ? html`<p role="status">${t.search.noResults}</p>`
    : html`${result.windowed ? html`<p class="meta" id="windowed">${t.search.windowed(f.number(actx.config.searchWindow))}</p>` : ''}<ol class="plain hits">${result.items.map(
        (h) => html`<li><a href="${href(`/documents/${h.documentId}`, { text: h.language, q: text })}#${h.anchor}">${h.documentSymbol ? html`<span dir="ltr">${h.documentSymbol}</span> — ` : ''}${ownLanguage(ctx, h.documentTitle)}</a>
<span class="meta">· ${t.search.paragraphOf(h.number)} · ${label(ctx, 'languageName', h.language)} · ${f.date(h.date)}</span>
<p lang="${h.language}">${new SafeHtml(h.snippet)}</p>
${h.speakers.length ? html`<p>${h.speakers.map((s) => speakerText(ctx, s))}</p>` : ''}</li>`,
      )}</ol>`
}
${result.nextCursor ? html`<p class="pager"><a href="${href('/search', { ...filters, cursor: result.nextCursor })}">${t.search.more}</a></p>` : ''}
</section>`
    : ''
}`;
    return reply.type('text/html; charset=utf-8').send(layout(ctx, { title: t.search.title, body, nav: 'search' }));
  });
}
