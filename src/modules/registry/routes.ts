// HTTP routes for the registry. Handlers are thin: validate -> load -> command -> present.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { perm } from '../access/permissions.js';
import { errors } from '../../lib/errors.js';
import { errorResponses, Page, writeErrorResponses } from '../../http/schemas.js';
import { addBureauPost } from './commands/addBureauPost.js';
import { addMembership } from './commands/addMembership.js';
import * as q from './queries.js';
import * as p from './presenters.js';
import {
  Board,
  BoardParams,
  BureauPost,
  CreateBureauPost,
  CreateMembership,
  Entity,
  IdParams,
  MemberState,
  MemberStateListQuery,
  Membership,
  MembershipQuery,
} from './schema.js';

export async function registryRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const tags = ['registry'];

  app.get(
    '/api/entities',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'List the entities (funds and programmes)',
        response: { 200: Type.Object({ items: Type.Array(Entity) }) },
      },
    },
    async () => ({ items: (await q.listEntities(db)).map(p.presentEntity) }),
  );

  app.get(
    '/api/entities/:id',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'Get an entity',
        params: IdParams,
        response: { 200: Entity, ...errorResponses },
      },
    },
    async (req) => {
      const row = await q.getEntity(db, req.params.id);
      if (!row) throw errors.notFound('Entity', req.params.id);
      return p.presentEntity(row);
    },
  );

  app.get(
    '/api/boards',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'List the Executive Boards',
        response: { 200: Type.Object({ items: Type.Array(Board) }) },
      },
    },
    async () => ({ items: (await q.listBoards(db)).map(p.presentBoard) }),
  );

  app.get(
    '/api/boards/:boardId',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'Get a board with the entities it oversees',
        params: BoardParams,
        response: { 200: Board, ...errorResponses },
      },
    },
    async (req) => {
      const row = await q.getBoard(db, req.params.boardId);
      if (!row) throw errors.notFound('Board', req.params.boardId);
      return p.presentBoard(row);
    },
  );

  app.get(
    '/api/member-states',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'List the 193 member states',
        querystring: MemberStateListQuery,
        response: { 200: Page(MemberState), ...errorResponses },
      },
    },
    async (req) => {
      const page = await q.listMemberStates(db, req.query);
      return { items: page.items.map(p.presentMemberState), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/member-states/:id',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'Get a member state by ISO 3166-1 alpha-3 code',
        params: IdParams,
        response: { 200: MemberState, ...errorResponses },
      },
    },
    async (req) => {
      const row = await q.getMemberState(db, req.params.id);
      if (!row) throw errors.notFound('Member state', req.params.id);
      return p.presentMemberState(row);
    },
  );

  app.get(
    '/api/boards/:boardId/memberships',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'Members of a board (all terms, or those serving on a date or during a year)',
        params: BoardParams,
        querystring: MembershipQuery,
        response: { 200: Type.Object({ items: Type.Array(Membership) }), ...errorResponses },
      },
    },
    async (req) => {
      if (!(await q.boardExists(db, req.params.boardId))) throw errors.notFound('Board', req.params.boardId);
      const on = req.query.on ?? (req.query.year ? `${req.query.year}-07-01` : undefined);
      return { items: (await q.listMemberships(db, req.params.boardId, on)).map(p.presentMembership) };
    },
  );

  app.post(
    '/api/boards/:boardId/memberships',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Add a member state to a board for a term (secretariat)',
        security: [{ bearer: [] }],
        params: BoardParams,
        body: CreateMembership,
        response: { 201: Membership, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await addMembership(db, req.actor, { boardId: req.params.boardId, input: req.body });
      const row = (await q.listMemberships(db, req.params.boardId)).find((m) => m.id === id);
      return reply
        .code(201)
        .header('location', `/api/boards/${req.params.boardId}/memberships`)
        .send(p.presentMembership(row!));
    },
  );

  app.get(
    '/api/boards/:boardId/bureau',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'Bureau of a board per year',
        params: BoardParams,
        querystring: Type.Object(
          { year: Type.Optional(Type.Integer({ minimum: 1945, maximum: 2200 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(BureauPost) }), ...errorResponses },
      },
    },
    async (req) => {
      if (!(await q.boardExists(db, req.params.boardId))) throw errors.notFound('Board', req.params.boardId);
      return { items: (await q.listBureau(db, req.params.boardId, req.query.year)).map(p.presentBureauPost) };
    },
  );

  app.post(
    '/api/boards/:boardId/bureau',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Elect a member state to a bureau post (secretariat)',
        security: [{ bearer: [] }],
        params: BoardParams,
        body: CreateBureauPost,
        response: { 201: BureauPost, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await addBureauPost(db, req.actor, { boardId: req.params.boardId, input: req.body });
      const row = (await q.listBureau(db, req.params.boardId, req.body.year)).find((b) => b.id === id);
      return reply.code(201).send(p.presentBureauPost(row!));
    },
  );
}
