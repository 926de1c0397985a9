// HTTP routes: addressees' responses on the two axes, implementation actions and evidence.
import { perm } from '../../access/permissions.js';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../app/context.js';
import { recordEtag } from '../../../http/etag.js';
import { errorResponses, Id, Page, writeErrorResponses } from '../../../http/schemas.js';
import { errors } from '../../../lib/errors.js';
import { addAction } from '../commands/addAction.js';
import { addEvidence } from '../commands/addEvidence.js';
import { recordActionProgress } from '../commands/recordActionProgress.js';
import { recordResponse } from '../commands/recordResponse.js';
import { updateAction } from '../commands/updateAction.js';
import * as q from '../queries.js';
import {
  Action,
  ActionListQuery,
  AddEvidence,
  AddresseeDetail,
  CreateAction,
  Evidence,
  RecordActionProgress,
  RecordResponse,
  StatusChange,
  UpdateAction,
} from '../schema.js';

const Params = Type.Object({ id: Id });

export async function responseRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const tags = ['oversight'];
  const addressee = async (id: string) => {
    const a = await q.getAddressee(db, id);
    if (!a) throw errors.notFound('Addressee', id);
    const actions = await q.actionsOf(db, [id]);
    return { ...a, actions, history: await q.history(db, [id, ...actions.map((x) => x.id)]) };
  };
  const action = async (id: string) => {
    const a = await q.getAction(db, id);
    if (!a) throw errors.notFound('Action', id);
    return a;
  };

  app.get(
    '/api/oversight/addressees/:id',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: "An addressee's response on both axes, its actions and full history",
        params: Params,
        response: { 200: AddresseeDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const a = await addressee(req.params.id);
      return reply.header('etag', recordEtag(a.id, a.version)).send(a);
    },
  );

  app.get(
    '/api/oversight/addressees/:id/history',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'Every status change of the addressee and its actions: who, when, why',
        params: Params,
        response: { 200: Type.Object({ items: Type.Array(StatusChange) }), ...errorResponses },
      },
    },
    async (req) => {
      if (!(await q.getAddressee(db, req.params.id))) throw errors.notFound('Addressee', req.params.id);
      const actions = await q.actionsOf(db, [req.params.id]);
      return { items: await q.history(db, [req.params.id, ...actions.map((x) => x.id)]) };
    },
  );

  for (const axis of ['acceptance', 'implementation'] as const) {
    app.post(
      `/api/oversight/addressees/:id/${axis}`,
      {
        config: { permission: perm.management },
        schema: {
          tags,
          summary: `Record the ${axis} status (checked against the ${axis} workflow; some moves need a justification)`,
          security: [{ bearer: [] }],
          params: Params,
          body: RecordResponse,
          response: { 200: AddresseeDetail, ...writeErrorResponses },
        },
      },
      async (req, reply) => {
        await recordResponse(db, req.actor, {
          addresseeId: req.params.id,
          axis,
          input: req.body,
          ifMatch: req.headers['if-match'],
        });
        const a = await addressee(req.params.id);
        return reply.header('etag', recordEtag(a.id, a.version)).send(a);
      },
    );
  }

  app.post(
    '/api/oversight/addressees/:id/actions',
    {
      config: { permission: perm.management },
      schema: {
        tags,
        summary: "Add an action to the addressee's implementation plan",
        security: [{ bearer: [] }],
        params: Params,
        body: CreateAction,
        response: { 201: Action, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await addAction(db, req.actor, { addresseeId: req.params.id, input: req.body });
      const a = await action(id);
      return reply
        .code(201)
        .header('location', `/api/oversight/actions/${id}`)
        .header('etag', recordEtag(id, a.version))
        .send(a);
    },
  );

  app.get(
    '/api/oversight/actions',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'List implementation actions',
        querystring: ActionListQuery,
        response: { 200: Page(Action), ...errorResponses },
      },
    },
    async (req) => q.listActions(db, req.query),
  );

  app.get(
    '/api/oversight/actions/:id',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'Get an action with its evidence',
        params: Params,
        response: { 200: Action, ...errorResponses },
      },
    },
    async (req, reply) => {
      const a = await action(req.params.id);
      return reply.header('etag', recordEtag(a.id, a.version)).send(a);
    },
  );

  app.patch(
    '/api/oversight/actions/:id',
    {
      config: { permission: perm.management },
      schema: {
        tags,
        summary: "Change an action's title, owner, due date or session, or weight",
        security: [{ bearer: [] }],
        params: Params,
        body: UpdateAction,
        response: { 200: Action, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await updateAction(db, req.actor, {
        id: req.params.id,
        input: req.body,
        ifMatch: req.headers['if-match'],
      });
      const a = await action(req.params.id);
      return reply.header('etag', recordEtag(a.id, a.version)).send(a);
    },
  );

  app.post(
    '/api/oversight/actions/:id/progress',
    {
      config: { permission: perm.management },
      schema: {
        tags,
        summary: 'Record progress (0-100) and/or a new status of an action; rolls up to the recommendation',
        security: [{ bearer: [] }],
        params: Params,
        body: RecordActionProgress,
        response: { 200: Action, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await recordActionProgress(db, req.actor, {
        id: req.params.id,
        input: req.body,
        ifMatch: req.headers['if-match'],
      });
      const a = await action(req.params.id);
      return reply.header('etag', recordEtag(a.id, a.version)).send(a);
    },
  );

  app.post(
    '/api/oversight/actions/:id/evidence',
    {
      config: { permission: perm.management },
      schema: {
        tags,
        summary: 'Attach evidence (a registered document or a link) to an action',
        security: [{ bearer: [] }],
        params: Params,
        body: AddEvidence,
        response: { 201: Evidence, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await addEvidence(db, req.actor, { actionId: req.params.id, input: req.body });
      const a = await action(req.params.id);
      return reply.code(201).send(a.evidence.find((e) => e.id === id)!);
    },
  );
}
