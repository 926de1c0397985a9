// Coherence across the boards: the overview (board × theme matrix with its chart, findings by kind,
// the yearly report), the findings with their evidence and the records involved, and the calendar
// across boards with each delegation's weekly meeting load. Reads go through the coherence
// module's own queries, as the JSON API does; the secretariat's tag review is in coherence-tags.ts.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { isAppError } from '../../lib/errors.js';
import { perm } from '../../modules/access/permissions.js';
import { calendarSessions, DEFAULT_LOAD, delegationLoads, overlaps, type DelegationLoad } from '../../modules/coherence/calendar.js';
import { FINDING_KINDS, type FindingKind } from '../../modules/coherence/findings.js';
import { presentFinding } from '../../modules/coherence/presenters.js';
import { getFinding, listFindings } from '../../modules/coherence/queries.js';
import { boardThemeMatrix, type Matrix } from '../../modules/coherence/report.js';
import { TAG_BY_ID } from '../../modules/coherence/themes.js';
import { listBoards } from '../../modules/registry/queries.js';
import { chartFigure } from '../charts.js';
import { href, pageContext, type PageContext } from '../context.js';
import { html, type SafeHtml } from '../html.js';
import { boardCode, boardName, label, memberStateName } from '../labels.js';
import { isSecretariat, syntheticLabel } from '../layout.js';
import { badInput, ID, resolveSubjects, sendPage, subjectRef, tagName, type Resolved } from './coherence-parts.js';
import { coherenceRunRoutes } from './coherence-runs.js';
import { coherenceTagRoutes } from './coherence-tags.js';
import { errorPage, languageOf, ownLanguage } from './parts.js';

type Query = Record<string, string | undefined>;
type Finding = ReturnType<typeof presentFinding>;
const kindName = (ctx: PageContext, k: string) => (isKind(k) ? ctx.t.coherence.kinds[k] : k);

const isKind = (v: string): v is FindingKind => (FINDING_KINDS as readonly string[]).includes(v);

/** A tag's name short enough for the chart's axis ("SDG 13"); the table beside it has the full name. */
function shortTag(ctx: PageContext, id: string): string {
  const tag = TAG_BY_ID.get(id);
  if (tag?.kind === 'sdg-goal') return ctx.t.theme.sdg(ctx.f.number(Number(tag.code)));
  const name = tagName(ctx, id);
  return name.length > 22 ? `${name.slice(0, 21)}…` : name;
}

/** `?year=`: absent means the latest analysed year (else this year); anything but a year is refused. */
function parseYear(v: string | undefined, fallback: number): number | null {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  return /^\d{4}$/.test(v) && n >= 1945 && n <= 2200 ? n : null;
}

function yearForm(ctx: PageContext, action: string, year: number, extra: SafeHtml | '' = ''): SafeHtml {
  const { t } = ctx;
  return html`<form class="filters" method="get" action="${action}">
<label>${t.common.year}<input type="text" inputmode="numeric" name="year" size="6" pattern="[0-9]{4}" value="${year}"></label>
${extra}<button type="submit">${t.common.show}</button></form>`;
}

function matrixTable(ctx: PageContext, m: Matrix, caption: string): SafeHtml {
  const { t, f } = ctx;
  const used = m.themes.filter((th) => m.cells.some((c) => c.tag === th.id));
  const cell = (board: string, tag: string) => m.cells.find((c) => c.board === board && c.tag === tag);
  return html`<table class="matrix"><caption>${caption}</caption>
<thead><tr><th scope="col">${t.coherence.themeOrGoal}</th>${m.boards.map((b) => html`<th scope="col" class="num"><abbr title="${boardName(ctx, b.id)}">${boardCode(ctx, b.id)}</abbr></th>`)}</tr></thead>
<tbody>${used.map(
    (th) =>
      html`<tr><th scope="row">${tagName(ctx, th.id)}</th>${m.boards.map((b) => {
        const c = cell(b.id, th.id);
        return c
          ? html`<td class="num" data-board="${b.id}" data-tag="${th.id}"><span aria-hidden="true">${f.number(c.confirmed)} + ${f.number(c.suggested)}</span><span class="vh">${t.coherence.cell(f.number(c.confirmed), f.number(c.suggested))}</span></td>`
          : html`<td class="num">–</td>`;
      })}</tr>`,
  )}</tbody></table>`;
}

