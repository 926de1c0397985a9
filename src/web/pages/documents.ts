// Documents: the list with filters, and the reader — numbered paragraphs with anchors, speaker
// and theme labels, two language versions side by side, and highlighted search words.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { LANGUAGES } from '../../http/schemas.js';
import { isAppError } from '../../lib/errors.js';
import { hasRole } from '../../modules/access/actor.js';
import { DOCUMENT_TYPES } from '../../modules/documents/schema.js';
import { findExpression, getDocument, listDocuments, listExpressions, paragraphTree } from '../../modules/documents/queries.js';
import { listBoards } from '../../modules/registry/queries.js';
import { getSession } from '../../modules/sessions/queries.js';
import { matchRanges } from '../../search/highlight.js';
import { parseQuery, phrases } from '../../search/query.js';
import type { Phrase } from '../../search/tokenize.js';
import { href, pageContext, type PageContext } from '../context.js';
import { escapeHtml, html, SafeHtml } from '../html.js';
import { boardName, label, themeLabel } from '../labels.js';
import { layout, syntheticLabel } from '../layout.js';
import { paragraphThemes } from '../queries.js';
import { documentTags } from './coherence-parts.js';
import { documentList, errorPage, ownLanguage, speakerText } from './parts.js';
import { direction } from '../i18n/index.js';

type Tree = Awaited<ReturnType<typeof paragraphTree>>;
type Para = Tree['items'][number];

/** Text with the query's matches in <mark>, everything else escaped. */
export function highlight(text: string, terms: Phrase[]): SafeHtml {
  if (!terms.length) return new SafeHtml(escapeHtml(text));
  let out = '';
  let at = 0;
  for (const [a, b] of matchRanges(text, terms)) {
    out += escapeHtml(text.slice(at, a)) + '<mark>' + escapeHtml(text.slice(a, b)) + '</mark>';
    at = b;
  }
  return new SafeHtml(out + escapeHtml(text.slice(at)));
}

function paragraphBody(p: Para, lang: string, terms: Phrase[], idPrefix: string): SafeHtml {
  return html`<div class="text" lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><p>${highlight(p.text, terms)}</p>
${p.subpoints.length ? html`<ol class="sub">${p.subpoints.map((s) => html`<li id="${idPrefix}${s.anchor}">${highlight(s.text, terms)}</li>`)}</ol>` : ''}</div>`;
}

function matches(p: Para | undefined, terms: Phrase[]): boolean {
  if (!p || !terms.length) return false;
  return matchRanges(p.text, terms).length > 0 || p.subpoints.some((s) => matchRanges(s.text, terms).length > 0);
}

function readerBody(
  ctx: PageContext,
  main: { lang: string; tree: Tree },
  other: { lang: string; tree: Tree } | null,
  themes: Map<string, string[]>,
  terms: Phrase[],
): SafeHtml {
  const { t } = ctx;
  const otherBy = new Map(other?.tree.items.map((p) => [p.number, p]) ?? []);
  const labels = (p: Para) => {
    const th = themes.get(p.id) ?? [];
    if (!p.speakers.length && !th.length) return '';
    return html`<div class="labels">${p.speakers.length ? html`<span class="vh">${t.document.speakers}: </span>${p.speakers.map((s) => speakerText(ctx, s.role))}` : ''}${th.length ? html`<span class="vh">${t.document.themes}: </span>${th.map((x) => html`<span class="tag theme">${themeLabel(ctx, x)}</span>`)}` : ''}</div>`;
  };
  return html`${other ? html`<div class="cols-head" aria-hidden="true"><span></span><span>${label(ctx, 'languageName', main.lang)}</span><span>${label(ctx, 'languageName', other.lang)}</span></div>` : ''}
${main.tree.items.map((p) => {
  const q = otherBy.get(p.number);
  return html`<article class="para${other ? ' pair' : ''}" id="${p.anchor}" aria-label="${t.document.paragraph(p.number)}">
<div class="num"><a href="#${p.anchor}" aria-label="${t.document.permalink(p.number)}">${p.number}</a></div>
${paragraphBody(p, main.lang, terms, '')}
${other ? (q ? paragraphBody(q, other.lang, terms, `${other.lang}-`) : html`<div class="text missing">${t.document.missingIn}</div>`) : ''}
${labels(p)}
</article>`;
})}`;
}

