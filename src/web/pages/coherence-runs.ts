// The secretariat's coherence operations and the public tagger: running the analysis of a year
// (the same runAnalysis command as POST /api/coherence/analyses, synchronous: it takes well under a
// second on the demonstration data) and its outcome; refreshing the tagging model's suggestions for
// a list of records or a year (suggestTagsFor, as POST /api/coherence/tagging/suggest); and
// /coherence/tagger, where anyone pastes a text and sees what the model would suggest, with the
// words that triggered each suggestion and the score — the preview of POST /api/coherence/tagging/preview.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { errors, isAppError } from '../../lib/errors.js';
import { perm } from '../../modules/access/permissions.js';
import { runAnalysis } from '../../modules/coherence/commands/runAnalysis.js';
import { suggestTagsFor, type SuggestTagsProps } from '../../modules/coherence/commands/suggestTags.js';
import { DEFAULT_ANALYSIS, FINDING_KINDS, type AnalysisOptions } from '../../modules/coherence/findings.js';
import { AnalyseBody, PreviewBody, SuggestBody, type AnalyseInput } from '../../modules/coherence/schema.js';
import { SUBJECT_TYPES } from '../../modules/coherence/subjects.js';
import { DEFAULT_MIN_SCORE, suggestTags, type Suggestion } from '../../modules/coherence/tagger.js';
import { href, pageContext, type PageContext } from '../context.js';
import { errorsByField, formValues, lines, renderForm, str, validate, type FieldErrors, type FieldSpec, type FormValues } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { ID, isSubjectType, sendPage, tagName } from './coherence-parts.js';
import { registerForm } from './forms.js';
import { errorPage } from './parts.js';

type Query = Record<string, string | undefined>;
const OPTIONS = ['similarity', 'crossLanguageSimilarity', 'reportingSimilarity', 'tagMinScore'] as const satisfies readonly (keyof AnalysisOptions)[];
/** The longest text the preview takes (PreviewBody's limit). */
const MAX_TEXT = 20_000;

