// HTTP routes for documents, their language versions, paragraphs and statements.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { logRead } from '../access/read-log.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { perm } from '../access/permissions.js';
import { errors } from '../../lib/errors.js';
import { recordEtag } from '../../http/etag.js';
import { errorResponses, Id, LanguageCode, Page, writeErrorResponses } from '../../http/schemas.js';
import { addExpression } from './commands/addExpression.js';
import { registerDocument } from './commands/registerDocument.js';
import * as q from './queries.js';
import { presentDocument, presentExpression } from './presenters.js';
import {
  CreateDocument,
  CreateExpression,
  Document,
  DocumentDetail,
  DocumentListQuery,
  ParagraphsQuery,
  ParagraphsResponse,
  Statement,
} from './schema.js';

const Params = Type.Object({ id: Id });

export async function documentRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const tags = ['documents'];

  // Reads of restricted documents are logged, and such responses are kept out of the read cache so
  // that every read reaches this log.
  const load = async (req: FastifyRequest, id: string) => {
    const doc = await q.getDocument(db, req.actor, id);
    if (!doc) throw errors.notFound('Document', id);
    if (doc.access_level !== 'public') {
      req.readCacheKey = undefined;
      await logRead(db, req.actor, 'document', doc.id, doc.access_level);
    }
    return doc;
  };
  const detail = async (req: FastifyRequest, id: string) => {
    const doc = await load(req, id);
    return { ...presentDocument(doc), expressions: (await q.listExpressions(db, id)).map(presentExpression) };
  };

  app.get(
    '/api/documents',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'List documents',
        querystring: DocumentListQuery,
        response: { 200: Page(Document), ...errorResponses },
      },
    },
    async (req) => {
      const page = await q.listDocuments(db, req.actor, req.query);
      return { items: page.items.map(presentDocument), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/documents/:id',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'Get a document with its language versions',
        params: Params,
        response: { 200: DocumentDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const d = await detail(req, req.params.id);
      return reply.header('etag', recordEtag(d.id, d.version)).send(d);
    },
  );

  app.post(
    '/api/documents',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Register a document (secretariat)',
        security: [{ bearer: [] }],
        body: CreateDocument,
        response: { 201: DocumentDetail, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await registerDocument(db, req.actor, req.body);
      const d = await detail(req, id);
      return reply
        .code(201)
        .header('location', `/api/documents/${id}`)
        .header('etag', recordEtag(id, d.version))
        .send(d);
    },
  );

  app.post(
    '/api/documents/:id/expressions',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Add or revise a language version with its paragraphs (secretariat)',
        security: [{ bearer: [] }],
        params: Params,
        body: CreateExpression,
        response: {
          200: Type.Object({
            expressionId: Type.String(),
            revision: Type.Integer(),
            status: Type.Literal('unchanged'),
          }),
          201: Type.Object({
            expressionId: Type.String(),
            revision: Type.Integer(),
            status: Type.Union([Type.Literal('created'), Type.Literal('revised')]),
          }),
          ...writeErrorResponses,
        },
      },
    },
    async (req, reply) => {
      await load(req, req.params.id);
      const result = await addExpression(db, req.actor, { documentId: req.params.id, input: req.body });
      return reply.code(result.status === 'unchanged' ? 200 : 201).send(result);
    },
  );

  app.get(
    '/api/documents/:id/paragraphs',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary:
          'Numbered paragraphs of a language version (default: the original language, current revision)',
        params: Params,
        querystring: ParagraphsQuery,
        response: { 200: ParagraphsResponse, ...errorResponses },
      },
    },
    async (req) => {
      const doc = await load(req, req.params.id);
      const expr = await q.findExpression(db, doc, req.query.language, req.query.revision);
      if (!expr)
        throw errors.notFound(
          'Language version',
          `${req.query.language ?? doc.original_language}${req.query.revision ? ` revision ${req.query.revision}` : ''}`,
        );
      const tree = await q.paragraphTree(db, expr.id);
      return {
        documentId: doc.id,
        language: expr.language as 'zh',
        revision: expr.revision,
        title: expr.title,
        items: tree.items,
      };
    },
  );

  app.get(
    '/api/documents/:id/statements',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags,
        summary: 'Who spoke in which paragraph',
        params: Params,
        querystring: Type.Object({ language: Type.Optional(LanguageCode) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Statement) }), ...errorResponses },
      },
    },
    async (req) => {
      const doc = await load(req, req.params.id);
      const expr = await q.findExpression(db, doc, req.query.language);
      if (!expr) throw errors.notFound('Language version', req.query.language ?? doc.original_language);
      const tree = await q.paragraphTree(db, expr.id);
      return {
        items: tree.statements.map((s) => ({
          paragraphId: s.paragraph_id,
          paragraphNumber: s.number,
          speakerRole: s.speaker_role,
          entityId: s.entity_id,
          memberStateId: s.member_state_id,
        })),
      };
    },
  );
}
