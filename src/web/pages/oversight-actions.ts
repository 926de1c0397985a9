// Forms reached from a recommendation's page: the secretariat links the recommendation to the board
// decision (paragraph) that endorsed or requested it; management (or the board's secretariat)
// changes an action's title, owner, due date or weight and attaches evidence to it, where the
// oversight policy lets it respond for the addressee. Each form calls the same command as the API.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { errors } from '../../lib/errors.js';
import { perm } from '../../modules/access/permissions.js';
import { getDocument } from '../../modules/documents/queries.js';
import { addEvidence } from '../../modules/oversight/commands/addEvidence.js';
import { linkDecision } from '../../modules/oversight/commands/linkDecision.js';
import { updateAction } from '../../modules/oversight/commands/updateAction.js';
import { oversightPolicy } from '../../modules/oversight/policies.js';
import { getAction, getAddressee, getRecommendation } from '../../modules/oversight/queries.js';
import {
  AddEvidence,
  CreateDecisionLink,
  LINK_RELATIONS,
  UpdateAction,
  type AddEvidenceInput,
  type CreateDecisionLinkInput,
  type UpdateActionInput,
} from '../../modules/oversight/schema.js';
import type { PageContext } from '../context.js';
import { str } from '../forms.js';
import { html } from '../html.js';
import { actionFields, idOf, num, opt, registerGuardedForm } from './oversight-forms.js';
import { decisionOptions, documentOptions, managedBoardOptions } from './oversight-mandates.js';

