// The calendar of sessions across boards, by month, with the meeting heat-map (chart + table).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { groupBy } from '../../lib/group.js';
import { listBoards } from '../../modules/registry/queries.js';
import { listSessions } from '../../modules/sessions/queries.js';
import { chartFigure, heatmapData, heatmapTable } from '../charts.js';
import { pageContext } from '../context.js';
import { html } from '../html.js';
import { boardCode, boardName } from '../labels.js';
import { layout } from '../layout.js';
import { sessionTable } from './parts.js';

export function calendarRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  app.get<{ Querystring: { board?: string; year?: string } }>('/calendar', { schema: { hide: true }, config: { permission: 'public' } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const boards = await listBoards(db);
    const board = boards.some((b) => b.id === req.query.board) ? req.query.board : undefined;
    const yearQ = Number(req.query.year);
    const year = Number.isInteger(yearQ) && yearQ >= 1945 && yearQ <= 2200 ? yearQ : undefined;
    const sessions = await listSessions(db, req.actor, { board, year, sort: 'startDate', limit: 1000 });
    const byMonth = groupBy(sessions.items, (s) => s.start_date.slice(0, 7));
    const years = [...new Set(sessions.items.map((s) => s.year))];
    const heatYear = year ?? (years.includes(new Date().getUTCFullYear()) ? new Date().getUTCFullYear() : years[years.length - 1]);
    const shownBoards = boards.filter((b) => !board || b.id === board).map((b) => ({ id: b.id, name: boardName(ctx, b.id), code: boardCode(ctx, b.id) }));
    const heat = heatYear ? heatmapData(ctx, sessions.items, shownBoards, heatYear) : null;
    const caption = `${t.calendar.heatmap}, ${heatYear ?? ''}`;
    const body = html`<h1>${t.calendar.title}</h1>
<p>${t.calendar.intro}</p>
<form class="filters" method="get" action="/calendar">
<label>${t.common.board}<select name="board"><option value="">${t.calendar.allBoards}</option>${boards.map(
      (b) => html`<option value="${b.id}" ${b.id === board ? html`selected` : ''}>${boardName(ctx, b.id)}</option>`,
    )}</select></label>
<label>${t.common.year}<input type="text" inputmode="numeric" name="year" size="6" value="${year ?? ''}" pattern="[0-9]{4}"></label>
<button type="submit">${t.common.show}</button>
</form>
${heat ? chartFigure(ctx, { id: 'heat', caption, data: heat, table: heatmapTable(ctx, heat, caption) }) : ''}
${
  sessions.items.length === 0
    ? html`<p>${t.calendar.noSessions}</p>`
    : [...byMonth.entries()].map(
        ([month, list]) => html`<section aria-labelledby="m-${month}"><h2 id="m-${month}">${f.month(month)}</h2>
${sessionTable(ctx, list, f.month(month))}</section>`,
      )
}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(layout(ctx, { title: t.calendar.title, body, nav: 'calendar', charts: !!heat }));
  });
}
