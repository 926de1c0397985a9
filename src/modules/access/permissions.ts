// Route permissions, declared on every route (`config: { permission }`), enforced before the body
// is validated, and published in the OpenAPI document as `x-permission`. The declaration is the
// coarse gate (who may call the route at all); commands still check board-scoped rules.
import type { FastifyInstance } from 'fastify';
import { errors } from '../../lib/errors.js';
import { hasRole, type Actor, type Role } from './actor.js';

export type Permission = 'public' | 'signed-in' | { anyOf: Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
  }
}

export const DELEGATES: Role[] = ['observer-delegate', 'member-delegate', 'bureau-member'];
export const perm = {
  public: 'public' as const,
  signedIn: 'signed-in' as const,
  secretariat: { anyOf: ['secretariat'] as Role[] },
  administrator: { anyOf: ['administrator'] as Role[] },
  delegates: { anyOf: DELEGATES },
  memberStates: { anyOf: [...DELEGATES, 'entity-management', 'secretariat'] as Role[] },
  management: { anyOf: ['entity-management', 'secretariat'] as Role[] },
};

export function describePermission(p: Permission): string {
  if (p === 'public') return 'public (no sign-in)';
  if (p === 'signed-in') return 'any signed-in user';
  return `one of: ${[...p.anyOf, 'administrator'].filter((r, i, a) => a.indexOf(r) === i).join(', ')}`;
}

/** Undeclared routes: reads are public, writes need a signed-in user (commands check the rest). */
export function effectivePermission(method: string, declared: Permission | undefined): Permission {
  if (declared) return declared;
  return method === 'GET' || method === 'HEAD' ? 'public' : 'signed-in';
}

export function allows(p: Permission, actor: Actor): 'ok' | 'unauthenticated' | 'forbidden' {
  if (p === 'public') return 'ok';
  if (actor.kind === 'anonymous') return 'unauthenticated';
  if (p === 'signed-in') return 'ok';
  return p.anyOf.some((r) => hasRole(actor, r)) ? 'ok' : 'forbidden';
}

export interface RoutePermission {
  method: string;
  url: string;
  permission: Permission;
  declared: boolean;
}

const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export function installPermissions(app: FastifyInstance): RoutePermission[] {
  const table: RoutePermission[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const declared = route.config?.permission;
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      table.push({
        method,
        url: route.url,
        permission: effectivePermission(method, declared),
        declared: declared !== undefined,
      });
    }
  });
  app.addHook('preValidation', async (request) => {
    const p = effectivePermission(request.method, request.routeOptions.config.permission);
    const verdict = allows(p, request.actor);
    if (verdict === 'unauthenticated') throw errors.unauthenticated();
    if (verdict === 'forbidden') throw errors.forbidden(`This endpoint requires ${describePermission(p)}`);
  });
  app.decorate('routePermissions', table);
  return table;
}

/** Adds x-permission (and a sentence in the description) to every operation of the document. */
export function annotateOpenApi(
  doc: { paths?: Record<string, Record<string, Record<string, unknown>>> },
  table: RoutePermission[],
) {
  for (const r of table) {
    const op = doc.paths?.[openApiPath(r.url)]?.[r.method.toLowerCase()];
    if (!op) continue;
    op['x-permission'] =
      r.permission === 'public' || r.permission === 'signed-in'
        ? r.permission
        : { anyOf: [...new Set([...r.permission.anyOf, 'administrator'])] };
    const sentence = `Permission: ${describePermission(r.permission)}.`;
    op.description = typeof op.description === 'string' ? `${op.description}\n\n${sentence}` : sentence;
    if (r.permission !== 'public') op.security = [{ bearer: [] }, { session: [] }];
  }
  return doc;
}

declare module 'fastify' {
  interface FastifyInstance {
    routePermissions: RoutePermission[];
  }
}
