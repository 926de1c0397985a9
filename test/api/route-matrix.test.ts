// Every route × every role: the permission each route declares is the one written down here, and
// calling the route as each role is allowed or denied accordingly (401 for the public, 403 for a
// signed-in user without the role). Bodies are empty: the permission gate runs before validation,
// so an allowed call fails later (400/404) but never with 401/403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePermission, perm, type Permission } from '../../src/modules/access/permissions.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { BACKENDS } from '../support/db.js';

type Class = keyof typeof perm;

/** The expected permission of every route, by hand: changing one is a deliberate act. */
const EXPECTED: Record<string, Class> = {
  'GET /api/openapi.json': 'public',
  'GET /api/health': 'public',
  'GET /api/problems/:code': 'public',
  'GET /api/entities': 'public',
  'GET /api/entities/:id': 'public',
  'GET /api/boards': 'public',
  'GET /api/boards/:boardId': 'public',
  'GET /api/member-states': 'public',
  'GET /api/member-states/:id': 'public',
  'GET /api/boards/:boardId/memberships': 'public',
  'POST /api/boards/:boardId/memberships': 'secretariat',
  'GET /api/boards/:boardId/bureau': 'public',
  'POST /api/boards/:boardId/bureau': 'secretariat',
  'GET /api/sessions': 'public',
  'GET /api/sessions/:id': 'public',
  'POST /api/sessions': 'secretariat',
  'PATCH /api/sessions/:id': 'secretariat',
  'GET /api/sessions/:id/agenda-items': 'public',
  'POST /api/sessions/:id/agenda-items': 'secretariat',
  'GET /api/documents': 'public',
  'GET /api/documents/:id': 'public',
  'POST /api/documents': 'secretariat',
  'POST /api/documents/:id/expressions': 'secretariat',
  'GET /api/documents/:id/paragraphs': 'public',
  'GET /api/documents/:id/statements': 'public',
  'GET /api/decisions': 'public',
  'GET /api/decisions/:id': 'public',
  'POST /api/decisions': 'secretariat',
  'PATCH /api/decisions/:id': 'secretariat',
  'POST /api/auth/sign-in': 'public',
  'POST /api/auth/sign-out': 'signedIn',
  'GET /api/auth/me': 'signedIn',
  'GET /api/users': 'administrator',
  'POST /api/users': 'administrator',
  'PATCH /api/users/:id': 'administrator',
  'POST /api/users/:id/password': 'administrator',
  'POST /api/users/:id/tokens': 'signedIn',
  'DELETE /api/tokens/:id': 'signedIn',
  'PUT /api/documents/:id/access': 'secretariat',
  'PUT /api/sessions/:id/access': 'secretariat',
  'PUT /api/sessions/:id/attendance': 'secretariat',
  'POST /api/sessions/:id/briefing-records': 'secretariat',
  'GET /api/sessions/:id/briefing-records': 'public',
  'POST /api/questions': 'delegates',
  'POST /api/questions/:id/answer': 'management',
  'GET /api/questions': 'memberStates',
  'GET /api/parity/decisions/:id': 'memberStates',
  'GET /api/parity/report': 'memberStates',
  'GET /': 'public',
  // Web pages (src/web): reading pages are public (a missing or hidden record is an HTML 404); the
  // workspace sends the public to /sign-in; forms declare who may use them, commands check the rest.
  'GET /boards/:id': 'public',
  'GET /calendar': 'public',
  'GET /sessions/:id': 'public',
  'GET /documents': 'public',
  'GET /documents/:id': 'public',
  'GET /decisions': 'public',
  'GET /decisions/:id': 'public',
  'GET /search': 'public',
  'GET /dashboards': 'public',
  'GET /sign-in': 'public',
  'GET /workspace': 'public',
  'GET /workspace/questions/new': 'delegates',
  'POST /workspace/questions/new': 'delegates',
  'GET /workspace/answers': 'management',
  'GET /workspace/questions/:id/answer': 'management',
  'POST /workspace/questions/:id/answer': 'management',
  // My API tokens: the list sends the public to /sign-in; the commands let a user manage only their own.
  'GET /workspace/tokens': 'public',
  'POST /workspace/tokens': 'signedIn',
  'POST /workspace/tokens/:id/revoke': 'signedIn',
  'GET /oversight': 'public',
  'GET /oversight/reviews/:id': 'public',
  'GET /oversight/recommendations/:id': 'public',
  'GET /oversight/reviews/new': 'secretariat',
  'POST /oversight/reviews/new': 'secretariat',
  'GET /oversight/reviews/:id/recommendations/new': 'secretariat',
  'POST /oversight/reviews/:id/recommendations/new': 'secretariat',
  'GET /oversight/recommendations/:id/addressees/new': 'secretariat',
  'POST /oversight/recommendations/:id/addressees/new': 'secretariat',
  'GET /oversight/addressees/:id/acceptance': 'management',
  'POST /oversight/addressees/:id/acceptance': 'management',
  'GET /oversight/addressees/:id/implementation': 'management',
  'POST /oversight/addressees/:id/implementation': 'management',
  'GET /oversight/addressees/:id/actions/new': 'management',
  'POST /oversight/addressees/:id/actions/new': 'management',
  'GET /oversight/actions/:id/progress': 'management',
  'POST /oversight/actions/:id/progress': 'management',
  'GET /oversight/mandates': 'public',
  'GET /oversight/mandates/:id': 'public',
  'POST /oversight/decisions/:id/mandate-suggestions': 'secretariat',
  'GET /oversight/mandates/new': 'secretariat',
  'POST /oversight/mandates/new': 'secretariat',
  'GET /oversight/mandates/:id/confirm': 'secretariat',
  'POST /oversight/mandates/:id/confirm': 'secretariat',
  'GET /oversight/mandates/:id/reject': 'secretariat',
  'POST /oversight/mandates/:id/reject': 'secretariat',
  'GET /oversight/mandates/:id/fulfil': 'secretariat',
  'POST /oversight/mandates/:id/fulfil': 'secretariat',
  'GET /oversight/working-groups': 'public',
  'GET /oversight/working-groups/:id': 'public',
  'GET /oversight/working-groups/new': 'secretariat',
  'POST /oversight/working-groups/new': 'secretariat',
  'GET /oversight/working-groups/:id/members/new': 'secretariat',
  'POST /oversight/working-groups/:id/members/new': 'secretariat',
  'GET /oversight/working-groups/:id/meetings/new': 'secretariat',
  'POST /oversight/working-groups/:id/meetings/new': 'secretariat',
  'GET /oversight/working-groups/:id/recommendations/new': 'secretariat',
  'POST /oversight/working-groups/:id/recommendations/new': 'secretariat',
  'GET /oversight/shared-subjects': 'public',
  'GET /oversight/shared-subjects/:id': 'public',
  'GET /oversight/shared-subjects/new': 'secretariat',
  'POST /oversight/shared-subjects/new': 'secretariat',
  'GET /oversight/shared-subjects/:id/members/new': 'secretariat',
  'POST /oversight/shared-subjects/:id/members/new': 'secretariat',
  'GET /oversight/recommendations/:id/decision-links/new': 'secretariat',
  'POST /oversight/recommendations/:id/decision-links/new': 'secretariat',
  'GET /oversight/actions/:id/edit': 'management',
  'POST /oversight/actions/:id/edit': 'management',
  'GET /oversight/actions/:id/evidence/new': 'management',
  'POST /oversight/actions/:id/evidence/new': 'management',
  // Review and recommendation edits, CSV import (src/web/pages/oversight-edit.ts, oversight-import.ts).
  'GET /oversight/reviews/:id/edit': 'secretariat',
  'POST /oversight/reviews/:id/edit': 'secretariat',
  'GET /oversight/recommendations/:id/edit': 'secretariat',
  'POST /oversight/recommendations/:id/edit': 'secretariat',
  'GET /oversight/reviews/:id/import': 'secretariat',
  'POST /oversight/reviews/:id/import': 'secretariat',
  'POST /oversight/reviews/:id/imports/:importId/commit': 'secretariat',
  'GET /secretariat': 'secretariat',
  'GET /secretariat/sessions/new': 'secretariat',
  'POST /secretariat/sessions/new': 'secretariat',
  'GET /secretariat/sessions/:id/agenda-items/new': 'secretariat',
  'POST /secretariat/sessions/:id/agenda-items/new': 'secretariat',
  'GET /secretariat/documents/new': 'secretariat',
  'POST /secretariat/documents/new': 'secretariat',
  'GET /secretariat/decisions/new': 'secretariat',
  'POST /secretariat/decisions/new': 'secretariat',
  'GET /secretariat/boards/:id/memberships/new': 'secretariat',
  'POST /secretariat/boards/:id/memberships/new': 'secretariat',
  'GET /secretariat/boards/:id/bureau/new': 'secretariat',
  'POST /secretariat/boards/:id/bureau/new': 'secretariat',
  'GET /secretariat/documents/:id/expressions/new': 'secretariat',
  'POST /secretariat/documents/:id/expressions/new': 'secretariat',
  'GET /secretariat/documents/:id/access': 'secretariat',
  'POST /secretariat/documents/:id/access': 'secretariat',
  'GET /secretariat/sessions/:id/access': 'secretariat',
  'POST /secretariat/sessions/:id/access': 'secretariat',
  // Briefing records, edits, delegation size and document import (src/web/pages/parity-forms.ts, edit-forms.ts, import-form.ts).
  'GET /secretariat/sessions/:id/attendance': 'secretariat',
  'POST /secretariat/sessions/:id/attendance': 'secretariat',
  'GET /secretariat/sessions/:id/briefing-records/new': 'secretariat',
  'POST /secretariat/sessions/:id/briefing-records/new': 'secretariat',
  'GET /secretariat/sessions/:id/edit': 'secretariat',
  'POST /secretariat/sessions/:id/edit': 'secretariat',
  'GET /secretariat/decisions/:id/edit': 'secretariat',
  'POST /secretariat/decisions/:id/edit': 'secretariat',
  'GET /coherence/delegations/capacity': 'secretariat',
  'POST /coherence/delegations/capacity': 'secretariat',
  'GET /secretariat/documents/import': 'secretariat',
  'POST /secretariat/documents/import': 'secretariat',
  // Users and roles (src/web/pages/admin.ts).
  'GET /admin/users': 'administrator',
  'GET /admin/users/new': 'administrator',
  'POST /admin/users/new': 'administrator',
  'GET /admin/users/:id/edit': 'administrator',
  'POST /admin/users/:id/edit': 'administrator',
  'GET /admin/users/:id/password': 'administrator',
  'POST /admin/users/:id/password': 'administrator',
  // Oversight workflows (src/web/pages/workflows.ts).
  'GET /admin/workflows': 'administrator',
  'GET /admin/workflows/:axis': 'administrator',
  'POST /admin/workflows/:axis': 'administrator',
  'GET /api/search': 'public',
  'POST /api/documents/import': 'secretariat',
  'GET /api/oversight/dashboard/rates': 'public',
  'GET /api/oversight/dashboard/overdue-actions': 'public',
  'GET /api/oversight/dashboard/stalled': 'public',
  'GET /api/oversight/dashboard/reporting-load': 'public',
  'GET /api/oversight/exports/:list': 'public',
  'GET /api/oversight/reviews/:id/report': 'public',
  'POST /api/oversight/reviews/:id/imports': 'secretariat',
  'POST /api/oversight/imports/:id/commit': 'secretariat',
  'GET /api/oversight/workflows': 'public',
  'PUT /api/oversight/workflows/:axis': 'administrator',
  'GET /api/coherence/catalogue': 'public',
  'POST /api/coherence/tagging/preview': 'public',
  'POST /api/coherence/tagging/suggest': 'secretariat',
  'GET /api/coherence/suggestions': 'secretariat',
  'POST /api/coherence/suggestions/:id/confirm': 'secretariat',
  'POST /api/coherence/suggestions/:id/reject': 'secretariat',
  'GET /api/coherence/subjects/:type/:id/tags': 'public',
  'POST /api/coherence/subjects/:type/:id/tags': 'secretariat',
  'DELETE /api/coherence/tags/:id': 'secretariat',
  'POST /api/coherence/analyses': 'secretariat',
  'GET /api/coherence/findings': 'public',
  'GET /api/coherence/findings/:id': 'public',
  'GET /api/coherence/matrix': 'public',
  'GET /api/coherence/report': 'public',
  'GET /api/coherence/calendar': 'public',
  'GET /api/coherence/load': 'public',
  'PUT /api/coherence/delegations/:memberState/capacity': 'secretariat',
  // Coherence pages (src/web/pages/coherence*.ts): reading is public, tag review is the secretariat's.
  'GET /coherence': 'public',
  'GET /coherence/findings': 'public',
  'GET /coherence/findings/:id': 'public',
  'GET /coherence/calendar': 'public',
  'GET /coherence/subjects/:type/:id': 'public',
  'GET /coherence/suggestions': 'secretariat',
  'POST /coherence/suggestions/:id/confirm': 'secretariat',
  'POST /coherence/suggestions/:id/reject': 'secretariat',
  'POST /coherence/subjects/:type/:id/tags': 'secretariat',
  'POST /coherence/tags/:id/remove': 'secretariat',
  // Analysis runs and tag suggestions are the secretariat's; the tagger preview stores nothing and is public.
  'GET /coherence/analyses/new': 'secretariat',
  'POST /coherence/analyses/new': 'secretariat',
  'GET /coherence/runs': 'secretariat',
  'GET /coherence/runs/:id': 'secretariat',
  'GET /coherence/tagging/suggest': 'secretariat',
  'POST /coherence/tagging/suggest': 'secretariat',
  'GET /coherence/tagger': 'public',
  'POST /coherence/tagger': 'public',
  'POST /api/oversight/decision-links': 'secretariat',
  'GET /api/oversight/working-groups': 'public',
  'GET /api/oversight/working-groups/:id': 'public',
  'POST /api/oversight/working-groups': 'secretariat',
  'POST /api/oversight/working-groups/:id/members': 'secretariat',
  'POST /api/oversight/working-groups/:id/meetings': 'secretariat',
  'POST /api/oversight/working-groups/:id/recommendations': 'secretariat',
  'GET /api/oversight/shared-subjects': 'public',
  'GET /api/oversight/shared-subjects/:id': 'public',
  'POST /api/oversight/shared-subjects': 'secretariat',
  'POST /api/oversight/shared-subjects/:id/members': 'secretariat',
  'GET /api/oversight/mandates': 'public',
  'GET /api/oversight/mandates/:id': 'public',
  'POST /api/oversight/mandates': 'secretariat',
  'POST /api/oversight/mandates/extract': 'public',
  'POST /api/oversight/decisions/:id/mandate-suggestions': 'secretariat',
  'POST /api/oversight/mandates/:id/confirm': 'secretariat',
  'POST /api/oversight/mandates/:id/reject': 'secretariat',
  'POST /api/oversight/mandates/:id/fulfil': 'secretariat',
  'GET /api/oversight/addressees/:id': 'public',
  'GET /api/oversight/addressees/:id/history': 'public',
  'POST /api/oversight/addressees/:id/acceptance': 'management',
  'POST /api/oversight/addressees/:id/implementation': 'management',
  'POST /api/oversight/addressees/:id/actions': 'management',
  'GET /api/oversight/actions': 'public',
  'GET /api/oversight/actions/:id': 'public',
  'PATCH /api/oversight/actions/:id': 'management',
  'POST /api/oversight/actions/:id/progress': 'management',
  'POST /api/oversight/actions/:id/evidence': 'management',
  'GET /api/oversight/reviews': 'public',
  'GET /api/oversight/reviews/:id': 'public',
  'POST /api/oversight/reviews': 'secretariat',
  'PATCH /api/oversight/reviews/:id': 'secretariat',
  'GET /api/oversight/recommendations': 'public',
  'GET /api/oversight/recommendations/:id': 'public',
  'POST /api/oversight/reviews/:id/recommendations': 'secretariat',
  'PATCH /api/oversight/recommendations/:id': 'secretariat',
  'POST /api/oversight/recommendations/:id/addressees': 'secretariat',
};

