// Mandates: what board decisions ask of the organizations. A public list filtered as the API's
// (board, organization, status, due session, decision) and a mandate with its source paragraph,
// status history and fulfilment. The secretariat of the board records a mandate by hand, asks for
// suggestions from a decision's operative paragraphs (a button on the decision page), and confirms,
// rejects or fulfils each one; every form calls the same command as the API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../app/context.js';
import type { DB } from '../../db/schema.js';
import { errors, isAppError } from '../../lib/errors.js';
import { hasRole, type Actor } from '../../modules/access/actor.js';
import { perm } from '../../modules/access/permissions.js';
import { getDecision, listDecisions } from '../../modules/decisions/queries.js';
import { getDocument, listDocuments } from '../../modules/documents/queries.js';
import { confirmMandate } from '../../modules/oversight/commands/confirmMandate.js';
import { createMandate } from '../../modules/oversight/commands/createMandate.js';
import { fulfilMandate } from '../../modules/oversight/commands/fulfilMandate.js';
import { rejectMandate } from '../../modules/oversight/commands/rejectMandate.js';
import { suggestMandates } from '../../modules/oversight/commands/suggestMandates.js';
import { oversightPolicy } from '../../modules/oversight/policies.js';
import { getMandate, history, listMandates } from '../../modules/oversight/queries.js';
import {
  ConfirmMandate,
  CreateMandate,
  DUE_SESSION_TYPES,
  FulfilMandate,
  RejectMandate,
  type ConfirmMandateInput,
  type CreateMandateInput,
  type FulfilMandateInput,
} from '../../modules/oversight/schema.js';
import { MANDATE_STATUSES } from '../../modules/oversight/workflow.js';
import { listBoards, listEntities } from '../../modules/registry/queries.js';
import { href, pageContext, type PageContext } from '../context.js';
import { str, type FieldSpec, type FormValues } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { boardName, label, todayIso } from '../labels.js';
import { layout, syntheticLabel } from '../layout.js';
import { entityNames } from './oversight.js';
import { idOf, num, opt, registerGuardedForm } from './oversight-forms.js';
import { registerForm } from './forms.js';
import { errorPage, ownLanguage } from './parts.js';

type Mandate = NonNullable<Awaited<ReturnType<typeof getMandate>>>;

/** Whether a policy check passes for the caller (a refusal is an AppError; anything else is a fault). */
export function allows(check: () => void): boolean {
  try {
    check();
    return true;
  } catch (e) {
    if (isAppError(e)) return false;
    throw e;
  }
}

export const sendPage = (reply: FastifyReply, ctx: PageContext, title: string, body: SafeHtml, status = 200) =>
  reply.code(status).type('text/html; charset=utf-8').send(layout(ctx, { title, body, nav: 'oversight' }));
export const notFoundPage = (reply: FastifyReply, ctx: PageContext) => reply.code(404).type('text/html; charset=utf-8').send(errorPage(ctx, 404));

/** Boards whose secretariat the caller is, as choices. */
export async function managedBoardOptions(db: Kysely<DB>, ctx: PageContext) {
  return (await listBoards(db)).filter((b) => hasRole(ctx.actor, 'secretariat', b.id)).map((b) => opt(b.id, boardName(ctx, b.id)));
}

/** Decisions of the given boards, newest first, as choices ("Decision 2024/901 — Board"). */
export async function decisionOptions(db: Kysely<DB>, ctx: PageContext, boardIds: string[]) {
  const pages = await Promise.all(boardIds.map((board) => listDecisions(db, { board, limit: 100 })));
  return pages.flatMap((p) => p.items.map((d) => opt(d.id, `${ctx.t.decision.heading(d.number)} — ${boardName(ctx, d.board_id)}`)));
}

/** Documents of a board that the caller may read, as choices (symbol, else title). */
export async function documentOptions(db: Kysely<DB>, actor: Actor, boardId: string) {
  const docs = await listDocuments(db, actor, { board: boardId, limit: 100 });
  return docs.items.map((d) => opt(d.id, d.symbol ? `${d.symbol} — ${d.title}` : d.title));
}

/** "Annual session 2025". */
export const dueText = (ctx: PageContext, due: { type: string; year: number } | null) => (due ? `${label(ctx, 'sessionType', due.type)} ${due.year}` : '');

