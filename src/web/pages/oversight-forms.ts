// Oversight forms. The secretariat registers reviews, adds recommendations and addressees;
// management (or the board's secretariat) records an addressee's acceptance and implementation,
// adds actions and records their progress. Each form calls the same command as the API; a move the
// workflow does not allow comes back beside the status field. A record that does not exist is an
// HTML 404 and one the oversight policy keeps from the caller an HTML 403, before the form shows.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { errors, isAppError } from '../../lib/errors.js';
import { hasRole } from '../../modules/access/actor.js';
import { perm } from '../../modules/access/permissions.js';
import { addAction } from '../../modules/oversight/commands/addAction.js';
import { addAddressee } from '../../modules/oversight/commands/addAddressee.js';
import { addRecommendation } from '../../modules/oversight/commands/addRecommendation.js';
import { recordActionProgress } from '../../modules/oversight/commands/recordActionProgress.js';
import { recordResponse } from '../../modules/oversight/commands/recordResponse.js';
import { registerReview } from '../../modules/oversight/commands/registerReview.js';
import { oversightPolicy } from '../../modules/oversight/policies.js';
import { getAction, getAddressee, getRecommendation, getReview } from '../../modules/oversight/queries.js';
import {
  ADDRESSEE_KINDS,
  CATEGORIES,
  CreateAction,
  CreateRecommendation,
  CreateReview,
  AddresseeIn,
  DUE_SESSION_TYPES,
  PRIORITIES,
  RecordActionProgress,
  RecordResponse,
  type AddresseeInput,
  type CreateActionInput,
  type CreateRecommendationInput,
  type CreateReviewInput,
  type RecordActionProgressInput,
  type RecordResponseInput,
} from '../../modules/oversight/schema.js';
import { ACCEPTANCE_STATUSES, ACTION_STATUSES, IMPLEMENTATION_STATUSES } from '../../modules/oversight/workflow.js';
import { parseAddresseeKey } from '../../modules/oversight/write-helpers.js';
import { listBoards } from '../../modules/registry/queries.js';
import { pageContext, type PageContext } from '../context.js';
import { list, str, type FieldSpec, type FormValues } from '../forms.js';
import { boardName, entityOf, label, todayIso } from '../labels.js';
import { registerForm, type FormDef } from './forms.js';
import { addresseeName, entityNames, term } from './oversight.js';
import { errorPage } from './parts.js';

export const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

