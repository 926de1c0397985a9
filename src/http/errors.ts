// Turns every error into RFC 9457 problem+json. Validation failures name the offending field as a
// JSON pointer ("/body/number"). Only genuine server faults become 500, and they are logged.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, clientError, errors, type FieldError } from '../lib/errors.js';

interface AjvIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Ajv params a translated message may name, by keyword (limits, the format, the type). */
const AJV_PARAMS: Record<string, string> = {
  maxLength: 'limit',
  minLength: 'limit',
  maxItems: 'limit',
  minItems: 'limit',
  maximum: 'limit',
  minimum: 'limit',
  exclusiveMaximum: 'limit',
  exclusiveMinimum: 'limit',
  maxProperties: 'limit',
  minProperties: 'limit',
  format: 'format',
  type: 'type',
};

export function fieldErrorsFromAjv(part: string, issues: AjvIssue[]): FieldError[] {
  return issues.map((i) => {
    let path = `/${part}${i.instancePath ?? ''}`;
    let message = i.message ?? 'is invalid';
    const p = i.params ?? {};
    let code = i.keyword ?? 'invalid';
    let params: Record<string, string | number> | undefined;
    if (i.keyword === 'required' && typeof p.missingProperty === 'string') {
      path += `/${p.missingProperty}`;
      message = 'is required';
    } else if (i.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') {
      path += `/${p.additionalProperty}`;
      message = 'is not an allowed field';
    } else if (i.keyword === 'anyOf' || i.keyword === 'const') {
      message = 'is not one of the allowed values';
      code = 'enum';
    } else {
      const name = i.keyword ? AJV_PARAMS[i.keyword] : undefined;
      const value = name ? p[name] : undefined;
      if (name && (typeof value === 'string' || typeof value === 'number')) params = { [name]: value };
    }
    return { path, message, code, ...(params ? { params } : {}) };
  });
}

/** Maps driver constraint errors (a race past a command's own checks) to 409 rather than 500. */
function constraintError(e: unknown): AppError | null {
  const code = (e as { code?: unknown }).code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') {
    return errors.conflict('A record with the same unique values already exists');
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') {
    return errors.unprocessable('A referenced record does not exist');
  }
  return null;
}

export function toAppError(error: unknown, bodyLimit: number): AppError | null {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validationContext?: string };
  if (fe.validation) {
    return errors.validation(fieldErrorsFromAjv(fe.validationContext ?? 'body', fe.validation));
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.payloadTooLarge(bodyLimit);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return errors.unsupportedMediaType(String(fe.message).replace(/^Unsupported Media Type:?\s*/, ''));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errors.badRequest("The body is empty but the content type is 'application/json'");
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return errors.badRequest('Content-Length does not match the body');
    default:
      break;
  }
  const constraint = constraintError(error);
  if (constraint) return constraint;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (error instanceof SyntaxError || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return errors.badRequest(`The body is not valid JSON: ${fe.message}`);
    }
    return clientError(fe.statusCode, fe.message);
  }
  return null;
}

/** The problem+json body of an error (RFC 9457); `instance` is the path of the request, when known. */
function problemBody(e: AppError, instance?: string) {
  return {
    type: `/api/problems/${e.code}`,
    title: e.title,
    status: e.status,
    ...(e.detail ? { detail: e.detail } : {}),
    ...(instance === undefined ? {} : { instance }),
    ...(e.errors.length ? { errors: e.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, e: AppError): FastifyReply {
  for (const [k, v] of Object.entries(e.headers)) void reply.header(k, v);
  return reply
    .code(e.status)
    .type('application/problem+json; charset=utf-8')
    .send(problemBody(e, request.url.split('?')[0]));
}

export function installErrorHandling(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error, bodyLimit);
    if (appError) return sendProblem(reply, request, appError);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      reply,
      request,
      new AppError(
        500,
        'internal',
        'Internal server error',
        'An unexpected error occurred; it has been logged',
      ),
    );
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, errors.routeNotFound(request.method, request.url.split('?')[0] ?? '')),
  );
}

/**
 * Requests Node's HTTP parser refuses before any route sees them, answered as problem+json too
 * (Fastify's default answers `{"message":"Client Error"}`). The common one is text typed into a
 * URL without percent-encoding (`?q=联检组` from a script or curl): the answer says what to do.
 */
export function answerClientError(
  this: FastifyInstance,
  err: Error & { code?: string; reason?: string },
  socket: Socket,
): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let problem: AppError;
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    problem = clientError(408, 'The request was not received in time');
  else if (err.code === 'HPE_HEADER_OVERFLOW')
    problem = clientError(431, 'The request headers are too large');
  else if (err.code === 'HPE_INVALID_URL')
    problem = errors.badRequest(
      'The request URL holds characters that must be percent-encoded: encode text other than ASCII ' +
        'letters and digits, e.g. q=%E8%81%94%E6%A3%80%E7%BB%84 for q=联检组 (curl: -G --data-urlencode "q=联检组")',
    );
  else
    problem = errors.badRequest(
      `The request is not valid HTTP/1.1 (${err.code ?? 'parse error'}: ${err.reason ?? err.message})`,
    );
  this.log.debug({ err }, 'client error');
  if (socket.writable) {
    const body = JSON.stringify(problemBody(problem));
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/problem+json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
