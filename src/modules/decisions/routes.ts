// HTTP routes for decisions.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { perm } from '../access/permissions.js';
import { errors } from '../../lib/errors.js';
import { recordEtag } from '../../http/etag.js';
import { errorResponses, Id, Page, writeErrorResponses } from '../../http/schemas.js';
import { adoptDecision } from './commands/adoptDecision.js';
import { amendDecision } from './commands/amendDecision.js';
import * as q from './queries.js';
import { presentDecision, presentDecisionParagraph } from './presenters.js';
import { CreateDecision, Decision, DecisionDetail, DecisionListQuery, UpdateDecision } from './schema.js';

const Params = Type.Object({ id: Id });

export async function decisionRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const tags = ['decisions'];

  const detail = async (id: string) => {
    const d = await q.getDecision(db, id);
    if (!d) throw errors.notFound('Decision', id);
    return {
      ...presentDecision(d),
      paragraphs: (await q.decisionParagraphs(db, id)).map(presentDecisionParagraph),
    };
  };

  app.get(
    '/api/decisions',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'List decisions',
        querystring: DecisionListQuery,
        response: { 200: Page(Decision), ...errorResponses },
      },
    },
    async (req) => {
      const page = await q.listDecisions(db, req.query);
      return { items: page.items.map(presentDecision), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/decisions/:id',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'Get a decision with its paragraphs',
        params: Params,
        response: { 200: DecisionDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const d = await detail(req.params.id);
      return reply.header('etag', recordEtag(d.id, d.version)).send(d);
    },
  );

  app.post(
    '/api/decisions',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Record an adopted decision (secretariat); 409 if the number is taken on that board',
        security: [{ bearer: [] }],
        body: CreateDecision,
        response: { 201: DecisionDetail, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await adoptDecision(db, req.actor, req.body);
      const d = await detail(id);
      return reply
        .code(201)
        .header('location', `/api/decisions/${id}`)
        .header('etag', recordEtag(id, d.version))
        .send(d);
    },
  );

  app.patch(
    '/api/decisions/:id',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Amend a decision record (secretariat); send If-Match with the ETag you read',
        security: [{ bearer: [] }],
        params: Params,
        body: UpdateDecision,
        response: { 200: DecisionDetail, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await amendDecision(db, req.actor, {
        id: req.params.id,
        input: req.body,
        ifMatch: req.headers['if-match'],
      });
      const d = await detail(req.params.id);
      return reply.header('etag', recordEtag(d.id, d.version)).send(d);
    },
  );
}
