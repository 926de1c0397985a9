// The oversight workflows for administrators: /admin/workflows shows, for each axis (acceptance,
// implementation, actions, mandates), which status may follow which and which changes need a
// justification, as a table per axis; /admin/workflows/:axis changes one axis with a grid of
// choices (not allowed, allowed, allowed with a justification) and a reason, through the same
// replaceWorkflow command as PUT /api/oversight/workflows/:axis. A table the command refuses (a
// status the axis does not have, a status following itself) comes back beside the grid.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { errors, isAppError } from '../../lib/errors.js';
import { perm } from '../../modules/access/permissions.js';
import { replaceWorkflow } from '../../modules/oversight/commands/replaceWorkflow.js';
import { ReplaceWorkflow, type ReplaceWorkflowInput } from '../../modules/oversight/schema.js';
import { AXES, STATUSES, loadTransitions, type Axis, type Transition } from '../../modules/oversight/workflow.js';
import { pageContext, type PageContext } from '../context.js';
import { errorsByField, formValues, str, translateError, validate, type FieldErrors, type FormValues } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { label } from '../labels.js';
import { layout } from '../layout.js';
import { axisVocabulary, term } from './oversight.js';
import { errorPage } from './parts.js';

const CHOICES = ['no', 'yes', 'justified'] as const;
const cellName = (from: string, to: string) => `t:${from}>${to}`;

/**
 * The posted grid as the API's transitions (cells left at "not allowed" are left out). A cell of
 * an unknown status goes on as it is, for the command to refuse, and an unreadable choice goes on
 * as the value of requiresJustification, for validation to name.
 */
export function transitionsOf(values: FormValues): { from: string; to: string; requiresJustification: unknown }[] {
  return Object.entries(values).flatMap(([k, v]) => {
    const m = /^t:([^>]*)>(.*)$/.exec(k);
    const choice = Array.isArray(v) ? v[0] : v;
    if (!m || !choice || choice === 'no') return [];
    return [{ from: m[1]!, to: m[2]!, requiresJustification: choice === 'yes' ? false : choice === 'justified' ? true : choice }];
  });
}

/** The grid's values for a workflow: one choice per pair of different statuses. */
function valuesOf(axis: Axis, transitions: Transition[]): FormValues {
  const out: FormValues = {};
  for (const from of STATUSES[axis])
    for (const to of STATUSES[axis]) {
      if (from === to) continue;
      const t = transitions.find((x) => x.from === from && x.to === to);
      out[cellName(from, to)] = t ? (t.requiresJustification ? 'justified' : 'yes') : 'no';
    }
  return out;
}

const isAxis = (s: string): s is Axis => (AXES as readonly string[]).includes(s);

