// Request and response schemas for the reference registry: entities, boards, member states,
// board memberships and bureau posts.
import { Type, type Static } from 'typebox';
import { Id, IsoDate, ListQuery, StringEnum, Year } from '../../http/schemas.js';

export const REGIONAL_GROUPS = [
  'african',
  'asia-pacific',
  'eastern-european',
  'latin-american-caribbean',
  'western-european-others',
] as const;
export type RegionalGroup = (typeof REGIONAL_GROUPS)[number];

export const BUREAU_POSTS = ['president', 'vice-president'] as const;

export const Entity = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  executiveHeadTitle: Type.String(),
  website: Type.Union([Type.String(), Type.Null()]),
  boardId: Type.Union([Type.String(), Type.Null()]),
});

export const Board = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  establishedBy: Type.Union([Type.String(), Type.Null()]),
  entityIds: Type.Array(Type.String()),
});

export const MemberState = Type.Object({
  id: Type.String({ description: 'ISO 3166-1 alpha-3 code' }),
  iso2: Type.String(),
  isoNumeric: Type.String(),
  name: Type.String(),
  regionalGroup: StringEnum(REGIONAL_GROUPS),
});

export const Membership = Type.Object({
  id: Type.String(),
  boardId: Type.String(),
  memberStateId: Type.String(),
  memberStateName: Type.String(),
  regionalGroup: Type.String(),
  termStart: Type.String(),
  termEnd: Type.String(),
  synthetic: Type.Boolean(),
});

export const BureauPost = Type.Object({
  id: Type.String(),
  boardId: Type.String(),
  year: Type.Integer(),
  post: StringEnum(BUREAU_POSTS),
  memberStateId: Type.String(),
  memberStateName: Type.String(),
  regionalGroup: Type.String(),
  personName: Type.Union([Type.String(), Type.Null()]),
  synthetic: Type.Boolean(),
});

export const MemberStateListQuery = Type.Object(
  {
    ...ListQuery,
    regionalGroup: Type.Optional(StringEnum(REGIONAL_GROUPS)),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Name or code contains' })),
    sort: Type.Optional(StringEnum(['name', '-name', 'id', '-id'])),
  },
  { additionalProperties: false },
);

export const MembershipQuery = Type.Object(
  {
    on: Type.Optional(IsoDate),
    year: Type.Optional(Year),
  },
  { additionalProperties: false },
);

export const CreateMembership = Type.Object(
  {
    memberStateId: Type.String({ minLength: 3, maxLength: 3, pattern: '^[A-Z]{3}$' }),
    termStart: IsoDate,
    termEnd: IsoDate,
    synthetic: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type CreateMembershipInput = Static<typeof CreateMembership>;

export const CreateBureauPost = Type.Object(
  {
    year: Year,
    post: StringEnum(BUREAU_POSTS),
    memberStateId: Type.String({ minLength: 3, maxLength: 3, pattern: '^[A-Z]{3}$' }),
    personName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    synthetic: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type CreateBureauPostInput = Static<typeof CreateBureauPost>;

export const BoardParams = Type.Object({ boardId: Id });
export const IdParams = Type.Object({ id: Id });
