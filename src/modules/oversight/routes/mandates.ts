// HTTP routes: mandates from decisions — suggestion by extraction (English and Chinese),
// confirmation or rejection by the secretariat, and fulfilment by a report.
import { perm } from '../../access/permissions.js';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../app/context.js';
import { recordEtag } from '../../../http/etag.js';
import { errorResponses, Id, Page, writeErrorResponses } from '../../../http/schemas.js';
import { errors } from '../../../lib/errors.js';
import { confirmMandate } from '../commands/confirmMandate.js';
import { createMandate } from '../commands/createMandate.js';
import { fulfilMandate } from '../commands/fulfilMandate.js';
import { rejectMandate } from '../commands/rejectMandate.js';
import { suggestMandates } from '../commands/suggestMandates.js';
import { extractMandates } from '../mandate-extraction.js';
import * as q from '../queries.js';
import {
  ConfirmMandate,
  CreateMandate,
  ExtractMandates,
  FulfilMandate,
  Mandate,
  MandateListQuery,
  MandateSuggestion,
  RejectMandate,
  StatusChange,
} from '../schema.js';

const Params = Type.Object({ id: Id });

export async function mandateRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const tags = ['oversight'];
  const mandate = async (id: string) => {
    const m = await q.getMandate(db, id);
    if (!m) throw errors.notFound('Mandate', id);
    return m;
  };
  const MandateDetail = Type.Intersect([Mandate, Type.Object({ history: Type.Array(StatusChange) })]);
  const detail = async (id: string) => ({ ...(await mandate(id)), history: await q.history(db, [id]) });

  app.get(
    '/api/oversight/mandates',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'List mandates',
        querystring: MandateListQuery,
        response: { 200: Page(Mandate), ...errorResponses },
      },
    },
    async (req) => q.listMandates(db, req.query),
  );

  app.get(
    '/api/oversight/mandates/:id',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'A mandate with its history',
        params: Params,
        response: { 200: MandateDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const m = await detail(req.params.id);
      return reply.header('etag', recordEtag(m.id, m.version)).send(m);
    },
  );

  app.post(
    '/api/oversight/mandates',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Record a mandate by hand (secretariat of the board); it starts confirmed',
        security: [{ bearer: [] }],
        body: CreateMandate,
        response: { 201: MandateDetail, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await createMandate(db, req.actor, req.body);
      return reply
        .code(201)
        .header('location', `/api/oversight/mandates/${id}`)
        .send(await detail(id));
    },
  );

  app.post(
    '/api/oversight/mandates/extract',
    {
      // A pure computation over the posted text: open to the public like the reads.
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'Preview: the mandates the rules find in a text (English or Chinese); stores nothing',
        body: ExtractMandates,
        querystring: Type.Object({ board: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(MandateSuggestion) }), ...errorResponses },
      },
    },
    async (req) => ({
      items: extractMandates(req.body.text, {
        ...(req.body.language ? { language: req.body.language } : {}),
        ...(req.query.board ? { boardId: req.query.board } : {}),
      }),
    }),
  );

  app.post(
    '/api/oversight/decisions/:id/mandate-suggestions',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: "Suggest mandates from a decision's operative paragraphs (secretariat); idempotent",
        security: [{ bearer: [] }],
        params: Params,
        response: {
          200: Type.Object({ created: Type.Array(Type.String()), items: Type.Array(Mandate) }),
          ...writeErrorResponses,
        },
      },
    },
    async (req) => {
      const created = await suggestMandates(db, req.actor, req.params.id);
      const all = await q.listMandates(db, { decision: req.params.id, limit: 200 });
      return { created, items: all.items };
    },
  );

  app.post(
    '/api/oversight/mandates/:id/confirm',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Confirm a suggested mandate, optionally correcting entity, deliverable or due session',
        security: [{ bearer: [] }],
        params: Params,
        body: ConfirmMandate,
        response: { 200: MandateDetail, ...writeErrorResponses },
      },
    },
    async (req) => {
      await confirmMandate(db, req.actor, {
        id: req.params.id,
        input: req.body,
        ifMatch: req.headers['if-match'],
      });
      return detail(req.params.id);
    },
  );

  app.post(
    '/api/oversight/mandates/:id/reject',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Reject a suggested mandate, with a reason',
        security: [{ bearer: [] }],
        params: Params,
        body: RejectMandate,
        response: { 200: MandateDetail, ...writeErrorResponses },
      },
    },
    async (req) => {
      await rejectMandate(db, req.actor, { id: req.params.id, justification: req.body.justification });
      return detail(req.params.id);
    },
  );

  app.post(
    '/api/oversight/mandates/:id/fulfil',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Link a confirmed mandate to the report that fulfils it',
        security: [{ bearer: [] }],
        params: Params,
        body: FulfilMandate,
        response: { 200: MandateDetail, ...writeErrorResponses },
      },
    },
    async (req) => {
      await fulfilMandate(db, req.actor, { id: req.params.id, input: req.body });
      return detail(req.params.id);
    },
  );
}
