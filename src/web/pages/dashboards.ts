// Dashboards: implementation rates of review recommendations by board, the reporting load of
// mandates per upcoming session, and the meeting calendar heat-map. Each chart is drawn by the
// chart island and followed by a table with the same figures.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { rates, reportingLoad } from '../../modules/oversight/dashboards.js';
import { listBoards } from '../../modules/registry/queries.js';
import { listSessions } from '../../modules/sessions/queries.js';
import { chartFigure, heatmapData, heatmapTable } from '../charts.js';
import { pageContext, type PageContext } from '../context.js';
import { html, type SafeHtml } from '../html.js';
import { boardCode, boardName, label } from '../labels.js';
import { layout } from '../layout.js';
import { ratesTable } from './portal.js';

type Load = Awaited<ReturnType<typeof reportingLoad>>;

function loadTable(ctx: PageContext, load: Load, caption: string): SafeHtml {
  const { t, f } = ctx;
  return html`<table><caption>${caption}</caption>
<thead><tr><th scope="col">${t.common.session}</th><th scope="col">${t.dashboards.entity}</th><th scope="col">${t.common.board}</th><th scope="col" class="num">${t.dashboards.confirmed}</th><th scope="col" class="num">${t.dashboards.suggested}</th><th scope="col" class="num">${t.dashboards.fulfilled}</th></tr></thead>
<tbody>${load.sessions.flatMap((s) =>
    s.entities.map(
      (e) =>
        html`<tr><td>${label(ctx, 'sessionType', s.type)} ${s.year}</td><td lang="en">${e.label}</td><td>${boardName(ctx, e.boardId)}</td><td class="num">${f.number(e.confirmed)}</td><td class="num">${f.number(e.suggested)}</td><td class="num">${f.number(e.fulfilled)}</td></tr>`,
    ),
  )}</tbody></table>`;
}

export async function dashboardSections(
  ctx: PageContext,
  actx: AppContext,
  opts: { year?: number; board?: string; headingLevel: 2 | 3 },
): Promise<SafeHtml> {
  const db = actx.database.db;
  const { t } = ctx;
  const [rateRows, load, boards, sessions] = await Promise.all([
    rates(db, { by: 'board' }),
    reportingLoad(db, { board: opts.board, sessions: 6, fromYear: new Date().getUTCFullYear() - 1 }),
    listBoards(db),
    listSessions(db, ctx.actor, { board: opts.board, limit: 1000, sort: '-startDate' }),
  ]);
  const shownRates = opts.board ? rateRows.filter((r) => r.key === opts.board) : rateRows;
  const years = [...new Set(sessions.items.map((s) => s.year))].sort();
  const thisYear = new Date().getUTCFullYear();
  const year = opts.year ?? (years.includes(thisYear) ? thisYear : years[years.length - 1]);
  const shownBoards = boards.filter((b) => !opts.board || b.id === opts.board).map((b) => ({ id: b.id, name: boardName(ctx, b.id), code: boardCode(ctx, b.id) }));
  const h = (id: string, text: string) => (opts.headingLevel === 2 ? html`<h2 id="${id}">${text}</h2>` : html`<h3 id="${id}">${text}</h3>`);

  const ratesPart = shownRates.length
    ? chartFigure(ctx, {
        id: 'rates',
        caption: t.dashboards.rates,
        data: {
          kind: 'bars',
          percent: true,
          labels: shownRates.map((r) => boardCode(ctx, r.key)),
          series: [
            { label: t.dashboards.acceptanceRate, values: shownRates.map((r) => r.acceptanceRate) },
            { label: t.dashboards.implementationRate, values: shownRates.map((r) => r.implementationRate) },
          ],
        },
        table: ratesTable(ctx, shownRates, t.dashboards.table),
      })
    : html`<p>${t.dashboards.ratesNone}</p>`;

  const sessionsWithLoad = load.sessions.filter((s) => s.entities.length);
  const loadPart = sessionsWithLoad.length
    ? chartFigure(ctx, {
        id: 'load',
        caption: t.dashboards.load,
        data: {
          kind: 'bars',
          labels: sessionsWithLoad.map((s) => `${label(ctx, 'sessionType', s.type)} ${s.year}`),
          series: [
            { label: t.dashboards.confirmed, values: sessionsWithLoad.map((s) => s.entities.reduce((n, e) => n + e.confirmed, 0)) },
            { label: t.dashboards.suggested, values: sessionsWithLoad.map((s) => s.entities.reduce((n, e) => n + e.suggested, 0)) },
            { label: t.dashboards.fulfilled, values: sessionsWithLoad.map((s) => s.entities.reduce((n, e) => n + e.fulfilled, 0)) },
          ],
          max: Math.max(1, ...sessionsWithLoad.map((s) => Math.max(...s.entities.map((e) => Math.max(e.confirmed, e.suggested, e.fulfilled)), s.total))),
        },
        table: loadTable(ctx, { ...load, sessions: sessionsWithLoad }, t.dashboards.table),
      })
    : html`<p>${t.dashboards.loadNone}</p>`;

  const heat = year ? heatmapData(ctx, sessions.items, shownBoards, year) : null;
  const heatCaption = `${t.dashboards.heatmap}, ${year ?? ''}`;
  const heatPart = heat
    ? chartFigure(ctx, { id: 'heat', caption: heatCaption, data: heat, table: heatmapTable(ctx, heat, t.dashboards.table) })
    : html`<p>${t.dashboards.heatmapNone}</p>`;

  return html`<section aria-labelledby="d-rates">${h('d-rates', t.dashboards.rates)}${ratesPart}</section>
<section aria-labelledby="d-load">${h('d-load', t.dashboards.load)}${loadPart}</section>
<section aria-labelledby="d-heat">${h('d-heat', t.dashboards.heatmap)}${heatPart}</section>`;
}

export function dashboardRoutes(app: FastifyInstance, actx: AppContext): void {
  app.get<{ Querystring: { year?: string } }>('/dashboards', { schema: { hide: true }, config: { permission: 'public' } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const y = Number(req.query.year);
    const sections = await dashboardSections(ctx, actx, {
      year: Number.isInteger(y) && y >= 1945 && y <= 2200 ? y : undefined,
      headingLevel: 2,
    });
    const body = html`<h1>${t.dashboards.title}</h1><p>${t.dashboards.intro}</p>${sections}`;
    return reply.type('text/html; charset=utf-8').send(layout(ctx, { title: t.dashboards.title, body, nav: 'dashboards', charts: true }));
  });
}
