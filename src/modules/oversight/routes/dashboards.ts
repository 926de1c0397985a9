// HTTP routes: dashboards, exports (CSV/JSON of every list), the review status report (HTML/PDF)
// and the two-phase CSV import.
import { perm } from '../../access/permissions.js';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../app/context.js';
import { errorResponses, Id, IsoDate, StringEnum, writeErrorResponses, Year } from '../../../http/schemas.js';
import { errors } from '../../../lib/errors.js';
import { commitImport } from '../commands/commitImport.js';
import { previewImport } from '../commands/previewImport.js';
import { overdueActions, rates, reportingLoad, stalled } from '../dashboards.js';
import { exportRows, serializeRows } from '../exports.js';
import { buildReviewReport, renderReportHtml, renderReportPdf } from '../report.js';
import {
  AsOfQuery,
  EXPORT_LISTS,
  ImportPreview,
  ImportPreviewIn,
  OverdueAction,
  RateRow,
  RatesQuery,
  ReportingLoad,
  ReportingLoadQuery,
  StalledQuery,
  StalledRow,
} from '../schema.js';

const Params = Type.Object({ id: Id });

export async function dashboardRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const tags = ['oversight'];

  app.get(
    '/api/oversight/dashboard/rates',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'Acceptance and implementation rates per board, entity (executive heads) or review',
        querystring: RatesQuery,
        response: { 200: Type.Object({ by: Type.String(), items: Type.Array(RateRow) }), ...errorResponses },
      },
    },
    async (req) => ({ by: req.query.by ?? 'board', items: await rates(db, req.query) }),
  );

  app.get(
    '/api/oversight/dashboard/overdue-actions',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'Open actions past their due date or due session, oldest first',
        querystring: AsOfQuery,
        response: {
          200: Type.Object({
            asOf: Type.String(),
            items: Type.Array(OverdueAction),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => overdueActions(db, req.query),
  );

  app.get(
    '/api/oversight/dashboard/stalled',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'Open recommendations (per addressee) with no progress for N months',
        querystring: StalledQuery,
        response: {
          200: Type.Object({
            asOf: Type.String(),
            months: Type.Integer(),
            cutoff: Type.String(),
            items: Type.Array(StalledRow),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => stalled(db, req.query),
  );

  app.get(
    '/api/oversight/dashboard/reporting-load',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'Mandates due per upcoming session per entity (the reporting load)',
        querystring: ReportingLoadQuery,
        response: { 200: ReportingLoad, ...errorResponses },
      },
    },
    async (req) => reportingLoad(db, req.query),
  );

  app.get(
    '/api/oversight/exports/:list',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'Export a whole list as CSV (RFC 4180) or JSON',
        params: Type.Object({ list: StringEnum(EXPORT_LISTS) }),
        querystring: Type.Object(
          {
            format: Type.Optional(StringEnum(['csv', 'json'] as const)),
            asOf: Type.Optional(IsoDate),
            months: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
            fromYear: Type.Optional(Year),
            review: Type.Optional(Id),
          },
          { additionalProperties: false },
        ),
        response: { ...errorResponses },
      },
    },
    async (req, reply) => {
      const format = req.query.format ?? 'json';
      const rows = await exportRows(db, req.params.list, req.query);
      const body = serializeRows(rows, format);
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="oversight-${req.params.list}.${format}"`)
        .send(body);
    },
  );

  app.get(
    '/api/oversight/reviews/:id/report',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'Status report of a review as HTML (default) or PDF (?format=pdf)',
        params: Params,
        querystring: Type.Object(
          { format: Type.Optional(StringEnum(['html', 'pdf'] as const)), asOf: Type.Optional(IsoDate) },
          { additionalProperties: false },
        ),
        response: { ...errorResponses },
      },
    },
    async (req, reply) => {
      const report = await buildReviewReport(db, req.params.id, req.query.asOf);
      if (!report) throw errors.notFound('Review', req.params.id);
      if (req.query.format === 'pdf') {
        const pdf = await renderReportPdf(report);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="review-${report.review.id}.pdf"`)
          .send(Buffer.from(pdf));
      }
      return reply.type('text/html; charset=utf-8').send(renderReportHtml(report));
    },
  );

  app.post(
    '/api/oversight/reviews/:id/imports',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Phase 1 of a CSV import of recommendations and statuses: preview with per-row errors',
        security: [{ bearer: [] }],
        params: Params,
        body: ImportPreviewIn,
        response: { 201: ImportPreview, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const r = await previewImport(db, req.actor, { reviewId: req.params.id, csv: req.body.csv });
      return reply.code(201).header('location', `/api/oversight/imports/${r.id}`).send(r);
    },
  );

  app.post(
    '/api/oversight/imports/:id/commit',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Phase 2: apply a previewed import, all or nothing (409 if any row now fails)',
        security: [{ bearer: [] }],
        params: Params,
        response: { 200: ImportPreview, ...writeErrorResponses },
      },
    },
    async (req) => commitImport(db, req.actor, req.params.id),
  );
}