/** A number typed in a form ("0,4" in locales with a decimal comma); anything else goes on as text for validation to name. */
function num(v: FormValues, k: string): number | string | undefined {
  const s = str(v, k)?.replace(',', '.');
  return s === undefined ? undefined : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

/** A whole number from the query string (counts and timings shown after a redirect). */
const count = (q: Query, k: string) => (q[k] && /^\d{1,8}$/.test(q[k]) ? Number(q[k]) : null);

const back = (ctx: PageContext) => html`<p><a href="/coherence">${ctx.t.coherence.title}</a></p>`;

function triggerList(ctx: PageContext, s: Suggestion): SafeHtml {
  const { f } = ctx;
  const a = ctx.t.accountAndRuns;
  return html`<ul class="plain terms">${s.triggers.map(
    (tr) =>
      html`<li><span class="tag" lang="${tr.language}">${[...new Set(tr.matched)].join(', ')}</span> <span class="meta">${a.hits(f.number(tr.hits))} · ${a.weight(f.number(tr.weight))} · +${f.number(tr.contribution)} · ${tr.source.startsWith('aurora') ? a.sourceAurora : a.sourceConcord}</span></li>`,
  )}</ul>`;
}

export function coherenceRunRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  const secretariat = { schema: { hide: true }, config: { permission: perm.secretariat } };

  registerForm<AnalyseInput>(app, {
    path: '/coherence/analyses/new',
    nav: 'coherence',
    title: (ctx) => ctx.t.accountAndRuns.runTitle,
    lead: async (ctx) => {
      const a = ctx.t.accountAndRuns;
      return html`${back(ctx)}<p>${a.runIntro}</p><p class="notice">${a.runWait}</p><p><a href="/coherence/runs">${a.recentRuns}</a></p>`;
    },
    initial: async () => {
      const latest = await db.selectFrom('coherence_runs').select('year').orderBy('created_at', 'desc').executeTakeFirst();
      return { year: String(latest?.year ?? new Date().getUTCFullYear()) };
    },
    fields: async (ctx) => {
      const a = ctx.t.accountAndRuns;
      return [
        { name: 'year', label: ctx.t.common.year, kind: 'text', hint: 'YYYY' },
        ...OPTIONS.map((o): FieldSpec => ({ name: o, label: a[o], kind: 'text', optional: true, hint: (o === 'tagMinScore' ? a.scoreHint : a.thresholdHint)(ctx.f.number(DEFAULT_ANALYSIS[o])) })),
      ];
    },
    toInput: (v) => ({ year: num(v, 'year'), ...Object.fromEntries(OPTIONS.flatMap((o) => (num(v, o) === undefined ? [] : [[o, num(v, o)]]))) }),
    schema: AnalyseBody,
    save: async (ctx, input) => {
      const { year, ...options } = input;
      const r = await runAnalysis(db, ctx.actor, { year, options });
      return href(`/coherence/runs/${r.runId}`, { done: 1 });
    },
  });

  app.get('/coherence/runs', secretariat, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const a = t.accountAndRuns;
    const runs = await db.selectFrom('coherence_runs').select(['id', 'year', 'counts_json', 'created_at']).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(20).execute();
    const total = (json: string) => Object.values((JSON.parse(json) as { findings?: Record<string, number> }).findings ?? {}).reduce((s, n) => s + n, 0);
    const body = html`${back(ctx)}<h1>${a.recentRuns}</h1><p><a class="button" href="/coherence/analyses/new">${a.runTitle}</a></p>
${
  runs.length
    ? html`<table><caption class="vh">${a.recentRuns}</caption><thead><tr><th scope="col">${t.common.year}</th><th scope="col">${a.ranOn}</th><th scope="col" class="num">${a.findings}</th></tr></thead>
<tbody>${runs.map((r) => html`<tr><th scope="row"><a href="/coherence/runs/${r.id}">${a.outcomeTitle(String(r.year))}</a></th><td>${f.date(r.created_at)} <span dir="ltr">${r.created_at.slice(11, 16)} UTC</span></td><td class="num">${f.number(total(r.counts_json))}</td></tr>`)}</tbody></table>`
    : html`<p>${a.recentNone}</p>`
}`;
    return sendPage(reply, ctx, { title: a.recentRuns, body });
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/coherence/runs/:id', secretariat, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const a = t.accountAndRuns;
    const run = ID.test(req.params.id) ? await db.selectFrom('coherence_runs').selectAll().where('id', '=', req.params.id).executeTakeFirst() : undefined;
    if (!run) return reply.code(404).type('text/html; charset=utf-8').send(errorPage(ctx, 404));
    const counts = JSON.parse(run.counts_json) as { subjects: number; suggestions: { added: number; updated: number; removed: number }; findings: Record<string, number> };
    const params = JSON.parse(run.params_json) as Partial<AnalysisOptions>;
    const latest = await db.selectFrom('coherence_runs').select('id').where('year', '=', run.year).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
    const justRan = count(req.query, 'done') === 1;
    const total = FINDING_KINDS.reduce((s, k) => s + (counts.findings[k] ?? 0), 0);
    const title = a.outcomeTitle(String(run.year));
    const dl = (rows: [string, string][]) => html`<dl class="facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
    const body = html`<p><a href="/coherence/runs">${a.recentRuns}</a></p><h1>${title}</h1>
${justRan ? html`<p class="notice" role="status">${a.outcomeDone}</p>` : ''}
${latest?.id !== run.id ? html`<p class="notice">${a.superseded}</p>` : ''}
${dl([
  [a.ranOn, `${f.date(run.created_at)} ${run.created_at.slice(11, 16)} UTC`],
  ...(run.duration_ms === null ? [] : ([[a.tookLabel, `${f.number(run.duration_ms)} ms`]] as [string, string][])),
  [a.subjects, f.number(counts.subjects)],
  [a.suggestionsAdded, f.number(counts.suggestions.added)],
  [a.suggestionsUpdated, f.number(counts.suggestions.updated)],
  [a.suggestionsRemoved, f.number(counts.suggestions.removed)],
])}
<section aria-labelledby="r-findings"><h2 id="r-findings">${t.coherence.byKind}</h2>
<table><caption class="vh">${t.coherence.byKind}</caption><thead><tr><th scope="col">${t.coherence.kind}</th><th scope="col" class="num">${t.common.count}</th></tr></thead>
<tbody>${FINDING_KINDS.map((k) => html`<tr><th scope="row"><a href="${href('/coherence/findings', { year: run.year, kind: k })}">${t.coherence.kinds[k]}</a></th><td class="num" data-kind="${k}">${f.number(counts.findings[k] ?? 0)}</td></tr>`)}
<tr><th scope="row"><a href="${href('/coherence/findings', { year: run.year })}">${a.total}</a></th><td class="num" data-kind="total">${f.number(total)}</td></tr></tbody></table></section>
<section aria-labelledby="r-params"><h2 id="r-params">${a.parameters}</h2>
${dl(OPTIONS.map((o) => [a[o], f.number(params[o] ?? DEFAULT_ANALYSIS[o])]))}</section>
<p><a href="${href('/coherence', { year: run.year })}">${t.coherence.title}</a></p>`;
    return sendPage(reply, ctx, { title, body });
  });

  registerForm<SuggestTagsProps>(app, {
    path: '/coherence/tagging/suggest',
    nav: 'coherence',
    title: (ctx) => ctx.t.accountAndRuns.suggestTitle,
    lead: async (ctx, req) => {
      const a = ctx.t.accountAndRuns;
      const q = req.query as Query;
      const facts: [string, string][] = [
        ['subjects', a.subjects],
        ['added', a.suggestionsAdded],
        ['updated', a.suggestionsUpdated],
        ['removed', a.suggestionsRemoved],
      ];
      const counts = facts.map(([k]) => count(q, k));
      const type = q.subjectType && isSubjectType(q.subjectType) ? q.subjectType : undefined;
      const one = type && q.subject && ID.test(q.subject) ? q.subject : undefined;
      const done = counts.every((n) => n !== null)
        ? html`<div class="notice" role="status"><p>${a.suggestDone}</p><dl class="facts">${facts.map(([, label], i) => html`<dt>${label}</dt><dd>${ctx.f.number(counts[i] ?? 0)}</dd>`)}</dl>
<p><a href="${href('/coherence/suggestions', { subjectType: type })}">${a.reviewThem}</a>${one ? html` · <a href="/coherence/subjects/${type}/${one}">${a.recordTags}</a>` : ''}</p></div>`
        : '';
      return html`${back(ctx)}${done}<p>${a.suggestIntro}</p>`;
    },
    initial: (_ctx, req) => {
      // Another page may link here for one record: ?subjectType=decision&subject=<id>.
      const q = req.query as Query;
      return { subjectType: q.subjectType && isSubjectType(q.subjectType) ? q.subjectType : 'decision', subjectIds: q.subject && ID.test(q.subject) ? q.subject : undefined };
    },
    fields: async (ctx) => {
      const a = ctx.t.accountAndRuns;
      return [
        { name: 'subjectType', label: ctx.t.coherence.subjectType, kind: 'select', options: SUBJECT_TYPES.map((s) => ({ value: s, label: ctx.t.coherence.subjectTypes[s] })) },
        { name: 'subjectIds', label: a.subjectIds, kind: 'textarea', optional: true, hint: a.subjectIdsHint },
        { name: 'year', label: ctx.t.common.year, kind: 'text', optional: true, hint: a.yearHint },
        { name: 'minScore', label: a.minScore, kind: 'text', optional: true, hint: a.scoreHint(ctx.f.number(DEFAULT_MIN_SCORE)) },
      ];
    },
    toInput: (v) => {
      const ids = lines(v, 'subjectIds');
      return {
        subjectType: str(v, 'subjectType'),
        ...(ids.length ? { subjectIds: ids } : {}),
        ...(num(v, 'year') === undefined ? {} : { year: num(v, 'year') }),
        ...(num(v, 'minScore') === undefined ? {} : { minScore: num(v, 'minScore') }),
      };
    },
    schema: SuggestBody,
    save: async (ctx, input) => {
      // The command wants ids or a year; the form says which field to fill.
      if (!input.subjectIds && input.year === undefined) throw errors.validation([{ path: '/body/year', message: 'give subjectIds or year', code: 'required' }]);
      try {
        const r = await suggestTagsFor(db, ctx.actor, input);
        const one = input.subjectIds?.length === 1 ? input.subjectIds[0] : undefined;
        return href('/coherence/tagging/suggest', { subjectType: input.subjectType, subject: one, ...r });
      } catch (e) {
        // An unknown record: named beside the list, in the UI language.
        if (isAppError(e) && e.status === 422) throw errors.validation(e.errors.map((fe) => ({ ...fe, code: 'unprocessable' })), e.detail);
        throw e;
      }
    },
  });

  const taggerFields = (ctx: PageContext): FieldSpec[] => {
    const a = ctx.t.accountAndRuns;
    return [
      { name: 'text', label: a.text, kind: 'textarea', hint: a.textHint(ctx.f.number(MAX_TEXT)) },
      { name: 'minScore', label: a.minScore, kind: 'text', optional: true, hint: a.scoreHint(ctx.f.number(DEFAULT_MIN_SCORE)) },
    ];
  };

  const taggerPage = (req: FastifyRequest, reply: FastifyReply, values: FormValues, errs: FieldErrors | null, result: Suggestion[] | null, status = 200) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const a = t.accountAndRuns;
    const results = result
      ? html`<section aria-labelledby="tg-results"><h2 id="tg-results">${a.results}</h2>
${
  result.length
    ? html`<p>${a.lengthFactor(f.number(result[0]!.lengthFactor))}</p><div class="table-scroll"><table><caption class="vh">${a.results}</caption>
<thead><tr><th scope="col">${t.coherence.themeOrGoal}</th><th scope="col" class="num">${t.coherence.score}</th><th scope="col" class="num">${a.raw}</th><th scope="col">${t.coherence.triggers}</th></tr></thead>
<tbody>${result.map((s) => html`<tr data-tag="${s.tag}"><th scope="row">${tagName(ctx, s.tag)} <span class="meta" dir="ltr">${s.tag}</span></th><td class="num">${f.number(s.score)}</td><td class="num">${f.number(s.raw)}</td><td>${triggerList(ctx, s)}</td></tr>`)}</tbody></table></div>`
    : html`<p>${a.resultsNone}</p>`
}
<p class="meta">${a.howScored}</p></section>`
      : '';
    const body = html`${back(ctx)}<h1>${a.taggerTitle}</h1><p>${a.taggerIntro}</p>
${renderForm(ctx, { action: '/coherence/tagger', fields: taggerFields(ctx), values, errors: errs, submit: a.preview })}
${results}`;
    return sendPage(reply, ctx, { title: a.taggerTitle, body }, status);
  };

  app.get('/coherence/tagger', { schema: { hide: true }, config: { permission: perm.public } }, async (req, reply) => taggerPage(req, reply, {}, null, null));

  // A preview stores nothing, so the public may post it; a signed-in caller still sends the CSRF field.
  app.post('/coherence/tagger', { schema: { hide: true }, config: { permission: perm.public } }, async (req, reply) => {
    const v = formValues(req.body);
    // The text as typed (not trimmed), as the API would receive it.
    const text = typeof v.text === 'string' && v.text.trim() !== '' ? v.text : undefined;
    try {
      const input = validate<{ text: string; minScore?: number }>(PreviewBody, { text, ...(num(v, 'minScore') === undefined ? {} : { minScore: num(v, 'minScore') }) });
      return taggerPage(req, reply, v, null, suggestTags(input.text, { minScore: input.minScore }));
    } catch (e) {
      const ctx = pageContext(req, reply);
      const errs = errorsByField(e, taggerFields(ctx));
      if (!errs) throw e;
      return taggerPage(req, reply, v, errs, null, 400);
    }
  });
}
