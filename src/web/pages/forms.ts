// Secretariat forms: schedule a session, add an agenda item, register a document, record a
// decision. Each posts form-encoded (with the CSRF field) and calls the same command as the API;
// on failure the form comes back with each message beside its field.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { LANGUAGES } from '../../http/schemas.js';
import { errors, isAppError } from '../../lib/errors.js';
import { hasRole } from '../../modules/access/actor.js';
import { perm, type Permission } from '../../modules/access/permissions.js';
import { ACCESS_LEVELS } from '../../modules/access/visibility.js';
import { adoptDecision } from '../../modules/decisions/commands/adoptDecision.js';
import { CreateDecision, type CreateDecisionInput } from '../../modules/decisions/schema.js';
import { registerDocument } from '../../modules/documents/commands/registerDocument.js';
import { listDocuments } from '../../modules/documents/queries.js';
import { CreateDocument, DOCUMENT_TYPES, type CreateDocumentInput } from '../../modules/documents/schema.js';
import { listBoards } from '../../modules/registry/queries.js';
import { addAgendaItem } from '../../modules/sessions/commands/addAgendaItem.js';
import { scheduleSession } from '../../modules/sessions/commands/scheduleSession.js';
import { getSession, listSessions } from '../../modules/sessions/queries.js';
import {
  CreateAgendaItem,
  CreateSession,
  SESSION_TYPES,
  type CreateAgendaItemInput,
  type CreateSessionInput,
} from '../../modules/sessions/schema.js';
import { pageContext, type PageContext } from '../context.js';
import { errorsByField, formValues, lines, list, renderForm, str, validate, type FieldErrors, type FieldSpec, type FormValues } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { boardName, label } from '../labels.js';
import { layout, type NavKey } from '../layout.js';
import { errorPage, ownLanguage } from './parts.js';

type Ctx = PageContext;

/** Boards whose secretariat the caller is (all boards for a global secretariat or administrator). */
async function managedBoards(actx: AppContext, ctx: Ctx) {
  const boards = await listBoards(actx.database.db);
  return boards.filter((b) => hasRole(ctx.actor, 'secretariat', b.id));
}

const opts = (values: readonly string[], labelOf: (v: string) => string) => values.map((v) => ({ value: v, label: labelOf(v) }));

export interface FormDef<T> {
  path: string;
  /** Who may use the form, declared on its routes (default: the secretariat); commands still check board-scoped rules. */
  permission?: Permission;
  nav?: NavKey;
  title: (ctx: Ctx) => string;
  fields: (ctx: Ctx, req: FastifyRequest) => Promise<FieldSpec[]>;
  /** Initial values for an empty form (may read the record the form changes). */
  initial?: (ctx: Ctx, req: FastifyRequest) => FormValues | Promise<FormValues>;
  /** A line under the title naming the record the form is about; throws 404/403 for one the caller may not manage. */
  lead?: (ctx: Ctx, req: FastifyRequest) => Promise<SafeHtml>;
  /** Form text -> the API's input shape (before validation). */
  toInput: (v: FormValues, req: FastifyRequest) => unknown;
  schema: Parameters<typeof validate>[0];
  /** Runs the command; returns where to go next. */
  save: (ctx: Ctx, input: T, req: FastifyRequest) => Promise<string>;
}

export function registerForm<T>(app: FastifyInstance, def: FormDef<T>): void {
  const render = async (req: FastifyRequest, reply: FastifyReply, values: FormValues, errs: FieldErrors | null, status = 200) => {
    const ctx = pageContext(req, reply);
    const title = def.title(ctx);
    const body = html`${def.nav ? '' : html`<p><a href="/secretariat">${ctx.t.forms.title}</a></p>`}<h1>${title}</h1>${def.lead ? await def.lead(ctx, req) : ''}
${renderForm(ctx, { action: ctx.path, fields: await def.fields(ctx, req), values, errors: errs, submit: ctx.t.forms.save })}`;
    return reply.code(status).type('text/html; charset=utf-8').send(layout(ctx, { title, body, nav: def.nav ?? 'secretariat' }));
  };
  // The route's permission turns away the public (401) and other roles (403) before the handler.
  const permission = def.permission ?? perm.secretariat;
  app.get(def.path, { schema: { hide: true }, config: { permission } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    try {
      return await render(req, reply, (await def.initial?.(ctx, req)) ?? {}, null);
    } catch (e) {
      if (isAppError(e) && (e.status === 403 || e.status === 404)) {
        return reply.code(e.status).type('text/html; charset=utf-8').send(errorPage(ctx, e.status));
      }
      throw e;
    }
  });
  app.post(def.path, { schema: { hide: true }, config: { permission } }, async (req, reply) => {
    const values = formValues(req.body);
    const ctx = pageContext(req, reply);
    try {
      const input = validate<T>(def.schema, def.toInput(values, req));
      const next = await def.save(ctx, input, req);
      return reply.redirect(next, 303);
    } catch (e) {
      if (isAppError(e) && (e.status === 403 || e.status === 404)) {
        return reply.code(e.status).type('text/html; charset=utf-8').send(errorPage(ctx, e.status));
      }
      const errs = errorsByField(e, await def.fields(ctx, req));
      if (!errs) throw e;
      return render(req, reply, values, errs, 400);
    }
  });
}

