// Schemas of the coherence API: tags and suggestions, analyses and findings, the matrix, report,
// calendar and delegation load.
import { Type, type Static } from 'typebox';
import { Id, ListQuery, StringEnum, Year } from '../../http/schemas.js';
import { FINDING_KINDS } from './findings.js';
import { SUBJECT_TYPES } from './subjects.js';
import { TAG_PATTERN } from './themes.js';

export const SubjectTypeSchema = StringEnum(SUBJECT_TYPES, 'What is tagged');
export const TagId = Type.String({ pattern: TAG_PATTERN, maxLength: 48, description: 'sdg:5, sdg:5.5, sdg:5.a or theme:<id>' });

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Trigger = Type.Object({
  term: Type.String(),
  matched: Type.Array(Type.String()),
  language: Type.String(),
  hits: Type.Integer(),
  weight: Type.Number(),
  contribution: Type.Number(),
  source: Type.String(),
});

export const Suggestion = Type.Object({
  id: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  boardId: Nullable(Type.String()),
  year: Nullable(Type.Integer()),
  tag: Type.String(),
  label: Type.String(),
  score: Type.Number(),
  raw: Type.Number(),
  triggers: Type.Array(Trigger),
  model: Type.String(),
  status: StringEnum(['suggested', 'confirmed', 'rejected'] as const),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
});

export const ConfirmedTag = Type.Object({
  id: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  boardId: Nullable(Type.String()),
  year: Nullable(Type.Integer()),
  tag: Type.String(),
  label: Type.String(),
  suggestionId: Nullable(Type.String()),
  confirmedBy: Type.String(),
  confirmedAt: Type.String(),
  note: Nullable(Type.String()),
});

export const SubjectTags = Type.Object({
  subjectType: Type.String(),
  subjectId: Type.String(),
  ref: Type.String(),
  confirmed: Type.Array(ConfirmedTag),
  suggested: Type.Array(Suggestion),
});

export const TagInfoSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  code: Type.String(),
  label: Type.String(),
  labelZh: Nullable(Type.String()),
  parent: Nullable(Type.String()),
  text: Nullable(Type.String()),
});

export const CatalogueQuery = Type.Object(
  { kind: Type.Optional(StringEnum(['sdg-goal', 'sdg-target', 'theme'] as const)), goal: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })) },
  { additionalProperties: false },
);

export const SuggestBody = Type.Object(
  {
    subjectType: SubjectTypeSchema,
    subjectIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 500 })),
    year: Type.Optional(Year),
    minScore: Type.Optional(Type.Number({ minimum: 0.05, maximum: 0.99 })),
  },
  { additionalProperties: false },
);

export const SuggestResult = Type.Object({ subjects: Type.Integer(), added: Type.Integer(), updated: Type.Integer(), removed: Type.Integer() });

export const PreviewBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 20000 }), minScore: Type.Optional(Type.Number({ minimum: 0.05, maximum: 0.99 })) },
  { additionalProperties: false },
);

export const SuggestionListQuery = Type.Object(
  {
    ...ListQuery,
    status: Type.Optional(StringEnum(['suggested', 'confirmed', 'rejected'] as const)),
    subjectType: Type.Optional(SubjectTypeSchema),
    subjectId: Type.Optional(Id),
    tag: Type.Optional(TagId),
    board: Type.Optional(Id),
    year: Type.Optional(Year),
  },
  { additionalProperties: false },
);

export const DecideBody = Type.Object({ note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })) }, { additionalProperties: false });

export const AddTagBody = Type.Object({ tag: TagId, note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })) }, { additionalProperties: false });

export const AnalyseBody = Type.Object(
  {
    year: Year,
    similarity: Type.Optional(Type.Number({ minimum: 0.1, maximum: 1 })),
    crossLanguageSimilarity: Type.Optional(Type.Number({ minimum: 0.1, maximum: 1 })),
    reportingSimilarity: Type.Optional(Type.Number({ minimum: 0.1, maximum: 1 })),
    tagMinScore: Type.Optional(Type.Number({ minimum: 0.05, maximum: 0.99 })),
  },
  { additionalProperties: false },
);
export type AnalyseInput = Static<typeof AnalyseBody>;

