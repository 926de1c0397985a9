// HTTP routes: reviews and their recommendations and addressees.
import { perm } from '../../access/permissions.js';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../app/context.js';
import { recordEtag } from '../../../http/etag.js';
import { errorResponses, Id, Page, writeErrorResponses } from '../../../http/schemas.js';
import { errors } from '../../../lib/errors.js';
import { addAddressee } from '../commands/addAddressee.js';
import { addRecommendation } from '../commands/addRecommendation.js';
import { registerReview } from '../commands/registerReview.js';
import { updateRecommendation } from '../commands/updateRecommendation.js';
import { updateReview } from '../commands/updateReview.js';
import * as q from '../queries.js';
import {
  Addressee,
  AddresseeIn,
  CreateRecommendation,
  CreateReview,
  Recommendation,
  RecommendationDetail,
  RecommendationListQuery,
  Review,
  ReviewListQuery,
  UpdateRecommendation,
  UpdateReview,
} from '../schema.js';

const Params = Type.Object({ id: Id });

export async function reviewRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const tags = ['oversight'];
  const review = async (id: string) => {
    const r = await q.getReview(db, id);
    if (!r) throw errors.notFound('Review', id);
    return r;
  };
  const recommendation = async (id: string) => {
    const r = await q.recommendationDetail(db, id);
    if (!r) throw errors.notFound('Recommendation', id);
    return r;
  };

  app.get(
    '/api/oversight/reviews',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'List reviews of board governance',
        querystring: ReviewListQuery,
        response: { 200: Page(Review), ...errorResponses },
      },
    },
    async (req) => q.listReviews(db, req.query),
  );

  app.get(
    '/api/oversight/reviews/:id',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'Get a review with its weighted progress',
        params: Params,
        response: { 200: Review, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await review(req.params.id);
      return reply.header('etag', recordEtag(r.id, r.version)).send(r);
    },
  );

  app.post(
    '/api/oversight/reviews',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Register a review (secretariat)',
        security: [{ bearer: [] }],
        body: CreateReview,
        response: { 201: Review, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await registerReview(db, req.actor, req.body);
      const r = await review(id);
      return reply
        .code(201)
        .header('location', `/api/oversight/reviews/${id}`)
        .header('etag', recordEtag(id, r.version))
        .send(r);
    },
  );

  app.patch(
    '/api/oversight/reviews/:id',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Correct a review (secretariat); If-Match with the ETag you read',
        security: [{ bearer: [] }],
        params: Params,
        body: UpdateReview,
        response: { 200: Review, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await updateReview(db, req.actor, {
        id: req.params.id,
        input: req.body,
        ifMatch: req.headers['if-match'],
      });
      const r = await review(req.params.id);
      return reply.header('etag', recordEtag(r.id, r.version)).send(r);
    },
  );

  app.get(
    '/api/oversight/recommendations',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'List recommendations; filter by review, board, entity, category, priority or status',
        querystring: RecommendationListQuery,
        response: { 200: Page(Recommendation), ...errorResponses },
      },
    },
    async (req) => q.listRecommendations(db, req.query),
  );

  app.get(
    '/api/oversight/recommendations/:id',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'A recommendation with its addressees, implementation plan and linked decisions',
        params: Params,
        response: { 200: RecommendationDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await recommendation(req.params.id);
      return reply.header('etag', recordEtag(r.id, r.version)).send(r);
    },
  );

  app.post(
    '/api/oversight/reviews/:id/recommendations',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Add a recommendation with its addressees (secretariat); 409 if the number is taken',
        security: [{ bearer: [] }],
        params: Params,
        body: CreateRecommendation,
        response: { 201: RecommendationDetail, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await addRecommendation(db, req.actor, { reviewId: req.params.id, input: req.body });
      const r = await recommendation(id);
      return reply
        .code(201)
        .header('location', `/api/oversight/recommendations/${id}`)
        .header('etag', recordEtag(id, r.version))
        .send(r);
    },
  );

  app.patch(
    '/api/oversight/recommendations/:id',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Correct a recommendation (secretariat); If-Match with the ETag you read',
        security: [{ bearer: [] }],
        params: Params,
        body: UpdateRecommendation,
        response: { 200: RecommendationDetail, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await updateRecommendation(db, req.actor, {
        id: req.params.id,
        input: req.body,
        ifMatch: req.headers['if-match'],
      });
      const r = await recommendation(req.params.id);
      return reply.header('etag', recordEtag(r.id, r.version)).send(r);
    },
  );

  app.post(
    '/api/oversight/recommendations/:id/addressees',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Address the recommendation to one more board or executive head (secretariat)',
        security: [{ bearer: [] }],
        params: Params,
        body: AddresseeIn,
        response: { 201: Addressee, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await addAddressee(db, req.actor, { recommendationId: req.params.id, input: req.body });
      return reply
        .code(201)
        .header('location', `/api/oversight/addressees/${id}`)
        .send(await q.getAddressee(db, id));
    },
  );
}