export function formRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;

  app.get('/secretariat', { schema: { hide: true }, config: { permission: perm.secretariat } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const managed = (boardIds: string[]) => boardIds.every((b) => hasRole(ctx.actor, 'secretariat', b));
    const [sessions, documents, boards] = await Promise.all([
      listSessions(db, ctx.actor, { limit: 20 }),
      listDocuments(db, ctx.actor, { limit: 20 }),
      managedBoards(actx, ctx),
    ]);
    const mine = sessions.items.filter((s) => managed(s.boardIds));
    const myDocuments = documents.items.filter((d) => managed(d.boardIds));
    const body = html`<h1>${t.forms.title}</h1><p>${t.forms.intro}</p>
<ul>
<li><a href="/secretariat/sessions/new">${t.forms.newSession}</a></li>
<li><a href="/secretariat/documents/new">${t.forms.newDocument}</a></li>
<li><a href="/secretariat/decisions/new">${t.forms.newDecision}</a></li>
<li><a href="/secretariat/documents/import">${t.adminForms.importTitle}</a></li>
</ul>
${hasRole(ctx.actor, 'administrator') ? html`<h2>${t.adminForms.administration}</h2><ul><li><a href="/admin/users">${t.adminForms.usersTitle}</a></li></ul>` : ''}
<h2>${t.forms.newAgendaItem}</h2>
<ul>${mine.map((s) => html`<li><a href="/secretariat/sessions/${s.id}/agenda-items/new">${s.title}</a> <span class="meta">${ctx.f.dateRange(s.start_date, s.end_date)}</span></li>`)}</ul>
<h2>${t.registryForms.boardsHeading}</h2>
<ul>${boards.map((b) => html`<li>${boardName(ctx, b.id)}: <a href="/secretariat/boards/${b.id}/memberships/new">${t.registryForms.newMembership}</a> · <a href="/secretariat/boards/${b.id}/bureau/new">${t.registryForms.newBureauPost}</a></li>`)}</ul>
${myDocuments.length ? html`<h2>${t.registryForms.documentsHeading}</h2>
<ul>${myDocuments.map((d) => html`<li><a href="/documents/${d.id}">${d.symbol ? html`<span dir="ltr">${d.symbol}</span>` : ownLanguage(ctx, d.title)}</a>: <a href="/secretariat/documents/${d.id}/expressions/new">${t.registryForms.newExpression}</a> · <a href="/secretariat/documents/${d.id}/access">${t.registryForms.changeAccess}</a></li>`)}</ul>` : ''}
<h2>${t.registryForms.sessionsHeading}</h2>
<ul>${mine.map((s) => html`<li><a href="/secretariat/sessions/${s.id}/access">${s.title}</a> <span class="meta">${label(ctx, 'accessLevel', s.access_level)}</span></li>`)}</ul>`;
    return reply.type('text/html; charset=utf-8').send(layout(ctx, { title: t.forms.title, body, nav: 'secretariat' }));
  });

  const boardChoices = async (ctx: Ctx) => (await managedBoards(actx, ctx)).map((b) => ({ value: b.id, label: boardName(ctx, b.id) }));
  const sessionChoices = async (ctx: Ctx) => [
    { value: '', label: ctx.t.forms.noSession },
    ...(await listSessions(db, ctx.actor, { limit: 100 })).items.map((s) => ({ value: s.id, label: `${s.title} (${s.start_date})` })),
  ];

  registerForm<CreateSessionInput>(app, {
    path: '/secretariat/sessions/new',
    title: (ctx) => ctx.t.forms.newSession,
    initial: () => ({ accessLevel: 'public' }),
    fields: async (ctx) => [
      { name: 'type', label: ctx.t.common.type, kind: 'select', options: opts(SESSION_TYPES, (v) => label(ctx, 'sessionType', v)) },
      { name: 'title', label: ctx.t.common.title, kind: 'text' },
      { name: 'startDate', label: ctx.t.forms.startDate, kind: 'date', hint: 'YYYY-MM-DD' },
      { name: 'endDate', label: ctx.t.forms.endDate, kind: 'date', hint: 'YYYY-MM-DD' },
      { name: 'venue', label: ctx.t.common.venue, kind: 'text', optional: true },
      { name: 'accessLevel', label: ctx.t.common.access, kind: 'select', options: opts(ACCESS_LEVELS, (v) => label(ctx, 'accessLevel', v)) },
      { name: 'boardIds', label: ctx.t.common.boards, kind: 'checkboxes', options: await boardChoices(ctx) },
    ],
    toInput: (v) => ({
      type: str(v, 'type'),
      title: str(v, 'title'),
      startDate: str(v, 'startDate'),
      endDate: str(v, 'endDate'),
      ...(str(v, 'venue') ? { venue: str(v, 'venue') } : {}),
      ...(str(v, 'accessLevel') ? { accessLevel: str(v, 'accessLevel') } : {}),
      boardIds: list(v, 'boardIds'),
    }),
    schema: CreateSession,
    save: async (ctx, input) => `/sessions/${await scheduleSession(db, ctx.actor, input)}`,
  });

  registerForm<CreateAgendaItemInput>(app, {
    path: '/secretariat/sessions/:id/agenda-items/new',
    title: (ctx) => ctx.t.forms.newAgendaItem,
    fields: async (ctx) => [
      { name: 'number', label: ctx.t.forms.itemNumber, kind: 'text' },
      { name: 'title', label: ctx.t.common.title, kind: 'text' },
    ],
    toInput: (v) => ({ number: str(v, 'number'), title: str(v, 'title') }),
    schema: CreateAgendaItem,
    save: async (ctx, input, req) => {
      const sessionId = (req.params as { id: string }).id;
      // A session the caller cannot read is answered as missing.
      if (!(await getSession(db, ctx.actor, sessionId))) throw errors.notFound('Session', sessionId);
      await addAgendaItem(db, ctx.actor, { sessionId, input });
      return `/sessions/${sessionId}#agenda`;
    },
  });

  registerForm<CreateDocumentInput>(app, {
    path: '/secretariat/documents/new',
    title: (ctx) => ctx.t.forms.newDocument,
    initial: (ctx) => ({ accessLevel: 'public', originalLanguage: ctx.locale }),
    fields: async (ctx) => [
      { name: 'symbol', label: ctx.t.common.symbol, kind: 'text', optional: true, hint: ctx.t.forms.symbolHint },
      { name: 'type', label: ctx.t.common.type, kind: 'select', options: opts(DOCUMENT_TYPES, (v) => label(ctx, 'documentType', v)) },
      { name: 'title', label: ctx.t.common.title, kind: 'text' },
      { name: 'date', label: ctx.t.common.date, kind: 'date', hint: 'YYYY-MM-DD' },
      { name: 'originalLanguage', label: ctx.t.forms.originalLanguage, kind: 'select', options: opts(LANGUAGES, (v) => label(ctx, 'languageName', v)) },
      { name: 'accessLevel', label: ctx.t.common.access, kind: 'select', options: opts(ACCESS_LEVELS, (v) => label(ctx, 'accessLevel', v)) },
      { name: 'sessionId', label: ctx.t.common.session, kind: 'select', optional: true, options: await sessionChoices(ctx) },
      { name: 'boardIds', label: ctx.t.common.boards, kind: 'checkboxes', options: await boardChoices(ctx) },
    ],
    toInput: (v) => ({
      ...(str(v, 'symbol') ? { symbol: str(v, 'symbol') } : {}),
      type: str(v, 'type'),
      title: str(v, 'title'),
      date: str(v, 'date'),
      originalLanguage: str(v, 'originalLanguage'),
      ...(str(v, 'accessLevel') ? { accessLevel: str(v, 'accessLevel') } : {}),
      ...(str(v, 'sessionId') ? { sessionId: str(v, 'sessionId') } : {}),
      boardIds: list(v, 'boardIds'),
    }),
    schema: CreateDocument,
    save: async (ctx, input) => `/documents/${await registerDocument(db, ctx.actor, input)}`,
  });

  registerForm<CreateDecisionInput>(app, {
    path: '/secretariat/decisions/new',
    title: (ctx) => ctx.t.forms.newDecision,
    initial: () => ({ language: 'en' }),
    fields: async (ctx) => [
      { name: 'boardId', label: ctx.t.common.board, kind: 'select', options: await boardChoices(ctx) },
      { name: 'number', label: ctx.t.forms.decisionNumber, kind: 'text' },
      { name: 'title', label: ctx.t.common.title, kind: 'text' },
      { name: 'sessionId', label: ctx.t.common.session, kind: 'select', optional: true, options: await sessionChoices(ctx) },
      { name: 'language', label: ctx.t.common.language, kind: 'select', options: opts(LANGUAGES, (v) => label(ctx, 'languageName', v)) },
      { name: 'adoptedOn', label: ctx.t.forms.adoptedOn, kind: 'date', optional: true, hint: 'YYYY-MM-DD' },
      { name: 'preambular', label: ctx.t.forms.preambular, kind: 'textarea', optional: true },
      { name: 'operative', label: ctx.t.forms.operative, kind: 'textarea', optional: true },
    ],
    toInput: (v) => ({
      boardId: str(v, 'boardId'),
      number: str(v, 'number'),
      title: str(v, 'title'),
      ...(str(v, 'sessionId') ? { sessionId: str(v, 'sessionId') } : {}),
      ...(str(v, 'language') ? { language: str(v, 'language') } : {}),
      ...(str(v, 'adoptedOn') ? { adoptedOn: str(v, 'adoptedOn') } : {}),
      paragraphs: [
        ...lines(v, 'preambular').map((text) => ({ kind: 'preambular', text })),
        ...lines(v, 'operative').map((text, i) => ({ kind: 'operative', number: String(i + 1), text })),
      ],
    }),
    schema: CreateDecision,
    save: async (ctx, input) => `/decisions/${await adoptDecision(db, ctx.actor, input)}`,
  });
}