export const AnalysisResultSchema = Type.Object({
  runId: Type.String(),
  year: Type.Integer(),
  subjects: Type.Integer(),
  suggestions: Type.Object({ added: Type.Integer(), updated: Type.Integer(), removed: Type.Integer() }),
  findings: Type.Record(Type.String(), Type.Integer()),
});

const Ref = Type.Object({ type: Type.String(), id: Type.String(), ref: Type.String(), boards: Type.Array(Type.String()), synthetic: Type.Boolean() });

export const Finding = Type.Object({
  id: Type.String(),
  runId: Type.String(),
  year: Type.Integer(),
  kind: StringEnum(FINDING_KINDS),
  score: Type.Number(),
  boardIds: Type.Array(Type.String()),
  subjectA: Ref,
  subjectB: Nullable(Ref),
  tag: Nullable(Type.String()),
  title: Type.String(),
  sharedTerms: Type.Array(Type.String()),
  evidence: Type.Record(Type.String(), Type.Unknown()),
  synthetic: Type.Boolean(),
});

export const FindingListQuery = Type.Object(
  { ...ListQuery, year: Year, kind: Type.Optional(StringEnum(FINDING_KINDS)), board: Type.Optional(Id) },
  { additionalProperties: false },
);

export const YearQuery = Type.Object({ year: Year }, { additionalProperties: false });

export const ReportQuery = Type.Object(
  { year: Year, format: Type.Optional(StringEnum(['json', 'html', 'csv', 'pdf'] as const)) },
  { additionalProperties: false },
);

export const Matrix = Type.Object({
  year: Type.Integer(),
  boards: Type.Array(Type.Object({ id: Type.String(), code: Type.String() })),
  themes: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), labelZh: Nullable(Type.String()) })),
  cells: Type.Array(Type.Object({ board: Type.String(), tag: Type.String(), confirmed: Type.Integer(), suggested: Type.Integer() })),
});

const CalSession = Type.Object({
  id: Type.String(),
  type: Type.String(),
  title: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  boardIds: Type.Array(Type.String()),
  synthetic: Type.Boolean(),
});

export const CalendarQuery = Type.Object({ year: Year, board: Type.Optional(Id) }, { additionalProperties: false });
export const Calendar = Type.Object({
  year: Type.Integer(),
  sessions: Type.Array(CalSession),
  overlaps: Type.Array(Type.Object({ a: CalSession, b: CalSession, days: Type.Array(Type.String()), boards: Type.Array(Type.String()) })),
});

export const LoadQuery = Type.Object(
  {
    year: Year,
    memberState: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    onlySmall: Type.Optional(Type.Boolean()),
    onlyFlagged: Type.Optional(Type.Boolean()),
    hoursPerPerson: Type.Optional(Type.Integer({ minimum: 1, maximum: 80 })),
    defaultPeople: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    smallDelegation: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    observes: Type.Optional(Type.String({ pattern: '^(all|none|[a-z0-9-]+(,[a-z0-9-]+)*)$', maxLength: 200, description: 'all, none or board ids separated by commas' })),
  },
  { additionalProperties: false },
);

const WeekLoad = Type.Object({
  week: Type.String(),
  hours: Type.Number(),
  memberHours: Type.Number(),
  observerHours: Type.Number(),
  parallel: Type.Integer(),
  sessions: Type.Array(Type.String()),
  capacityHours: Type.Number(),
  overCapacity: Type.Boolean(),
  cannotCoverParallel: Type.Boolean(),
});

export const Load = Type.Object({
  year: Type.Integer(),
  delegations: Type.Array(
    Type.Object({
      memberStateId: Type.String(),
      name: Type.String(),
      people: Type.Integer(),
      capacityRecorded: Type.Boolean(),
      small: Type.Boolean(),
      memberOf: Type.Array(Type.String()),
      weeks: Type.Array(WeekLoad),
      flaggedWeeks: Type.Integer(),
      peakHours: Type.Number(),
    }),
  ),
});

export const CapacityBody = Type.Object(
  { people: Type.Integer({ minimum: 1, maximum: 100 }), synthetic: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