/** Which test users hold each class (administrators hold every role). */
const HOLDERS: Record<Class, string[]> = {
  public: ['anonymous', 'observer', 'memberDelegate', 'bureau', 'secretariat', 'management', 'admin'],
  signedIn: ['observer', 'memberDelegate', 'bureau', 'secretariat', 'management', 'admin'],
  secretariat: ['secretariat', 'unicefSecretariat', 'admin'],
  administrator: ['admin'],
  delegates: ['observer', 'memberDelegate', 'bureau', 'admin'],
  memberStates: ['observer', 'memberDelegate', 'bureau', 'secretariat', 'management', 'admin'],
  management: ['management', 'secretariat', 'admin'],
};
const CALLERS = ['anonymous', 'observer', 'memberDelegate', 'bureau', 'secretariat', 'management', 'admin'];

// Routes served by plugins (the API docs UI and static assets) are public by nature.
const isPluginRoute = (url: string) => url.startsWith('/api/docs') || url.startsWith('/assets');

describe.each(BACKENDS)('route × role permission matrix on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(async () => t.close());

  it('every route declares a permission, and it is the expected one', () => {
    const table = t.app.routePermissions.filter((r) => !isPluginRoute(r.url));
    const undeclared = table.filter((r) => !r.declared).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    const unexpected = table
      .filter((r) => !(`${r.method} ${r.url}` in EXPECTED))
      .map((r) => `${r.method} ${r.url}`);
    expect(unexpected, 'routes missing from EXPECTED').toEqual([]);
    for (const r of table) {
      const expected: Permission = perm[EXPECTED[`${r.method} ${r.url}`]!];
      expect(describePermission(r.permission), `${r.method} ${r.url}`).toBe(describePermission(expected));
    }
  });

  it('publishes each permission in the OpenAPI document', async () => {
    const doc = (await t.call({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { 'x-permission'?: unknown }>>;
    }>();
    expect(doc.paths['/api/decisions']!.post!['x-permission']).toEqual({
      anyOf: ['secretariat', 'administrator'],
    });
    expect(doc.paths['/api/decisions']!.get!['x-permission']).toBe('public');
    expect(doc.paths['/api/users']!.get!['x-permission']).toEqual({ anyOf: ['administrator'] });
  });

  it('allows and denies each role as declared', async () => {
    const failures: string[] = [];
    for (const r of t.app.routePermissions.filter((x) => !isPluginRoute(x.url))) {
      const cls = EXPECTED[`${r.method} ${r.url}`];
      if (!cls) continue;
      const url = r.url.replace(/:[A-Za-z]+/g, 'x');
      for (const caller of CALLERS) {
        const res = await t.call({
          method: r.method,
          url,
          ...(caller === 'anonymous' ? {} : { as: caller }),
          ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }),
        });
        const allowed = HOLDERS[cls].includes(caller);
        const denied = res.statusCode === 401 || res.statusCode === 403;
        const expectedDenial = caller === 'anonymous' ? 401 : 403;
        if (allowed && denied)
          failures.push(`${r.method} ${r.url} as ${caller}: expected allowed, got ${res.statusCode}`);
        if (!allowed && res.statusCode !== expectedDenial)
          failures.push(
            `${r.method} ${r.url} as ${caller}: expected ${expectedDenial}, got ${res.statusCode}`,
          );
        if (res.statusCode >= 500) failures.push(`${r.method} ${r.url} as ${caller}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
