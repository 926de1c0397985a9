// One error class with stable machine ids. HTTP turns these into RFC 9457 problem+json; the CLI
// prints the title and detail. Create errors only through the factories below.

export interface FieldError {
  /** JSON pointer to the offending field, e.g. "/body/number". */
  path: string;
  /** English text; the JSON API's wording. */
  message: string;
  /** Stable id of the rule that failed (an Ajv keyword or a command's own), for translated messages. */
  code?: string;
  /** Values the message names (a limit, a format, a member state). */
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'AppError';
  }
}

/** Problem type and title of the client-error statuses Concord answers with, by status. */
const CLIENT_ERRORS: Record<number, [code: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  408: ['request-timeout', 'Request timeout'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable content'],
  431: ['headers-too-large', 'Request header fields too large'],
};

/** A 4xx problem of the status's own type; a status without one is a bad request. */
export function clientError(status: number, detail: string, errs: FieldError[] = []): AppError {
  const [code, title] = CLIENT_ERRORS[status] ?? CLIENT_ERRORS[400]!;
  return new AppError(status, code, title, detail, errs);
}

export const errors = {
  validation: (errs: FieldError[], detail?: string) =>
    new AppError(
      400,
      'validation-failed',
      'Request validation failed',
      detail ?? errs.map((e) => `${e.path}: ${e.message}`).join('; '),
      errs,
    ),
  badRequest: (detail: string, errs: FieldError[] = []) =>
    new AppError(400, 'bad-request', 'Bad request', detail, errs),
  unauthenticated: () => new AppError(401, 'unauthenticated', 'Authentication required'),
  unauthenticatedWith: (detail: string) =>
    new AppError(401, 'unauthenticated', 'Authentication required', detail),
  forbidden: (detail = 'You may not perform this action') =>
    new AppError(403, 'forbidden', 'Forbidden', detail),
  notFound: (what: string, id: string) =>
    new AppError(404, 'not-found', 'Not found', `${what} '${id}' was not found`),
  routeNotFound: (method: string, url: string) =>
    new AppError(404, 'route-not-found', 'Not found', `No route for ${method} ${url}`),
  conflict: (detail: string, errs: FieldError[] = []) =>
    new AppError(409, 'conflict', 'Conflict', detail, errs),
  preconditionFailed: (detail: string) =>
    new AppError(412, 'precondition-failed', 'Precondition failed', detail),
  payloadTooLarge: (limit: number) =>
    new AppError(413, 'payload-too-large', 'Payload too large', `The request body exceeds ${limit} bytes`),
  unsupportedMediaType: (type: string) =>
    new AppError(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      `Content type '${type}' is not accepted`,
    ),
  unprocessable: (detail: string, errs: FieldError[] = []) =>
    new AppError(422, 'unprocessable', 'Unprocessable content', detail, errs),
  /** An uploaded file was rejected (ingestion); `errs` name each file and its reason. */
  fileRejected: (status: 400 | 413 | 415 | 422, detail: string, errs: FieldError[]) =>
    clientError(status, detail, errs),
  tooManyRequests: (retryAfterSeconds: number) =>
    new AppError(429, 'rate-limited', 'Too many requests', 'Try again later', [], {
      'retry-after': String(retryAfterSeconds),
    }),
};

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
