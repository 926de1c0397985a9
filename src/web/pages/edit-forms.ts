// Edit forms for a session and a decision, for the secretariat of their boards. The form opens with
// the record's current values and carries the version it was read at; the save sends it as the
// API's If-Match, so an edit made on a record someone changed meanwhile comes back as a form error
// (the command answers 412) instead of overwriting the other change.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { recordEtag } from '../../http/etag.js';
import { errors, isAppError } from '../../lib/errors.js';
import { hasRole } from '../../modules/access/actor.js';
import { amendDecision } from '../../modules/decisions/commands/amendDecision.js';
import { decisionParagraphs, getDecision } from '../../modules/decisions/queries.js';
import { UpdateDecision, type UpdateDecisionInput } from '../../modules/decisions/schema.js';
import { updateSession } from '../../modules/sessions/commands/updateSession.js';
import { getSession } from '../../modules/sessions/queries.js';
import { UpdateSession, type UpdateSessionInput } from '../../modules/sessions/schema.js';
import type { PageContext } from '../context.js';
import { formValues, lines, str, type FormValues } from '../forms.js';
import { html } from '../html.js';
import { boardName } from '../labels.js';
import { registerForm } from './forms.js';

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

/** The If-Match of the version the form was read at (none when the form did not carry one). */
export const ifMatchOf = (req: FastifyRequest) => {
  const v = str(formValues(req.body), 'version');
  return v && /^\d{1,9}$/.test(v) ? recordEtag(idOf(req), Number(v)) : undefined;
};

/** Runs an edit; a record changed since the form was read comes back as a form error in the UI language. */
export async function guarded(ctx: PageContext, edit: () => Promise<void>): Promise<void> {
  try {
    await edit();
  } catch (e) {
    if (isAppError(e) && e.status === 412) throw errors.preconditionFailed(ctx.t.adminForms.stale);
    throw e;
  }
}

/** Operative paragraphs as lines "3. text"; a line that starts with a number keeps it, the others follow on. */
function operativeOf(text: string[]): { kind: 'operative'; number: string; text: string }[] {
  let last = 0;
  return text.map((line) => {
    const m = /^(\d{1,4})\s*[.．]\s+(.+)$/.exec(line);
    last = m ? Number(m[1]) : last + 1;
    return { kind: 'operative', number: String(last), text: m ? m[2]! : line };
  });
}

export function editFormRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;

  const session = async (ctx: PageContext, req: FastifyRequest) => {
    const s = await getSession(db, ctx.actor, idOf(req));
    if (!s) throw errors.notFound('Session', idOf(req));
    if (!s.boardIds.length || !s.boardIds.every((b) => hasRole(ctx.actor, 'secretariat', b))) throw errors.forbidden();
    return s;
  };
  const decision = async (ctx: PageContext, req: FastifyRequest) => {
    const d = await getDecision(db, idOf(req));
    if (!d) throw errors.notFound('Decision', idOf(req));
    if (!hasRole(ctx.actor, 'secretariat', d.board_id)) throw errors.forbidden();
    return d;
  };

  registerForm<UpdateSessionInput>(app, {
    path: '/secretariat/sessions/:id/edit',
    title: (ctx) => ctx.t.adminForms.editSession,
    lead: async (ctx, req) => {
      const s = await session(ctx, req);
      return html`<p class="meta">${ctx.t.common.session}: <a href="/sessions/${s.id}">${s.title}</a> · <a href="/secretariat/sessions/${s.id}/access">${ctx.t.registryForms.changeAccess}</a></p>`;
    },
    initial: async (ctx, req) => {
      const s = await session(ctx, req);
      return { title: s.title, startDate: s.start_date, endDate: s.end_date, venue: s.venue ?? '', version: String(s.version) };
    },
    fields: async (ctx) => [
      { name: 'title', label: ctx.t.common.title, kind: 'text' },
      { name: 'startDate', label: ctx.t.forms.startDate, kind: 'date', hint: 'YYYY-MM-DD' },
      { name: 'endDate', label: ctx.t.forms.endDate, kind: 'date', hint: 'YYYY-MM-DD' },
      { name: 'venue', label: ctx.t.common.venue, kind: 'text', optional: true, hint: ctx.t.adminForms.venueHint },
      { name: 'version', label: '', kind: 'hidden' },
    ],
    // The access level is changed with its own form, which keeps the parity ledger's history.
    // An emptied field is sent empty, so that validation names it rather than keeping the old value.
    toInput: (v) => ({ title: str(v, 'title') ?? '', startDate: str(v, 'startDate') ?? '', endDate: str(v, 'endDate') ?? '', venue: str(v, 'venue') ?? null }),
    schema: UpdateSession,
    save: async (ctx, input, req) => {
      const s = await session(ctx, req);
      await guarded(ctx, () => updateSession(db, ctx.actor, { id: s.id, input, ifMatch: ifMatchOf(req) }));
      return `/sessions/${s.id}`;
    },
  });

  registerForm<UpdateDecisionInput>(app, {
    path: '/secretariat/decisions/:id/edit',
    title: (ctx) => ctx.t.adminForms.editDecision,
    lead: async (ctx, req) => {
      const d = await decision(ctx, req);
      return html`<p class="meta"><a href="/decisions/${d.id}">${ctx.t.decision.heading(d.number)}</a> · ${boardName(ctx, d.board_id)}</p>`;
    },
    initial: async (ctx, req): Promise<FormValues> => {
      const d = await decision(ctx, req);
      const paras = await decisionParagraphs(db, d.id);
      return {
        title: d.title,
        adoptedOn: d.adopted_on ?? '',
        preambular: paras.filter((p) => p.kind === 'preambular').map((p) => p.text).join('\n'),
        operative: paras.filter((p) => p.kind === 'operative').map((p) => (p.number ? `${p.number}. ${p.text}` : p.text)).join('\n'),
        version: String(d.version),
      };
    },
    fields: async (ctx) => [
      { name: 'title', label: ctx.t.common.title, kind: 'text' },
      { name: 'adoptedOn', label: ctx.t.forms.adoptedOn, kind: 'date', optional: true, hint: 'YYYY-MM-DD' },
      { name: 'preambular', label: ctx.t.forms.preambular, kind: 'textarea', optional: true },
      { name: 'operative', label: ctx.t.forms.operative, kind: 'textarea', optional: true, hint: ctx.t.adminForms.operativeHint },
      { name: 'version', label: '', kind: 'hidden' },
    ],
    toInput: (v) => ({
      title: str(v, 'title') ?? '',
      adoptedOn: str(v, 'adoptedOn') ?? null,
      paragraphs: [...lines(v, 'preambular').map((text) => ({ kind: 'preambular', text })), ...operativeOf(lines(v, 'operative'))],
    }),
    schema: UpdateDecision,
    save: async (ctx, input, req) => {
      const d = await decision(ctx, req);
      // Paragraphs are rewritten only when their text changed, so an edit of the title keeps them as they are.
      const current = (await decisionParagraphs(db, d.id)).map((p) => ({ kind: p.kind, text: p.text, number: p.kind === 'operative' ? p.number : null }));
      const next = (input.paragraphs ?? []).map((p) => ({ kind: p.kind, text: p.text, number: p.number ?? null }));
      const same = JSON.stringify(current) === JSON.stringify(next);
      const { paragraphs, ...rest } = input;
      await guarded(ctx, () => amendDecision(db, ctx.actor, { id: d.id, input: same ? rest : { ...rest, paragraphs }, ifMatch: ifMatchOf(req) }));
      return `/decisions/${d.id}`;
    },
  });
}
