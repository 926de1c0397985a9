// Secretariat forms for the registry and the documents' other records: add a member state to a
// board for a term, elect a bureau post, add a language version of a document, and set who may read
// a document or a session (access level and embargo). Each calls the same command as its API route;
// the record the form is about is loaded with the caller's visibility and board-scoped role.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { LANGUAGES } from '../../http/schemas.js';
import { joinText } from '../../ingest/segment.js';
import { errors } from '../../lib/errors.js';
import { hasRole, type Actor } from '../../modules/access/actor.js';
import { setAccess } from '../../modules/access/commands/setAccess.js';
import { SetAccess, type SetAccessInput } from '../../modules/access/schema.js';
import { ACCESS_LEVELS } from '../../modules/access/visibility.js';
import { addExpression } from '../../modules/documents/commands/addExpression.js';
import { getDocument, listExpressions } from '../../modules/documents/queries.js';
import { CreateExpression, type CreateExpressionInput } from '../../modules/documents/schema.js';
import { addBureauPost } from '../../modules/registry/commands/addBureauPost.js';
import { addMembership } from '../../modules/registry/commands/addMembership.js';
import { getBoard, listMemberStates } from '../../modules/registry/queries.js';
import {
  BUREAU_POSTS,
  CreateBureauPost,
  CreateMembership,
  type CreateBureauPostInput,
  type CreateMembershipInput,
} from '../../modules/registry/schema.js';
import { getSession } from '../../modules/sessions/queries.js';
import type { PageContext } from '../context.js';
import { str, type FieldSpec, type FormValues } from '../forms.js';
import { html } from '../html.js';
import { boardName, label, memberStateOptions } from '../labels.js';
import { registerForm } from './forms.js';
import { ownLanguage } from './parts.js';

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
const manages = (actor: Actor, boardIds: string[]) => boardIds.length > 0 && boardIds.every((b) => hasRole(actor, 'secretariat', b));

/** Paragraphs of pasted text: separated by an empty line; one that starts "12." keeps that number, the others follow on. */
export function paragraphsOf(text: string | undefined): { number: string; text: string }[] {
  let last = 0;
  return (text ?? '')
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.split(/\r?\n/).reduce((acc, line) => joinText(acc, line.trim()), ''))
    .filter(Boolean)
    .map((block) => {
      const m = /^(\d{1,4})\s*[.．]\s*([\s\S]+)$/.exec(block);
      last = m ? Number(m[1]) : last + 1;
      return { number: String(last), text: m ? m[2]! : block };
    });
}

/** A datetime-local value (read as UTC) as an ISO instant; other text is passed on for validation to name. */
export function embargoInstant(v: string | undefined): string | null {
  if (!v) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$/.exec(v);
  return m ? `${m[1]}T${m[2]}${m[3] ?? ':00'}Z` : v;
}

const opts = (values: readonly string[], labelOf: (v: string) => string) => values.map((v) => ({ value: v, label: labelOf(v) }));

