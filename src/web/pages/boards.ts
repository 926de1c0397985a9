// A board: the organizations it oversees, its member states (current terms), its bureau (latest
// year recorded) and its sessions.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { hasRole } from '../../modules/access/actor.js';
import { getBoard, listBureau, listEntities, listMemberships } from '../../modules/registry/queries.js';
import { listSessions } from '../../modules/sessions/queries.js';
import { pageContext } from '../context.js';
import { html } from '../html.js';
import { boardName, entityName, label, memberStateName, todayIso } from '../labels.js';
import { layout, syntheticLabel } from '../layout.js';
import { errorPage, sessionTable } from './parts.js';

export function boardRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  app.get<{ Params: { id: string } }>('/boards/:id', { schema: { hide: true }, config: { permission: 'public' } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const board = await getBoard(db, req.params.id);
    if (!board) return reply.code(404).type('text/html; charset=utf-8').send(errorPage(ctx, 404));
    const [members, bureau, entities, sessions] = await Promise.all([
      listMemberships(db, board.id, todayIso()),
      listBureau(db, board.id),
      listEntities(db),
      listSessions(db, req.actor, { board: board.id, limit: 20 }),
    ]);
    const latestYear = bureau[0]?.year;
    const currentBureau = bureau.filter((b) => b.year === latestYear);
    const name = boardName(ctx, board.id);
    const canManage = hasRole(ctx.actor, 'secretariat', board.id);
    const body = html`<h1>${name}</h1>
${board.established_by ? html`<p class="meta">${t.board.establishedBy}: <span lang="en">${board.established_by}</span></p>` : ''}
<section aria-labelledby="entities"><h2 id="entities">${t.board.entities}</h2>
<ul>${entities
      .filter((e) => e.board_id === board.id)
      .map((e) => html`<li><span lang="en">${e.name}</span> (${entityName(ctx, e.id)})${e.website ? html` — <a href="${e.website}" lang="en">${e.website.replace(/^https:\/\//, '')}</a>` : ''}</li>`)}</ul></section>
<section aria-labelledby="bureau"><h2 id="bureau">${t.board.bureau}${latestYear ? ` ${latestYear}` : ''}</h2>
${canManage ? html`<p><a class="button" href="/secretariat/boards/${board.id}/bureau/new">${t.registryForms.newBureauPost}</a></p>` : ''}
${
  currentBureau.length
    ? html`<div class="table-scroll"><table><caption class="vh">${t.board.bureau}</caption>
<thead><tr><th scope="col">${t.board.post}</th><th scope="col">${t.board.memberState}</th><th scope="col">${t.board.regionalGroup}</th><th scope="col">${t.board.person}</th></tr></thead>
<tbody>${currentBureau.map(
        (b) =>
          html`<tr><td>${b.post === 'president' ? t.board.president : t.board.vicePresident}</td><td>${memberStateName(ctx, b.member_state_id, b.name)}${syntheticLabel(ctx, b.synthetic)}</td><td>${label(ctx, 'regionalGroup', b.regional_group)}</td><td>${b.person_name ?? ''}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t.board.noBureau}</p>`
}</section>
<section aria-labelledby="members"><h2 id="members">${t.board.members}</h2>
${canManage ? html`<p><a class="button" href="/secretariat/boards/${board.id}/memberships/new">${t.registryForms.newMembership}</a></p>` : ''}
${
  members.length
    ? html`<div class="table-scroll"><table><caption class="vh">${t.board.members}</caption>
<thead><tr><th scope="col">${t.board.memberState}</th><th scope="col">${t.board.regionalGroup}</th><th scope="col">${t.board.term}</th></tr></thead>
<tbody>${members.map(
        (m) =>
          html`<tr><td>${memberStateName(ctx, m.member_state_id, m.name)}${syntheticLabel(ctx, m.synthetic)}</td><td>${label(ctx, 'regionalGroup', m.regional_group)}</td><td>${f.dateRange(m.term_start, m.term_end)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t.board.noMembers}</p>`
}</section>
<section aria-labelledby="sessions"><h2 id="sessions">${t.board.sessions}</h2>
${sessionTable(ctx, sessions.items, t.board.sessions)}
<p><a href="/calendar?board=${board.id}">${t.portal.fullCalendar}</a></p></section>`;
    return reply.type('text/html; charset=utf-8').send(layout(ctx, { title: name, body, nav: 'home' }));
  });
}
