// Schemas for documents, their language versions (expressions), numbered paragraphs and statements.
import { Type, type Static } from 'typebox';
import { Id, IsoDate, LanguageCode, ListQuery, StringEnum, Year } from '../../http/schemas.js';
import { AccessLevel } from '../sessions/schema.js';

export const DOCUMENT_TYPES = [
  'report',
  'decision-compendium',
  'conference-room-paper',
  'informal-note',
  'presentation',
  'informal-briefing-summary',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const Expression = Type.Object({
  id: Type.String(),
  language: LanguageCode,
  revision: Type.Integer(),
  isCurrent: Type.Boolean(),
  title: Type.String(),
  paragraphCount: Type.Integer(),
  createdAt: Type.String(),
});

export const Document = Type.Object({
  id: Type.String(),
  symbol: Type.Union([Type.String(), Type.Null()]),
  type: StringEnum(DOCUMENT_TYPES),
  title: Type.String(),
  date: Type.String(),
  year: Type.Integer(),
  accessLevel: AccessLevel,
  originalLanguage: LanguageCode,
  sessionId: Type.Union([Type.String(), Type.Null()]),
  agendaItemId: Type.Union([Type.String(), Type.Null()]),
  boardIds: Type.Array(Type.String()),
  languages: Type.Array(LanguageCode),
  synthetic: Type.Boolean(),
  version: Type.Integer(),
});

export const DocumentDetail = Type.Intersect([
  Document,
  Type.Object({ expressions: Type.Array(Expression) }),
]);

export const Speaker = Type.Object({
  role: Type.String({ minLength: 1, maxLength: 200 }),
  entityId: Type.Optional(Type.Union([Id, Type.Null()])),
  memberStateId: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Z]{3}$' }), Type.Null()])),
});

export const ParagraphOut = Type.Object({
  id: Type.String(),
  number: Type.String(),
  anchor: Type.String(),
  text: Type.String(),
  speakers: Type.Array(
    Type.Object({
      role: Type.String(),
      entityId: Type.Union([Type.String(), Type.Null()]),
      memberStateId: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  subpoints: Type.Array(
    Type.Object({ id: Type.String(), number: Type.String(), anchor: Type.String(), text: Type.String() }),
  ),
});

export const ParagraphsResponse = Type.Object({
  documentId: Type.String(),
  language: LanguageCode,
  revision: Type.Integer(),
  title: Type.String(),
  items: Type.Array(ParagraphOut),
});

export const Statement = Type.Object({
  paragraphId: Type.String(),
  paragraphNumber: Type.String(),
  speakerRole: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  memberStateId: Type.Union([Type.String(), Type.Null()]),
});

export const DocumentListQuery = Type.Object(
  {
    ...ListQuery,
    board: Type.Optional(Id),
    session: Type.Optional(Id),
    year: Type.Optional(Year),
    type: Type.Optional(StringEnum(DOCUMENT_TYPES)),
    language: Type.Optional(LanguageCode),
    sort: Type.Optional(StringEnum(['date', '-date', 'title', '-title'])),
  },
  { additionalProperties: false },
);

const Text = Type.String({ minLength: 1, maxLength: 20000 });

export const CreateDocument = Type.Object(
  {
    symbol: Type.Optional(
      Type.String({ minLength: 3, maxLength: 80, pattern: '^[A-Z][A-Za-z0-9./()_ -]*$' }),
    ),
    type: StringEnum(DOCUMENT_TYPES),
    title: Type.String({ minLength: 1, maxLength: 1000 }),
    date: IsoDate,
    accessLevel: Type.Optional(AccessLevel),
    originalLanguage: LanguageCode,
    sessionId: Type.Optional(Id),
    agendaItemId: Type.Optional(Id),
    boardIds: Type.Array(Id, { minItems: 1, maxItems: 4, uniqueItems: true }),
    synthetic: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateDocumentInput = Static<typeof CreateDocument>;

export const ParagraphIn = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9A-Za-z.()-]+$' }),
    text: Text,
    speakers: Type.Optional(Type.Array(Speaker, { maxItems: 20 })),
    subpoints: Type.Optional(
      Type.Array(Type.Object({ text: Text }, { additionalProperties: false }), { maxItems: 100 }),
    ),
  },
  { additionalProperties: false },
);
export type ParagraphInput = Static<typeof ParagraphIn>;

export const CreateExpression = Type.Object(
  {
    language: LanguageCode,
    title: Type.String({ minLength: 1, maxLength: 1000 }),
    paragraphs: Type.Array(ParagraphIn, { minItems: 1, maxItems: 5000 }),
    sourceName: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
export type CreateExpressionInput = Static<typeof CreateExpression>;

export const ParagraphsQuery = Type.Object(
  { language: Type.Optional(LanguageCode), revision: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
