// Schemas for sessions of the boards and their agenda items.
import { Type, type Static } from 'typebox';
import { Id, IsoDate, ListQuery, StringEnum, Year } from '../../http/schemas.js';
import { ACCESS_LEVELS } from '../access/visibility.js';

export const SESSION_TYPES = [
  'first-regular',
  'annual',
  'second-regular',
  'special',
  'joint-meeting',
  'informal-briefing',
  'joint-field-visit',
] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

export const AccessLevel = StringEnum(ACCESS_LEVELS, 'Who may read the record');

export const AgendaItem = Type.Object({
  id: Type.String(),
  sessionId: Type.String(),
  number: Type.String(),
  position: Type.Integer(),
  title: Type.String(),
  synthetic: Type.Boolean(),
});

export const Session = Type.Object({
  id: Type.String(),
  type: StringEnum(SESSION_TYPES),
  title: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  year: Type.Integer(),
  venue: Type.Union([Type.String(), Type.Null()]),
  accessLevel: AccessLevel,
  boardIds: Type.Array(Type.String()),
  synthetic: Type.Boolean(),
  version: Type.Integer(),
});

export const SessionDetail = Type.Intersect([Session, Type.Object({ agendaItems: Type.Array(AgendaItem) })]);

export const SessionListQuery = Type.Object(
  {
    ...ListQuery,
    board: Type.Optional(Id),
    year: Type.Optional(Year),
    type: Type.Optional(StringEnum(SESSION_TYPES)),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    sort: Type.Optional(StringEnum(['startDate', '-startDate', 'title', '-title'])),
  },
  { additionalProperties: false },
);

const Title = Type.String({ minLength: 1, maxLength: 500 });
const Venue = Type.String({ minLength: 1, maxLength: 200 });

export const CreateSession = Type.Object(
  {
    type: StringEnum(SESSION_TYPES),
    title: Title,
    startDate: IsoDate,
    endDate: IsoDate,
    venue: Type.Optional(Venue),
    accessLevel: Type.Optional(AccessLevel),
    boardIds: Type.Array(Id, { minItems: 1, maxItems: 4, uniqueItems: true }),
    synthetic: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateSessionInput = Static<typeof CreateSession>;

export const UpdateSession = Type.Object(
  {
    title: Type.Optional(Title),
    startDate: Type.Optional(IsoDate),
    endDate: Type.Optional(IsoDate),
    venue: Type.Optional(Type.Union([Venue, Type.Null()])),
    accessLevel: Type.Optional(AccessLevel),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateSessionInput = Static<typeof UpdateSession>;

export const CreateAgendaItem = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9]+(\\s?\\([a-z]\\))?$' }),
    title: Title,
    synthetic: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateAgendaItemInput = Static<typeof CreateAgendaItem>;
