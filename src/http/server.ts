// Builds the Fastify application: validation, errors, ETags, OpenAPI, authentication and every
// module's routes. The same function serves production, tests (app.inject) and benchmarks.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import formbody from '@fastify/formbody';
import type { AppContext } from '../app/context.js';
import { errors } from '../lib/errors.js';
import { anonymous, type Actor } from '../modules/access/actor.js';
import { actorFromBearer } from '../modules/access/tokens.js';
import { actorFromSession, parseCookies, SESSION_COOKIE } from '../modules/access/sessions.js';
import { annotateOpenApi, installPermissions } from '../modules/access/permissions.js';
import { answerClientError, installErrorHandling } from './errors.js';
import { checkQueryEncoding, parseFormBody, parseQueryString } from './query-string.js';
import { installEtags } from './etag.js';
import { installReadCache } from './read-cache.js';
import { Problem } from './schemas.js';
import { createValidatorCompiler } from './validation.js';
import { registerRoutes } from './routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** Set when the caller is authenticated by a sign-in cookie (not by an API token). */
    userSession: { id: string; csrfToken: string } | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Content-Security-Policy for our own pages; the API docs UI sets its own. */
const CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export type App = FastifyInstance;

export async function buildServer(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<App> {
  const app: FastifyInstance = Fastify({
    ...(opts.logger === false
      ? { logger: false }
      : { loggerInstance: ctx.logger as unknown as FastifyBaseLogger }),
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: false,
    clientErrorHandler: answerClientError,
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true, querystringParser: parseQueryString },
    ajv: { customOptions: { removeAdditional: false } },
  });

  app.addSchema(Problem);
  app.setValidatorCompiler(createValidatorCompiler(() => app.getSchemas()));
  installErrorHandling(app, ctx.config.bodyLimit);
  installEtags(app);

  await app.register(formbody, { bodyLimit: ctx.config.bodyLimit, parser: parseFormBody });
  // A query string whose percent-encoding is not UTF-8 is answered before anything else is done.
  app.addHook('onRequest', async (request) => checkQueryEncoding(request.query));
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('userSession', null);
  // Authentication: an API token (scripts) or a sign-in cookie (browsers); otherwise the public.
  app.addHook('onRequest', async (request) => {
    request.userSession = null;
    const bearer = await actorFromBearer(ctx.database.db, request.headers.authorization);
    if (bearer === null) throw errors.unauthenticated();
    if (bearer) {
      request.actor = bearer;
      return;
    }
    const cookie = parseCookies(request.headers.cookie)[SESSION_COOKIE];
    const session = cookie ? await actorFromSession(ctx.database.db, cookie) : null;
    request.actor = session?.actor ?? anonymous;
    if (session) request.userSession = { id: session.sessionId, csrfToken: session.csrfToken };
  });
  // CSRF: a state change authenticated by cookie must echo the session's token (header or form
  // field) and, when the browser says where it comes from, come from this site.
  app.addHook('preValidation', async (request) => {
    if (!request.userSession || !UNSAFE.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin && request.headers.host && new URL(origin).host !== request.headers.host) {
      throw errors.forbidden('Cross-site request refused');
    }
    const body = request.body as Record<string, unknown> | undefined;
    const sent =
      request.headers['x-csrf-token'] ?? (body && typeof body === 'object' ? body._csrf : undefined);
    if (sent !== request.userSession.csrfToken) throw errors.forbidden('Missing or wrong CSRF token');
    if (body && typeof body === 'object' && '_csrf' in body) delete body._csrf;
  });
  const permissions = installPermissions(app);
  if (ctx.config.readCache) installReadCache(app, ctx.database.db);
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'same-origin');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('cross-origin-opener-policy', 'same-origin');
    void reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    if (!reply.hasHeader('content-security-policy')) void reply.header('content-security-policy', CSP);
    return payload;
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Concord API',
        version: '0.1.0',
        description:
          'Governance and oversight data of the UN Executive Boards (UNDP/UNFPA/UNOPS, UNICEF, UN-Women, WFP). ' +
          'Errors are RFC 9457 problem+json. Lists use cursor pagination: pass `nextCursor` back as `cursor`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (concord token create)' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description:
              'Sign-in session (POST /api/auth/sign-in); state changes also need the x-csrf-token header',
          },
        },
      },
    },
    transformObject: (documentObject) =>
      annotateOpenApi(
        ('openapiObject' in documentObject
          ? documentObject.openapiObject
          : documentObject.swaggerObject) as never,
        permissions,
      ) as never,
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string) || `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { permission: 'public' } }, async () =>
    app.swagger(),
  );

  await registerRoutes(app, ctx);
  return app;
}