export function registryFormRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;

  /** The board of the form, if the caller is its secretariat. */
  const board = async (ctx: PageContext, req: FastifyRequest) => {
    const b = await getBoard(db, idOf(req));
    if (!b) throw errors.notFound('Board', idOf(req));
    if (!hasRole(ctx.actor, 'secretariat', b.id)) throw errors.forbidden();
    return b;
  };
  const document = async (ctx: PageContext, req: FastifyRequest) => {
    const d = await getDocument(db, ctx.actor, idOf(req));
    if (!d) throw errors.notFound('Document', idOf(req));
    if (!manages(ctx.actor, d.boardIds)) throw errors.forbidden();
    return d;
  };
  const session = async (ctx: PageContext, req: FastifyRequest) => {
    const s = await getSession(db, ctx.actor, idOf(req));
    if (!s) throw errors.notFound('Session', idOf(req));
    if (!manages(ctx.actor, s.boardIds)) throw errors.forbidden();
    return s;
  };
  const boardLead = async (ctx: PageContext, req: FastifyRequest) => {
    const b = await board(ctx, req);
    return html`<p class="meta">${ctx.t.common.board}: <a href="/boards/${b.id}">${boardName(ctx, b.id)}</a></p>`;
  };
  const documentLead = async (ctx: PageContext, req: FastifyRequest) => {
    const d = await document(ctx, req);
    return html`<p class="meta">${ctx.t.registryForms.document}: <a href="/documents/${d.id}">${d.symbol ? html`<span dir="ltr">${d.symbol}</span> — ` : ''}${ownLanguage(ctx, d.title)}</a></p>`;
  };
  const memberStates = async (ctx: PageContext) => [
    { value: '', label: ctx.t.registryForms.chooseMemberState },
    ...memberStateOptions(ctx, (await listMemberStates(db, { limit: 500 })).items, true),
  ];
  const accessFields = async (ctx: PageContext): Promise<FieldSpec[]> => [
    { name: 'accessLevel', label: ctx.t.common.access, kind: 'select', options: opts(ACCESS_LEVELS, (v) => label(ctx, 'accessLevel', v)) },
    { name: 'embargoUntil', label: ctx.t.registryForms.embargoUntil, kind: 'datetime', optional: true, hint: ctx.t.registryForms.embargoHint },
  ];
  const accessInitial = (r: { access_level: string; embargo_until: string | null }): FormValues => ({
    accessLevel: r.access_level,
    embargoUntil: r.embargo_until?.slice(0, 16) ?? '',
  });
  const accessInput = (v: FormValues) => ({ accessLevel: str(v, 'accessLevel'), embargoUntil: embargoInstant(str(v, 'embargoUntil')) });

  registerForm<CreateMembershipInput>(app, {
    path: '/secretariat/boards/:id/memberships/new',
    title: (ctx) => ctx.t.registryForms.newMembership,
    lead: boardLead,
    initial: () => {
      const year = new Date().getUTCFullYear();
      return { termStart: `${year}-01-01`, termEnd: `${year + 2}-12-31` };
    },
    fields: async (ctx) => [
      { name: 'memberStateId', label: ctx.t.board.memberState, kind: 'select', options: await memberStates(ctx) },
      { name: 'termStart', label: ctx.t.registryForms.termStart, kind: 'date', hint: 'YYYY-MM-DD' },
      { name: 'termEnd', label: ctx.t.registryForms.termEnd, kind: 'date', hint: 'YYYY-MM-DD' },
    ],
    toInput: (v) => ({ memberStateId: str(v, 'memberStateId'), termStart: str(v, 'termStart'), termEnd: str(v, 'termEnd') }),
    schema: CreateMembership,
    save: async (ctx, input, req) => {
      await board(ctx, req);
      await addMembership(db, ctx.actor, { boardId: idOf(req), input });
      return `/boards/${idOf(req)}#members`;
    },
  });

  registerForm<CreateBureauPostInput>(app, {
    path: '/secretariat/boards/:id/bureau/new',
    title: (ctx) => ctx.t.registryForms.newBureauPost,
    lead: boardLead,
    initial: () => ({ year: String(new Date().getUTCFullYear()), post: 'vice-president' }),
    fields: async (ctx) => [
      { name: 'year', label: ctx.t.common.year, kind: 'text', hint: ctx.t.registryForms.yearHint },
      { name: 'post', label: ctx.t.board.post, kind: 'select', options: opts(BUREAU_POSTS, (v) => (v === 'president' ? ctx.t.board.president : ctx.t.board.vicePresident)) },
      { name: 'memberStateId', label: ctx.t.board.memberState, kind: 'select', options: await memberStates(ctx), hint: ctx.t.registryForms.regionalGroupHint },
      { name: 'personName', label: ctx.t.board.person, kind: 'text', optional: true },
    ],
    toInput: (v) => {
      const year = str(v, 'year');
      return {
        // A number when it is one; other text goes on for validation to name.
        year: year && /^\d{1,6}$/.test(year) ? Number(year) : year,
        post: str(v, 'post'),
        memberStateId: str(v, 'memberStateId'),
        ...(str(v, 'personName') ? { personName: str(v, 'personName') } : {}),
      };
    },
    schema: CreateBureauPost,
    save: async (ctx, input, req) => {
      await board(ctx, req);
      await addBureauPost(db, ctx.actor, { boardId: idOf(req), input });
      return `/boards/${idOf(req)}#bureau`;
    },
  });

  registerForm<CreateExpressionInput>(app, {
    path: '/secretariat/documents/:id/expressions/new',
    title: (ctx) => ctx.t.registryForms.newExpression,
    lead: documentLead,
    initial: async (ctx, req) => {
      const d = await document(ctx, req);
      const present = new Set((await listExpressions(db, d.id)).map((e) => e.language));
      return { language: LANGUAGES.find((l) => !present.has(l)) ?? d.original_language };
    },
    fields: async (ctx) => [
      { name: 'language', label: ctx.t.common.language, kind: 'select', options: opts(LANGUAGES, (v) => label(ctx, 'languageName', v)) },
      { name: 'title', label: ctx.t.registryForms.titleInLanguage, kind: 'text' },
      { name: 'paragraphs', label: ctx.t.registryForms.text, kind: 'textarea', hint: ctx.t.registryForms.textHint },
    ],
    toInput: (v) => {
      const paragraphs = paragraphsOf(str(v, 'paragraphs'));
      return { language: str(v, 'language'), title: str(v, 'title'), ...(paragraphs.length ? { paragraphs } : {}) };
    },
    schema: CreateExpression,
    save: async (ctx, input, req) => {
      await document(ctx, req);
      await addExpression(db, ctx.actor, { documentId: idOf(req), input });
      return `/documents/${idOf(req)}?text=${input.language}`;
    },
  });

  registerForm<SetAccessInput>(app, {
    path: '/secretariat/documents/:id/access',
    title: (ctx) => ctx.t.registryForms.documentAccess,
    lead: documentLead,
    initial: async (ctx, req) => accessInitial(await document(ctx, req)),
    fields: accessFields,
    toInput: accessInput,
    schema: SetAccess,
    save: async (ctx, input, req) => {
      await document(ctx, req);
      await setAccess(db, ctx.actor, { recordType: 'document', id: idOf(req), input });
      return `/documents/${idOf(req)}`;
    },
  });

  registerForm<SetAccessInput>(app, {
    path: '/secretariat/sessions/:id/access',
    title: (ctx) => ctx.t.registryForms.sessionAccess,
    lead: async (ctx, req) => {
      const s = await session(ctx, req);
      return html`<p class="meta">${ctx.t.common.session}: <a href="/sessions/${s.id}">${s.title}</a></p>`;
    },
    initial: async (ctx, req) => accessInitial(await session(ctx, req)),
    fields: accessFields,
    toInput: accessInput,
    schema: SetAccess,
    save: async (ctx, input, req) => {
      await session(ctx, req);
      await setAccess(db, ctx.actor, { recordType: 'session', id: idOf(req), input });
      return `/sessions/${idOf(req)}`;
    },
  });
}
