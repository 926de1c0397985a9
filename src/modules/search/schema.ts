// Schemas of full-text search over paragraphs.
import { Type, type Static } from 'typebox';
import { Id, LanguageCode, StringEnum, Year } from '../../http/schemas.js';
import { THEME_IDS } from '../../ingest/enrich.js';
import { DOCUMENT_TYPES } from '../documents/schema.js';

export const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'Words, "phrases", OR, -exclusions, prefix*',
    }),
    board: Type.Optional(Id),
    entity: Type.Optional(Id),
    session: Type.Optional(Id),
    type: Type.Optional(StringEnum(DOCUMENT_TYPES)),
    language: Type.Optional(LanguageCode),
    speaker: Type.Optional(
      Type.String({
        maxLength: 64,
        pattern: '^[A-Za-z0-9-]+$',
        description:
          'An entity id (unfpa), a member state (GHA) or a role: executive-head, deputy-executive-head, board-president, board-vice-president, delegations, un-secretariat',
      }),
    ),
    year: Type.Optional(Year),
    theme: Type.Optional(StringEnum(THEME_IDS)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type SearchQueryInput = Static<typeof SearchQuery>;

export const SearchHitOut = Type.Object({
  paragraphId: Type.String(),
  documentId: Type.String(),
  documentSymbol: Type.Union([Type.String(), Type.Null()]),
  documentTitle: Type.String(),
  documentType: Type.String(),
  date: Type.String(),
  language: LanguageCode,
  revision: Type.Integer(),
  number: Type.String(),
  parentNumber: Type.Union([Type.String(), Type.Null()]),
  anchor: Type.String(),
  url: Type.String(),
  speakers: Type.Array(Type.String()),
  snippet: Type.String({ description: 'HTML-escaped text with <mark> around matches' }),
  score: Type.Number(),
});

export const SearchResponse = Type.Object({
  query: Type.String(),
  engine: Type.String(),
  windowed: Type.Boolean({
    description:
      'true when more paragraphs matched than the ranking window (CONCORD_SEARCH_WINDOW, 10 000 by default): the items are then the most relevant of the newest matches within the window',
  }),
  items: Type.Array(SearchHitOut),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