/** The source of a mandate: its decision and paragraph, linked to the paragraph's anchor. */
export function mandateSource(ctx: PageContext, m: Pick<Mandate, 'decisionId' | 'decisionNumber' | 'paragraphNumber'>): SafeHtml {
  if (!m.decisionId) return html`${ctx.t.oversightMore.byHand}`;
  const anchor = m.paragraphNumber ? `#op${m.paragraphNumber}` : '';
  return html`<a href="/decisions/${m.decisionId}${anchor}">${ctx.t.decision.heading(m.decisionNumber ?? '')}${m.paragraphNumber ? `, ${ctx.t.oversight.paragraph(m.paragraphNumber)}` : ''}</a>`;
}

export function oversightMandateRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  const pub = { schema: { hide: true }, config: { permission: perm.public } };

  app.get('/oversight/mandates', pub, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const m = t.oversightMore;
    const [boards, codes] = await Promise.all([listBoards(db), entityNames(ctx, actx)]);
    // Unknown filter values are ignored, as on the other oversight reading pages.
    const pick = (name: string, allowed: readonly string[]) => {
      const v = ctx.query.get(name) ?? '';
      return allowed.includes(v) ? v : undefined;
    };
    const year = ctx.query.get('dueYear') ?? '';
    const decisionParam = ctx.query.get('decision');
    const decision = decisionParam ? await getDecision(db, decisionParam) : undefined;
    const filters = {
      board: pick('board', boards.map((b) => b.id)),
      entity: pick('entity', [...codes.keys()]),
      status: pick('status', MANDATE_STATUSES),
      dueSessionType: pick('dueSessionType', DUE_SESSION_TYPES),
      dueYear: /^\d{4}$/.test(year) ? Number(year) : undefined,
      decision: decision?.id,
    };
    let page;
    try {
      page = await listMandates(db, { ...filters, cursor: ctx.query.get('cursor') ?? undefined, limit: 50 });
    } catch (e) {
      if (!isAppError(e)) throw e;
      page = await listMandates(db, { ...filters, limit: 50 });
    }
    const suggested = /^\d+$/.test(ctx.query.get('suggested') ?? '') ? Number(ctx.query.get('suggested')) : undefined;
    const o = (v: string, selected: string | undefined, text: string) => html`<option value="${v}" ${(selected ?? '') === v ? html`selected` : ''}>${text}</option>`;
    const any = o('', '', t.common.any);
    const body = html`<p><a href="/oversight">${t.oversight.title}</a></p><h1>${m.mandates}</h1><p>${m.mandatesIntro}</p>
${suggested !== undefined ? html`<p class="notice" role="status">${m.suggestedCount(ctx.f.number(suggested))}</p>` : ''}
${hasRole(ctx.actor, 'secretariat') ? html`<p><a class="button" href="/oversight/mandates/new">${m.newMandate}</a></p>` : ''}
<form class="filters" method="get" action="/oversight/mandates" aria-label="${m.filterMandates}">
${decision ? html`<input type="hidden" name="decision" value="${decision.id}">` : ''}
<label>${t.common.board}<select name="board">${any}${boards.map((b) => o(b.id, filters.board, boardName(ctx, b.id)))}</select></label>
<label>${m.organization}<select name="entity">${any}${[...codes].map(([id, code]) => o(id, filters.entity, code))}</select></label>
<label>${m.status}<select name="status">${any}${MANDATE_STATUSES.map((s) => o(s, filters.status, label(ctx, 'mandateStatus', s)))}</select></label>
<label>${m.dueSession}<select name="dueSessionType">${any}${DUE_SESSION_TYPES.map((s) => o(s, filters.dueSessionType, label(ctx, 'sessionType', s)))}</select></label>
<label>${m.dueYear}<input type="text" inputmode="numeric" name="dueYear" size="6" value="${filters.dueYear ?? ''}"></label>
<button type="submit">${t.oversight.apply}</button>
</form>
${decision ? html`<p>${m.fromDecision(decision.number)} · <a href="/decisions/${decision.id}">${t.decision.heading(decision.number)}</a></p>` : ''}
${Object.values(filters).some(Boolean) ? html`<p><a href="/oversight/mandates">${t.oversight.clear}</a></p>` : ''}
${
  page.items.length === 0
    ? html`<p role="status">${m.noMandates}</p>`
    : html`<div class="table-scroll"><table><caption class="vh">${m.mandates}</caption>
<thead><tr><th scope="col">${m.deliverable}</th><th scope="col">${m.source}</th><th scope="col">${m.addressee}</th><th scope="col">${m.due}</th><th scope="col">${m.status}</th></tr></thead>
<tbody>${page.items.map(
        (x) => html`<tr><th scope="row"><a href="/oversight/mandates/${x.id}" lang="${x.language}">${x.deliverable}</a>${syntheticLabel(ctx, x.synthetic)}</th><td>${mandateSource(ctx, x)}<br><span class="meta">${boardName(ctx, x.boardId)}</span></td>
<td><span lang="${x.language}">${x.addresseeText}</span>${x.entityId ? html` <span class="meta">(${codes.get(x.entityId) ?? x.entityId})</span>` : ''}</td><td>${dueText(ctx, x.dueSession)}</td><td>${label(ctx, 'mandateStatus', x.status)}</td></tr>`,
      )}</tbody></table></div>`
}
${page.nextCursor ? html`<p class="pager"><a href="${href('/oversight/mandates', { ...filters, cursor: page.nextCursor })}">${t.common.nextPage}</a></p>` : ''}`;
    return sendPage(reply, ctx, m.mandates, body);
  });

  app.get<{ Params: { id: string } }>('/oversight/mandates/:id', pub, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const m = t.oversightMore;
    const x = await getMandate(db, req.params.id);
    if (!x) return notFoundPage(reply, ctx);
    const [changes, codes, doc] = await Promise.all([
      history(db, [x.id]),
      entityNames(ctx, actx),
      // The fulfilling report is linked only for those who may read it.
      x.fulfilledByDocumentId ? getDocument(db, ctx.actor, x.fulfilledByDocumentId) : Promise.resolve(undefined),
    ]);
    const confirmed = changes.filter((c) => c.to === 'confirmed').at(-1);
    const manager = allows(() => oversightPolicy.manageForBoard(ctx.actor, x.boardId));
    const status = (s: string | null) => (s ? label(ctx, 'mandateStatus', s) : '—');
    const forms = [
      ...(x.status === 'suggested' ? [['confirm', m.confirm] as const] : []),
      ...(x.status === 'confirmed' ? [['fulfil', m.fulfil] as const] : []),
      ...(x.status === 'suggested' || x.status === 'confirmed' ? [['reject', m.reject] as const] : []),
    ];
    const body = html`<p><a href="/oversight">${t.oversight.title}</a> › <a href="/oversight/mandates">${m.mandates}</a></p>
<h1>${m.mandate}: <span lang="${x.language}">${x.deliverable}</span>${syntheticLabel(ctx, x.synthetic)}</h1>
<dl>
<dt>${t.common.board}</dt><dd>${boardName(ctx, x.boardId)}</dd>
<dt>${m.source}</dt><dd>${mandateSource(ctx, x)}</dd>
${x.span ? html`<dt>${m.sourceText}</dt><dd><blockquote lang="${x.language}">${x.span.text}</blockquote></dd>` : ''}
<dt>${m.addressee}</dt><dd><span lang="${x.language}">${x.addresseeText}</span>${x.entityId ? html` (${codes.get(x.entityId) ?? x.entityId})` : ''}</dd>
<dt>${m.due}</dt><dd>${dueText(ctx, x.dueSession) || '—'}</dd>
<dt>${m.status}</dt><dd>${status(x.status)}${confirmed ? html`<br><span class="meta">${m.confirmedBy(confirmed.actorName, f.date(confirmed.effectiveOn))}</span>` : ''}</dd>
${
  x.fulfilledOn
    ? html`<dt>${m.fulfilment}</dt><dd>${doc ? html`<a href="/documents/${doc.id}">${doc.symbol ? html`<span dir="ltr">${doc.symbol}</span>` : ownLanguage(ctx, doc.title)}</a>, ` : ''}${f.date(x.fulfilledOn)}</dd>`
    : ''
}
</dl>
${manager && forms.length ? html`<ul class="plain">${forms.map(([path, text]) => html`<li><a class="button" href="/oversight/mandates/${x.id}/${path}">${text}</a></li>`)}</ul>` : ''}
<h2>${t.oversight.history}</h2>
${
  changes.length
    ? html`<div class="table-scroll"><table><caption class="vh">${t.oversight.history}</caption>
<thead><tr><th scope="col">${t.oversight.effectiveOn}</th><th scope="col">${t.oversight.status}</th><th scope="col">${t.oversight.recordedBy}</th><th scope="col">${t.oversight.justification}</th></tr></thead>
<tbody>${changes.map((c) => html`<tr><th scope="row">${f.date(c.effectiveOn)}</th><td>${status(c.from)} → ${status(c.to)}</td><td>${c.actorName}</td><td>${c.justification ?? ''}</td></tr>`)}</tbody></table></div>`
    : html`<p>${t.oversight.noHistory}</p>`
}`;
    return sendPage(reply, ctx, `${m.mandate}: ${x.deliverable}`, body);
  });

  // A decision's "Suggest mandates" button: the same command as POST /api/oversight/decisions/:id/mandate-suggestions.
  app.post<{ Params: { id: string } }>('/oversight/decisions/:id/mandate-suggestions', { schema: { hide: true }, config: { permission: perm.secretariat } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    try {
      const created = await suggestMandates(db, ctx.actor, req.params.id);
      return reply.redirect(href('/oversight/mandates', { decision: req.params.id, suggested: created.length }), 303);
    } catch (e) {
      if (isAppError(e) && (e.status === 403 || e.status === 404)) return reply.code(e.status).type('text/html; charset=utf-8').send(errorPage(ctx, e.status));
      throw e;
    }
  });

  const dueFields = (ctx: PageContext): FieldSpec[] => [
    { name: 'dueSession', label: ctx.t.oversight.dueSession, kind: 'select', optional: true, options: [opt('', ctx.t.oversight.none), ...DUE_SESSION_TYPES.map((s) => opt(s, label(ctx, 'sessionType', s)))] },
    { name: 'dueSessionYear', label: ctx.t.oversight.dueYear, kind: 'text', optional: true, hint: ctx.t.oversight.yearHint },
  ];
  // Session and year travel together; a year without its session is reported on the session.
  const dueInput = (v: FormValues) => (str(v, 'dueSession') || str(v, 'dueSessionYear') ? { dueSession: { type: str(v, 'dueSession'), year: num(v, 'dueSessionYear') } } : {});
  /** Organizations overseen by the boards, as choices (code). */
  const entityOptions = async (boardIds: string[]) => (await listEntities(db)).filter((e) => e.board_id && boardIds.includes(e.board_id)).map((e) => opt(e.id, e.code));

  registerForm<CreateMandateInput>(app, {
    path: '/oversight/mandates/new',
    permission: perm.secretariat,
    nav: 'oversight',
    title: (ctx) => ctx.t.oversightMore.newMandate,
    fields: async (ctx) => {
      const boards = await managedBoardOptions(db, ctx);
      const ids = boards.map((b) => b.value);
      const m = ctx.t.oversightMore;
      const none = opt('', ctx.t.oversight.none);
      return [
        { name: 'boardId', label: ctx.t.common.board, kind: 'select', options: boards },
        { name: 'decisionId', label: m.decision, kind: 'select', optional: true, options: [none, ...(await decisionOptions(db, ctx, ids))] },
        { name: 'paragraphNumber', label: m.paragraph, kind: 'text', optional: true, hint: m.paragraphHint },
        { name: 'addresseeText', label: m.addresseeText, kind: 'text', hint: m.addresseeHint },
        { name: 'entityId', label: m.organization, kind: 'select', optional: true, options: [none, ...(await entityOptions(ids))] },
        { name: 'verb', label: m.verb, kind: 'text', optional: true, hint: m.verbHint },
        { name: 'deliverable', label: m.deliverable, kind: 'textarea' },
        ...dueFields(ctx),
      ];
    },
    toInput: (v) => ({
      boardId: str(v, 'boardId'),
      ...(str(v, 'decisionId') ? { decisionId: str(v, 'decisionId') } : {}),
      ...(str(v, 'paragraphNumber') ? { paragraphNumber: str(v, 'paragraphNumber') } : {}),
      ...(str(v, 'entityId') ? { entityId: str(v, 'entityId') } : {}),
      addresseeText: str(v, 'addresseeText'),
      ...(str(v, 'verb') ? { verb: str(v, 'verb') } : {}),
      deliverable: str(v, 'deliverable'),
      ...dueInput(v),
    }),
    schema: CreateMandate,
    save: async (ctx, input) => `/oversight/mandates/${await createMandate(db, ctx.actor, input)}`,
  });

  /** 404 for a missing mandate, 403 when the caller is not the secretariat of its board. */
  const checkMandate = async (req: FastifyRequest) => {
    const x = await getMandate(db, idOf(req));
    if (!x) throw errors.notFound('Mandate', idOf(req));
    oversightPolicy.manageForBoard(req.actor, x.boardId);
  };
  const mandateOf = async (req: FastifyRequest) => (await getMandate(db, idOf(req)))!;
  const lead = async (ctx: PageContext, req: FastifyRequest) => {
    const x = await mandateOf(req);
    return html`<p>${ctx.t.oversightMore.mandate}: <a href="/oversight/mandates/${x.id}" lang="${x.language}">${x.deliverable}</a> <span class="meta">(${label(ctx, 'mandateStatus', x.status)} · ${mandateSource(ctx, x)})</span></p>`;
  };
  const back = (req: FastifyRequest) => `/oversight/mandates/${idOf(req)}`;

  registerGuardedForm<ConfirmMandateInput>(app, checkMandate, {
    path: '/oversight/mandates/:id/confirm',
    permission: perm.secretariat,
    nav: 'oversight',
    title: (ctx) => ctx.t.oversightMore.confirm,
    lead,
    initial: async (_ctx, req) => {
      const x = await mandateOf(req);
      return { entityId: x.entityId ?? '', deliverable: x.deliverable, dueSession: x.dueSession?.type ?? '', dueSessionYear: x.dueSession ? String(x.dueSession.year) : '' };
    },
    fields: async (ctx, req) => {
      const x = await mandateOf(req);
      const m = ctx.t.oversightMore;
      return [
        { name: 'entityId', label: m.organization, kind: 'select', optional: true, hint: m.correctHint, options: [opt('', ctx.t.oversight.none), ...(await entityOptions([x.boardId]))] },
        { name: 'deliverable', label: m.deliverable, kind: 'textarea', optional: true },
        ...dueFields(ctx),
        { name: 'justification', label: ctx.t.oversight.justification, kind: 'textarea', optional: true },
      ];
    },
    toInput: (v) => ({
      ...(str(v, 'entityId') ? { entityId: str(v, 'entityId') } : {}),
      ...(str(v, 'deliverable') ? { deliverable: str(v, 'deliverable') } : {}),
      ...dueInput(v),
      ...(str(v, 'justification') ? { justification: str(v, 'justification') } : {}),
    }),
    schema: ConfirmMandate,
    save: async (ctx, input, req) => {
      await confirmMandate(db, ctx.actor, { id: idOf(req), input });
      return back(req);
    },
  });

  registerGuardedForm<{ justification: string }>(app, checkMandate, {
    path: '/oversight/mandates/:id/reject',
    permission: perm.secretariat,
    nav: 'oversight',
    title: (ctx) => ctx.t.oversightMore.reject,
    lead,
    fields: async (ctx) => [{ name: 'justification', label: ctx.t.oversight.justification, kind: 'textarea', hint: ctx.t.oversightMore.rejectHint }],
    toInput: (v) => ({ justification: str(v, 'justification') }),
    schema: RejectMandate,
    save: async (ctx, input, req) => {
      await rejectMandate(db, ctx.actor, { id: idOf(req), justification: input.justification });
      return back(req);
    },
  });

  registerGuardedForm<FulfilMandateInput>(app, checkMandate, {
    path: '/oversight/mandates/:id/fulfil',
    permission: perm.secretariat,
    nav: 'oversight',
    title: (ctx) => ctx.t.oversightMore.fulfil,
    lead,
    initial: () => ({ on: todayIso() }),
    fields: async (ctx, req) => {
      const x = await mandateOf(req);
      const m = ctx.t.oversightMore;
      return [
        { name: 'documentId', label: m.report, kind: 'select', hint: m.reportHint, options: [opt('', m.chooseDocument), ...(await documentOptions(db, ctx.actor, x.boardId))] },
        { name: 'on', label: m.fulfilledOn, kind: 'date', hint: 'YYYY-MM-DD' },
        { name: 'justification', label: ctx.t.oversight.justification, kind: 'textarea', optional: true },
      ];
    },
    toInput: (v) => ({ documentId: str(v, 'documentId'), on: str(v, 'on'), ...(str(v, 'justification') ? { justification: str(v, 'justification') } : {}) }),
    schema: FulfilMandate,
    save: async (ctx, input, req) => {
      // A document the caller may not read is answered as missing, beside the field.
      if (!(await getDocument(db, ctx.actor, input.documentId))) throw errors.validation([{ path: '/body/documentId', message: `unknown document '${input.documentId}'` }]);
      await fulfilMandate(db, ctx.actor, { id: idOf(req), input });
      return back(req);
    },
  });
}
