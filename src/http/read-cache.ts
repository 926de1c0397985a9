// A read cache for GET routes that opt in with `config: { cache: true }`. Every state change goes
// through an audited command and advances the audit head, so the head's sequence number is the
// version of all data: a cached response is served only while the head has not moved. One
// primary-key read of the head replaces the route's queries, validation and serialization. Keys
// include the caller (anonymous readers share entries; signed-in users get their own), so access
// rules are never crossed. Works across instances on PostgreSQL, since the head is in the database.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { clock } from '../lib/clock.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Serve this GET route from the read cache while no data has changed. */
    cache?: boolean;
  }
  interface FastifyRequest {
    readCacheKey?: string;
    readCacheVersion?: number;
    readCacheValidUntil?: string | null;
  }
}

interface Entry {
  version: number;
  /** The next embargo release after the response was made: it may differ from then on. */
  validUntil: string | null;
  payload: string;
  contentType: string;
  etag: string | undefined;
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;
  constructor(private readonly max = 2000) {}

  get(key: string, version: number, now: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e || e.version !== version || (e.validUntil !== null && now >= e.validUntil)) return undefined;
    // Re-insert: the Map's order is the eviction order (least recently used first).
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  set(key: string, entry: Entry): void {
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
  }
}

/** The earliest embargo that lifts after `now`: time, not a write, changes what readers see then. */
export async function nextRelease(db: Kysely<DB>, now: string): Promise<string | null> {
  const [d, s] = await Promise.all([
    db.selectFrom('documents').select((eb) => eb.fn.min('embargo_until').as('t')).where('embargo_until', '>', now).executeTakeFirst(),
    db.selectFrom('sessions').select((eb) => eb.fn.min('embargo_until').as('t')).where('embargo_until', '>', now).executeTakeFirst(),
  ]);
  const times = [d?.t, s?.t].filter((t): t is string => typeof t === 'string');
  return times.length ? times.sort()[0]! : null;
}

export async function dataVersion(db: Kysely<DB>): Promise<number> {
  const head = await db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirst();
  return head?.seq ?? 0;
}

export function installReadCache(app: FastifyInstance, db: Kysely<DB>, cache = new ReadCache()): ReadCache {
  // preHandler runs after authentication (onRequest), so the key can name the caller.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || !request.routeOptions.config.cache) return;
    const version = await dataVersion(db);
    const key = `${request.actor.kind === 'anonymous' ? '-' : request.actor.id} ${request.url}`;
    request.readCacheKey = key;
    request.readCacheVersion = version;
    const now = clock.nowIso();
    const hit = cache.get(key, version, now);
    if (!hit) {
      cache.misses += 1;
      request.readCacheValidUntil = await nextRelease(db, now);
      return;
    }
    cache.hits += 1;
    request.readCacheKey = undefined;
    if (hit.etag) void reply.header('etag', hit.etag);
    return reply.code(200).type(hit.contentType).send(hit.payload);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.readCacheKey === undefined || reply.statusCode !== 200 || typeof payload !== 'string')
      return payload;
    if (request.readCacheVersion === undefined) return payload;
    cache.set(request.readCacheKey, {
      version: request.readCacheVersion,
      validUntil: request.readCacheValidUntil ?? null,
      payload,
      contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      etag: reply.getHeader('etag') as string | undefined,
    });
    request.readCacheKey = undefined;
    return payload;
  });
  return cache;
}
