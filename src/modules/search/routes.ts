// GET /api/search: full text over the paragraphs of current language versions. Also registers
// the document import endpoint (ingest), the other half of document intelligence.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.js';
import { perm } from '../access/permissions.js';
import { errorResponses } from '../../http/schemas.js';
import { ingestRoutes } from '../ingest/routes.js';
import { searchParagraphs } from './queries.js';
import { SearchQuery, SearchResponse } from './schema.js';

export async function searchRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  app.get(
    '/api/search',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags: ['search'],
        summary: 'Search paragraphs in six languages',
        description:
          'Words are ANDed; "quoted text" is a phrase; OR joins two terms; -word excludes; word* is a prefix. ' +
          'Chinese matches any one- or more-character term; Arabic ignores diacritics and alef/hamza forms; ' +
          'Latin and Cyrillic ignore case and accents. Acronyms defined in the documents match their long form. ' +
          'Relevance is computed over at most the newest matches of the ranking window (10 000 unless CONCORD_SEARCH_WINDOW says otherwise; see windowed).',
        querystring: SearchQuery,
        response: { 200: SearchResponse, ...errorResponses },
      },
    },
    async (req) => {
      const result = await searchParagraphs(db, req.actor, req.query, { window: ctx.config.searchWindow });
      return { query: req.query.q, ...result };
    },
  );
  await ingestRoutes(fastify, ctx);
}
