// The web UI: server-rendered pages in six languages over the same queries and commands as the
// JSON API, readable without JavaScript. Registered in its own encapsulated scope so that
// compression, the form parser and the pages' security headers apply to pages only.
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/context.js';
import { registerAssetRoutes } from './assets.js';
import { adminFormRoutes } from './pages/admin.js';
import { authRoutes } from './pages/auth.js';
import { boardRoutes } from './pages/boards.js';
import { calendarRoutes } from './pages/calendar.js';
import { coherenceRoutes } from './pages/coherence.js';
import { dashboardRoutes } from './pages/dashboards.js';
import { decisionRoutes } from './pages/decisions.js';
import { documentRoutes } from './pages/documents.js';
import { formRoutes } from './pages/forms.js';
import { oversightPageRoutes } from './pages/oversight.js';
import { portalRoutes } from './pages/portal.js';
import { registryFormRoutes } from './pages/registry-forms.js';
import { searchRoutes } from './pages/search.js';
import { sessionRoutes } from './pages/session.js';
import { tokenRoutes } from './pages/tokens.js';
import { workspaceRoutes } from './pages/workspace.js';

/** Scripts only from this origin (the chart island); no inline script, no framing. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

export async function webRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
    // Forms post application/x-www-form-urlencoded; the access module may already parse it.
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
      await scope.register(formbody, { bodyLimit: ctx.config.bodyLimit });
    }
    scope.addHook('onSend', async (_req, reply, payload) => {
      if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
        void reply.header('content-security-policy', CSP);
        if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'private, no-cache');
      }
      return payload;
    });
    registerAssetRoutes(scope);
    portalRoutes(scope, ctx);
    boardRoutes(scope, ctx);
    calendarRoutes(scope, ctx);
    sessionRoutes(scope, ctx);
    documentRoutes(scope, ctx);
    decisionRoutes(scope, ctx);
    searchRoutes(scope, ctx);
    dashboardRoutes(scope, ctx);
    oversightPageRoutes(scope, ctx);
    coherenceRoutes(scope, ctx);
    authRoutes(scope, ctx);
    workspaceRoutes(scope, ctx);
    tokenRoutes(scope, ctx);
    formRoutes(scope, ctx);
    registryFormRoutes(scope, ctx);
    adminFormRoutes(scope, ctx);
  });
}
