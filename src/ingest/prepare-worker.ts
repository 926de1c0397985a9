// A thread that prepares imports for a bulk ingest (see prepare-pool.ts): reads and segments a
// file, enriches every paragraph and sub-point, and tokenizes them for the search index, so that
// the main thread only writes. Everything it returns is plain data.
import { parentPort } from 'node:worker_threads';
import { tokenize } from '../search/tokenize.js';
import { enrichment } from './enrich-cache.js';
import { prepareImport, type PrepareOptions } from './pipeline.js';
import { IngestError } from './read.js';
import type { PrepareReply, PrepareRequest } from './prepare-pool.js';

const port = parentPort;
if (!port) throw new Error('prepare-worker.ts runs as a worker thread');

port.on('message', (m: PrepareRequest) => {
  void handle(m).then((reply) => port.postMessage(reply));
});

async function handle(m: PrepareRequest): Promise<PrepareReply> {
  try {
    const opts: PrepareOptions = { ...m.opts };
    const preview = await prepareImport(m.file, m.bytes, opts);
    const texts = preview.paragraphs.flatMap((p) => [p.text, ...p.subpoints.map((s) => s.text)]);
    const known = texts.map((t) => ({
      text: t,
      enrichment: enrichment.snapshot(t, preview.language),
      tokens: tokenize(t).join(' '),
    }));
    return { id: m.id, ok: true, preview, known };
  } catch (e) {
    if (e instanceof IngestError)
      return { id: m.id, ok: false, ingest: { file: e.file, reason: e.reason, message: e.message } };
    const err = e as Error;
    return { id: m.id, ok: false, error: { message: String(err?.message ?? e), stack: err?.stack } };
  }
}
