// Oversight pages (public): the reviews with a status summary each, filtered by board, organization
// and status; a review with its recommendations, their addressees on the two JIU axes (acceptance,
// implementation) and their actions; a recommendation with each addressee's full status history and
// the actions with their evidence. Reads go through the oversight queries; linked documents are
// shown only when the caller may read them. Links to the forms follow the oversight policies.
import { groupBy } from '../../lib/group.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { isAppError } from '../../lib/errors.js';
import type { Actor } from '../../modules/access/actor.js';
import { hasRole } from '../../modules/access/actor.js';
import { perm } from '../../modules/access/permissions.js';
import { getDocument } from '../../modules/documents/queries.js';
import { oversightPolicy } from '../../modules/oversight/policies.js';
import { actionsOf, getReview, history, listRecommendations, listReviews, recommendationDetail } from '../../modules/oversight/queries.js';
import { ACCEPTANCE_STATUSES, IMPLEMENTATION_STATUSES } from '../../modules/oversight/workflow.js';
import { listBoards, listEntities } from '../../modules/registry/queries.js';
import { pageContext, type PageContext } from '../context.js';
import { html, type SafeHtml } from '../html.js';
import { boardName, entityOf, label } from '../labels.js';
import { layout, syntheticLabel } from '../layout.js';
import { answerRoutes } from './answers.js';
import { oversightActionRoutes } from './oversight-actions.js';
import { mayEditReviews, oversightEditRoutes } from './oversight-edit.js';
import { oversightFormRoutes } from './oversight-forms.js';
import { oversightGroupRoutes } from './oversight-groups.js';
import { oversightImportRoutes } from './oversight-import.js';
import { oversightMandateRoutes } from './oversight-mandates.js';
import { errorPage, languageOf, ownLanguage } from './parts.js';

type Recommendation = Awaited<ReturnType<typeof listRecommendations>>['items'][number];
type Addressee = Recommendation['addressees'][number];
type Action = Awaited<ReturnType<typeof actionsOf>>[number];
type Vocabulary = 'acceptanceStatus' | 'implementationStatus' | 'actionStatus' | 'categoryName' | 'priorityName' | 'addresseeKind';

/** A fixed oversight vocabulary in the UI language (the stored value when a translation is missing). */
export function term(ctx: PageContext, vocabulary: Vocabulary, value: string): string {
  return (ctx.t.oversight[vocabulary] as Record<string, string>)[value] ?? value;
}

/** The status vocabulary of a workflow axis. */
export const axisVocabulary = { acceptance: 'acceptanceStatus', implementation: 'implementationStatus', action: 'actionStatus' } as const;

/** Entity id -> short name in the UI language (儿基会, UNICEF, ЮНИСЕФ …), for "Executive head of UNICEF". */
export async function entityNames(ctx: PageContext, actx: AppContext): Promise<Map<string, string>> {
  const names = ctx.t.entityName as Record<string, string>;
  return new Map((await listEntities(actx.database.db)).map((e) => [e.id, names[e.id] ?? e.code]));
}

export function addresseeName(ctx: PageContext, a: { kind: string; boardId: string; entityId: string | null }): string {
  return a.kind === 'board' ? boardName(ctx, a.boardId) : ctx.t.oversight.headOf(entityOf(ctx, a.entityId ?? ''));
}

/** Whether the oversight policy lets the caller record responses and actions for this addressee. */
export function mayRespond(actor: Actor, a: { kind: string; boardId: string }): boolean {
  try {
    oversightPolicy.respond(actor, { board_id: a.boardId, kind: a.kind });
    return true;
  } catch (e) {
    if (isAppError(e)) return false;
    throw e;
  }
}

