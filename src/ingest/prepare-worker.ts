// A thread that prepares imports for a bulk ingest (see prepare-pool.ts): reads and segments a
// file, enriches every paragraph and sub-point, and tokenizes them for the search index, so that
// the main thread only writes. Everything it returns is plain data.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { tokenText } from '../search/tokenize.js';
import { detectLanguage, findAcronyms } from './enrich.js';
import { prepareImport, type PrepareOptions } from './pipeline.js';
import { IngestError } from './read.js';
import { contentHash, expressionParagraphsOf, expressionTitleOf } from '../modules/documents/content.js';
import type { PrepareOutcome, PrepareReply, PrepareReplySubpoint, PrepareRequest } from './prepare-pool.js';

const port = parentPort;
if (!port) throw new Error('prepare-worker.ts runs as a worker thread');

port.on('message', (m: PrepareRequest) => {
  const started = performance.now();
  void handle(m).then((outcome) => {
    const reply: PrepareReply = { ...outcome, ms: performance.now() - started };
    port.postMessage(reply);
  });
});

async function handle(m: PrepareRequest): Promise<PrepareOutcome> {
  try {
    const opts: PrepareOptions = { ...m.opts };
    const preview = await prepareImport(m.file, m.bytes, opts);
    // The preview carries each paragraph's enrichment already; sub-points lack two fields of it.
    // Texts are not sent twice: the receiver pairs these arrays with the preview's texts in order
    // (each paragraph, then its sub-points).
    const tokens: string[] = [];
    const subpoints: PrepareReplySubpoint[] = [];
    for (const p of preview.paragraphs) {
      if (m.tokenize) tokens.push(tokenText(p.text));
      for (const s of p.subpoints) {
        if (m.tokenize) tokens.push(tokenText(s.text));
        subpoints.push({
          language: detectLanguage(s.text, preview.language),
          acronyms: findAcronyms(s.text),
        });
      }
    }
    // The content hash of the language version the preview becomes under its own title (the
    // writer uses it when the import names no other title).
    const title = expressionTitleOf(preview);
    const hash = contentHash({ title, paragraphs: expressionParagraphsOf(preview) });
    return { id: m.id, ok: true, preview, tokens, subpoints, contentHash: { title, hash } };
  } catch (e) {
    if (e instanceof IngestError)
      return { id: m.id, ok: false, ingest: { file: e.file, reason: e.reason, message: e.message } };
    const err = e as Error;
    return { id: m.id, ok: false, error: { message: String(err?.message ?? e), stack: err?.stack } };
  }
}
