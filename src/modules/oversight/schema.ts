// Schemas (TypeBox) for the oversight tracker: reviews, recommendations, addressee responses on two
// axes, implementation actions with evidence, workflows, decision links, working groups, mandates,
// cross-board shared subjects, dashboards and CSV import.
import { Type, type Static } from 'typebox';
import { Id, IsoDate, LanguageCode, ListQuery, StringEnum, Year } from '../../http/schemas.js';
import {
  ACCEPTANCE_STATUSES,
  ACTION_STATUSES,
  AXES,
  IMPLEMENTATION_STATUSES,
  MANDATE_STATUSES,
} from './workflow.js';

export const PRIORITIES = ['high', 'medium', 'low'] as const;
/** Weight of a recommendation in its review's progress when none is given, by priority. */
export const PRIORITY_WEIGHT: Record<(typeof PRIORITIES)[number], number> = { high: 3, medium: 2, low: 1 };
/** Categories follow the JIU review's governance areas and the 2024 joint meeting's themes. */
export const CATEGORIES = [
  'roles-and-responsibilities',
  'structure',
  'processes',
  'systems',
  'information',
  'coherence',
  'risk',
  'capacity',
  'communication',
  'other',
] as const;
export const ADDRESSEE_KINDS = ['board', 'executive-head'] as const;
/** Sessions a mandate or an action can be due at: the three regular sessions and the joint meeting. */
export const DUE_SESSION_TYPES = ['first-regular', 'annual', 'second-regular', 'joint-meeting', 'special'] as const;
export const LINK_RELATIONS = ['endorses', 'requests', 'takes-note', 'establishes'] as const;
export const LINK_SUBJECTS = ['review', 'recommendation', 'addressee', 'action', 'mandate', 'working-group'] as const;
export const SHARED_SUBJECT_TYPES = ['recommendation', 'mandate'] as const;
export const WG_ROLES = ['chair', 'co-chair', 'facilitator', 'member'] as const;

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Justification = Type.String({ maxLength: 4000 });
const Progress = Type.Number({ minimum: 0, maximum: 100, description: 'Per cent complete, 0-100' });

export const DueSession = Type.Object(
  { type: StringEnum(DUE_SESSION_TYPES), year: Year },
  { additionalProperties: false },
);

// ---- reviews ----
export const Review = Type.Object({
  id: Type.String(),
  title: Type.String(),
  issuingBody: Type.String(),
  year: Type.Integer(),
  symbol: Nullable(Type.String()),
  issuedOn: Type.String(),
  documentId: Nullable(Type.String()),
  synthetic: Type.Boolean(),
  version: Type.Integer(),
  recommendationCount: Type.Integer(),
  progress: Type.Number({ description: 'Weighted progress of its recommendations, 0-100' }),
});

export const ReviewListQuery = Type.Object(
  {
    ...ListQuery,
    issuingBody: Type.Optional(Type.String({ maxLength: 200 })),
    year: Type.Optional(Year),
    sort: Type.Optional(StringEnum(['year', '-year', 'title', '-title'])),
  },
  { additionalProperties: false },
);