/** Every page of a keyset-paginated list (oversight lists are short; `max` pages bound the work). */
export async function allPages<T>(fetch: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>, max = 25): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < max; i++) {
    const page = await fetch(cursor);
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

const pct = (ctx: PageContext, progress: number) => ctx.f.percent(progress / 100);

/** "Accepted 3, Under consideration 1" as a list, in the order of the workflow's statuses. */
function counts(ctx: PageContext, vocabulary: Vocabulary, statuses: readonly string[], values: string[]): SafeHtml {
  const rows = statuses.map((s) => [s, values.filter((v) => v === s).length] as const).filter(([, n]) => n > 0);
  return html`<ul class="plain">${rows.map(([s, n]) => html`<li>${term(ctx, vocabulary, s)}: ${ctx.f.number(n)}</li>`)}</ul>`;
}

function axisCell(ctx: PageContext, vocabulary: Vocabulary, state: { status: string; on: string | null }): SafeHtml {
  return html`${term(ctx, vocabulary, state.status)}${state.on ? html`<br><span class="meta">${ctx.t.oversight.since(ctx.f.date(state.on))}</span>` : ''}`;
}

function dueText(ctx: PageContext, a: Action): string {
  if (a.dueDate) return ctx.f.date(a.dueDate);
  return a.dueSession ? `${label(ctx, 'sessionType', a.dueSession.type)} ${a.dueSession.year}` : '';
}

/** Links to the management forms of one addressee, for those the policy allows. */
function responseLinks(ctx: PageContext, a: Addressee): SafeHtml {
  if (!mayRespond(ctx.actor, a)) return html``;
  const { t } = ctx;
  return html`<ul class="plain"><li><a href="/oversight/addressees/${a.id}/acceptance">${t.oversight.recordAcceptance}</a></li><li><a href="/oversight/addressees/${a.id}/implementation">${t.oversight.recordImplementation}</a></li><li><a href="/oversight/addressees/${a.id}/actions/new">${t.oversight.newAction}</a></li></ul>`;
}

function addresseeTable(ctx: PageContext, rec: Recommendation, actions: Action[]): SafeHtml {
  const { t } = ctx;
  return html`<div class="table-scroll"><table><caption class="vh">${t.oversight.addressees}: ${t.oversight.recommendation(rec.number)}</caption>
<thead><tr><th scope="col">${t.oversight.addressee}</th><th scope="col">${t.oversight.acceptance}</th><th scope="col">${t.oversight.implementation}</th><th scope="col" class="num">${t.oversight.progress}</th><th scope="col">${t.oversight.actions}</th></tr></thead>
<tbody>${rec.addressees.map((a) => {
    const own = actions.filter((x) => x.addresseeId === a.id);
    return html`<tr><th scope="row">${addresseeName(ctx, a)}${responseLinks(ctx, a)}</th><td>${axisCell(ctx, 'acceptanceStatus', a.acceptance)}</td><td>${axisCell(ctx, 'implementationStatus', a.implementation)}</td><td class="num">${pct(ctx, a.progress)}</td>
<td>${own.length ? html`<ul class="plain">${own.map((x) => html`<li>${ownLanguage(ctx, x.title)} <span class="meta">(${term(ctx, 'actionStatus', x.status)}, ${pct(ctx, x.progress)})</span></li>`)}</ul>` : ''}</td></tr>`;
  })}</tbody></table></div>`;
}

export function oversightPageRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  const send = (reply: FastifyReply, ctx: PageContext, title: string, body: SafeHtml) =>
    reply.type('text/html; charset=utf-8').send(layout(ctx, { title, body, nav: 'oversight' }));
  const notFound = (reply: FastifyReply, ctx: PageContext) => reply.code(404).type('text/html; charset=utf-8').send(errorPage(ctx, 404));

  app.get('/oversight', { schema: { hide: true }, config: { permission: perm.public } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const [boards, codes] = await Promise.all([listBoards(db), entityNames(ctx, actx)]);
    // Unknown filter values are ignored rather than refused: the page is a reading page.
    const pick = (name: string, allowed: readonly string[]) => {
      const v = ctx.query.get(name) ?? '';
      return allowed.includes(v) ? v : undefined;
    };
    const filters = {
      board: pick('board', boards.map((b) => b.id)),
      entity: pick('entity', [...codes.keys()]),
      acceptance: pick('acceptance', ACCEPTANCE_STATUSES),
      implementation: pick('implementation', IMPLEMENTATION_STATUSES),
    };
    const filtered = Object.values(filters).some(Boolean);
    const [reviews, recs] = await Promise.all([
      allPages((cursor) => listReviews(db, { limit: 200, cursor })),
      allPages((cursor) => listRecommendations(db, { ...filters, limit: 200, cursor })),
    ]);
    const byReview = groupBy(recs, (r) => r.reviewId);
    const shown = filtered ? reviews.filter((r) => byReview.has(r.id)) : reviews;
    // The summary counts the addressees in view: those of the chosen board or organization.
    const inView = (a: Addressee) => (!filters.board || a.boardId === filters.board) && (!filters.entity || a.entityId === filters.entity);

    const opt = (v: string, selected: string | undefined, text: string) => html`<option value="${v}" ${(selected ?? '') === v ? html`selected` : ''}>${text}</option>`;
    const body = html`<h1>${t.oversight.title}</h1><p>${t.oversight.intro}</p>
${hasRole(ctx.actor, 'secretariat') ? html`<p><a class="button" href="/oversight/reviews/new">${t.oversight.newReview}</a></p>` : ''}
<nav aria-labelledby="o-more"><h2 id="o-more">${t.oversightMore.more}</h2><ul class="plain"><li><a href="/oversight/mandates">${t.oversightMore.mandates}</a></li><li><a href="/oversight/working-groups">${t.oversightMore.workingGroups}</a></li><li><a href="/oversight/shared-subjects">${t.oversightMore.sharedSubjects}</a></li>${hasRole(ctx.actor, 'administrator') ? html`<li><a href="/admin/workflows">${t.oversightAdmin.workflowsLink}</a></li>` : ''}</ul></nav>
<form class="filters" method="get" action="/oversight" aria-label="${t.oversight.filters}">
<label>${t.common.board}<select name="board">${opt('', '', t.common.any)}${boards.map((b) => opt(b.id, filters.board, boardName(ctx, b.id)))}</select></label>
<label>${t.oversight.entity}<select name="entity">${opt('', '', t.common.any)}${[...codes].map(([id, code]) => opt(id, filters.entity, code))}</select></label>
<label>${t.oversight.acceptance}<select name="acceptance">${opt('', '', t.common.any)}${ACCEPTANCE_STATUSES.map((s) => opt(s, filters.acceptance, term(ctx, 'acceptanceStatus', s)))}</select></label>
<label>${t.oversight.implementation}<select name="implementation">${opt('', '', t.common.any)}${IMPLEMENTATION_STATUSES.map((s) => opt(s, filters.implementation, term(ctx, 'implementationStatus', s)))}</select></label>
<button type="submit">${t.oversight.apply}</button>
</form>
${filtered ? html`<p><a href="/oversight">${t.oversight.clear}</a></p>` : ''}
<section aria-labelledby="o-reviews"><h2 id="o-reviews">${t.oversight.reviews}</h2>
${
  shown.length === 0
    ? html`<p role="status">${t.oversight.noReviews}</p>`
    : html`<div class="table-scroll"><table><caption class="vh">${t.oversight.reviews}</caption>
<thead><tr><th scope="col">${t.oversight.reviewOf}</th><th scope="col" class="num">${t.oversight.recommendations}</th><th scope="col" class="num">${t.oversight.progress}</th><th scope="col">${t.oversight.acceptance}</th><th scope="col">${t.oversight.implementation}</th></tr></thead>
<tbody>${shown.map((r) => {
        const mine = byReview.get(r.id) ?? [];
        const adds = mine.flatMap((x) => x.addressees).filter(inView);
        return html`<tr><th scope="row"><a href="/oversight/reviews/${r.id}">${ownLanguage(ctx, r.title)}</a>${syntheticLabel(ctx, r.synthetic)}<br><span class="meta">${r.issuingBody} · ${f.date(r.issuedOn)}${r.symbol ? html` · <span dir="ltr">${r.symbol}</span>` : ''}</span></th>
<td class="num">${f.number(filtered ? mine.length : r.recommendationCount)}</td><td class="num">${pct(ctx, r.progress)}</td>
<td>${counts(ctx, 'acceptanceStatus', ACCEPTANCE_STATUSES, adds.map((a) => a.acceptance.status))}</td><td>${counts(ctx, 'implementationStatus', IMPLEMENTATION_STATUSES, adds.map((a) => a.implementation.status))}</td></tr>`;
      })}</tbody></table></div>`
}</section>`;
    return send(reply, ctx, t.oversight.title, body);
  });

  app.get<{ Params: { id: string } }>('/oversight/reviews/:id', { schema: { hide: true }, config: { permission: perm.public } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const review = await getReview(db, req.params.id);
    if (!review) return notFound(reply, ctx);
    const [recs, doc] = await Promise.all([
      allPages((cursor) => listRecommendations(db, { review: review.id, limit: 200, cursor })),
      review.documentId ? getDocument(db, ctx.actor, review.documentId) : Promise.resolve(undefined),
    ]);
    const actions = await actionsOf(db, recs.flatMap((r) => r.addressees.map((a) => a.id)));
    const secretariat = hasRole(ctx.actor, 'secretariat');
    const body = html`<p><a href="/oversight">${t.oversight.title}</a></p>
<h1>${ownLanguage(ctx, review.title)}${syntheticLabel(ctx, review.synthetic)}</h1>
<p class="meta">${t.oversight.issuingBody}: ${review.issuingBody} · ${t.oversight.issuedOn}: ${f.date(review.issuedOn)}${review.symbol ? html` · ${t.common.symbol}: <span dir="ltr">${review.symbol}</span>` : ''}</p>
<p>${t.oversight.recommendations}: ${f.number(review.recommendationCount)} · ${t.oversight.progress}: ${pct(ctx, review.progress)}</p>
${doc ? html`<p><a href="/documents/${doc.id}">${t.oversight.report}</a></p>` : ''}
${secretariat ? html`<p><a class="button" href="/oversight/reviews/${review.id}/recommendations/new">${t.oversight.newRecommendation}</a></p>` : ''}
${mayEditReviews(ctx.actor) ? html`<p><a href="/oversight/reviews/${review.id}/edit">${t.oversightAdmin.editReview}</a> · <a href="/oversight/reviews/${review.id}/import">${t.oversightAdmin.importLink}</a></p>` : ''}
<section aria-labelledby="o-recs"><h2 id="o-recs">${t.oversight.recommendations}</h2>
${
  recs.length === 0
    ? html`<p>${t.oversight.noRecommendations}</p>`
    : recs.map(
        (r) => html`<div class="agenda-item" id="r-${r.id}"><h3><a href="/oversight/recommendations/${r.id}">${t.oversight.recommendation(r.number)}</a>${syntheticLabel(ctx, r.synthetic)}</h3>
<p class="meta">${t.oversight.category}: ${term(ctx, 'categoryName', r.category)} · ${t.oversight.priority}: ${term(ctx, 'priorityName', r.priority)} · ${t.oversight.progress}: ${pct(ctx, r.progress)}</p>
<p${languageOf(ctx, r.text)}>${r.text}</p>
${addresseeTable(ctx, r, actions)}
<p><a href="/oversight/recommendations/${r.id}">${t.oversight.details}</a></p></div>`,
      )
}</section>`;
    return send(reply, ctx, review.title, body);
  });

  app.get<{ Params: { id: string } }>('/oversight/recommendations/:id', { schema: { hide: true }, config: { permission: perm.public } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const rec = await recommendationDetail(db, req.params.id);
    if (!rec) return notFound(reply, ctx);
    const [review, histories] = await Promise.all([
      getReview(db, rec.reviewId),
      // The history of each addressee: its own changes and those of its actions, as the API's /history.
      Promise.all(rec.addressees.map((a) => history(db, [a.id, ...rec.actions.filter((x) => x.addresseeId === a.id).map((x) => x.id)]))),
    ]);
    // Evidence that is a document is listed only when the caller may read that document.
    const documentIds = [...new Set(rec.actions.flatMap((a) => a.evidence.map((e) => e.documentId)).filter((d): d is string => !!d))];
    const readable = new Set((await Promise.all(documentIds.map((id) => getDocument(db, ctx.actor, id)))).flatMap((d) => (d ? [d.id] : [])));
    const title = `${t.oversight.recommendation(rec.number)} — ${review?.title ?? ''}`;
    const statusText = (axis: string, v: string | null) => (v ? term(ctx, axisVocabulary[axis as keyof typeof axisVocabulary] ?? 'actionStatus', v) : '—');

    const actionTable = (a: Addressee, caption: string) => {
      const own = rec.actions.filter((x) => x.addresseeId === a.id);
      if (!own.length) return html`<p>${t.oversight.noActions}</p>`;
      const responder = mayRespond(ctx.actor, a);
      return html`<div class="table-scroll"><table><caption class="vh">${caption}</caption>
<thead><tr><th scope="col">${t.oversight.action}</th><th scope="col">${t.oversight.owner}</th><th scope="col">${t.oversight.due}</th><th scope="col">${t.oversight.status}</th><th scope="col" class="num">${t.oversight.progress}</th><th scope="col">${t.oversight.evidence}</th></tr></thead>
<tbody>${own.map((x) => {
        const evidence = x.evidence.filter((e) => e.kind === 'link' || (e.documentId && readable.has(e.documentId)));
        return html`<tr><th scope="row">${ownLanguage(ctx, x.title)}${syntheticLabel(ctx, x.synthetic)}${responder ? html`<br><a href="/oversight/actions/${x.id}/progress">${t.oversight.recordProgress}</a> · <a href="/oversight/actions/${x.id}/edit">${t.oversightMore.editAction}</a> · <a href="/oversight/actions/${x.id}/evidence/new">${t.oversightMore.addEvidence}</a>` : ''}</th><td>${x.owner}</td><td>${dueText(ctx, x)}</td><td>${term(ctx, 'actionStatus', x.status)}${x.completedOn ? html`<br><span class="meta">${f.date(x.completedOn)}</span>` : ''}</td><td class="num">${pct(ctx, x.progress)}</td>
<td>${evidence.length ? html`<ul class="plain">${evidence.map((e) => html`<li><a href="${e.kind === 'link' ? (e.url ?? '') : `/documents/${e.documentId ?? ''}`}">${e.title}</a></li>`)}</ul>` : ''}</td></tr>`;
      })}</tbody></table></div>`;
    };

    const historyTable = (a: Addressee, items: Awaited<ReturnType<typeof history>>, caption: string) => {
      if (!items.length) return html`<p>${t.oversight.noHistory}</p>`;
      const subject = (id: string, axis: string) =>
        id === a.id ? (axis === 'acceptance' ? t.oversight.acceptance : t.oversight.implementation) : `${t.oversight.action}: ${rec.actions.find((x) => x.id === id)?.title ?? ''}`;
      return html`<div class="table-scroll"><table><caption class="vh">${caption}</caption>
<thead><tr><th scope="col">${t.oversight.effectiveOn}</th><th scope="col">${t.oversight.change}</th><th scope="col">${t.oversight.status}</th><th scope="col" class="num">${t.oversight.progress}</th><th scope="col">${t.oversight.recordedBy}</th><th scope="col">${t.oversight.justification}</th></tr></thead>
<tbody>${items.map(
        (h) =>
          html`<tr><td>${f.date(h.effectiveOn)}</td><th scope="row">${subject(h.subjectId, h.axis)}</th><td>${statusText(h.axis, h.from)} → ${statusText(h.axis, h.to)}</td><td class="num">${h.progressBefore !== null && h.progressAfter !== null ? `${pct(ctx, h.progressBefore)} → ${pct(ctx, h.progressAfter)}` : ''}</td><td>${h.actorName}</td><td>${h.justification ?? ''}</td></tr>`,
      )}</tbody></table></div>`;
    };

    const body = html`<p><a href="/oversight">${t.oversight.title}</a>${review ? html` › <a href="/oversight/reviews/${review.id}">${ownLanguage(ctx, review.title)}</a>` : ''}</p>
<h1>${t.oversight.recommendation(rec.number)}${syntheticLabel(ctx, rec.synthetic)}</h1>
<p${languageOf(ctx, rec.text)}>${rec.text}</p>
<p class="meta">${t.oversight.category}: ${term(ctx, 'categoryName', rec.category)} · ${t.oversight.priority}: ${term(ctx, 'priorityName', rec.priority)} · ${t.oversight.weight}: ${f.number(rec.weight)} · ${t.oversight.progress}: ${pct(ctx, rec.progress)}</p>
${rec.intendedImpact ? html`<p>${t.oversight.impact}: ${rec.intendedImpact}</p>` : ''}
${
  rec.decisionLinks.length
    ? html`<h2>${t.oversight.decisions}</h2><ul>${rec.decisionLinks.map(
        (d) => html`<li><a href="/decisions/${d.decisionId}">${t.decision.heading(d.decisionNumber)}</a>${d.paragraphNumber ? `, ${t.oversight.paragraph(d.paragraphNumber)}` : ''} <span class="meta">(${boardName(ctx, d.boardId)})</span></li>`,
      )}</ul>`
    : ''
}
${mayEditReviews(ctx.actor) ? html`<p><a href="/oversight/recommendations/${rec.id}/edit">${t.oversightAdmin.editRecommendation}</a></p>` : ''}
${hasRole(ctx.actor, 'secretariat') ? html`<p><a class="button" href="/oversight/recommendations/${rec.id}/addressees/new">${t.oversight.newAddressee}</a> <a class="button" href="/oversight/recommendations/${rec.id}/decision-links/new">${t.oversightMore.linkDecision}</a></p>` : ''}
<h2>${t.oversight.addressees}</h2>
${rec.addressees.map((a, i) => {
  const name = addresseeName(ctx, a);
  return html`<section id="a-${a.id}" aria-labelledby="a-${a.id}-h"><h3 id="a-${a.id}-h">${name}</h3>
<ul class="plain"><li>${t.oversight.acceptance}: ${axisCell(ctx, 'acceptanceStatus', a.acceptance)}${a.acceptance.justification ? html` — ${a.acceptance.justification}` : ''}</li>
<li>${t.oversight.implementation}: ${axisCell(ctx, 'implementationStatus', a.implementation)}${a.implementation.justification ? html` — ${a.implementation.justification}` : ''}</li>
<li>${t.oversight.progress}: ${pct(ctx, a.progress)}</li></ul>
${responseLinks(ctx, a)}
<h4>${t.oversight.actions}</h4>${actionTable(a, `${t.oversight.actions}: ${name}`)}
<h4>${t.oversight.history}</h4>${historyTable(a, histories[i] ?? [], `${t.oversight.history}: ${name}`)}</section>`;
})}`;
    return send(reply, ctx, title, body);
  });

  oversightFormRoutes(app, actx);
  oversightMandateRoutes(app, actx);
  oversightGroupRoutes(app, actx);
  oversightActionRoutes(app, actx);
  oversightEditRoutes(app, actx);
  oversightImportRoutes(app, actx);
  answerRoutes(app, actx);
}
