// Every route × every role: the permission each route declares is the one written down here, and
// calling the route as each role is allowed or denied accordingly (401 for the public, 403 for a
// signed-in user without the role). Bodies are empty: the permission gate runs before validation,
// so an allowed call fails later (400/404) but never with 401/403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePermission, perm, type Permission } from '../../src/modules/access/permissions.js';
import { createTestApp, type TestApp } from '../support/app.js';

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

describe('route × role permission matrix', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
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
          method: r.method as 'GET',
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
  });
});
