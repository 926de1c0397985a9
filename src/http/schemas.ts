// Schemas shared by every module: problem details, pagination, common field formats.
import { Type, type TSchema } from 'typebox';

export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Year = Type.Integer({ minimum: 1945, maximum: 2200 });
/** A string that must be one of `values`; typed as the union of those literals. */
export function StringEnum<T extends string>(values: readonly T[], description?: string) {
  return Type.Unsafe<T>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );
}

export const LanguageCode = StringEnum(LANGUAGES, 'One of the six UN languages');

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String(),
          message: Type.String(),
          code: Type.Optional(Type.String({ description: 'Rule that failed, for translated messages' })),
          params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
        }),
      ),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

export const ProblemRef = Type.Ref('Problem');

export const ListQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  });
}

/** Standard error responses for a route; spread into `response`. */
export const errorResponses = {
  400: ProblemRef,
  401: ProblemRef,
  403: ProblemRef,
  404: ProblemRef,
};
export const writeErrorResponses = {
  ...errorResponses,
  409: ProblemRef,
  412: ProblemRef,
  413: ProblemRef,
  415: ProblemRef,
};