export function oversightActionRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;

  registerGuardedForm<CreateDecisionLinkInput>(
    app,
    async (req) => {
      if (!(await getRecommendation(db, idOf(req)))) throw errors.notFound('Recommendation', idOf(req));
    },
    {
      path: '/oversight/recommendations/:id/decision-links/new',
      permission: perm.secretariat,
      nav: 'oversight',
      title: (ctx) => ctx.t.oversightMore.linkDecision,
      lead: async (ctx, req) => {
        const rec = (await getRecommendation(db, idOf(req)))!;
        return html`<p><a href="/oversight/recommendations/${rec.id}">${ctx.t.oversight.recommendation(rec.number)}</a></p>`;
      },
      initial: () => ({ relation: 'endorses' }),
      fields: async (ctx) => {
        const m = ctx.t.oversightMore;
        // The secretariat links decisions of its own boards; the command checks the same rule.
        const boards = (await managedBoardOptions(db, ctx)).map((b) => b.value);
        return [
          { name: 'decisionId', label: m.decision, kind: 'select', options: [opt('', m.chooseDecision), ...(await decisionOptions(db, ctx, boards))] },
          { name: 'paragraphNumber', label: m.paragraph, kind: 'text', optional: true, hint: m.paragraphHint },
          { name: 'relation', label: m.relation, kind: 'select', options: LINK_RELATIONS.map((r) => opt(r, m.relationName[r])) },
        ];
      },
      toInput: (v, req) => ({
        subjectType: 'recommendation',
        subjectId: idOf(req),
        decisionId: str(v, 'decisionId'),
        ...(str(v, 'paragraphNumber') ? { paragraphNumber: str(v, 'paragraphNumber') } : {}),
        relation: str(v, 'relation'),
      }),
      schema: CreateDecisionLink,
      save: async (ctx, input, req) => {
        await linkDecision(db, ctx.actor, input);
        return `/oversight/recommendations/${idOf(req)}`;
      },
    },
  );

  /** The action and its addressee, or 404. */
  const actionOf = async (req: FastifyRequest) => {
    const action = await getAction(db, idOf(req));
    if (!action) throw errors.notFound('Action', idOf(req));
    return { action, a: (await getAddressee(db, action.addresseeId))! };
  };
  /** 404 for a missing action, 403 when the oversight policy does not let the caller respond for its addressee. */
  const checkAction = async (req: FastifyRequest) => {
    const { a } = await actionOf(req);
    oversightPolicy.respond(req.actor, { board_id: a.boardId, kind: a.kind });
  };
  const lead = async (ctx: PageContext, req: FastifyRequest) => {
    const { action, a } = await actionOf(req);
    const rec = await getRecommendation(db, a.recommendationId);
    return html`<p>${ctx.t.oversight.action}: ${action.title} <span class="meta">(<a href="/oversight/recommendations/${a.recommendationId}#a-${a.id}">${ctx.t.oversight.recommendation(rec?.number ?? '')}</a>)</span></p>`;
  };
  const afterwards = async (req: FastifyRequest) => {
    const { a } = await actionOf(req);
    return `/oversight/recommendations/${a.recommendationId}#a-${a.id}`;
  };

  registerGuardedForm<UpdateActionInput>(app, checkAction, {
    path: '/oversight/actions/:id/edit',
    permission: perm.management,
    nav: 'oversight',
    title: (ctx) => ctx.t.oversightMore.editAction,
    lead,
    initial: async (_ctx, req) => {
      const { action } = await actionOf(req);
      return {
        title: action.title,
        owner: action.owner,
        dueDate: action.dueDate ?? '',
        dueSession: action.dueSession?.type ?? '',
        dueSessionYear: action.dueSession ? String(action.dueSession.year) : '',
        weight: String(action.weight),
      };
    },
    fields: async (ctx) => actionFields(ctx),
    // The form shows every field, so its values replace the action's: an emptied due date or
    // session clears it, an emptied title or owner is refused beside the field.
    toInput: (v) => ({
      title: str(v, 'title') ?? '',
      owner: str(v, 'owner') ?? '',
      dueDate: str(v, 'dueDate') ?? null,
      dueSession: str(v, 'dueSession') || str(v, 'dueSessionYear') ? { type: str(v, 'dueSession'), year: num(v, 'dueSessionYear') } : null,
      ...(str(v, 'weight') ? { weight: num(v, 'weight') } : {}),
    }),
    schema: UpdateAction,
    save: async (ctx, input, req) => {
      await updateAction(db, ctx.actor, { id: idOf(req), input });
      return afterwards(req);
    },
  });

  registerGuardedForm<AddEvidenceInput>(app, checkAction, {
    path: '/oversight/actions/:id/evidence/new',
    permission: perm.management,
    nav: 'oversight',
    title: (ctx) => ctx.t.oversightMore.addEvidence,
    lead,
    initial: () => ({ kind: 'link' }),
    fields: async (ctx, req) => {
      const { a } = await actionOf(req);
      const m = ctx.t.oversightMore;
      return [
        { name: 'kind', label: m.evidenceKind, kind: 'select', options: (['link', 'document'] as const).map((k) => opt(k, m.evidenceKinds[k])) },
        { name: 'title', label: ctx.t.common.title, kind: 'text' },
        { name: 'url', label: m.url, kind: 'text', optional: true, hint: m.urlHint },
        { name: 'documentId', label: m.document, kind: 'select', optional: true, hint: m.documentHint, options: [opt('', ctx.t.oversight.none), ...(await documentOptions(db, ctx.actor, a.boardId))] },
      ];
    },
    toInput: (v) => ({
      kind: str(v, 'kind'),
      title: str(v, 'title'),
      ...(str(v, 'url') ? { url: str(v, 'url') } : {}),
      ...(str(v, 'documentId') ? { documentId: str(v, 'documentId') } : {}),
    }),
    schema: AddEvidence,
    save: async (ctx, input, req) => {
      // A document the caller may not read is answered as missing, beside the field.
      if (input.documentId && !(await getDocument(db, ctx.actor, input.documentId)))
        throw errors.validation([{ path: '/body/documentId', message: `unknown document '${input.documentId}'` }]);
      await addEvidence(db, ctx.actor, { actionId: idOf(req), input });
      return afterwards(req);
    },
  });
}