/** A number when the text is one, else the text itself, so that the schema names the field. */
export function num(v: FormValues, k: string): number | string | undefined {
  const s = str(v, k);
  return s === undefined ? undefined : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

export const opt = (value: string, text: string) => ({ value, label: text });

/** The fields of an action, for adding one and for editing it (the hint names the recommendation). */
export function actionFields(ctx: PageContext, titleHint?: string): FieldSpec[] {
  const t = ctx.t.oversight;
  return [
    { name: 'title', label: ctx.t.common.title, kind: 'text', ...(titleHint ? { hint: titleHint } : {}) },
    { name: 'owner', label: t.owner, kind: 'text' },
    { name: 'dueDate', label: t.dueDate, kind: 'date', optional: true, hint: 'YYYY-MM-DD' },
    { name: 'dueSession', label: t.dueSession, kind: 'select', optional: true, options: [opt('', t.none), ...DUE_SESSION_TYPES.map((s) => opt(s, label(ctx, 'sessionType', s)))] },
    { name: 'dueSessionYear', label: t.dueYear, kind: 'text', optional: true, hint: t.yearHint },
    { name: 'weight', label: t.weight, kind: 'text', optional: true, hint: t.weightHint },
  ];
}

/**
 * Registers a form whose record must exist and be open to the caller: `check` runs before the
 * handler and throws 404 (missing) or 403 (the policy refuses); the answer is an HTML error page.
 */
export function registerGuardedForm<T>(app: FastifyInstance, check: (req: FastifyRequest) => Promise<void>, def: FormDef<T>): void {
  void app.register(async (scope) => {
    scope.addHook('preHandler', async (req, reply) => {
      try {
        await check(req);
      } catch (e) {
        if (!isAppError(e) || (e.status !== 403 && e.status !== 404)) throw e;
        return reply.code(e.status).type('text/html; charset=utf-8').send(errorPage(pageContext(req, reply), e.status));
      }
    });
    registerForm(scope, def);
  });
}

export function oversightFormRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;

  /** The addressee and its recommendation, or 404. */
  const addresseeOf = async (id: string) => {
    const a = await getAddressee(db, id);
    if (!a) throw errors.notFound('Addressee', id);
    return { a, rec: (await getRecommendation(db, a.recommendationId))! };
  };
  /** 404 for a missing addressee, 403 when the oversight policy does not let the caller respond. */
  const checkResponder = async (req: FastifyRequest, id: string) => {
    const { a } = await addresseeOf(id);
    oversightPolicy.respond(req.actor, { board_id: a.boardId, kind: a.kind });
  };
  const context = async (ctx: PageContext, id: string) => {
    const { a, rec } = await addresseeOf(id);
    return { a, name: addresseeName(ctx, a), recName: ctx.t.oversight.recommendation(rec.number) };
  };
  const afterResponse = (recId: string, addresseeId: string) => `/oversight/recommendations/${recId}#a-${addresseeId}`;

  // ---- secretariat ----
  registerForm<CreateReviewInput>(app, {
    path: '/oversight/reviews/new',
    permission: perm.secretariat,
    nav: 'oversight',
    title: (ctx) => ctx.t.oversight.newReview,
    fields: async (ctx) => [
      { name: 'title', label: ctx.t.common.title, kind: 'text' },
      { name: 'issuingBody', label: ctx.t.oversight.issuingBody, kind: 'text' },
      { name: 'year', label: ctx.t.common.year, kind: 'text', hint: ctx.t.oversight.yearHint },
      { name: 'symbol', label: ctx.t.common.symbol, kind: 'text', optional: true, hint: ctx.t.oversight.symbolHint },
      { name: 'issuedOn', label: ctx.t.oversight.issuedOn, kind: 'date', optional: true, hint: 'YYYY-MM-DD' },
    ],
    toInput: (v) => ({
      title: str(v, 'title'),
      issuingBody: str(v, 'issuingBody'),
      year: num(v, 'year'),
      ...(str(v, 'symbol') ? { symbol: str(v, 'symbol') } : {}),
      ...(str(v, 'issuedOn') ? { issuedOn: str(v, 'issuedOn') } : {}),
    }),
    schema: CreateReview,
    save: async (ctx, input) => `/oversight/reviews/${await registerReview(db, ctx.actor, input)}`,
  });

  /** Boards the caller may address (its own secretariat's) and every executive head. */
  const addresseeChoices = async (ctx: PageContext) => {
    const [boards, codes] = await Promise.all([listBoards(db), entityNames(ctx, actx)]);
    return {
      boards: boards.filter((b) => hasRole(ctx.actor, 'secretariat', b.id)).map((b) => opt(b.id, boardName(ctx, b.id))),
      heads: [...codes.keys()].map((id) => opt(id, ctx.t.oversight.headOf(entityOf(ctx, id)))),
    };
  };

  registerGuardedForm<CreateRecommendationInput>(
    app,
    async (req) => {
      if (!(await getReview(db, idOf(req)))) throw errors.notFound('Review', idOf(req));
    },
    {
      path: '/oversight/reviews/:id/recommendations/new',
      permission: perm.secretariat,
      nav: 'oversight',
      title: (ctx) => ctx.t.oversight.newRecommendation,
      initial: () => ({ priority: 'medium' }),
      fields: async (ctx, req) => {
        const review = await getReview(db, idOf(req));
        const choices = await addresseeChoices(ctx);
        const t = ctx.t.oversight;
        return [
          { name: 'number', label: ctx.t.common.number, kind: 'text', hint: `${t.reviewOf}: ${review?.title ?? ''}. ${t.numberHint}` },
          { name: 'text', label: t.text, kind: 'textarea' },
          { name: 'category', label: t.category, kind: 'select', options: CATEGORIES.map((c) => opt(c, term(ctx, 'categoryName', c))) },
          { name: 'priority', label: t.priority, kind: 'select', options: PRIORITIES.map((p) => opt(p, term(ctx, 'priorityName', p))) },
          { name: 'intendedImpact', label: t.impact, kind: 'text', optional: true },
          { name: 'weight', label: t.weight, kind: 'text', optional: true, hint: t.recWeightHint },
          {
            name: 'addressees',
            label: t.addressees,
            kind: 'checkboxes',
            options: [...choices.boards.map((b) => opt(`board:${b.value}`, b.label)), ...choices.heads.map((h) => opt(`head:${h.value}`, h.label))],
          },
        ];
      },
      toInput: (v) => ({
        number: str(v, 'number'),
        text: str(v, 'text'),
        category: str(v, 'category'),
        priority: str(v, 'priority'),
        ...(str(v, 'intendedImpact') ? { intendedImpact: str(v, 'intendedImpact') } : {}),
        ...(str(v, 'weight') ? { weight: num(v, 'weight') } : {}),
        // An unreadable key is passed on as a kind, so that the schema reports it on the field.
        addressees: list(v, 'addressees').map((k) => parseAddresseeKey(k) ?? { kind: k }),
      }),
      schema: CreateRecommendation,
      save: async (ctx, input, req) => `/oversight/recommendations/${await addRecommendation(db, ctx.actor, { reviewId: idOf(req), input })}`,
    },
  );

  registerGuardedForm<AddresseeInput>(
    app,
    async (req) => {
      if (!(await getRecommendation(db, idOf(req)))) throw errors.notFound('Recommendation', idOf(req));
    },
    {
      path: '/oversight/recommendations/:id/addressees/new',
      permission: perm.secretariat,
      nav: 'oversight',
      title: (ctx) => ctx.t.oversight.newAddressee,
      fields: async (ctx, req) => {
        const rec = await getRecommendation(db, idOf(req));
        const choices = await addresseeChoices(ctx);
        const t = ctx.t.oversight;
        const none = opt('', t.none);
        return [
          { name: 'kind', label: t.kind, kind: 'select', hint: rec ? t.recommendation(rec.number) : undefined, options: ADDRESSEE_KINDS.map((k) => opt(k, term(ctx, 'addresseeKind', k))) },
          { name: 'boardId', label: t.board, kind: 'select', optional: true, options: [none, ...choices.boards] },
          { name: 'entityId', label: t.head, kind: 'select', optional: true, options: [none, ...choices.heads] },
        ];
      },
      toInput: (v) => ({
        kind: str(v, 'kind'),
        ...(str(v, 'boardId') ? { boardId: str(v, 'boardId') } : {}),
        ...(str(v, 'entityId') ? { entityId: str(v, 'entityId') } : {}),
      }),
      schema: AddresseeIn,
      save: async (ctx, input, req) => {
        const id = await addAddressee(db, ctx.actor, { recommendationId: idOf(req), input });
        return afterResponse(idOf(req), id);
      },
    },
  );

  // ---- management: responses, actions, progress ----
  const checkAddressee = (req: FastifyRequest) => checkResponder(req, idOf(req));

  for (const axis of ['acceptance', 'implementation'] as const) {
    const statuses = axis === 'acceptance' ? ACCEPTANCE_STATUSES : IMPLEMENTATION_STATUSES;
    const vocabulary = axis === 'acceptance' ? 'acceptanceStatus' : 'implementationStatus';
    registerGuardedForm<RecordResponseInput>(app, checkAddressee, {
      path: `/oversight/addressees/:id/${axis}`,
      permission: perm.management,
      nav: 'oversight',
      title: (ctx) => (axis === 'acceptance' ? ctx.t.oversight.recordAcceptance : ctx.t.oversight.recordImplementation),
      initial: () => ({ on: todayIso() }),
      fields: async (ctx, req) => {
        const { a, name, recName } = await context(ctx, idOf(req));
        const t = ctx.t.oversight;
        return [
          { name: 'status', label: t.status, kind: 'select', hint: t.current(recName, name, term(ctx, vocabulary, a[axis].status)), options: statuses.map((s) => opt(s, term(ctx, vocabulary, s))) },
          { name: 'on', label: t.onDate, kind: 'date', hint: 'YYYY-MM-DD' },
          { name: 'justification', label: t.justification, kind: 'textarea', optional: true, hint: t.justificationHint },
        ];
      },
      toInput: (v) => ({ status: str(v, 'status'), on: str(v, 'on'), ...(str(v, 'justification') ? { justification: str(v, 'justification') } : {}) }),
      schema: RecordResponse,
      save: async (ctx, input, req) => {
        const { a } = await addresseeOf(idOf(req));
        await recordResponse(db, ctx.actor, { addresseeId: a.id, axis, input });
        return afterResponse(a.recommendationId, a.id);
      },
    });
  }

  registerGuardedForm<CreateActionInput>(app, checkAddressee, {
    path: '/oversight/addressees/:id/actions/new',
    permission: perm.management,
    nav: 'oversight',
    title: (ctx) => ctx.t.oversight.newAction,
    fields: async (ctx, req) => {
      const { name, recName } = await context(ctx, idOf(req));
      return actionFields(ctx, `${recName} — ${name}`);
    },
    toInput: (v) => ({
      title: str(v, 'title'),
      owner: str(v, 'owner'),
      ...(str(v, 'dueDate') ? { dueDate: str(v, 'dueDate') } : {}),
      // Session and year travel together; a year without its session is reported on the session.
      ...(str(v, 'dueSession') || str(v, 'dueSessionYear') ? { dueSession: { type: str(v, 'dueSession'), year: num(v, 'dueSessionYear') } } : {}),
      ...(str(v, 'weight') ? { weight: num(v, 'weight') } : {}),
    }),
    schema: CreateAction,
    save: async (ctx, input, req) => {
      const { a } = await addresseeOf(idOf(req));
      await addAction(db, ctx.actor, { addresseeId: a.id, input });
      return afterResponse(a.recommendationId, a.id);
    },
  });

  const actionOf = async (req: FastifyRequest) => {
    const action = await getAction(db, idOf(req));
    if (!action) throw errors.notFound('Action', idOf(req));
    return action;
  };
  registerGuardedForm<RecordActionProgressInput>(
    app,
    async (req) => {
      await checkResponder(req, (await actionOf(req)).addresseeId);
    },
    {
      path: '/oversight/actions/:id/progress',
      permission: perm.management,
      nav: 'oversight',
      title: (ctx) => ctx.t.oversight.recordProgress,
      initial: () => ({ on: todayIso() }),
      fields: async (ctx, req) => {
        const action = await actionOf(req);
        const { name } = await context(ctx, action.addresseeId);
        const t = ctx.t.oversight;
        return [
          {
            name: 'status',
            label: t.status,
            kind: 'select',
            optional: true,
            hint: t.current(action.title, name, `${term(ctx, 'actionStatus', action.status)}, ${ctx.f.percent(action.progress / 100)}`),
            options: [opt('', t.noChange), ...ACTION_STATUSES.map((s) => opt(s, term(ctx, 'actionStatus', s)))],
          },
          { name: 'progress', label: t.progressPercent, kind: 'text', optional: true },
          { name: 'on', label: t.onDate, kind: 'date', hint: 'YYYY-MM-DD' },
          { name: 'justification', label: t.justification, kind: 'textarea', optional: true, hint: t.justificationHint },
        ];
      },
      toInput: (v) => ({
        ...(str(v, 'status') ? { status: str(v, 'status') } : {}),
        ...(str(v, 'progress') ? { progress: num(v, 'progress') } : {}),
        on: str(v, 'on'),
        ...(str(v, 'justification') ? { justification: str(v, 'justification') } : {}),
      }),
      schema: RecordActionProgress,
      save: async (ctx, input, req) => {
        const action = await actionOf(req);
        await recordActionProgress(db, ctx.actor, { id: action.id, input });
        const { a } = await addresseeOf(action.addresseeId);
        return afterResponse(a.recommendationId, a.id);
      },
    },
  );
}
