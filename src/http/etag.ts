// ETags: records carry "<id>.v<version>" when they have a version; other GET responses get a hash
// of their body. If-None-Match answers 304 so slow connections skip unchanged payloads.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { errors } from '../lib/errors.js';

export function recordEtag(id: string, version: number): string {
  return `"${id}.v${version}"`;
}

/** Throws 412 when an If-Match header is present and does not name the current version. */
export function checkIfMatch(header: string | undefined, id: string, version: number): void {
  if (!header) return;
  const current = recordEtag(id, version);
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes('*') && !tags.includes(current)) {
    throw errors.preconditionFailed(`The record has changed; its current ETag is ${current}`);
  }
}

export function installEtags(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string') return payload;
    let etag = reply.getHeader('etag') as string | undefined;
    if (!etag) {
      etag = `"${createHash('sha1').update(payload).digest('base64url')}"`;
      void reply.header('etag', etag);
    }
    const inm = request.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      void reply.code(304);
      return '';
    }
    return payload;
  });
}
