// HTTP routes of coherence across boards: the tag catalogue, the model's suggestions and the tags a
// person confirmed, analyses and their findings, the board × theme matrix, the yearly report
// (JSON, HTML, CSV, PDF), the calendar across boards and the meeting load of delegations.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { errors } from '../../lib/errors.js';
import { errorResponses, Id, Page, writeErrorResponses } from '../../http/schemas.js';
import { perm } from '../access/permissions.js';
import { addTag } from './commands/addTag.js';
import { decideSuggestion } from './commands/decideSuggestion.js';
import { removeTag } from './commands/removeTag.js';
import { runAnalysis } from './commands/runAnalysis.js';
import { setDelegationCapacity } from './commands/setDelegationCapacity.js';
import { suggestTagsFor } from './commands/suggestTags.js';
import { calendarSessions, DEFAULT_LOAD, delegationLoads, overlaps } from './calendar.js';
import { coherencePolicy } from './policies.js';
import { presentFinding, presentSuggestion, presentTag } from './presenters.js';
import * as q from './queries.js';
import {
  boardThemeMatrix,
  buildCoherenceReport,
  renderCoherenceCsv,
  renderCoherenceHtml,
  renderCoherencePdf,
} from './report.js';
import {
  AddTagBody,
  AnalyseBody,
  AnalysisResultSchema,
  Calendar,
  CalendarQuery,
  CapacityBody,
  CatalogueQuery,
  ConfirmedTag,
  DecideBody,
  Finding,
  FindingListQuery,
  Load,
  LoadQuery,
  Matrix,
  PreviewBody,
  ReportQuery,
  SubjectTags,
  SubjectTypeSchema,
  Suggestion,
  SuggestBody,
  SuggestionListQuery,
  SuggestResult,
  TagInfoSchema,
  YearQuery,
} from './schema.js';
import { canReadSubject, loadSubject } from './subjects.js';
import { suggestTags } from './tagger.js';
import { TAGS } from './themes.js';

const IdParams = Type.Object({ id: Id });
const SubjectParams = Type.Object({ type: SubjectTypeSchema, id: Id });

