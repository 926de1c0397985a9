// Schemas for board decisions with their preambular and operative paragraphs.
import { Type, type Static } from 'typebox';
import { Id, IsoDate, LanguageCode, ListQuery, StringEnum, Year } from '../../http/schemas.js';

export const PARAGRAPH_KINDS = ['preambular', 'operative'] as const;

export const DecisionParagraph = Type.Object({
  kind: StringEnum(PARAGRAPH_KINDS),
  number: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
});

export const Decision = Type.Object({
  id: Type.String(),
  boardId: Type.String(),
  number: Type.String({ description: 'Year/sequence, unique per board, e.g. 2024/12' }),
  year: Type.Integer(),
  sessionId: Type.Union([Type.String(), Type.Null()]),
  agendaItemId: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  language: LanguageCode,
  adoptedOn: Type.Union([Type.String(), Type.Null()]),
  synthetic: Type.Boolean(),
  version: Type.Integer(),
});

export const DecisionDetail = Type.Intersect([
  Decision,
  Type.Object({ paragraphs: Type.Array(DecisionParagraph) }),
]);

export const DecisionListQuery = Type.Object(
  {
    ...ListQuery,
    board: Type.Optional(Id),
    session: Type.Optional(Id),
    year: Type.Optional(Year),
    language: Type.Optional(LanguageCode),
    sort: Type.Optional(StringEnum(['number', '-number', 'title', '-title'])),
  },
  { additionalProperties: false },
);

export const DecisionNumber = Type.String({
  pattern: '^(19[4-9][0-9]|2[01][0-9][0-9])/[1-9][0-9]{0,2}$',
  description: 'e.g. 2024/12',
});

const ParagraphIn = Type.Object(
  {
    kind: StringEnum(PARAGRAPH_KINDS),
    number: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
    text: Type.String({ minLength: 1, maxLength: 20000 }),
  },
  { additionalProperties: false },
);

export const CreateDecision = Type.Object(
  {
    boardId: Id,
    number: DecisionNumber,
    sessionId: Type.Optional(Id),
    agendaItemId: Type.Optional(Id),
    title: Type.String({ minLength: 1, maxLength: 1000 }),
    language: Type.Optional(LanguageCode),
    adoptedOn: Type.Optional(IsoDate),
    synthetic: Type.Optional(Type.Boolean()),
    paragraphs: Type.Array(ParagraphIn, { maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type CreateDecisionInput = Static<typeof CreateDecision>;

export const UpdateDecision = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    adoptedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    paragraphs: Type.Optional(Type.Array(ParagraphIn, { maxItems: 500 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDecisionInput = Static<typeof UpdateDecision>;