export function documentRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;

  app.get<{ Querystring: Record<string, string | undefined> }>('/documents', { schema: { hide: true }, config: { permission: 'public' } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const boards = await listBoards(db);
    const q = req.query;
    const board = boards.some((b) => b.id === q.board) ? q.board : undefined;
    const type = (DOCUMENT_TYPES as readonly string[]).includes(q.type ?? '') ? q.type : undefined;
    const language = (LANGUAGES as readonly string[]).includes(q.language ?? '') ? q.language : undefined;
    const yearN = Number(q.year);
    const year = Number.isInteger(yearN) && yearN >= 1945 && yearN <= 2200 ? yearN : undefined;
    let page;
    try {
      page = await listDocuments(db, req.actor, { board, type, language, year, cursor: q.cursor, limit: 50 });
    } catch (e) {
      if (!isAppError(e)) throw e;
      page = await listDocuments(db, req.actor, { board, type, language, year, limit: 50 });
    }
    const body = html`<h1>${t.document.listTitle}</h1>
<form class="filters" method="get" action="/documents">
<label>${t.common.board}<select name="board"><option value="">${t.common.any}</option>${boards.map((b) => html`<option value="${b.id}" ${b.id === board ? html`selected` : ''}>${boardName(ctx, b.id)}</option>`)}</select></label>
<label>${t.common.type}<select name="type"><option value="">${t.common.any}</option>${DOCUMENT_TYPES.map((d) => html`<option value="${d}" ${d === type ? html`selected` : ''}>${label(ctx, 'documentType', d)}</option>`)}</select></label>
<label>${t.common.language}<select name="language"><option value="">${t.common.any}</option>${LANGUAGES.map((l) => html`<option value="${l}" ${l === language ? html`selected` : ''}>${label(ctx, 'languageName', l)}</option>`)}</select></label>
<label>${t.common.year}<input type="text" inputmode="numeric" name="year" size="6" pattern="[0-9]{4}" value="${year ?? ''}"></label>
<button type="submit">${t.common.show}</button>
</form>
${documentList(ctx, page.items)}
${page.nextCursor ? html`<p class="pager"><a href="${href('/documents', { board, type, language, year, cursor: page.nextCursor })}">${t.common.nextPage}</a></p>` : ''}`;
    return reply.type('text/html; charset=utf-8').send(layout(ctx, { title: t.document.listTitle, body, nav: 'documents' }));
  });

  app.get<{ Params: { id: string }; Querystring: { text?: string; compare?: string; q?: string } }>(
    '/documents/:id',
    { schema: { hide: true }, config: { permission: 'public' } },
    async (req, reply) => {
      const ctx = pageContext(req, reply);
      const { t, f } = ctx;
      const doc = await getDocument(db, req.actor, req.params.id);
      if (!doc) return reply.code(404).type('text/html; charset=utf-8').send(errorPage(ctx, 404));
      const expressions = (await listExpressions(db, doc.id)).filter((e) => e.is_current);
      const langs = expressions.map((e) => e.language);
      const pick = (l: string | undefined) => (l && langs.includes(l) ? l : undefined);
      const textLang = pick(req.query.text) ?? pick(ctx.locale) ?? doc.original_language;
      const compareLang = pick(req.query.compare) !== textLang ? pick(req.query.compare) : undefined;
      const [expr, cmpExpr, session] = await Promise.all([
        findExpression(db, doc, textLang),
        compareLang ? findExpression(db, doc, compareLang) : Promise.resolve(undefined),
        doc.session_id ? getSession(db, req.actor, doc.session_id) : Promise.resolve(undefined),
      ]);
      const [tree, cmpTree] = await Promise.all([
        expr ? paragraphTree(db, expr.id) : Promise.resolve(null),
        cmpExpr ? paragraphTree(db, cmpExpr.id) : Promise.resolve(null),
      ]);
      const themes = tree ? await paragraphThemes(db, tree.items.map((p) => p.id)) : new Map<string, string[]>();
      const qText = (req.query.q ?? '').slice(0, 500).trim();
      let terms: Phrase[] = [];
      if (qText) {
        try {
          terms = phrases(parseQuery(qText).must);
        } catch (e) {
          if (!isAppError(e)) throw e;
        }
      }
      const hits = tree && terms.length ? tree.items.filter((p) => matches(p, terms) || matches(cmpTree?.items.find((c) => c.number === p.number), terms)) : [];
      const langOption = (l: string, selected: string | undefined) =>
        html`<option value="${l}" ${l === selected ? html`selected` : ''}>${label(ctx, 'languageName', l)}${l === doc.original_language ? ` (${t.document.original})` : ''}</option>`;
      const body = html`<h1>${expr && expr.title !== doc.title ? html`<span lang="${textLang}" dir="${direction(textLang)}">${expr.title}</span>` : ownLanguage(ctx, doc.title)}${syntheticLabel(ctx, doc.synthetic)}</h1>
${expr && expr.title !== doc.title ? html`<p>${ownLanguage(ctx, doc.title)}</p>` : ''}
<p class="meta">${doc.symbol ? html`<span dir="ltr">${doc.symbol}</span> · ` : ''}${label(ctx, 'documentType', doc.type)} · ${f.date(doc.date)}${expr ? ` · ${t.document.revision} ${f.number(expr.revision)}` : ''}</p>
<p class="meta">${t.common.boards}: ${doc.boardIds.map((b, i) => html`${i ? '; ' : ''}<a href="/boards/${b}">${boardName(ctx, b)}</a>`)}${session ? html` · ${t.common.session}: <a href="/sessions/${session.id}">${ownLanguage(ctx, session.title)}</a>` : ''}</p>
${doc.boardIds.every((b) => hasRole(ctx.actor, 'secretariat', b)) ? html`<p><a class="button" href="/secretariat/documents/${doc.id}/expressions/new">${t.registryForms.newExpression}</a> <a class="button" href="/secretariat/documents/${doc.id}/access">${t.registryForms.changeAccess}</a></p>` : ''}
${await documentTags(db, ctx, doc.id)}
${
  langs.length
    ? html`<form class="filters reader-controls" method="get" action="/documents/${doc.id}" aria-label="${t.document.readerControls}">
<label>${t.document.readIn}<select name="text">${langs.map((l) => langOption(l, textLang))}</select></label>
${langs.length > 1 ? html`<label>${t.document.compareWith}<select name="compare"><option value="">${t.document.noCompare}</option>${langs.filter((l) => l !== textLang).map((l) => langOption(l, compareLang))}</select></label>` : ''}
<label>${t.document.highlight}<input type="search" name="q" value="${qText}"></label>
<button type="submit">${t.common.show}</button>
</form>`
    : ''
}
${
  terms.length
    ? hits.length
      ? html`<nav aria-label="${t.document.matches}"><p>${t.document.matches}: ${hits.map((p, i) => html`${i ? ', ' : ''}<a href="#${p.anchor}" aria-label="${t.document.paragraph(p.number)}">${p.number}</a>`)}</p></nav>`
      : html`<p role="status">${t.document.noMatches}</p>`
    : ''
}
<div class="doc">${tree && tree.items.length ? readerBody(ctx, { lang: textLang, tree }, cmpTree && compareLang ? { lang: compareLang, tree: cmpTree } : null, themes, terms) : html`<p>${t.document.noText}</p>`}</div>`;
      return reply.type('text/html; charset=utf-8').send(layout(ctx, { title: doc.symbol ?? doc.title, body, nav: 'documents' }));
    },
  );
}
