// Builds the Fastify application: validation, errors, ETags, OpenAPI, authentication and every
// module's routes. The same function serves production, tests (app.inject) and benchmarks.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { AppContext } from '../app/context.js';
import { errors } from '../lib/errors.js';
import { anonymous, type Actor } from '../modules/access/actor.js';
import { actorFromBearer } from '../modules/access/tokens.js';
import { installErrorHandling } from './errors.js';
import { installEtags } from './etag.js';
import { installReadCache } from './read-cache.js';
import { Problem } from './schemas.js';
import { createValidatorCompiler } from './validation.js';
import { registerRoutes } from './routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

export type App = FastifyInstance;

export async function buildServer(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<App> {
  const app: FastifyInstance = Fastify({
    ...(opts.logger === false
      ? { logger: false }
      : { loggerInstance: ctx.logger as unknown as FastifyBaseLogger }),
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: false,
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false } },
  });

  app.addSchema(Problem);
  app.setValidatorCompiler(createValidatorCompiler(() => app.getSchemas()));
  installErrorHandling(app, ctx.config.bodyLimit);
  installEtags(app);

  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (request) => {
    const actor = await actorFromBearer(ctx.database.db, request.headers.authorization);
    if (actor === null) throw errors.unauthenticated();
    request.actor = actor ?? anonymous;
  });
  if (ctx.config.readCache) installReadCache(app, ctx.database.db);
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'same-origin');
    void reply.header('x-frame-options', 'DENY');
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
        },
      },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string) || `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await registerRoutes(app, ctx);
  return app;
}