export async function coherenceRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const tags = ['coherence'];

  /** A subject the caller may read, else 404 (as if it did not exist). */
  const readable = async (
    actor: Parameters<typeof canReadSubject>[0],
    type: Parameters<typeof loadSubject>[1],
    id: string,
  ) => {
    const s = await loadSubject(db, type, id);
    if (!s || !canReadSubject(actor, s)) throw errors.notFound(type, id);
    return s;
  };

  app.get(
    '/api/coherence/catalogue',
    {
      config: { cache: true, permission: perm.public },
      schema: {
        tags,
        summary: 'SDG goals, the 169 targets and the cross-cutting themes that can be tagged',
        querystring: CatalogueQuery,
        response: { 200: Type.Object({ items: Type.Array(TagInfoSchema) }), ...errorResponses },
      },
    },
    async (req) => ({
      items: TAGS.filter(
        (t) =>
          (!req.query.kind || t.kind === req.query.kind) &&
          (!req.query.goal || t.id === `sdg:${req.query.goal}` || t.parent === `sdg:${req.query.goal}`),
      ),
    }),
  );

  app.post(
    '/api/coherence/tagging/preview',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'Run the tagging model on a text and explain its suggestions (nothing is stored)',
        body: PreviewBody,
        response: {
          200: Type.Object({
            suggestions: Type.Array(
              Type.Object({
                tag: Type.String(),
                score: Type.Number(),
                raw: Type.Number(),
                lengthFactor: Type.Number(),
                triggers: Type.Array(Type.Unknown()),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => ({ suggestions: suggestTags(req.body.text, { minScore: req.body.minScore }) }),
  );

  app.post(
    '/api/coherence/tagging/suggest',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary:
          'Refresh the model’s suggestions for subjects (by ids, or all of a type in a year); secretariat',
        security: [{ bearer: [] }],
        body: SuggestBody,
        response: { 200: SuggestResult, ...writeErrorResponses, 422: errorResponses[400] },
      },
    },
    async (req) => suggestTagsFor(db, req.actor, req.body),
  );

  app.get(
    '/api/coherence/suggestions',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'The review queue of suggested tags (secretariat)',
        security: [{ bearer: [] }],
        querystring: SuggestionListQuery,
        response: { 200: Page(Suggestion), ...errorResponses },
      },
    },
    async (req) => {
      coherencePolicy.readQueue(req.actor);
      const page = await q.listSuggestions(db, req.query);
      return { items: page.items.map(presentSuggestion), nextCursor: page.nextCursor };
    },
  );

  for (const decision of ['confirm', 'reject'] as const) {
    app.post(
      `/api/coherence/suggestions/:id/${decision}`,
      {
        config: { permission: perm.secretariat },
        schema: {
          tags,
          summary: `${decision === 'confirm' ? 'Confirm' : 'Reject'} a suggested tag (secretariat of the subject’s board)`,
          security: [{ bearer: [] }],
          params: IdParams,
          body: Type.Optional(DecideBody),
          response: { 200: Suggestion, ...writeErrorResponses },
        },
      },
      async (req) => {
        await decideSuggestion(db, req.actor, { id: req.params.id, decision, note: req.body?.note });
        return presentSuggestion(
          await db
            .selectFrom('coherence_tag_suggestions')
            .selectAll()
            .where('id', '=', req.params.id)
            .executeTakeFirstOrThrow(),
        );
      },
    );
  }

  app.get(
    '/api/coherence/subjects/:type/:id/tags',
    {
      config: { cache: true, permission: perm.public },
      schema: {
        tags,
        summary:
          'Tags of a subject: confirmed by a person, and the model’s suggestions with their triggering terms',
        params: SubjectParams,
        response: { 200: SubjectTags, ...errorResponses },
      },
    },
    async (req) => {
      const s = await readable(req.actor, req.params.type, req.params.id);
      const t = await q.subjectTags(db, s.type, s.id);
      return {
        subjectType: s.type,
        subjectId: s.id,
        ref: s.ref,
        confirmed: t.confirmed.map(presentTag),
        suggested: t.suggested.map(presentSuggestion),
      };
    },
  );

  app.post(
    '/api/coherence/subjects/:type/:id/tags',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Tag a subject (a confirmed tag; secretariat of its board); 409 if it has the tag',
        security: [{ bearer: [] }],
        params: SubjectParams,
        body: AddTagBody,
        response: { 201: ConfirmedTag, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      if (!TAGS.some((t) => t.id === req.body.tag))
        throw errors.validation([{ path: '/body/tag', message: `unknown tag '${req.body.tag}'` }]);
      const s = await readable(req.actor, req.params.type, req.params.id);
      const id = await addTag(db, req.actor, { subject: s, tag: req.body.tag, note: req.body.note });
      const row = await db
        .selectFrom('coherence_tags')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return reply.code(201).send(presentTag(row));
    },
  );

  app.delete(
    '/api/coherence/tags/:id',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Withdraw a confirmed tag (secretariat of the subject’s board)',
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await removeTag(db, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/coherence/analyses',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary:
          'Analyse a year across boards: refresh tag suggestions and replace the year’s findings (secretariat)',
        security: [{ bearer: [] }],
        body: AnalyseBody,
        response: { 201: AnalysisResultSchema, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const { year, ...options } = req.body;
      return reply.code(201).send(await runAnalysis(db, req.actor, { year, options }));
    },
  );

  app.get(
    '/api/coherence/findings',
    {
      config: { cache: true, permission: perm.public },
      schema: {
        tags,
        summary:
          'Findings of the latest analysis of a year (near-duplicates, duplicate reporting, conflicting deadlines, theme gaps, joint agenda candidates)',
        querystring: FindingListQuery,
        response: { 200: Page(Finding), ...errorResponses },
      },
    },
    async (req) => {
      const page = await q.listFindings(db, req.query);
      return { items: page.items.map(presentFinding), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/coherence/findings/:id',
    {
      config: { cache: true, permission: perm.public },
      schema: {
        tags,
        summary: 'One finding with its evidence',
        params: IdParams,
        response: { 200: Finding, ...errorResponses },
      },
    },
    async (req) => {
      const f = await q.getFinding(db, req.params.id);
      if (!f) throw errors.notFound('Finding', req.params.id);
      return presentFinding(f);
    },
  );

  app.get(
    '/api/coherence/matrix',
    {
      config: { cache: true, permission: perm.public },
      schema: {
        tags,
        summary: 'Board × theme matrix of a year: subjects tagged (confirmed, suggested)',
        querystring: YearQuery,
        response: { 200: Matrix, ...errorResponses },
      },
    },
    async (req) => boardThemeMatrix(db, req.query.year),
  );

  app.get(
    '/api/coherence/report',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'The yearly coherence report as JSON (default), HTML, CSV or PDF',
        querystring: ReportQuery,
        response: { ...errorResponses },
      },
    },
    async (req, reply) => {
      const report = await buildCoherenceReport(db, req.actor, req.query.year);
      const name = `coherence-${req.query.year}`;
      switch (req.query.format ?? 'json') {
        case 'html':
          return reply.type('text/html; charset=utf-8').send(renderCoherenceHtml(report));
        case 'csv':
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.csv"`)
            .send(renderCoherenceCsv(report));
        case 'pdf':
          return reply
            .type('application/pdf')
            .header('content-disposition', `inline; filename="${name}.pdf"`)
            .send(Buffer.from(await renderCoherencePdf(report)));
        case 'json':
          return reply.type('application/json; charset=utf-8').send(report);
      }
    },
  );

  app.get(
    '/api/coherence/calendar',
    {
      config: { cache: true, permission: perm.public },
      schema: {
        tags,
        summary: 'Sessions of every board in a year and the meetings that overlap',
        querystring: CalendarQuery,
        response: { 200: Calendar, ...errorResponses },
      },
    },
    async (req) => {
      const sessions = await calendarSessions(db, req.actor, req.query);
      return { year: req.query.year, sessions, overlaps: overlaps(sessions) };
    },
  );

  app.get(
    '/api/coherence/load',
    {
      config: { cache: true, permission: perm.public },
      schema: {
        tags,
        summary:
          'Meeting hours per week of each delegation across the boards it belongs to or observes, flagging weeks it cannot cover',
        querystring: LoadQuery,
        response: { 200: Load, ...errorResponses },
      },
    },
    async (req) => {
      const { year, memberState, onlySmall, onlyFlagged, observes, ...rest } = req.query;
      const opts = {
        ...DEFAULT_LOAD,
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
        observes:
          observes === undefined || observes === 'none'
            ? ('none' as const)
            : observes === 'all'
              ? ('all' as const)
              : observes.split(','),
      };
      if (
        memberState &&
        !(await db.selectFrom('member_states').select('id').where('id', '=', memberState).executeTakeFirst())
      )
        throw errors.notFound('Member state', memberState);
      const loads = await delegationLoads(db, req.actor, { year, memberState, onlySmall }, opts);
      return { year, delegations: onlyFlagged ? loads.filter((l) => l.flaggedWeeks > 0) : loads };
    },
  );

  app.put(
    '/api/coherence/delegations/:memberState/capacity',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Record how many people a delegation has for board meetings (secretariat)',
        security: [{ bearer: [] }],
        params: Type.Object({ memberState: Type.String({ pattern: '^[A-Z]{3}$' }) }),
        body: CapacityBody,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await setDelegationCapacity(db, req.actor, {
        memberStateId: req.params.memberState,
        people: req.body.people,
        synthetic: req.body.synthetic,
      });
      return reply.code(204).send(null);
    },
  );
}
