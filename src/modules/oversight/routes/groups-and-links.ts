// HTTP routes: workflows (transitions as data), decision links, working groups and cross-board
// shared subjects.
import { perm } from '../../access/permissions.js';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../app/context.js';
import { errorResponses, Id, StringEnum, writeErrorResponses } from '../../../http/schemas.js';
import { errors } from '../../../lib/errors.js';
import { addSharedSubjectMember } from '../commands/addSharedSubjectMember.js';
import { addWorkingGroupMeeting } from '../commands/addWorkingGroupMeeting.js';
import { addWorkingGroupMember } from '../commands/addWorkingGroupMember.js';
import { assignRecommendation } from '../commands/assignRecommendation.js';
import { createSharedSubject } from '../commands/createSharedSubject.js';
import { createWorkingGroup } from '../commands/createWorkingGroup.js';
import { linkDecision } from '../commands/linkDecision.js';
import { replaceWorkflow } from '../commands/replaceWorkflow.js';
import * as q from '../queries.js';
import {
  AddWorkingGroupMeeting,
  AddWorkingGroupMember,
  AssignRecommendation,
  CreateDecisionLink,
  CreateSharedSubject,
  CreateWorkingGroup,
  DecisionLink,
  ReplaceWorkflow,
  SharedSubject,
  SharedSubjectMemberIn,
  WorkflowTransition,
  WorkingGroup,
} from '../schema.js';
import { AXES, STATUSES, loadTransitions } from '../workflow.js';

const Params = Type.Object({ id: Id });

export async function groupAndLinkRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const tags = ['oversight'];
  const Workflow = Type.Object({
    axis: StringEnum(AXES),
    statuses: Type.Array(Type.String()),
    transitions: Type.Array(WorkflowTransition),
  });
  const workflows = async () => {
    const all = await db.transaction().execute((trx) => loadTransitions(trx));
    return AXES.map((axis) => ({
      axis,
      statuses: [...STATUSES[axis]],
      transitions: all.filter((t) => t.axis === axis),
    }));
  };

  app.get(
    '/api/oversight/workflows',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'The configured workflows: statuses and allowed transitions per axis',
        response: { 200: Type.Object({ items: Type.Array(Workflow) }) },
      },
    },
    async () => ({ items: await workflows() }),
  );

  app.put(
    '/api/oversight/workflows/:axis',
    {
      config: { permission: perm.administrator },
      schema: {
        tags,
        summary: 'Replace the allowed transitions of one axis (administrator)',
        security: [{ bearer: [] }],
        params: Type.Object({ axis: StringEnum(AXES) }),
        body: ReplaceWorkflow,
        response: { 200: Workflow, ...writeErrorResponses },
      },
    },
    async (req) => {
      await replaceWorkflow(db, req.actor, { axis: req.params.axis, input: req.body });
      return (await workflows()).find((w) => w.axis === req.params.axis)!;
    },
  );

  app.post(
    '/api/oversight/decision-links',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Link an oversight record to the decision (paragraph) that endorsed or requested it',
        security: [{ bearer: [] }],
        body: CreateDecisionLink,
        response: { 201: DecisionLink, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await linkDecision(db, req.actor, req.body);
      const link = (await q.decisionLinks(db, [req.body.subjectId])).find((l) => l.id === id)!;
      return reply.code(201).send(link);
    },
  );

  app.get(
    '/api/oversight/working-groups',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'Working groups with members, meetings and recommendations',
        querystring: Type.Object({ board: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(WorkingGroup) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await q.listWorkingGroups(db, req.query) }),
  );

  const group = async (id: string) => {
    const g = await q.getWorkingGroup(db, id);
    if (!g) throw errors.notFound('Working group', id);
    return g;
  };

  app.get(
    '/api/oversight/working-groups/:id',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'A working group',
        params: Params,
        response: { 200: WorkingGroup, ...errorResponses },
      },
    },
    async (req) => group(req.params.id),
  );

  app.post(
    '/api/oversight/working-groups',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Establish a working group (secretariat of the board)',
        security: [{ bearer: [] }],
        body: CreateWorkingGroup,
        response: { 201: WorkingGroup, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await createWorkingGroup(db, req.actor, req.body);
      return reply
        .code(201)
        .header('location', `/api/oversight/working-groups/${id}`)
        .send(await group(id));
    },
  );

  app.post(
    '/api/oversight/working-groups/:id/members',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Add a member state',
        security: [{ bearer: [] }],
        params: Params,
        body: AddWorkingGroupMember,
        response: { 201: WorkingGroup, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await addWorkingGroupMember(db, req.actor, { workingGroupId: req.params.id, ...req.body });
      return reply.code(201).send(await group(req.params.id));
    },
  );

  app.post(
    '/api/oversight/working-groups/:id/meetings',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Record a meeting',
        security: [{ bearer: [] }],
        params: Params,
        body: AddWorkingGroupMeeting,
        response: { 201: WorkingGroup, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await addWorkingGroupMeeting(db, req.actor, { workingGroupId: req.params.id, input: req.body });
      return reply.code(201).send(await group(req.params.id));
    },
  );

  app.post(
    '/api/oversight/working-groups/:id/recommendations',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Give the group a recommendation to handle',
        security: [{ bearer: [] }],
        params: Params,
        body: AssignRecommendation,
        response: { 201: WorkingGroup, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await assignRecommendation(db, req.actor, {
        workingGroupId: req.params.id,
        recommendationId: req.body.recommendationId,
      });
      return reply.code(201).send(await group(req.params.id));
    },
  );

  app.get(
    '/api/oversight/shared-subjects',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'Subjects shared across boards, statuses side by side',
        response: { 200: Type.Object({ items: Type.Array(SharedSubject) }) },
      },
    },
    async () => ({ items: await q.listSharedSubjects(db) }),
  );

  const shared = async (id: string) => {
    const s = await q.getSharedSubject(db, id);
    if (!s) throw errors.notFound('Shared subject', id);
    return s;
  };

  app.get(
    '/api/oversight/shared-subjects/:id',
    {
      config: { permission: perm.public },
      schema: {
        tags,
        summary: 'One shared subject: its members of each board side by side',
        params: Params,
        response: { 200: SharedSubject, ...errorResponses },
      },
    },
    async (req) => shared(req.params.id),
  );

  app.post(
    '/api/oversight/shared-subjects',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Mark recommendations or mandates of different boards as the same subject (secretariat)',
        security: [{ bearer: [] }],
        body: CreateSharedSubject,
        response: { 201: SharedSubject, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await createSharedSubject(db, req.actor, req.body);
      return reply
        .code(201)
        .header('location', `/api/oversight/shared-subjects/${id}`)
        .send(await shared(id));
    },
  );

  app.post(
    '/api/oversight/shared-subjects/:id/members',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags,
        summary: 'Add a recommendation or mandate to a shared subject',
        security: [{ bearer: [] }],
        params: Params,
        body: SharedSubjectMemberIn,
        response: { 201: SharedSubject, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await addSharedSubjectMember(db, req.actor, { sharedSubjectId: req.params.id, ...req.body });
      return reply.code(201).send(await shared(req.params.id));
    },
  );
}
