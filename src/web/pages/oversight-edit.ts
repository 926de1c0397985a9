// Edits of a review and of a recommendation, for the secretariat (the oversight policy's
// manageReviews, as the API's PATCH). The form opens with the current values and carries the
// version it was read at; the save sends it as the API's If-Match, so an edit of a record someone
// changed meanwhile comes back as a form error (the command answers 412) instead of overwriting.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { errors } from '../../lib/errors.js';
import type { Actor } from '../../modules/access/actor.js';
import { perm } from '../../modules/access/permissions.js';
import { getDocument, listDocuments } from '../../modules/documents/queries.js';
import { updateRecommendation } from '../../modules/oversight/commands/updateRecommendation.js';
import { updateReview } from '../../modules/oversight/commands/updateReview.js';
import { oversightPolicy } from '../../modules/oversight/policies.js';
import { getRecommendation, getReview } from '../../modules/oversight/queries.js';
import {
  CATEGORIES,
  PRIORITIES,
  UpdateRecommendation,
  UpdateReview,
  type UpdateRecommendationInput,
  type UpdateReviewInput,
} from '../../modules/oversight/schema.js';
import { str, type FieldSpec } from '../forms.js';
import { html } from '../html.js';
import { guarded, ifMatchOf } from './edit-forms.js';
import { allows } from './oversight-mandates.js';
import { idOf, num, opt, registerGuardedForm } from './oversight-forms.js';
import { term } from './oversight.js';

/** Whether the caller may correct reviews and recommendations (the links on the oversight pages). */
export const mayEditReviews = (actor: Actor) => allows(() => oversightPolicy.manageReviews(actor));

export function oversightEditRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  const reviewOf = async (req: FastifyRequest) => {
    const r = await getReview(db, idOf(req));
    if (!r) throw errors.notFound('Review', idOf(req));
    return r;
  };
  const recommendationOf = async (req: FastifyRequest) => {
    const r = await getRecommendation(db, idOf(req));
    if (!r) throw errors.notFound('Recommendation', idOf(req));
    return r;
  };

  registerGuardedForm<UpdateReviewInput>(
    app,
    async (req) => {
      await reviewOf(req);
      oversightPolicy.manageReviews(req.actor);
    },
    {
      path: '/oversight/reviews/:id/edit',
      permission: perm.secretariat,
      nav: 'oversight',
      title: (ctx) => ctx.t.oversightAdmin.editReview,
      lead: async (ctx, req) => {
        const r = await reviewOf(req);
        return html`<p><a href="/oversight/reviews/${r.id}">${r.title}</a></p>`;
      },
      initial: async (_ctx, req) => {
        const r = await reviewOf(req);
        return { title: r.title, issuingBody: r.issuingBody, symbol: r.symbol ?? '', issuedOn: r.issuedOn, documentId: r.documentId ?? '', version: String(r.version) };
      },
      fields: async (ctx, req) => {
        const r = await reviewOf(req);
        const o = ctx.t.oversightAdmin;
        const fields: FieldSpec[] = [
          { name: 'title', label: ctx.t.common.title, kind: 'text' },
          { name: 'issuingBody', label: ctx.t.oversight.issuingBody, kind: 'text' },
          { name: 'symbol', label: ctx.t.common.symbol, kind: 'text', optional: true, hint: o.symbolHint },
          { name: 'issuedOn', label: ctx.t.oversight.issuedOn, kind: 'date', hint: o.issuedOnHint(String(r.year)) },
        ];
        // The report is chosen among the documents the caller may read; a current report the caller
        // may not read leaves the field out, so that saving the form keeps it.
        const current = r.documentId ? await getDocument(db, ctx.actor, r.documentId) : undefined;
        if (!r.documentId || current) {
          const docs = (await listDocuments(db, ctx.actor, { limit: 100 })).items;
          if (current && !docs.some((d) => d.id === current.id)) docs.unshift(current);
          const options = docs.map((d) => opt(d.id, d.symbol ? `${d.symbol} — ${d.title}` : d.title));
          fields.push({ name: 'documentId', label: ctx.t.oversight.report, kind: 'select', optional: true, options: [opt('', o.noDocument), ...options] });
        }
        fields.push({ name: 'version', label: '', kind: 'hidden' });
        return fields;
      },
      // An emptied field is sent empty, so that validation names it rather than keeping the old value.
      toInput: (v) => ({
        title: str(v, 'title') ?? '',
        issuingBody: str(v, 'issuingBody') ?? '',
        symbol: str(v, 'symbol') ?? null,
        issuedOn: str(v, 'issuedOn') ?? '',
        ...(v.documentId === undefined ? {} : { documentId: str(v, 'documentId') ?? null }),
      }),
      schema: UpdateReview,
      save: async (ctx, input, req) => {
        const r = await reviewOf(req);
        await guarded(ctx, () => updateReview(db, ctx.actor, { id: r.id, input, ifMatch: ifMatchOf(req) }));
        return `/oversight/reviews/${r.id}`;
      },
    },
  );

  registerGuardedForm<UpdateRecommendationInput>(
    app,
    async (req) => {
      await recommendationOf(req);
      oversightPolicy.manageReviews(req.actor);
    },
    {
      path: '/oversight/recommendations/:id/edit',
      permission: perm.secretariat,
      nav: 'oversight',
      title: (ctx) => ctx.t.oversightAdmin.editRecommendation,
      lead: async (ctx, req) => {
        const r = await recommendationOf(req);
        return html`<p><a href="/oversight/recommendations/${r.id}">${ctx.t.oversight.recommendation(r.number)}</a></p>`;
      },
      initial: async (_ctx, req) => {
        const r = await recommendationOf(req);
        return { text: r.text, category: r.category, priority: r.priority, intendedImpact: r.intendedImpact ?? '', weight: String(r.weight), version: String(r.version) };
      },
      fields: async (ctx) => {
        const t = ctx.t.oversight;
        return [
          { name: 'text', label: t.text, kind: 'textarea' },
          { name: 'category', label: t.category, kind: 'select', options: CATEGORIES.map((c) => opt(c, term(ctx, 'categoryName', c))) },
          { name: 'priority', label: t.priority, kind: 'select', options: PRIORITIES.map((p) => opt(p, term(ctx, 'priorityName', p))) },
          { name: 'intendedImpact', label: t.impact, kind: 'text', optional: true, hint: ctx.t.oversightAdmin.impactHint },
          { name: 'weight', label: t.weight, kind: 'text', hint: ctx.t.oversightAdmin.weightHint },
          { name: 'version', label: '', kind: 'hidden' },
        ];
      },
      toInput: (v) => ({
        text: str(v, 'text') ?? '',
        category: str(v, 'category') ?? '',
        priority: str(v, 'priority') ?? '',
        intendedImpact: str(v, 'intendedImpact') ?? null,
        weight: num(v, 'weight') ?? '',
      }),
      schema: UpdateRecommendation,
      save: async (ctx, input, req) => {
        const r = await recommendationOf(req);
        await guarded(ctx, () => updateRecommendation(db, ctx.actor, { id: r.id, input, ifMatch: ifMatchOf(req) }));
        return `/oversight/recommendations/${r.id}`;
      },
    },
  );
}
