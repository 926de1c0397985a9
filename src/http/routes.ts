// Every module's routes, plus health and the problem-type catalogue.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../app/context.js';
import { pendingMigrations } from '../db/database.js';
import { decisionRoutes } from '../modules/decisions/routes.js';
import { accessRoutes } from '../modules/access/routes.js';
import { documentRoutes } from '../modules/documents/routes.js';
import { registryRoutes } from '../modules/registry/routes.js';
import { sessionRoutes } from '../modules/sessions/routes.js';
import { oversightRoutes } from '../modules/oversight/routes.js';
import { searchRoutes } from '../modules/search/routes.js';
import { webRoutes } from '../web/routes.js';
import { coherenceRoutes } from '../modules/coherence/routes.js';

const PROBLEM_TYPES: Record<string, string> = {
  'validation-failed':
    'A field of the request is missing or invalid; `errors` lists each field as a JSON pointer.',
  'bad-request': 'The request could not be read (for example, malformed JSON).',
  unauthenticated: 'Sign in or send a valid API token.',
  forbidden: 'Your roles do not allow this action.',
  'not-found': 'No such record, or none that you may see.',
  'route-not-found': 'No such endpoint.',
  conflict:
    'The change conflicts with an existing record (for example, a decision number already used by the board).',
  'precondition-failed': 'The record changed since you read it: read it again and resend with the new ETag.',
  'payload-too-large':
    'The request body, a file in it or the number of its parts is larger than the server accepts.',
  'unsupported-media-type': 'Send JSON (application/json) unless the endpoint says otherwise.',
  'request-timeout': 'The request did not arrive in time; send it again.',
  'headers-too-large': 'The request headers (cookies included) are larger than the server accepts.',
  unprocessable: 'The request is well formed but refers to something that does not exist.',
  'rate-limited': 'Too many attempts; wait for the number of seconds in Retry-After.',
  internal: 'A fault on our side; it has been logged.',
};

export async function registerRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database status',
        response: {
          200: Type.Object({
            status: Type.String(),
            database: Type.String(),
            pendingMigrations: Type.Array(Type.String()),
          }),
        },
      },
    },
    async () => ({
      status: 'ok',
      database: ctx.database.dialect,
      pendingMigrations: await pendingMigrations(ctx.database.db, ctx.database.schema),
    }),
  );

  app.get(
    '/api/problems/:code',
    {
      config: { permission: 'public' },
      schema: { hide: true, params: Type.Object({ code: Type.String({ maxLength: 64 }) }) },
    },
    async (req, reply) => {
      const text = PROBLEM_TYPES[req.params.code];
      if (!text) return reply.code(404).type('text/plain; charset=utf-8').send('Unknown problem type');
      return reply.type('text/plain; charset=utf-8').send(`${req.params.code}: ${text}`);
    },
  );

  await registryRoutes(fastify, ctx);
  await sessionRoutes(fastify, ctx);
  await documentRoutes(fastify, ctx);
  await decisionRoutes(fastify, ctx);
  await accessRoutes(fastify, ctx);
  await oversightRoutes(fastify, ctx);
  await searchRoutes(fastify, ctx);
  await coherenceRoutes(fastify, ctx);
  await webRoutes(fastify, ctx);
}
