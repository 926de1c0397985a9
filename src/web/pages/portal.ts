// The public portal ("/"): what the boards do in plain words, the boards, upcoming and recent
// sessions, public documents and decisions, and a summary of recommendation status.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { listDecisions } from '../../modules/decisions/queries.js';
import { listDocuments } from '../../modules/documents/queries.js';
import { rates } from '../../modules/oversight/dashboards.js';
import { listBoards } from '../../modules/registry/queries.js';
import { listSessions } from '../../modules/sessions/queries.js';
import { pageContext, type PageContext } from '../context.js';
import { html, type SafeHtml } from '../html.js';
import { boardName, entityName, label, todayIso } from '../labels.js';
import { layout } from '../layout.js';
import { decisionList, documentList, sessionTable } from './parts.js';

export function ratesTable(ctx: PageContext, rows: Awaited<ReturnType<typeof rates>>, caption: string): SafeHtml {
  const { t, f } = ctx;
  return html`<table><caption>${caption}</caption>
<thead><tr><th scope="col">${t.common.board}</th><th scope="col" class="num">${t.dashboards.addressees}</th><th scope="col" class="num">${t.dashboards.accepted}</th><th scope="col" class="num">${t.dashboards.inProgress}</th><th scope="col" class="num">${t.dashboards.implemented}</th><th scope="col" class="num">${t.dashboards.acceptanceRate}</th><th scope="col" class="num">${t.dashboards.implementationRate}</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><th scope="row">${boardName(ctx, r.key)}</th><td class="num">${f.number(r.addressees)}</td><td class="num">${f.number(r.accepted + r.partiallyAccepted)}</td><td class="num">${f.number(r.inProgress)}</td><td class="num">${f.number(r.implemented)}</td><td class="num">${f.percent(r.acceptanceRate)}</td><td class="num">${f.percent(r.implementationRate)}</td></tr>`,
  )}</tbody></table>`;
}

export function portalRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  app.get('/', { schema: { hide: true }, config: { permission: 'public' } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const today = todayIso();
    const [boards, joint, upcoming, recent, documents, decisions, recommendationRates] = await Promise.all([
      listBoards(db),
      listSessions(db, req.actor, { type: 'joint-meeting', limit: 1 }),
      listSessions(db, req.actor, { from: today, sort: 'startDate', limit: 5 }),
      listSessions(db, req.actor, { to: today, sort: '-startDate', limit: 8 }),
      listDocuments(db, req.actor, { limit: 10 }),
      listDecisions(db, { limit: 10 }),
      rates(db, { by: 'board' }),
    ]);
    const body = html`<h1>${t.portal.title}</h1>
<section aria-labelledby="what"><h2 id="what">${t.portal.whatHeading}</h2>
<p>${t.portal.what1}</p><p>${t.portal.what2}</p><p>${t.portal.what3}</p></section>
<section aria-labelledby="boards"><h2 id="boards">${t.portal.boardsHeading}</h2>
<div class="grid">${boards.map(
      (b) => html`<div class="card"><h3><a href="/boards/${b.id}">${boardName(ctx, b.id)}</a></h3>
<p class="meta">${t.portal.oversees}: ${b.entityIds.map((e) => entityName(ctx, e)).join(', ')}</p>
${b.established_by ? html`<p class="meta">${t.board.establishedBy}: <span lang="en">${b.established_by}</span></p>` : ''}</div>`,
    )}</div>
${joint.items[0] ? html`<p>${label(ctx, 'sessionType', 'joint-meeting')}: <a href="/sessions/${joint.items[0].id}">${joint.items[0].title}</a> — ${ctx.f.dateRange(joint.items[0].start_date, joint.items[0].end_date)}</p>` : ''}
</section>
<section aria-labelledby="upcoming"><h2 id="upcoming">${t.portal.upcomingHeading}</h2>
${upcoming.items.length ? sessionTable(ctx, upcoming.items, t.portal.upcomingHeading) : html`<p>${t.portal.noUpcoming}</p>`}
</section>
<section aria-labelledby="recent"><h2 id="recent">${t.portal.recentHeading}</h2>
${sessionTable(ctx, recent.items, t.portal.recentHeading)}
<p><a href="/calendar">${t.portal.fullCalendar}</a></p></section>
<section aria-labelledby="docs"><h2 id="docs">${t.portal.documentsHeading}</h2>
${documentList(ctx, documents.items)}
<p><a href="/documents">${t.portal.allDocuments}</a></p></section>
<section aria-labelledby="decisions"><h2 id="decisions">${t.portal.decisionsHeading}</h2>
${decisionList(ctx, decisions.items)}
<p><a href="/decisions">${t.portal.allDecisions}</a></p></section>
<section aria-labelledby="recs"><h2 id="recs">${t.portal.recommendationsHeading}</h2>
<p>${t.portal.recommendationsIntro}</p>
${recommendationRates.length ? html`<div class="table-scroll">${ratesTable(ctx, recommendationRates, t.portal.recommendationsHeading)}</div><p><a href="/dashboards">${t.nav.dashboards}</a></p>` : html`<p>${t.portal.recommendationsNone}</p>`}
</section>`;
    return reply.type('text/html; charset=utf-8').send(layout(ctx, { title: t.portal.title, body, nav: 'home' }));
  });
}