function findingsTable(ctx: PageContext, items: Finding[], caption: string): SafeHtml {
  const { t, f } = ctx;
  return html`<div class="table-scroll"><table><caption class="vh">${caption}</caption>
<thead><tr><th scope="col">${t.coherence.finding}</th><th scope="col">${t.coherence.kind}</th><th scope="col">${t.common.boards}</th><th scope="col" class="num">${t.coherence.score}</th></tr></thead>
<tbody>${items.map(
    (x) =>
      html`<tr><td><a href="/coherence/findings/${x.id}"${languageOf(ctx, x.title)}>${x.title}</a>${syntheticLabel(ctx, x.synthetic)}</td><td>${kindName(ctx, x.kind)}</td><td>${x.boardIds.map((b) => boardName(ctx, b)).join('; ')}</td><td class="num">${f.number(x.score)}</td></tr>`,
  )}</tbody></table></div>`;
}

type Request = { type: string; board: string; entity: string; addressee: string; deliverable: string; due: string; dueOn: string | null; source: string; ref: string };
type Acted = Record<string, { ref: string; type: string; id: string; score: number }[]>;
type AgendaEntry = { board: string; ref: string; id: string; title: string; sessionStart: string | null; score: number };

/** What a finding rests on, per kind: similarity and excerpts, the reporting requests, who acted. */
function explanation(ctx: PageContext, x: Finding, resolved: Map<string, Resolved>): SafeHtml {
  const { t, f } = ctx;
  const ev = x.evidence;
  const dl = (rows: [string, SafeHtml | string][]) => html`<dl class="facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
  const readable = (s: { type: string; id: string } | null) => !!s && !!resolved.get(`${s.type}/${s.id}`)?.readable;
  const terms = x.sharedTerms.length ? html`<p class="terms">${x.sharedTerms.map((s) => html`<span class="tag">${s}</span> `)}</p>` : '–';
  switch (x.kind) {
    case 'near-duplicate': {
      const langs = (ev.languages as string[] | undefined) ?? [];
      // Excerpts only of records the caller may read now.
      const excerpt = (s: Finding['subjectA'] | null, text: unknown, lang: string | undefined) =>
        s && readable(s) && typeof text === 'string' ? html`<blockquote lang="${lang ?? 'en'}"><p>${text}</p><footer>${subjectRef(ctx, s, resolved)}</footer></blockquote>` : '';
      return html`${dl([
        [t.coherence.similarity, f.number(x.score)],
        [t.coherence.basis, ev.basis === 'terms' ? t.coherence.basisTerms : t.coherence.basisConcepts],
        [t.coherence.languages, langs.map((l) => label(ctx, 'languageName', l)).join(' / ')],
      ])}<h3>${t.coherence.sharedTerms}</h3>${terms}
<h3>${t.coherence.excerpts}</h3>${excerpt(x.subjectA, ev.textA, langs[0])}${excerpt(x.subjectB, ev.textB, langs[1])}`;
    }
    case 'duplicate-reporting':
    case 'conflicting-deadlines': {
      const reqs = (ev.requests as Request[] | undefined) ?? [];
      return html`${dl([
        [t.coherence.score, f.number(x.score)],
        [t.coherence.deliverableSimilarity, f.number(Number(ev.deliverableSimilarity ?? 0))],
        [t.coherence.sameEntity, ev.sameEntity ? t.coherence.yes : t.coherence.no],
        ...(typeof ev.monthsApart === 'number' ? ([[t.coherence.due, t.coherence.monthsApart(f.number(ev.monthsApart))]] as [string, string][]) : []),
      ])}<h3>${t.coherence.sharedTerms}</h3>${terms}
<div class="table-scroll"><table><caption>${t.coherence.requests}</caption>
<thead><tr><th scope="col">${t.common.board}</th><th scope="col">${t.coherence.entity}</th><th scope="col">${t.coherence.deliverable}</th><th scope="col">${t.coherence.due}</th><th scope="col">${t.coherence.source}</th></tr></thead>
<tbody>${reqs.map(
        (r) =>
          html`<tr><th scope="row">${boardName(ctx, r.board)}</th><td lang="en">${r.entity}</td><td lang="${/[\u4e00-\u9fff]/.test(r.deliverable) ? 'zh' : 'en'}">${r.deliverable}</td><td><span lang="en">${r.due}</span>${r.dueOn ? html`<br><span class="meta">${f.date(r.dueOn)}</span>` : ''}</td><td>${t.coherence.sources[r.source as keyof typeof t.coherence.sources] ?? r.source}<br><span class="meta" lang="en">${r.ref}</span></td></tr>`,
      )}</tbody></table></div>`;
    }
    case 'theme-gap': {
      const acted = (ev.acted as Acted | undefined) ?? {};
      const notActed = (ev.notActed as string[] | undefined) ?? [];
      return html`${dl([
        [t.coherence.tag, x.tag ? tagName(ctx, x.tag) : '–'],
        [t.coherence.score, f.number(x.score)],
        [t.coherence.acted, Object.keys(acted).map((b) => boardName(ctx, b)).join('; ')],
        [t.coherence.notActed, notActed.map((b) => boardName(ctx, b)).join('; ') || '–'],
      ])}`;
    }
    case 'joint-agenda': {
      const items = (ev.items as AgendaEntry[] | undefined) ?? [];
      return html`${dl([
        [t.coherence.tag, x.tag ? tagName(ctx, x.tag) : '–'],
        [t.coherence.score, f.number(x.score)],
      ])}<div class="table-scroll"><table><caption>${t.coherence.agendaItems}</caption>
<thead><tr><th scope="col">${t.common.board}</th><th scope="col">${t.coherence.record}</th><th scope="col">${t.coherence.sessionStart}</th><th scope="col" class="num">${t.coherence.score}</th></tr></thead>
<tbody>${items.map(
        (i) =>
          html`<tr><th scope="row">${boardName(ctx, i.board)}</th><td>${subjectRef(ctx, { type: 'agenda-item', id: i.id, ref: `${i.ref}: ${i.title}` }, resolved)}</td><td>${i.sessionStart ? f.date(i.sessionStart) : '–'}</td><td class="num">${f.number(i.score)}</td></tr>`,
      )}</tbody></table></div>`;
    }
    default:
      return html`<h3>${t.coherence.sharedTerms}</h3>${terms}`;
  }
}

/** Every record a finding names, grouped by board. */
function recordRefs(x: Finding): { board: string; type: string; id: string; ref: string }[] {
  const out: { board: string; type: string; id: string; ref: string }[] = [];
  const add = (board: string, r: { type: string; id: string; ref: string }) => {
    if (!out.some((o) => o.board === board && o.type === r.type && o.id === r.id)) out.push({ board, type: r.type, id: r.id, ref: r.ref });
  };
  for (const s of [x.subjectA, x.subjectB]) if (s) for (const b of s.boards) add(b, s);
  if (x.kind === 'theme-gap') for (const [b, list] of Object.entries((x.evidence.acted as Acted | undefined) ?? {})) for (const r of list) add(b, r);
  if (x.kind === 'joint-agenda') for (const i of (x.evidence.items as AgendaEntry[] | undefined) ?? []) add(i.board, { type: 'agenda-item', id: i.id, ref: i.ref });
  return out.sort((a, b) => a.board.localeCompare(b.board));
}

function loadTable(ctx: PageContext, loads: DelegationLoad[], caption: string): SafeHtml {
  const { t, f } = ctx;
  const weeks = [...new Set(loads.flatMap((l) => l.weeks.map((w) => w.week)))].sort();
  const level = (hours: number, capacity: number) => {
    const r = hours / Math.max(1, capacity);
    return hours === 0 ? '' : r > 1 ? 'h4' : r > 0.6 ? 'h3' : r > 0.3 ? 'h2' : 'h1';
  };
  return html`<div class="table-scroll"><table class="heat load"><caption>${caption}</caption>
<thead><tr><th scope="col">${t.coherence.delegation}</th><th scope="col" class="num">${t.coherence.people}</th>${weeks.map((w) => html`<th scope="col" class="num"><span class="vh">${t.coherence.weekOf} </span>${f.date(w)}</th>`)}<th scope="col" class="num">${t.coherence.flaggedWeeks}</th></tr></thead>
<tbody>${loads.map(
    (l) =>
      html`<tr data-state="${l.memberStateId}"><th scope="row">${memberStateName(ctx, l.memberStateId, l.name)}<br><span class="meta">${l.memberOf.map((b) => boardName(ctx, b)).join('; ')}</span></th><td class="num">${f.number(l.people)}</td>${weeks.map((wk) => {
        const w = l.weeks.find((x) => x.week === wk);
        if (!w) return html`<td class="num">${f.number(0)}</td>`;
        const flags = [w.overCapacity ? t.coherence.overCapacity : '', w.cannotCoverParallel ? t.coherence.parallel(f.number(w.parallel)) : ''].filter(Boolean);
        return html`<td class="num ${level(w.hours, w.capacityHours)}${flags.length ? ' flagged' : ''}">${t.coherence.hours(f.number(w.hours))}${flags.length ? html`<br><strong>⚑ ${flags.join('; ')}</strong>` : ''}</td>`;
      })}<td class="num">${f.number(l.flaggedWeeks)}</td></tr>`,
  )}</tbody></table></div>`;
}

export function coherenceRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  const page = { schema: { hide: true }, config: { permission: perm.public } };

  /** The latest year an analysis was run for, else this year. */
  const defaultYear = async () =>
    (await db.selectFrom('coherence_runs').select('year').orderBy('year', 'desc').executeTakeFirst())?.year ?? new Date().getUTCFullYear();

  app.get<{ Querystring: Query }>('/coherence', page, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const year = parseYear(req.query.year, await defaultYear());
    if (year === null) return badInput(reply, ctx, 'year');
    const [matrix, run, counts] = await Promise.all([
      boardThemeMatrix(db, year),
      db.selectFrom('coherence_runs').select('created_at').where('year', '=', year).orderBy('created_at', 'desc').executeTakeFirst(),
      db.selectFrom('coherence_findings').select((eb) => ['kind', eb.fn.countAll().as('n')]).where('year', '=', year).groupBy('kind').execute(),
    ]);
    const count = (k: string) => Number(counts.find((c) => c.kind === k)?.n ?? 0);
    const used = matrix.themes.filter((th) => matrix.cells.some((c) => c.tag === th.id));
    const caption = t.coherence.matrixCaption(String(year));
    const matrixPart = used.length
      ? chartFigure(ctx, {
          id: 'matrix',
          caption,
          data: {
            kind: 'heatmap',
            xLabels: matrix.boards.map((b) => boardCode(ctx, b.id)),
            yLabels: used.map((th) => shortTag(ctx, th.id)),
            rowNames: used.map((th) => tagName(ctx, th.id)),
            values: used.map((th) => matrix.boards.map((b) => {
              const c = matrix.cells.find((x) => x.board === b.id && x.tag === th.id);
              return c ? c.confirmed + c.suggested : 0;
            })),
          },
          table: matrixTable(ctx, matrix, caption),
        })
      : html`<p>${t.coherence.matrixNone}</p>`;
    const report = (format: string | undefined) => href('/api/coherence/report', { year, format });
    const body = html`<h1>${t.coherence.title}</h1><p>${t.coherence.intro}</p>
${yearForm(ctx, '/coherence', year)}
<p>${run ? t.coherence.analysedAt(f.date(run.created_at)) : t.coherence.noAnalysis(String(year))}</p>
<ul class="plain links"><li><a href="${href('/coherence/findings', { year })}">${t.coherence.allFindings}</a></li><li><a href="${href('/coherence/calendar', { year })}">${t.coherence.calendarTitle}</a></li>${isSecretariat(ctx) ? html`<li><a href="/coherence/suggestions">${t.coherence.reviewQueue}</a></li><li><a href="/coherence/analyses/new">${t.accountAndRuns.runTitle}</a></li><li><a href="/coherence/tagging/suggest">${t.accountAndRuns.suggestTitle}</a></li>` : ''}<li><a href="/coherence/tagger">${t.accountAndRuns.taggerLink}</a></li></ul>
<section aria-labelledby="c-kinds"><h2 id="c-kinds">${t.coherence.byKind}</h2>
<table><caption class="vh">${t.coherence.byKind}</caption><thead><tr><th scope="col">${t.coherence.kind}</th><th scope="col" class="num">${t.common.count}</th></tr></thead>
<tbody>${FINDING_KINDS.map((k) => html`<tr><th scope="row"><a href="${href('/coherence/findings', { year, kind: k })}">${t.coherence.kinds[k]}</a></th><td class="num" data-kind="${k}">${f.number(count(k))}</td></tr>`)}</tbody></table></section>
<section aria-labelledby="c-matrix"><h2 id="c-matrix">${t.coherence.matrix}</h2><p>${t.coherence.matrixIntro}</p>${matrixPart}</section>
<section aria-labelledby="c-report"><h2 id="c-report">${t.coherence.report}</h2><p>${t.coherence.reportIntro}</p>
<ul><li><a href="${report('html')}">${t.coherence.formatHtml}</a></li><li><a href="${report('csv')}">${t.coherence.formatCsv}</a></li><li><a href="${report('pdf')}">${t.coherence.formatPdf}</a></li><li><a href="${report(undefined)}">${t.coherence.formatJson}</a></li></ul></section>`;
    return sendPage(reply, ctx, { title: t.coherence.title, body, charts: used.length > 0 });
  });

  app.get<{ Querystring: Query }>('/coherence/findings', page, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const q = req.query;
    const year = parseYear(q.year, await defaultYear());
    if (year === null) return badInput(reply, ctx, 'year');
    const boards = await listBoards(db);
    if (q.kind && !isKind(q.kind)) return badInput(reply, ctx, 'kind');
    if (q.board && !boards.some((b) => b.id === q.board)) return badInput(reply, ctx, 'board');
    const kind = q.kind ? (q.kind as FindingKind) : undefined;
    const board = q.board || undefined;
    let found;
    try {
      found = await listFindings(db, { year, kind, board, cursor: q.cursor, limit: 50 });
    } catch (e) {
      if (isAppError(e) && e.status === 400) return badInput(reply, ctx, 'cursor');
      throw e;
    }
    const items = found.items.map(presentFinding);
    const filters = html`<label>${t.coherence.kind}<select name="kind"><option value="">${t.common.any}</option>${FINDING_KINDS.map((k) => html`<option value="${k}" ${k === kind ? html`selected` : ''}>${t.coherence.kinds[k]}</option>`)}</select></label>
<label>${t.common.board}<select name="board"><option value="">${t.common.any}</option>${boards.map((b) => html`<option value="${b.id}" ${b.id === board ? html`selected` : ''}>${boardName(ctx, b.id)}</option>`)}</select></label>`;
    const body = html`<p><a href="${href('/coherence', { year })}">${t.coherence.title}</a></p><h1>${t.coherence.findingsTitle}</h1>
${yearForm(ctx, '/coherence/findings', year, filters)}
${items.length ? findingsTable(ctx, items, t.coherence.findingsTitle) : html`<p>${t.coherence.findingsNone}</p>`}
${found.nextCursor ? html`<p class="pager"><a href="${href('/coherence/findings', { year, kind, board, cursor: found.nextCursor })}">${t.common.nextPage}</a></p>` : ''}`;
    return sendPage(reply, ctx, { title: t.coherence.findingsTitle, body });
  });

  app.get<{ Params: { id: string } }>('/coherence/findings/:id', page, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const row = ID.test(req.params.id) ? await getFinding(db, req.params.id) : undefined;
    if (!row) return reply.code(404).type('text/html; charset=utf-8').send(errorPage(ctx, 404));
    const x = presentFinding(row);
    const refs = recordRefs(x);
    const resolved = await resolveSubjects(db, ctx.actor, refs);
    const byBoard = [...new Set(refs.map((r) => r.board))];
    const body = html`<p><a href="${href('/coherence/findings', { year: x.year })}">${t.coherence.back}</a></p>
<h1>${ownLanguage(ctx, x.title)}${syntheticLabel(ctx, x.synthetic)}</h1>
<p class="meta">${kindName(ctx, x.kind)} · ${t.common.year} ${x.year} · ${t.coherence.score} ${f.number(x.score)}</p>
<section aria-labelledby="f-records"><h2 id="f-records">${t.coherence.records}</h2>
<div class="table-scroll"><table><caption class="vh">${t.coherence.records}</caption>
<thead><tr><th scope="col">${t.common.board}</th><th scope="col">${t.coherence.record}</th></tr></thead>
<tbody>${byBoard.map((b) => html`<tr><th scope="row">${boardName(ctx, b)}</th><td><ul class="plain">${refs.filter((r) => r.board === b).map((r) => html`<li>${subjectRef(ctx, r, resolved)}</li>`)}</ul></td></tr>`)}</tbody></table></div></section>
<section aria-labelledby="f-why"><h2 id="f-why">${t.coherence.explanation}</h2>${explanation(ctx, x, resolved)}</section>`;
    return sendPage(reply, ctx, { title: t.coherence.findingTitle, body });
  });

  app.get<{ Querystring: Query }>('/coherence/calendar', page, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const q = req.query;
    const year = parseYear(q.year, await defaultYear());
    if (year === null) return badInput(reply, ctx, 'year');
    const shows = ['flagged', 'small', 'all'] as const;
    const show = q.show || 'flagged';
    if (!(shows as readonly string[]).includes(show)) return badInput(reply, ctx, 'show');
    const [sessions, loads] = await Promise.all([
      calendarSessions(db, ctx.actor, { year }),
      delegationLoads(db, ctx.actor, { year, onlySmall: show === 'small', onlyKnown: true }),
    ]);
    const shown = show === 'flagged' ? loads.filter((l) => l.flaggedWeeks > 0) : loads;
    const pairs = overlaps(sessions);
    const sessionCell = (s: (typeof sessions)[number]) =>
      html`<a href="/sessions/${s.id}">${s.title}</a>${syntheticLabel(ctx, s.synthetic)}<br><span class="meta">${s.boardIds.map((b) => boardName(ctx, b)).join('; ')} · ${f.dateRange(s.startDate, s.endDate)}</span>`;
    const labels = { flagged: t.coherence.showFlagged, small: t.coherence.showSmall, all: t.coherence.showAll };
    const showSelect = html`<label>${t.coherence.show}<select name="show">${shows.map((s) => html`<option value="${s}" ${s === show ? html`selected` : ''}>${labels[s]}</option>`)}</select></label>`;
    const body = html`<p><a href="${href('/coherence', { year })}">${t.coherence.title}</a></p><h1>${t.coherence.calendarTitle}</h1><p>${t.coherence.calendarIntro}</p>
${yearForm(ctx, '/coherence/calendar', year, showSelect)}
<section aria-labelledby="c-overlaps"><h2 id="c-overlaps">${t.coherence.overlaps}</h2>
${
  pairs.length
    ? html`<div class="table-scroll"><table><caption class="vh">${t.coherence.overlapsCaption(String(year))}</caption>
<thead><tr><th scope="col">${t.common.dates}</th><th scope="col">${t.coherence.meeting}</th><th scope="col">${t.coherence.sameTime}</th><th scope="col" class="num">${t.coherence.daysInCommon}</th></tr></thead>
<tbody>${pairs.map((o) => html`<tr><th scope="row">${f.dateRange(o.days[0]!, o.days[o.days.length - 1]!)}</th><td>${sessionCell(o.a)}</td><td>${sessionCell(o.b)}</td><td class="num">${f.number(o.days.length)}</td></tr>`)}</tbody></table></div>`
    : html`<p>${t.coherence.overlapsNone}</p>`
}</section>
<section aria-labelledby="c-load"><h2 id="c-load">${t.coherence.load}</h2><p>${t.coherence.loadIntro(f.number(DEFAULT_LOAD.hoursPerPerson))}</p>
${isSecretariat(ctx) ? html`<p><a class="button" href="/coherence/delegations/capacity">${t.adminForms.capacityLink}</a></p>` : ''}
${shown.length ? loadTable(ctx, shown, t.coherence.loadCaption(String(year))) : html`<p>${t.coherence.loadNone}</p>`}</section>`;
    return sendPage(reply, ctx, { title: t.coherence.calendarTitle, body });
  });

  coherenceTagRoutes(app, actx);
  coherenceRunRoutes(app, actx);
}
