// Charts as progressive enhancement: a <figure> holding a data table (always there, readable without
// JavaScript and by screen readers) and the chart's data as JSON, which the chart island
// (assets/charts.ts, on uPlot) draws into the figure's canvas area. The canvas is aria-hidden:
// the table is its text alternative.
import type { PageContext } from './context.js';
import { html, type SafeHtml } from './html.js';
import { jsonScript } from './layout.js';

export type ChartData =
  | { kind: 'bars'; labels: string[]; series: { label: string; values: number[] }[]; percent?: boolean; max?: number }
  | { kind: 'heatmap'; xLabels: string[]; yLabels: string[]; rowNames: string[]; values: number[][] };

export function chartFigure(ctx: PageContext, spec: { id: string; caption: string; data: ChartData; table: SafeHtml }): SafeHtml {
  return html`<figure class="chart" data-chart="${spec.data.kind}" aria-labelledby="${spec.id}-cap">
<figcaption id="${spec.id}-cap">${spec.caption}</figcaption>
<div class="chart-canvas" aria-hidden="true"></div>
<p class="no-chart meta">${ctx.t.dashboards.noChart}</p>
<script type="application/json">${jsonScript(spec.data)}</script>
<div class="table-scroll">${spec.table}</div>
</figure>`;
}

/** Meeting calendar heat-map data: sessions starting in each month of `year`, per board. */
export function heatmapData(
  ctx: PageContext,
  sessions: { start_date: string; boardIds: string[] }[],
  boards: { id: string; name: string; code: string }[],
  year: number,
) {
  const values = boards.map(() => Array.from({ length: 12 }, () => 0));
  for (const s of sessions) {
    if (Number(s.start_date.slice(0, 4)) !== year) continue;
    const m = Number(s.start_date.slice(5, 7)) - 1;
    s.boardIds.forEach((b) => {
      const i = boards.findIndex((x) => x.id === b);
      if (i >= 0) values[i]![m]! += 1;
    });
  }
  return {
    kind: 'heatmap' as const,
    xLabels: Array.from({ length: 12 }, (_, i) => ctx.f.monthShort(i + 1)),
    /** Short board codes on the chart's axis; the table names the boards in full. */
    yLabels: boards.map((b) => b.code),
    rowNames: boards.map((b) => b.name),
    values,
  };
}

export function heatmapTable(ctx: PageContext, data: ReturnType<typeof heatmapData>, caption: string): SafeHtml {
  const max = Math.max(1, ...data.values.flat());
  const level = (v: number) => (v === 0 ? '' : `h${Math.min(4, Math.ceil((v / max) * 4))}`);
  return html`<table class="heat"><caption>${caption}</caption>
<thead><tr><th scope="col">${ctx.t.common.board}</th>${data.xLabels.map((m) => html`<th scope="col" class="num">${m}</th>`)}</tr></thead>
<tbody>${data.rowNames.map(
    (b, i) =>
      html`<tr><th scope="row">${b}</th>${data.values[i]!.map((v) => html`<td class="num ${level(v)}">${ctx.f.number(v)}</td>`)}</tr>`,
  )}</tbody></table>`;
}