export const CreateReview = Type.Object(
  {
    title: Text(1000),
    issuingBody: Text(200),
    year: Year,
    symbol: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    issuedOn: Type.Optional(IsoDate),
    documentId: Type.Optional(Id),
    synthetic: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateReviewInput = Static<typeof CreateReview>;

export const UpdateReview = Type.Object(
  {
    title: Type.Optional(Text(1000)),
    issuingBody: Type.Optional(Text(200)),
    symbol: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
    issuedOn: Type.Optional(IsoDate),
    documentId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateReviewInput = Static<typeof UpdateReview>;

// ---- addressees and responses ----
export const AddresseeIn = Type.Object(
  {
    kind: StringEnum(ADDRESSEE_KINDS),
    boardId: Type.Optional(Id),
    entityId: Type.Optional(Id),
  },
  { additionalProperties: false, description: 'A board (boardId) or the executive head of an entity (entityId)' },
);
export type AddresseeInput = Static<typeof AddresseeIn>;

const AxisState = (statuses: readonly string[]) =>
  Type.Object({
    status: StringEnum(statuses),
    on: Nullable(Type.String()),
    by: Nullable(Type.String()),
    justification: Nullable(Type.String()),
  });

export const Addressee = Type.Object({
  id: Type.String(),
  recommendationId: Type.String(),
  kind: StringEnum(ADDRESSEE_KINDS),
  boardId: Type.String(),
  entityId: Nullable(Type.String()),
  label: Type.String(),
  acceptance: AxisState(ACCEPTANCE_STATUSES),
  implementation: AxisState(IMPLEMENTATION_STATUSES),
  progress: Type.Number(),
  lastProgressOn: Type.String(),
  synthetic: Type.Boolean(),
  version: Type.Integer(),
});

export const StatusChange = Type.Object({
  id: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  axis: StringEnum(AXES),
  from: Nullable(Type.String()),
  to: Type.String(),
  progressBefore: Nullable(Type.Number()),
  progressAfter: Nullable(Type.Number()),
  effectiveOn: Type.String(),
  recordedAt: Type.String(),
  actorId: Type.String(),
  actorName: Type.String(),
  justification: Nullable(Type.String()),
});

export const RecordResponse = Type.Object(
  {
    status: Type.String({ minLength: 1, maxLength: 40 }),
    on: IsoDate,
    justification: Type.Optional(Justification),
  },
  { additionalProperties: false },
);
export type RecordResponseInput = Static<typeof RecordResponse>;

// ---- recommendations ----
export const Recommendation = Type.Object({
  id: Type.String(),
  reviewId: Type.String(),
  number: Type.String(),
  text: Type.String(),
  category: StringEnum(CATEGORIES),
  intendedImpact: Nullable(Type.String()),
  priority: StringEnum(PRIORITIES),
  weight: Type.Integer(),
  synthetic: Type.Boolean(),
  version: Type.Integer(),
  progress: Type.Number(),
  addressees: Type.Array(Addressee),
});

export const RecommendationListQuery = Type.Object(
  {
    ...ListQuery,
    review: Type.Optional(Id),
    board: Type.Optional(Id),
    entity: Type.Optional(Id),
    category: Type.Optional(StringEnum(CATEGORIES)),
    priority: Type.Optional(StringEnum(PRIORITIES)),
    acceptance: Type.Optional(StringEnum(ACCEPTANCE_STATUSES)),
    implementation: Type.Optional(StringEnum(IMPLEMENTATION_STATUSES)),
  },
  { additionalProperties: false },
);

export const CreateRecommendation = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 20 }),
    text: Text(20000),
    category: StringEnum(CATEGORIES),
    intendedImpact: Type.Optional(Type.String({ maxLength: 2000 })),
    priority: StringEnum(PRIORITIES),
    weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    synthetic: Type.Optional(Type.Boolean()),
    addressees: Type.Array(AddresseeIn, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type CreateRecommendationInput = Static<typeof CreateRecommendation>;

export const UpdateRecommendation = Type.Object(
  {
    text: Type.Optional(Text(20000)),
    category: Type.Optional(StringEnum(CATEGORIES)),
    intendedImpact: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    priority: Type.Optional(StringEnum(PRIORITIES)),
    weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateRecommendationInput = Static<typeof UpdateRecommendation>;

// ---- actions and evidence ----
export const Evidence = Type.Object({
  id: Type.String(),
  actionId: Type.String(),
  kind: StringEnum(['document', 'link'] as const),
  title: Type.String(),
  documentId: Nullable(Type.String()),
  url: Nullable(Type.String()),
  addedBy: Type.String(),
  createdAt: Type.String(),
});

export const Action = Type.Object({
  id: Type.String(),
  addresseeId: Type.String(),
  title: Type.String(),
  owner: Type.String(),
  dueDate: Nullable(Type.String()),
  dueSession: Nullable(Type.Object({ type: Type.String(), year: Type.Integer() })),
  status: StringEnum(ACTION_STATUSES),
  progress: Type.Integer(),
  weight: Type.Integer(),
  completedOn: Nullable(Type.String()),
  synthetic: Type.Boolean(),
  version: Type.Integer(),
  evidence: Type.Array(Evidence),
});

export const CreateAction = Type.Object(
  {
    title: Text(2000),
    owner: Text(200),
    dueDate: Type.Optional(IsoDate),
    dueSession: Type.Optional(DueSession),
    weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    synthetic: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateActionInput = Static<typeof CreateAction>;

export const UpdateAction = Type.Object(
  {
    title: Type.Optional(Text(2000)),
    owner: Type.Optional(Text(200)),
    dueDate: Type.Optional(Nullable(IsoDate)),
    dueSession: Type.Optional(Nullable(DueSession)),
    weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateActionInput = Static<typeof UpdateAction>;

export const RecordActionProgress = Type.Object(
  {
    status: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    progress: Type.Optional(Progress),
    on: IsoDate,
    justification: Type.Optional(Justification),
  },
  { additionalProperties: false },
);
export type RecordActionProgressInput = Static<typeof RecordActionProgress>;

export const AddEvidence = Type.Object(
  {
    kind: StringEnum(['document', 'link'] as const),
    title: Text(1000),
    documentId: Type.Optional(Id),
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, pattern: '^https?://' })),
  },
  { additionalProperties: false },
);
export type AddEvidenceInput = Static<typeof AddEvidence>;

export const ActionListQuery = Type.Object(
  {
    ...ListQuery,
    addressee: Type.Optional(Id),
    recommendation: Type.Optional(Id),
    status: Type.Optional(StringEnum(ACTION_STATUSES)),
    owner: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

// ---- workflows ----
export const WorkflowTransition = Type.Object({
  axis: StringEnum(AXES),
  from: Type.String(),
  to: Type.String(),
  requiresJustification: Type.Boolean(),
});
export const ReplaceWorkflow = Type.Object(
  {
    transitions: Type.Array(
      Type.Object(
        {
          from: Type.String({ minLength: 1, maxLength: 40 }),
          to: Type.String({ minLength: 1, maxLength: 40 }),
          requiresJustification: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
    justification: Text(4000),
  },
  { additionalProperties: false },
);
export type ReplaceWorkflowInput = Static<typeof ReplaceWorkflow>;

// ---- decision links ----
export const DecisionLink = Type.Object({
  id: Type.String(),
  subjectType: StringEnum(LINK_SUBJECTS),
  subjectId: Type.String(),
  decisionId: Type.String(),
  decisionNumber: Type.String(),
  boardId: Type.String(),
  paragraphNumber: Nullable(Type.String()),
  relation: StringEnum(LINK_RELATIONS),
});
export const CreateDecisionLink = Type.Object(
  {
    subjectType: StringEnum(LINK_SUBJECTS),
    subjectId: Id,
    decisionId: Id,
    paragraphNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
    relation: StringEnum(LINK_RELATIONS),
  },
  { additionalProperties: false },
);
export type CreateDecisionLinkInput = Static<typeof CreateDecisionLink>;

// ---- working groups ----
export const WorkingGroup = Type.Object({
  id: Type.String(),
  boardId: Type.String(),
  name: Type.String(),
  establishedOn: Type.String(),
  decisionId: Nullable(Type.String()),
  synthetic: Type.Boolean(),
  members: Type.Array(Type.Object({ memberStateId: Type.String(), name: Type.String(), role: Type.String() })),
  meetings: Type.Array(
    Type.Object({
      id: Type.String(),
      date: Type.String(),
      title: Type.String(),
      summary: Nullable(Type.String()),
      documentId: Nullable(Type.String()),
    }),
  ),
  recommendationIds: Type.Array(Type.String()),
});
export const CreateWorkingGroup = Type.Object(
  {
    boardId: Id,
    name: Text(500),
    establishedOn: IsoDate,
    decisionId: Type.Optional(Id),
    synthetic: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateWorkingGroupInput = Static<typeof CreateWorkingGroup>;
export const AddWorkingGroupMember = Type.Object(
  { memberStateId: Type.String({ pattern: '^[A-Z]{3}$' }), role: StringEnum(WG_ROLES) },
  { additionalProperties: false },
);
export const AddWorkingGroupMeeting = Type.Object(
  {
    date: IsoDate,
    title: Text(500),
    summary: Type.Optional(Type.String({ maxLength: 20000 })),
    documentId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export const AssignRecommendation = Type.Object({ recommendationId: Id }, { additionalProperties: false });

// ---- mandates ----
export const Mandate = Type.Object({
  id: Type.String(),
  boardId: Type.String(),
  decisionId: Nullable(Type.String()),
  decisionNumber: Nullable(Type.String()),
  paragraphNumber: Nullable(Type.String()),
  entityId: Nullable(Type.String()),
  addresseeText: Type.String(),
  verb: Type.String(),
  deliverable: Type.String(),
  dueSession: Nullable(Type.Object({ type: Type.String(), year: Type.Integer() })),
  status: StringEnum(MANDATE_STATUSES),
  language: Type.String(),
  span: Nullable(Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Type.String() })),
  fulfilledByDocumentId: Nullable(Type.String()),
  fulfilledOn: Nullable(Type.String()),
  synthetic: Type.Boolean(),
  version: Type.Integer(),
});
export const MandateListQuery = Type.Object(
  {
    ...ListQuery,
    board: Type.Optional(Id),
    entity: Type.Optional(Id),
    decision: Type.Optional(Id),
    status: Type.Optional(StringEnum(MANDATE_STATUSES)),
    dueYear: Type.Optional(Year),
    dueSessionType: Type.Optional(StringEnum(DUE_SESSION_TYPES)),
  },
  { additionalProperties: false },
);
export const CreateMandate = Type.Object(
  {
    boardId: Id,
    decisionId: Type.Optional(Id),
    paragraphNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
    entityId: Type.Optional(Id),
    addresseeText: Text(200),
    verb: Type.Optional(Text(40)),
    deliverable: Text(2000),
    dueSession: Type.Optional(DueSession),
    synthetic: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateMandateInput = Static<typeof CreateMandate>;
export const ConfirmMandate = Type.Object(
  {
    entityId: Type.Optional(Id),
    deliverable: Type.Optional(Text(2000)),
    dueSession: Type.Optional(DueSession),
    justification: Type.Optional(Justification),
  },
  { additionalProperties: false },
);
export type ConfirmMandateInput = Static<typeof ConfirmMandate>;
export const RejectMandate = Type.Object({ justification: Justification }, { additionalProperties: false });
export const FulfilMandate = Type.Object(
  { documentId: Id, on: IsoDate, justification: Type.Optional(Justification) },
  { additionalProperties: false },
);
export type FulfilMandateInput = Static<typeof FulfilMandate>;
export const ExtractMandates = Type.Object(
  { text: Text(50000), language: Type.Optional(LanguageCode) },
  { additionalProperties: false },
);
export const MandateSuggestion = Type.Object({
  entityId: Nullable(Type.String()),
  addresseeText: Type.String(),
  verb: Type.String(),
  deliverable: Type.String(),
  dueSession: Nullable(Type.Object({ type: Type.String(), year: Type.Integer() })),
  language: Type.String(),
  span: Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Type.String() }),
});

// ---- shared subjects (cross-board links) ----
export const SharedSubjectMemberIn = Type.Object(
  { subjectType: StringEnum(SHARED_SUBJECT_TYPES), subjectId: Id },
  { additionalProperties: false },
);
export const CreateSharedSubject = Type.Object(
  {
    title: Text(500),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    members: Type.Array(SharedSubjectMemberIn, { minItems: 2, maxItems: 50 }),
    synthetic: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateSharedSubjectInput = Static<typeof CreateSharedSubject>;
export const SharedSubjectRow = Type.Object({
  subjectType: Type.String(),
  subjectId: Type.String(),
  boardId: Type.String(),
  entityId: Nullable(Type.String()),
  label: Type.String(),
  text: Type.String(),
  status: Type.String(),
  secondaryStatus: Nullable(Type.String()),
  progress: Nullable(Type.Number()),
});
export const SharedSubject = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  synthetic: Type.Boolean(),
  boards: Type.Array(Type.String()),
  rows: Type.Array(SharedSubjectRow),
});

// ---- dashboards ----
export const RateRow = Type.Object({
  key: Type.String(),
  label: Type.String(),
  addressees: Type.Integer(),
  responded: Type.Integer(),
  accepted: Type.Integer(),
  partiallyAccepted: Type.Integer(),
  notAccepted: Type.Integer(),
  implemented: Type.Integer(),
  inProgress: Type.Integer(),
  acceptanceRate: Type.Number({ description: 'accepted + partially accepted, over responded (0-1)' }),
  implementationRate: Type.Number({ description: 'implemented, over accepted + partially accepted (0-1)' }),
  progress: Type.Number(),
});
export const RatesQuery = Type.Object(
  { by: Type.Optional(StringEnum(['board', 'entity', 'review'] as const)), review: Type.Optional(Id) },
  { additionalProperties: false },
);
export const AsOfQuery = Type.Object(
  { ...ListQuery, asOf: Type.Optional(IsoDate), board: Type.Optional(Id), entity: Type.Optional(Id) },
  { additionalProperties: false },
);
export const StalledQuery = Type.Object(
  {
    ...ListQuery,
    months: Type.Optional(Type.Integer({ minimum: 1, maximum: 120, default: 6 })),
    asOf: Type.Optional(IsoDate),
    board: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export const ReportingLoadQuery = Type.Object(
  {
    fromYear: Type.Optional(Year),
    sessions: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, default: 3 })),
    board: Type.Optional(Id),
  },
  { additionalProperties: false },
);

// ---- import ----
export const ImportPreviewIn = Type.Object(
  { csv: Type.String({ minLength: 1, maxLength: 2_000_000 }) },
  { additionalProperties: false },
);
export const ImportRowResult = Type.Object({
  row: Type.Integer({ description: 'Line of the row in the file (header is 1)' }),
  number: Nullable(Type.String()),
  addressee: Nullable(Type.String()),
  effects: Type.Array(Type.String()),
  errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
});
export const ImportPreview = Type.Object({
  id: Type.String(),
  reviewId: Type.String(),
  status: Type.String(),
  rowCount: Type.Integer(),
  errorCount: Type.Integer(),
  rows: Type.Array(ImportRowResult),
});

// ---- composite responses ----
export const RecommendationDetail = Type.Intersect([
  Recommendation,
  Type.Object({
    actions: Type.Array(Action),
    decisionLinks: Type.Array(DecisionLink),
    workingGroupIds: Type.Array(Type.String()),
  }),
]);
export const AddresseeDetail = Type.Intersect([
  Addressee,
  Type.Object({ actions: Type.Array(Action), history: Type.Array(StatusChange) }),
]);
export const OverdueAction = Type.Object({
  actionId: Type.String(),
  title: Type.String(),
  owner: Type.String(),
  status: Type.String(),
  progress: Type.Integer(),
  dueOn: Type.String(),
  dueSession: Nullable(Type.String()),
  daysOverdue: Type.Integer(),
  addresseeId: Type.String(),
  boardId: Type.String(),
  entityId: Nullable(Type.String()),
  recommendationId: Type.String(),
  recommendationNumber: Type.String(),
  reviewId: Type.String(),
});
export const StalledRow = Type.Object({
  addresseeId: Type.String(),
  label: Type.String(),
  boardId: Type.String(),
  entityId: Nullable(Type.String()),
  acceptance: Type.String(),
  implementation: Type.String(),
  progress: Type.Number(),
  lastProgressOn: Type.String(),
  recommendationId: Type.String(),
  recommendationNumber: Type.String(),
  recommendationText: Type.String(),
  reviewId: Type.String(),
  reviewTitle: Type.String(),
});
export const ReportingLoad = Type.Object({
  fromYear: Type.Integer(),
  sessions: Type.Array(
    Type.Object({
      type: Type.String(),
      year: Type.Integer(),
      total: Type.Integer(),
      entities: Type.Array(
        Type.Object({
          boardId: Type.String(),
          entityId: Nullable(Type.String()),
          label: Type.String(),
          confirmed: Type.Integer(),
          suggested: Type.Integer(),
          fulfilled: Type.Integer(),
        }),
      ),
    }),
  ),
});
export const EXPORT_LISTS = [
  'reviews',
  'recommendations',
  'addressees',
  'actions',
  'evidence',
  'status-changes',
  'mandates',
  'working-groups',
  'shared-subjects',
  'decision-links',
  'rates-by-board',
  'rates-by-entity',
  'rates-by-review',
  'overdue-actions',
  'stalled',
  'reporting-load',
] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];
