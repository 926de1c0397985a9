// Static assets of the web UI (one stylesheet, uPlot and the chart island), held in memory,
// named by content hash so they can be cached for a year, and stored pre-compressed (brotli and
// gzip) so that slow connections get the smallest bytes without per-request compression.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { CHARTS_JS } from './assets/charts.js';
import { STYLES } from './assets/styles.js';

export interface Asset {
  url: string;
  type: string;
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
}

function asset(name: string, ext: string, type: string, text: string): Asset {
  const body = Buffer.from(text, 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return {
    url: `/assets/${name}.${hash}.${ext}`,
    type,
    body,
    gzip: gzipSync(body, { level: 9 }),
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  };
}

const require = createRequire(import.meta.url);
function uplotFile(file: string): string {
  const dir = path.dirname(require.resolve('uplot/package.json'));
  return fs.readFileSync(path.join(dir, 'dist', file), 'utf8');
}

let cache: { css: Asset; uplot: Asset; charts: Asset; all: Map<string, Asset> } | undefined;

export function assets() {
  if (cache) return cache;
  const css = asset('concord', 'css', 'text/css; charset=utf-8', uplotFile('uPlot.min.css') + STYLES);
  const uplot = asset('uplot', 'js', 'text/javascript; charset=utf-8', uplotFile('uPlot.iife.min.js'));
  const charts = asset('charts', 'js', 'text/javascript; charset=utf-8', CHARTS_JS);
  cache = { css, uplot, charts, all: new Map([css, uplot, charts].map((a) => [a.url, a])) };
  return cache;
}

export function registerAssetRoutes(app: FastifyInstance): void {
  app.get('/assets/:name', { schema: { hide: true }, config: { permission: 'public' } }, async (req, reply) => {
    const a = assets().all.get(req.url.split('?')[0]!);
    if (!a) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    const accept = String(req.headers['accept-encoding'] ?? '');
    void reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'Accept-Encoding')
      .type(a.type);
    if (/\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(a.br);
    if (/\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(a.gzip);
    return reply.send(a.body);
  });
}
