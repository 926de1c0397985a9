// HTTP routes of the oversight tracker, one file per area under routes/.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { dashboardRoutes } from './routes/dashboards.js';
import { groupAndLinkRoutes } from './routes/groups-and-links.js';
import { mandateRoutes } from './routes/mandates.js';
import { responseRoutes } from './routes/responses.js';
import { reviewRoutes } from './routes/reviews.js';

export async function oversightRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  await reviewRoutes(fastify, ctx);
  await responseRoutes(fastify, ctx);
  await mandateRoutes(fastify, ctx);
  await groupAndLinkRoutes(fastify, ctx);
  await dashboardRoutes(fastify, ctx);
}
