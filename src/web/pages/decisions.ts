// Decisions: the list by board, and one decision with its preambular and operative paragraphs.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { isAppError } from '../../lib/errors.js';
import { hasRole } from '../../modules/access/actor.js';
import { decisionParagraphs, getDecision, listDecisions } from '../../modules/decisions/queries.js';
import { listBoards } from '../../modules/registry/queries.js';
import { getSession } from '../../modules/sessions/queries.js';
import { href, pageContext } from '../context.js';
import { html } from '../html.js';
import { boardName } from '../labels.js';
import { layout, syntheticLabel } from '../layout.js';
import { decisionList, errorPage } from './parts.js';

export function decisionRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;

  app.get<{ Querystring: { board?: string; cursor?: string } }>('/decisions', { schema: { hide: true }, config: { permission: 'public' } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const boards = await listBoards(db);
    const board = boards.some((b) => b.id === req.query.board) ? req.query.board : undefined;
    let page;
    try {
      page = await listDecisions(db, { board, cursor: req.query.cursor, limit: 50 });
    } catch (e) {
      if (!isAppError(e)) throw e;
      page = await listDecisions(db, { board, limit: 50 });
    }
    const body = html`<h1>${t.decision.listTitle}</h1>
<form class="filters" method="get" action="/decisions">
<label>${t.common.board}<select name="board"><option value="">${t.common.any}</option>${boards.map((b) => html`<option value="${b.id}" ${b.id === board ? html`selected` : ''}>${boardName(ctx, b.id)}</option>`)}</select></label>
<button type="submit">${t.common.show}</button></form>
${decisionList(ctx, page.items)}
${page.nextCursor ? html`<p class="pager"><a href="${href('/decisions', { board, cursor: page.nextCursor })}">${t.common.nextPage}</a></p>` : ''}`;
    return reply.type('text/html; charset=utf-8').send(layout(ctx, { title: t.decision.listTitle, body, nav: 'decisions' }));
  });

  app.get<{ Params: { id: string } }>('/decisions/:id', { schema: { hide: true }, config: { permission: 'public' } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const d = await getDecision(db, req.params.id);
    if (!d) return reply.code(404).type('text/html; charset=utf-8').send(errorPage(ctx, 404));
    const [paras, session] = await Promise.all([
      decisionParagraphs(db, d.id),
      d.session_id ? getSession(db, req.actor, d.session_id) : Promise.resolve(undefined),
    ]);
    const pre = paras.filter((p) => p.kind === 'preambular');
    const op = paras.filter((p) => p.kind === 'operative');
    const heading = t.decision.heading(d.number);
    const body = html`<h1>${heading}: <span lang="${d.language}">${d.title}</span>${syntheticLabel(ctx, d.synthetic)}</h1>
<p class="meta"><a href="/boards/${d.board_id}">${boardName(ctx, d.board_id)}</a>${d.adopted_on ? ` · ${t.decision.adoptedOn} ${f.date(d.adopted_on)}` : ''}${session ? html` · <a href="/sessions/${session.id}">${session.title}</a>` : ''}</p>
${hasRole(ctx.actor, 'secretariat', d.board_id) ? html`<p><a class="button" href="/secretariat/decisions/${d.id}/edit">${t.adminForms.edit}</a></p>` : ''}
${pre.length ? html`<h2>${t.decision.preambular}</h2><div lang="${d.language}">${pre.map((p) => html`<p>${p.text}</p>`)}</div>` : ''}
${op.length ? html`<h2>${t.decision.operative}</h2><ol class="plain" lang="${d.language}">${op.map((p, i) => html`<li id="op${p.number ?? i + 1}"><strong>${p.number ?? i + 1}.</strong> ${p.text}</li>`)}</ol>` : ''}
<p><a href="/oversight/mandates?decision=${d.id}">${t.oversightMore.fromThisDecision}</a></p>
${hasRole(ctx.actor, 'secretariat', d.board_id) ? html`<form method="post" action="/oversight/decisions/${d.id}/mandate-suggestions"><input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}"><button type="submit">${t.oversightMore.suggest}</button></form>` : ''}`;
    return reply.type('text/html; charset=utf-8').send(layout(ctx, { title: heading, body, nav: 'decisions' }));
  });
}
