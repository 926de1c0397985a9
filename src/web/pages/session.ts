// A session: its agenda with the documents of each item, the decisions adopted, and the statements
// in its documents grouped by speaker, each linking to the paragraph where it was made.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { hasRole } from '../../modules/access/actor.js';
import { listDecisions } from '../../modules/decisions/queries.js';
import { getSession, listAgendaItems } from '../../modules/sessions/queries.js';
import { pageContext } from '../context.js';
import { html } from '../html.js';
import { boardName, label } from '../labels.js';
import { layout, syntheticLabel } from '../layout.js';
import { sessionDocuments, sessionStatements, type SessionStatement } from '../queries.js';
import { decisionList, documentList, errorPage, ownLanguage, speakerText } from './parts.js';
import { briefingSection } from './parity-forms.js';
import { groupBy } from '../../lib/group.js';

export function sessionRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  app.get<{ Params: { id: string } }>('/sessions/:id', { schema: { hide: true }, config: { permission: 'public' } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const session = await getSession(db, req.actor, req.params.id);
    if (!session) return reply.code(404).type('text/html; charset=utf-8').send(errorPage(ctx, 404));
    const [items, documents, decisions, statements] = await Promise.all([
      listAgendaItems(db, session.id),
      sessionDocuments(db, req.actor, session.id),
      listDecisions(db, { session: session.id, limit: 1000, sort: 'number' }),
      sessionStatements(db, req.actor, session.id),
    ]);
    const titles = new Map(documents.map((d) => [d.id, d]));
    const unplaced = documents.filter((d) => !d.agenda_item_id || !items.some((i) => i.id === d.agenda_item_id));
    const bySpeaker = groupBy(statements, (s) => s.speakerRole);
    const canManage = session.boardIds.every((b) => hasRole(req.actor, 'secretariat', b));

    const body = html`<h1>${ownLanguage(ctx, session.title)}${syntheticLabel(ctx, session.synthetic)}</h1>
<p class="meta">${label(ctx, 'sessionType', session.type)} · ${f.dateRange(session.start_date, session.end_date)}${session.venue ? ` · ${session.venue}` : ''}</p>
<p class="meta">${t.common.boards}: ${session.boardIds.map((b, i) => html`${i ? '; ' : ''}<a href="/boards/${b}">${boardName(ctx, b)}</a>`)}</p>
${documents.length ? html`<form class="filters" method="get" action="/search" role="search"><input type="hidden" name="session" value="${session.id}"><label>${t.session.searchIn}<input type="search" name="q" size="30" required></label> <button type="submit">${t.search.submit}</button></form>` : ''}
${canManage ? html`<p><a class="button" href="/secretariat/sessions/${session.id}/edit">${t.adminForms.edit}</a> <a class="button" href="/secretariat/sessions/${session.id}/access">${t.registryForms.changeAccess}</a></p>` : ''}
${session.type === 'informal-briefing' ? briefingSection(ctx, session, documents, canManage) : ''}
<section aria-labelledby="agenda"><h2 id="agenda">${t.session.agenda}</h2>
${canManage ? html`<p><a class="button" href="/secretariat/sessions/${session.id}/agenda-items/new">${t.session.addAgendaItem}</a></p>` : ''}
${items.length === 0 ? html`<p>${t.session.noAgenda}</p>` : ''}
${items.map((item) => {
  const docs = documents.filter((d) => d.agenda_item_id === item.id);
  const decs = decisions.items.filter((d) => d.agenda_item_id === item.id);
  return html`<section class="agenda-item" aria-labelledby="item-${item.id}"><h3 id="item-${item.id}">${t.session.item} ${item.number}. ${ownLanguage(ctx, item.title)}${syntheticLabel(ctx, item.synthetic)}</h3>
${docs.length ? documentList(ctx, docs) : html`<p class="meta">${t.session.noDocuments}</p>`}
${decs.length ? html`<h4>${t.session.decisions}</h4>${decisionList(ctx, decs)}` : ''}
</section>`;
})}
${unplaced.length ? html`<h3>${items.length ? t.session.otherDocuments : t.session.documents}</h3>${documentList(ctx, unplaced)}` : ''}
</section>
<section aria-labelledby="decisions"><h2 id="decisions">${t.session.decisions}</h2>
${decisionList(ctx, decisions.items)}</section>
<section aria-labelledby="statements"><h2 id="statements">${t.session.statements}</h2>
${
  bySpeaker.size === 0
    ? html`<p>${t.session.noStatements}</p>`
    : html`<div class="table-scroll"><table><caption class="vh">${t.session.statements}</caption>
<thead><tr><th scope="col">${t.session.speaker}</th><th scope="col">${t.session.paragraphs}</th></tr></thead>
<tbody>${[...bySpeaker.entries()].map(([speaker, list]) => {
        const perDoc = groupBy(list, (s: SessionStatement) => s.documentId);
        return html`<tr>${speakerText(ctx, speaker, 'th')}<td>${[...perDoc.entries()].map(
          ([docId, ss]) => html`<p><span class="meta">${titles.get(docId)?.symbol ?? titles.get(docId)?.title ?? ''}</span>: ${ss.map(
            (s, i) => html`${i ? ', ' : ''}<a href="/documents/${docId}?text=${s.language}#p${s.number}">${s.number}</a>`,
          )}</p>`,
        )}</td></tr>`;
      })}</tbody></table></div>`
}</section>`;
    return reply.type('text/html; charset=utf-8').send(layout(ctx, { title: session.title, body, nav: 'calendar' }));
  });
}
