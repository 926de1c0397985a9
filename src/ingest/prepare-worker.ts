// A thread that prepares imports for a bulk ingest (see prepare-pool.ts): reads and segments a
// file, enriches every paragraph and sub-point, and, once enough prepared files are ahead of the
// writer or none waits to be prepared, tokenizes prepared files for the search index unless the
// writer has claimed them, so that the main thread mostly writes. Everything it returns is plain
// data, a prepared file serialized into one buffer.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { tokenText } from '../search/tokenize.js';
import { detectLanguage, findAcronyms } from './enrich.js';
import { prepareImport, type PrepareOptions } from './pipeline.js';
import { IngestError } from './read.js';
import { contentHash, expressionParagraphsOf, expressionTitleOf } from '../modules/documents/content.js';
import {
  packTokenTexts,
  previewTexts,
  TOKEN_CLAIM_MASK,
  TOKENS_UNCLAIMED,
  TOKENS_WORKER,
  TOKENS_WRITER,
  type PrepareOutcome,
  type PrepareReply,
  type PrepareReplySubpoint,
  type PrepareRequest,
  type PrepareTokens,
  type PrepareWorkerData,
  type PreparedPayload,
} from './prepare-pool.js';

const port = parentPort;
if (!port) throw new Error('prepare-worker.ts runs as a worker thread');
const data = workerData as PrepareWorkerData;
const claims = new Int32Array(data.claims);
const written = new Int32Array(data.written);

/** Files to prepare, in the order sent (see step() for when tokenizing goes first). */
const requests: PrepareRequest[] = [];
/** Prepared files whose texts may still be tokenized here, oldest first. */
const tokenJobs: { id: number; texts: string[] }[] = [];
let running = false;
/** The id of the last file prepared here. */
let preparedUpTo = 0;

port.on('message', (m: PrepareRequest) => {
  requests.push(m);
  if (!running) {
    running = true;
    setImmediate(step);
  }
});

const claimOf = (id: number) => Atomics.load(claims, id & TOKEN_CLAIM_MASK);

// One unit of work per turn of the event loop, so that requests sent meanwhile are seen first.
// Preparing goes first while fewer than `tokenLead` prepared files are ahead of the writer; with
// that many ready, the oldest prepared file (the next the writer takes) is tokenized first.
function step(): void {
  const ahead = preparedUpTo - Atomics.load(written, 0);
  const next = tokenJobs.length && ahead >= data.tokenLead ? undefined : requests.shift();
  if (next) {
    const started = performance.now();
    preparedUpTo = next.id;
    void handle(next).then((outcome) => {
      const reply: PrepareReply = { ...outcome, ms: performance.now() - started };
      // A prepared file travels as one buffer, moved (not copied) to the writer (see PrepareOutcome).
      port!.postMessage(reply, reply.ok ? [reply.prepared.buffer as ArrayBuffer] : []);
      setImmediate(step);
    });
    return;
  }
  const job = tokenJobs.shift();
  if (job) {
    if (
      Atomics.compareExchange(claims, job.id & TOKEN_CLAIM_MASK, TOKENS_UNCLAIMED, TOKENS_WORKER) ===
      TOKENS_UNCLAIMED
    ) {
      const started = performance.now();
      const tokens = packTokenTexts(job.texts.map(tokenText));
      const reply: PrepareTokens = { id: job.id, tokens, ms: performance.now() - started };
      port!.postMessage(reply, [tokens.buffer]);
    }
    setImmediate(step);
    return;
  }
  running = false;
}

/** Bytes whose whole ArrayBuffer can be transferred (a Buffer may be a view of a shared pool). */
function transferable(b: Buffer): Uint8Array<ArrayBuffer> {
  return b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength
    ? (b as Uint8Array<ArrayBuffer>)
    : new Uint8Array(b);
}

async function handle(m: PrepareRequest): Promise<PrepareOutcome> {
  try {
    const opts: PrepareOptions = { ...m.opts };
    const preview = await prepareImport(m.file, m.bytes, opts);
    // The preview carries each paragraph's enrichment already; sub-points lack two fields of it.
    // Texts are not sent twice: the receiver pairs these arrays with the preview's texts in order
    // (each paragraph, then its sub-points).
    const subpoints: PrepareReplySubpoint[] = preview.paragraphs.flatMap((p) =>
      p.subpoints.map((s) => ({
        language: detectLanguage(s.text, preview.language),
        acronyms: findAcronyms(s.text),
      })),
    );
    if (m.tokenize) {
      const texts = previewTexts(preview);
      // The writer claims files in the order it writes them: those it has claimed leave the front.
      while (tokenJobs.length && claimOf(tokenJobs[0]!.id) === TOKENS_WRITER) tokenJobs.shift();
      tokenJobs.push({ id: m.id, texts });
    }
    // The content hash of the language version the preview becomes under its own title (the
    // writer uses it when the import names no other title).
    const title = expressionTitleOf(preview);
    const hash = contentHash({ title, paragraphs: expressionParagraphsOf(preview) });
    const prepared: PreparedPayload = { preview, subpoints, contentHash: { title, hash } };
    return {
      id: m.id,
      ok: true,
      prepared: transferable(v8.serialize(prepared)),
      paragraphs: preview.paragraphs.length,
      language: preview.language,
      tokenize: m.tokenize,
    };
  } catch (e) {
    if (e instanceof IngestError)
      return { id: m.id, ok: false, ingest: { file: e.file, reason: e.reason, message: e.message } };
    const err = e as Error;
    return { id: m.id, ok: false, error: { message: String(err?.message ?? e), stack: err?.stack } };
  }
}
