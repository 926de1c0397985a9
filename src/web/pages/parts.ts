// Pieces several pages share: session tables, document and decision lists, the error page.
import type { DecisionTable } from '../../db/schema.js';
import type { DocumentRow } from '../../modules/documents/queries.js';
import type { SessionRow } from '../../modules/sessions/queries.js';
import type { PageContext } from '../context.js';
import { html, type SafeHtml } from '../html.js';
import { detectLanguage } from '../../ingest/enrich.js';
import { direction } from '../i18n/index.js';
import { boardName, label, speakerLabel } from '../labels.js';
import { layout, syntheticLabel } from '../layout.js';

/**
 * A text whose language no field records (a document's or session's title, typed or found in a
 * file): marked with the language its script and function words give, unless that is the page's,
 * so that screen readers read it in its own voice and its punctuation keeps its direction.
 */
export function ownLanguage(ctx: PageContext, text: string): SafeHtml {
  const attrs = languageOf(ctx, text);
  return attrs ? html`<span${attrs}>${text}</span>` : html`${text}`;
}

/** The `lang` and `dir` attributes for an element holding `text` (see ownLanguage); none when it is in the page's language. */
export function languageOf(ctx: PageContext, text: string): SafeHtml | '' {
  const lang = detectLanguage(text, 'en');
  return lang === ctx.locale ? '' : html` lang="${lang}" dir="${direction(lang)}"`;
}

/** A speaker's role in the UI language (English, marked as such, where it has no translation). */
export function speakerText(ctx: PageContext, role: string, tag: 'span' | 'th' = 'span'): SafeHtml {
  const l = speakerLabel(ctx, role);
  const lang = l.lang ? html` lang="${l.lang}"` : '';
  return tag === 'th' ? html`<th scope="row"${lang}>${l.text}</th>` : html`<span class="tag"${lang}>${l.text}</span>`;
}

export function sessionTable(ctx: PageContext, sessions: SessionRow[], caption: string): SafeHtml {
  const { t, f } = ctx;
  if (sessions.length === 0) return html`<p>${t.calendar.noSessions}</p>`;
  return html`<div class="table-scroll"><table>
<caption class="vh">${caption}</caption>
<thead><tr><th scope="col">${t.common.dates}</th><th scope="col">${t.common.session}</th><th scope="col">${t.common.boards}</th></tr></thead>
<tbody>
${sessions.map(
  (s) => html`<tr>
<td>${f.dateRange(s.start_date, s.end_date)}</td>
<td><a href="/sessions/${s.id}">${ownLanguage(ctx, s.title)}</a>${syntheticLabel(ctx, s.synthetic)}<br><span class="meta">${label(ctx, 'sessionType', s.type)}${s.venue ? ` · ${s.venue}` : ''}</span></td>
<td>${s.boardIds.map((b) => boardName(ctx, b)).join('; ')}</td>
</tr>`,
)}
</tbody></table></div>`;
}

export function documentItem(ctx: PageContext, d: DocumentRow): SafeHtml {
  const { t, f } = ctx;
  return html`<li><a href="/documents/${d.id}">${ownLanguage(ctx, d.title)}</a>${syntheticLabel(ctx, d.synthetic)}
<br><span class="meta">${d.symbol ? html`<span dir="ltr">${d.symbol}</span> · ` : ''}${label(ctx, 'documentType', d.type)} · ${f.date(d.date)} · ${t.common.languages}: ${d.languages.map((l) => label(ctx, 'languageName', l)).join(', ')}${d.access_level !== 'public' ? ` · ${t.common.access}: ${label(ctx, 'accessLevel', d.access_level)}` : ''}</span></li>`;
}

export function documentList(ctx: PageContext, docs: DocumentRow[]): SafeHtml {
  if (docs.length === 0) return html`<p>${ctx.t.session.noDocuments}</p>`;
  return html`<ul class="plain">${docs.map((d) => documentItem(ctx, d))}</ul>`;
}

export function decisionList(ctx: PageContext, decisions: DecisionTable[]): SafeHtml {
  const { t, f } = ctx;
  if (decisions.length === 0) return html`<p>${t.session.noDecisions}</p>`;
  return html`<ul class="plain">${decisions.map(
    (d) => html`<li><a href="/decisions/${d.id}">${t.decision.heading(d.number)}</a> — <span lang="${d.language}">${d.title}</span>${syntheticLabel(ctx, d.synthetic)}
<br><span class="meta">${boardName(ctx, d.board_id)}${d.adopted_on ? ` · ${t.decision.adoptedOn} ${f.date(d.adopted_on)}` : ''}</span></li>`,
  )}</ul>`;
}

/** A 404 (or 403) page in the UI language: hidden and missing records look alike. */
export function errorPage(ctx: PageContext, status: 403 | 404): string {
  const { t } = ctx;
  const title = status === 404 ? t.common.notFoundTitle : t.common.forbiddenTitle;
  return layout(ctx, {
    title,
    body: html`<h1>${title}</h1><p>${status === 404 ? t.common.notFoundText : t.common.forbiddenText}</p><p><a href="/">${t.common.backHome}</a></p>`,
  });
}
