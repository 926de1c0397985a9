// HTTP routes for sessions and agenda items.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { perm } from '../access/permissions.js';
import { errors } from '../../lib/errors.js';
import { recordEtag } from '../../http/etag.js';
import { errorResponses, Id, Page, writeErrorResponses } from '../../http/schemas.js';
import { addAgendaItem } from './commands/addAgendaItem.js';
import { scheduleSession } from './commands/scheduleSession.js';
import { updateSession } from './commands/updateSession.js';
import * as q from './queries.js';
import { presentAgendaItem, presentSession } from './presenters.js';
import {
  AgendaItem,
  CreateAgendaItem,
  CreateSession,
  SessionDetail,
  SessionListQuery,
  UpdateSession,
} from './schema.js';
import { Session } from './schema.js';

const Params = Type.Object({ id: Id });

export async function sessionRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const tags = ['sessions'];

  const detail = async (actor: Parameters<typeof q.getSession>[1], id: string) => {
    const s = await q.getSession(db, actor, id);
    if (!s) throw errors.notFound('Session', id);
    return { ...presentSession(s), agendaItems: (await q.listAgendaItems(db, id)).map(presentAgendaItem) };
  };

  app.get(
    '/api/sessions',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'List sessions across boards',
        querystring: SessionListQuery,
        response: { 200: Page(Session), ...errorResponses },
      },
    },
    async (req) => {
      const page = await q.listSessions(db, req.actor, req.query);
      return { items: page.items.map(presentSession), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/sessions/:id',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'Get a session with its agenda',
        params: Params,
        response: { 200: SessionDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const d = await detail(req.actor, req.params.id);
      return reply.header('etag', recordEtag(d.id, d.version)).send(d);
    },
  );

  app.post(
    '/api/sessions',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Schedule a session (secretariat)',
        security: [{ bearer: [] }],
        body: CreateSession,
        response: { 201: SessionDetail, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await scheduleSession(db, req.actor, req.body);
      const d = await detail(req.actor, id);
      return reply
        .code(201)
        .header('location', `/api/sessions/${id}`)
        .header('etag', recordEtag(id, d.version))
        .send(d);
    },
  );

  app.patch(
    '/api/sessions/:id',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Update a session (secretariat); send If-Match with the ETag you read',
        security: [{ bearer: [] }],
        params: Params,
        body: UpdateSession,
        response: { 200: SessionDetail, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await updateSession(db, req.actor, {
        id: req.params.id,
        input: req.body,
        ifMatch: req.headers['if-match'],
      });
      const d = await detail(req.actor, req.params.id);
      return reply.header('etag', recordEtag(d.id, d.version)).send(d);
    },
  );

  app.get(
    '/api/sessions/:id/agenda-items',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'Agenda of a session',
        params: Params,
        response: { 200: Type.Object({ items: Type.Array(AgendaItem) }), ...errorResponses },
      },
    },
    async (req) => {
      if (!(await q.getSession(db, req.actor, req.params.id)))
        throw errors.notFound('Session', req.params.id);
      return { items: (await q.listAgendaItems(db, req.params.id)).map(presentAgendaItem) };
    },
  );

  app.post(
    '/api/sessions/:id/agenda-items',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Add an agenda item (secretariat)',
        security: [{ bearer: [] }],
        params: Params,
        body: CreateAgendaItem,
        response: { 201: AgendaItem, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await addAgendaItem(db, req.actor, { sessionId: req.params.id, input: req.body });
      const item = (await q.listAgendaItems(db, req.params.id)).find((a) => a.id === id)!;
      return reply.code(201).send(presentAgendaItem(item));
    },
  );
}
