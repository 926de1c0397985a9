// Schemas for identity (sign-in, users, tokens), access levels and embargoes, informal briefing
// records, questions to management and the parity ledger.
import { Type, type Static } from 'typebox';
import { Id, IsoDate, StringEnum } from '../../http/schemas.js';
import { ROLES } from './actor.js';
import { ACCESS_LEVELS } from './visibility.js';

const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' });
const Password = Type.String({ minLength: 1, maxLength: 200 });
const NewPassword = Type.String({ minLength: 12, maxLength: 200, description: 'At least 12 characters' });
const IsoDateTime = Type.String({ format: 'date-time', maxLength: 40 });

export const SignIn = Type.Object(
  {
    email: Email,
    password: Password,
    redirect: Type.Optional(Type.String({ maxLength: 300, pattern: '^/[^/\\\\]' })),
  },
  { additionalProperties: false },
);
export type SignInInput = Static<typeof SignIn>;

export const GrantSchema = Type.Object(
  { role: StringEnum(ROLES), boardId: Type.Union([Id, Type.Null()]) },
  { additionalProperties: false },
);

export const Me = Type.Object({
  user: Type.Object({
    id: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    memberStateId: Type.Union([Type.String(), Type.Null()]),
    grants: Type.Array(GrantSchema),
    lastVisitAt: Type.Union([Type.String(), Type.Null()]),
  }),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
});

export const CreateUser = Type.Object(
  {
    email: Email,
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.Optional(NewPassword),
    memberStateId: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    grants: Type.Array(GrantSchema, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type CreateUserInput = Static<typeof CreateUser>;

export const UpdateUser = Type.Object(
  {
    disabled: Type.Optional(Type.Boolean()),
    grants: Type.Optional(Type.Array(GrantSchema, { maxItems: 20 })),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserInput = Static<typeof UpdateUser>;

export const ResetPassword = Type.Object({ password: NewPassword }, { additionalProperties: false });

export const UserOut = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  memberStateId: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  grants: Type.Array(GrantSchema),
  createdAt: Type.String(),
});

export const SetAccess = Type.Object(
  {
    accessLevel: StringEnum(ACCESS_LEVELS),
    embargoUntil: Type.Optional(Type.Union([IsoDateTime, Type.Null()])),
  },
  { additionalProperties: false },
);
export type SetAccessInput = Static<typeof SetAccess>;

export const PublishBriefingRecords = Type.Object(
  {
    documentIds: Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true }),
    releaseAt: Type.Optional(IsoDateTime),
    accessLevel: Type.Optional(StringEnum(['member-states', 'board-members'] as const)),
  },
  { additionalProperties: false },
);
export type PublishBriefingRecordsInput = Static<typeof PublishBriefingRecords>;

export const RecordAttendance = Type.Object(
  {
    memberStateIds: Type.Array(Type.String({ pattern: '^[A-Z]{3}$' }), {
      minItems: 1,
      maxItems: 193,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
);

export const AskQuestion = Type.Object(
  {
    boardId: Id,
    sessionId: Type.Optional(Id),
    entityId: Type.Optional(Id),
    text: Type.String({ minLength: 3, maxLength: 5000 }),
  },
  { additionalProperties: false },
);
export type AskQuestionInput = Static<typeof AskQuestion>;

export const AnswerQuestion = Type.Object(
  { answer: Type.String({ minLength: 1, maxLength: 20000 }) },
  { additionalProperties: false },
);

export const QuestionOut = Type.Object({
  id: Type.String(),
  boardId: Type.String(),
  sessionId: Type.Union([Type.String(), Type.Null()]),
  entityId: Type.Union([Type.String(), Type.Null()]),
  memberStateId: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
  askedAt: Type.String(),
  answer: Type.Union([Type.String(), Type.Null()]),
  answeredAt: Type.Union([Type.String(), Type.Null()]),
});

export const ParityQuery = Type.Object(
  {
    board: Type.Optional(Id),
    year: Type.Optional(Type.Integer({ minimum: 1945, maximum: 2200 })),
    minDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365, default: 14 })),
  },
  { additionalProperties: false },
);

export const ParityDocument = Type.Object({
  documentId: Type.String(),
  symbol: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  firstAccess: Type.Array(
    Type.Object({
      memberStateId: Type.String(),
      since: Type.Union([Type.String(), Type.Null()]),
      daysBeforeSession: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  earliest: Type.Union([Type.String(), Type.Null()]),
  latest: Type.Union([Type.String(), Type.Null()]),
  unequal: Type.Boolean(),
  late: Type.Boolean(),
});

export const ParityDecision = Type.Object({
  decisionId: Type.String(),
  boardId: Type.String(),
  number: Type.String(),
  sessionStart: Type.Union([Type.String(), Type.Null()]),
  members: Type.Integer(),
  documents: Type.Array(ParityDocument),
  flags: Type.Array(Type.String()),
});

export const DateParam = IsoDate;