export function workflowRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  const load = (axis?: Axis) => db.transaction().execute((trx) => loadTransitions(trx, axis));
  const statusName = (ctx: PageContext, axis: Axis, s: string) => (axis === 'mandate' ? label(ctx, 'mandateStatus', s) : term(ctx, axisVocabulary[axis], s));
  const send = (reply: FastifyReply, ctx: PageContext, title: string, body: SafeHtml, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').send(layout(ctx, { title, body, nav: 'secretariat' }));
  const same = (ctx: PageContext) => html`<span aria-hidden="true">—</span><span class="vh">${ctx.t.oversightAdmin.sameStatus}</span>`;
  /** A table of statuses: rows are the current status, columns the next; `cell` fills each pair. */
  const grid = (ctx: PageContext, axis: Axis, caption: string, cell: (from: string, to: string, i: number, j: number) => SafeHtml | string) => {
    const statuses = STATUSES[axis];
    return html`<div class="table-scroll"><table><caption class="vh">${caption}</caption>
<thead><tr><th scope="col">${ctx.t.oversightAdmin.fromTo}</th>${statuses.map((s) => html`<th scope="col">${statusName(ctx, axis, s)}</th>`)}</tr></thead>
<tbody>${statuses.map((from, i) => html`<tr><th scope="row">${statusName(ctx, axis, from)}</th>${statuses.map((to, j) => html`<td>${from === to ? same(ctx) : cell(from, to, i, j)}</td>`)}</tr>`)}</tbody></table></div>`;
  };

  app.get('/admin/workflows', { schema: { hide: true }, config: { permission: perm.administrator } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const o = ctx.t.oversightAdmin;
    const all = await load();
    const body = html`<p><a href="/admin/users">${ctx.t.adminForms.usersTitle}</a> · <a href="/oversight">${ctx.t.oversight.title}</a></p>
<h1>${o.workflowsTitle}</h1><p>${o.workflowsIntro}</p>
${AXES.map((axis) => {
  const mine = all.filter((t) => t.axis === axis);
  return html`<section id="w-${axis}" aria-labelledby="w-${axis}-h"><h2 id="w-${axis}-h">${o.axisName[axis]}</h2>
${grid(ctx, axis, o.axisName[axis], (from, to) => {
  const t = mine.find((x) => x.from === from && x.to === to);
  return t ? (t.requiresJustification ? o.justified : o.allowed) : o.notAllowed;
})}
<p><a href="/admin/workflows/${axis}">${o.editWorkflow(o.axisName[axis])}</a></p></section>`;
})}`;
    return send(reply, ctx, o.workflowsTitle, body);
  });

  const render = async (req: FastifyRequest, reply: FastifyReply, axis: Axis, values: FormValues, errs: FieldErrors | null, status = 200) => {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const o = t.oversightAdmin;
    const e: FieldErrors = errs ?? new Map();
    const general = e.get('') ?? [];
    const messages = (name: string) => e.get(name) ?? [];
    const aria = (name: string) => {
      const bad = messages(name).length > 0;
      return html` aria-describedby="f-${name}-hint${bad ? html` f-${name}-error` : ''}"${bad ? html` aria-invalid="true"` : ''}`;
    };
    const error = (name: string) => (messages(name).length ? html`<p class="error" id="f-${name}-error">${messages(name).map((m) => translateError(ctx, m)).join('; ')}</p>` : '');
    const title = o.editWorkflow(o.axisName[axis]);
    const select = (from: string, to: string, i: number, j: number) => {
      const id = `c-${i}-${j}`;
      const value = str(values, cellName(from, to)) ?? 'no';
      const text = { no: o.notAllowed, yes: o.allowed, justified: o.justified };
      return html`<label class="vh" for="${id}">${o.cell(statusName(ctx, axis, from), statusName(ctx, axis, to))}</label><select id="${id}" name="${cellName(from, to)}">${CHOICES.map((c) => html`<option value="${c}" ${c === value ? html`selected` : ''}>${text[c]}</option>`)}</select>`;
    };
    const body = html`<p><a href="/admin/workflows">${o.workflowsTitle}</a></p><h1>${title}</h1>
${e.size ? html`<div class="alert" role="alert" tabindex="-1" id="form-errors"><p>${t.forms.errorSummary}</p>${general.length ? html`<ul>${general.map((m) => html`<li>${translateError(ctx, m)}</li>`)}</ul>` : ''}</div>` : ''}
<form method="post" action="/admin/workflows/${axis}" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">
<div class="field${messages('transitions').length ? ' invalid' : ''}"><fieldset${aria('transitions')}><legend>${o.transitions}</legend><span class="hint" id="f-transitions-hint">${o.transitionsHint}</span>
${grid(ctx, axis, o.transitions, select)}${error('transitions')}</fieldset></div>
<div class="field${messages('justification').length ? ' invalid' : ''}"><label for="f-justification">${o.reason}</label><span class="hint" id="f-justification-hint">${o.reasonHint}</span>
<textarea id="f-justification" name="justification"${aria('justification')}>${str(values, 'justification') ?? ''}</textarea>${error('justification')}</div>
<button type="submit">${t.forms.save}</button>
</form>`;
    return send(reply, ctx, title, body, status);
  };

  const axisOf = (req: FastifyRequest) => {
    const axis = (req.params as { axis: string }).axis;
    if (!isAxis(axis)) throw errors.notFound('Workflow', axis);
    return axis;
  };
  const refused = (e: unknown, req: FastifyRequest, reply: FastifyReply) =>
    isAppError(e) && (e.status === 403 || e.status === 404) ? reply.code(e.status).type('text/html; charset=utf-8').send(errorPage(pageContext(req, reply), e.status)) : undefined;

  app.get('/admin/workflows/:axis', { schema: { hide: true }, config: { permission: perm.administrator } }, async (req, reply) => {
    try {
      const axis = axisOf(req);
      return await render(req, reply, axis, valuesOf(axis, await load(axis)), null);
    } catch (e) {
      const sent = refused(e, req, reply);
      if (sent) return sent;
      throw e;
    }
  });

  app.post('/admin/workflows/:axis', { schema: { hide: true }, config: { permission: perm.administrator } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const values = formValues(req.body);
    const transitions = transitionsOf(values);
    try {
      const axis = axisOf(req);
      try {
        const input = validate<ReplaceWorkflowInput>(ReplaceWorkflow, { transitions, justification: str(values, 'justification') ?? '' });
        await replaceWorkflow(db, ctx.actor, { axis, input });
        return reply.redirect(`/admin/workflows#w-${axis}`, 303);
      } catch (e) {
        const errs = errorsByField(e, [
          { name: 'transitions', label: '', kind: 'select' },
          { name: 'justification', label: '', kind: 'textarea' },
        ]);
        if (!errs) throw e;
        // Each refused cell is named by its two statuses, in the UI language.
        const cells = errs.get('transitions');
        if (cells) {
          const named = cells.map((fe) => {
            const cell = transitions[Number(/^\/body\/transitions\/(\d+)/.exec(fe.path)?.[1] ?? -1)];
            return cell ? { path: fe.path, message: ctx.t.oversightAdmin.badCell(`${statusName(ctx, axis, cell.from)} → ${statusName(ctx, axis, cell.to)}`) } : fe;
          });
          errs.set('transitions', named.filter((fe, i) => named.findIndex((x) => x.message === fe.message) === i));
        }
        return await render(req, reply, axis, values, errs, 400);
      }
    } catch (e) {
      const sent = refused(e, req, reply);
      if (sent) return sent;
      throw e;
    }
  });
}
