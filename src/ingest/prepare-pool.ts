// Bulk ingest on several cores: worker threads prepare the files (read, segment, enrich, tokenize;
// prepare-worker.ts) while the main thread writes the documents that are ready. What a worker
// computed travels with the preview to the write path (knownEnrichmentOf), so the write path does
// not compute it again. Results are the same as prepareImport() in this thread: the work
// is the same pure functions over the same bytes.
//
// Tokenizing is shared without steering: a worker prepares the files it is sent first until
// TOKEN_LEAD_FILES prepared files are ahead of the writer, then tokenizes prepared files (oldest
// first, the next the writer takes), and prepares again when none is left; the writer, about to
// write a batch, tokenizes itself those whose tokens have not come (settleTokens). Who
// does a file's tokens is settled by one compare-and-swap on memory both threads share, so no
// file is tokenized twice and none is waited for unless a worker is already on it.
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Acronym, Language } from './enrich.js';
import type { KnownEnrichment } from './annotate.js';
import { prepareImport, type ImportPreview, type PrepareOptions } from './pipeline.js';
import { tokenText } from '../search/tokenize.js';
import { IngestError, type IngestFailure } from './read.js';

export interface PrepareReplySubpoint {
  language: Language;
  acronyms: Acronym[];
}

export interface PrepareRequest {
  id: number;
  file: string;
  bytes: Uint8Array;
  opts: PrepareOptions;
  /** Tokenize the texts there when idle, unless the writer claims them first (see TOKENS_*). */
  tokenize: boolean;
}

/** What the thread that starts a worker gives it. */
export interface PrepareWorkerData {
  /** Int32Array over a SharedArrayBuffer: who tokenizes request `id`, at index id & TOKEN_CLAIM_MASK. */
  claims: SharedArrayBuffer;
  /** Int32Array over a SharedArrayBuffer: [0] the highest request id the writer is writing or has written. */
  written: SharedArrayBuffer;
  /** Prepared files a worker keeps ahead of the writer before it tokenizes before preparing more. */
  tokenLead: number;
}

/**
 * Files prepared ahead of the writer before a worker turns to tokenizing the oldest of them first
 * (more than one batch of 200-paragraph files): the files the writer takes next come tokenized,
 * while the writer still has prepared files to take.
 */
export const TOKEN_LEAD_FILES = 40;

/** Claim states of a request's tokens: nobody yet, the writer, a worker. */
export const TOKENS_UNCLAIMED = 0;
export const TOKENS_WRITER = 1;
export const TOKENS_WORKER = 2;
/** Claims are kept in a ring far larger than the files in flight (bulk.ts keeps ~100). */
export const TOKEN_CLAIM_SLOTS = 1 << 16;
export const TOKEN_CLAIM_MASK = TOKEN_CLAIM_SLOTS - 1;
/** Between the tokens of two texts: a line break, which no token holds (tokenize.ts). */
export const TOKEN_TEXT_SEPARATOR = '\n';
const SEPARATOR_UNIT = TOKEN_TEXT_SEPARATOR.charCodeAt(0);

/**
 * The token strings of a file's texts as one buffer: UTF-16 code units, TOKEN_TEXT_SEPARATOR
 * between two texts. Each string is written in place, never joined first: a file's tokens are often
 * over 128 KB as one string, which V8 allocates apart from its heap, in fresh memory pages, each
 * time. The buffer is its own ArrayBuffer, so it can be transferred.
 */
export function packTokenTexts(parts: readonly string[]): Uint8Array<ArrayBuffer> {
  let units = Math.max(0, parts.length - 1);
  for (const p of parts) units += p.length;
  const out = Buffer.allocUnsafeSlow(units * 2);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    if (i) at = out.writeUInt16LE(SEPARATOR_UNIT, at);
    at += out.write(parts[i]!, at, 'utf16le');
  }
  return out;
}

/** The token strings packTokenTexts packed (of one or more texts), each read out on its own. */
export function unpackTokenTexts(bytes: Uint8Array): string[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Code units are searched for the separator, so that no byte pair across two units matches.
  const units =
    bytes.byteOffset % 2 === 0
      ? new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1)
      : new Uint16Array(new Uint8Array(bytes).buffer, 0, bytes.byteLength >> 1);
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const end = units.indexOf(SEPARATOR_UNIT, from);
    out.push(buf.toString('utf16le', 2 * from, 2 * (end < 0 ? units.length : end)));
    if (end < 0) return out;
    from = end + 1;
  }
}

/**
 * The tokens a worker made for a request it had prepared (sent after the preview): the tokens of
 * each text (space-separated) joined by TOKEN_TEXT_SEPARATOR, in the order of the texts, as
 * UTF-16 bytes. One buffer per file, moved to the writer and read only when the file is written
 * (see PrepareOutcome).
 */
export interface PrepareTokens {
  id: number;
  tokens: Uint8Array;
  /** Time the worker spent on them (ms). */
  ms: number;
}

/** What a worker prepared for one file, serialized (v8.serialize) into PrepareOutcome's `prepared`. */
export interface PreparedPayload {
  preview: ImportPreview;
  /** What the preview leaves out of a sub-point's enrichment, for each sub-point in order. */
  subpoints: PrepareReplySubpoint[];
  /** contentHash of the language version the preview becomes with this title. */
  contentHash: { title: string; hash: string };
}

/**
 * What a worker found for one request. A prepared file comes as one buffer, moved with the message
 * and turned into objects only when the file is written (PreparedFile.open): objects arriving on
 * the writing thread would wait for their batch in its young generation and be copied by every
 * scavenge until promoted (at 80 000 paragraphs the writer promoted some 200 MB of them).
 */
export type PrepareOutcome =
  | {
      id: number;
      ok: true;
      /** v8.serialize(PreparedPayload). */
      prepared: Uint8Array;
      paragraphs: number;
      language: Language;
      /** A token job for this request is queued on the worker (PrepareTokens follows unless the writer claims it). */
      tokenize: boolean;
    }
  | { id: number; ok: false; ingest: { file: string; reason: IngestFailure; message: string } }
  | { id: number; ok: false; error: { message: string; stack?: string | undefined } };

export type PrepareReply = PrepareOutcome & {
  /** Time the worker spent on the request (ms). */
  ms: number;
};

/** Worker threads worth starting here: the cores besides this thread's, at most four. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

interface Pending {
  resolve: (p: PreparedFile) => void;
  reject: (e: unknown) => void;
}

export interface PrepareHints {
  /** Also compute the index tokens (default true); ignored when preparing in this thread. */
  tokenize?: boolean;
  /**
   * The caller does not read the bytes again: a worker may take their memory instead of a copy
   * (the bytes are then detached here).
   */
  handOver?: boolean;
}

/**
 * A file prepared for import, not yet turned into a preview: bulk ingest keeps these until each is
 * written, and opens each as its document is written.
 */
export interface PreparedFile {
  readonly paragraphs: number;
  readonly language: Language;
  /** The preview (with what was computed besides, for knownEnrichmentOf); a new object each call. */
  open(): ImportPreview;
}

/** The texts of a preview in the order they are stored: each paragraph, then its sub-points. */
export function previewTexts(preview: ImportPreview): string[] {
  const texts: string[] = [];
  for (const p of preview.paragraphs) {
    texts.push(p.text);
    for (const s of p.subpoints) texts.push(s.text);
  }
  return texts;
}

/** A preview already in this thread, as a PreparedFile. */
export function preparedFileOf(preview: ImportPreview): PreparedFile {
  return { paragraphs: preview.paragraphs.length, language: preview.language, open: () => preview };
}

export interface Preparer {
  /**
   * Before these previews are written: their tokens are there, made by a worker or by the writer
   * now. Returns how many the writer tokenized. (A preview that no worker prepared has none, and
   * the indexer tokenizes it.)
   */
  settleTokens?(files: readonly (ImportPreview | PreparedFile)[]): Promise<number>;
  prepare(
    file: string,
    bytes: Uint8Array,
    opts?: PrepareOptions,
    hints?: PrepareHints,
  ): Promise<ImportPreview>;
  /** As prepare(), the preview left unopened until it is needed (bulk ingest). */
  prepareFile?(
    file: string,
    bytes: Uint8Array,
    opts?: PrepareOptions,
    hints?: PrepareHints,
  ): Promise<PreparedFile>;
  close(): Promise<void>;
  /** Time the preparing threads have spent working so far (ms); absent when preparing in this thread. */
  busyMs?(): number;
  /** The number of preparing threads (absent: this thread). */
  readonly workers?: number;
}

/** Prepares in this thread (small imports, where starting a thread costs more than it saves). */
export const inThread: Preparer = {
  prepare: (file, bytes, opts = {}) => prepareImport(file, bytes, opts),
  close: async () => {},
};

/**
 * What is known about each text of a preview, in the order the write path stores them (each
 * paragraph, then its sub-points): the enrichment the preview carries, and what a worker found
 * besides (a sub-point's language and acronyms, the index tokens). The write path takes these
 * instead of computing them again (ingest/annotate.ts, search/indexer.ts). A field left out is
 * computed there.
 */
export function knownEnrichmentOf(preview: ImportPreview): KnownEnrichment[] {
  const extras = preparedExtras.get(preview);
  const bytes = extras?.file.tokens;
  const tokens = bytes ? unpackTokenTexts(bytes) : undefined;
  const out: KnownEnrichment[] = [];
  let t = 0;
  let s = 0;
  for (const p of preview.paragraphs) {
    out.push({
      language: p.language,
      mentions: p.mentions,
      references: p.references,
      themes: p.themes,
      acronyms: p.acronyms,
      ...(tokens ? { tokens: tokens[t++]! } : {}),
    });
    for (const sp of p.subpoints) {
      const extra = extras?.subpoints[s++];
      out.push({
        mentions: sp.mentions,
        references: sp.references,
        themes: sp.themes,
        ...(extra ? { language: extra.language, acronyms: extra.acronyms } : {}),
        ...(tokens ? { tokens: tokens[t++]! } : {}),
      });
    }
  }
  return out;
}

// What workers computed besides the preview, by preview (kept as long as the preview is): the
// sub-points' extras, and the file the preview was opened from, which receives the tokens.
const preparedExtras = new WeakMap<
  ImportPreview,
  { file: WorkerPreparedFile; subpoints: PrepareReplySubpoint[] }
>();

/** A worker's prepared file in the writer's thread: bytes until opened. */
class WorkerPreparedFile implements PreparedFile {
  /** The worker's tokens (UTF-16 bytes), once they have come. */
  tokens: Uint8Array | null = null;
  constructor(
    readonly id: number,
    private readonly prepared: Uint8Array,
    readonly paragraphs: number,
    readonly language: Language,
  ) {}

  open(): ImportPreview {
    const p = v8.deserialize(this.prepared) as PreparedPayload;
    preparedExtras.set(p.preview, { file: this, subpoints: p.subpoints });
    contentHashes.set(p.preview, p.contentHash);
    return p.preview;
  }
}

interface TokenWait {
  file: WorkerPreparedFile;
  /** Resolved when the worker's tokens have come. */
  arrived: Promise<void>;
  resolve: () => void;
}
// Content hashes computed by the workers, by preview.
const contentHashes = new WeakMap<ImportPreview, { title: string; hash: string }>();

/** The content hash a worker computed for this preview under this title, if it did. */
export function preparedContentHash(preview: ImportPreview, title: string): string | undefined {
  const known = contentHashes.get(preview);
  return known && known.title === title ? known.hash : undefined;
}

export class PreparePool implements Preparer {
  private readonly slots: { worker: Worker; load: number }[] = [];
  private readonly pending = new Map<number, Pending & { slot: number }>();
  private nextId = 1;
  private failed: Error | null = null;
  private busy = 0;
  private readonly claimBuffer = new SharedArrayBuffer(TOKEN_CLAIM_SLOTS * 4);
  private readonly claims = new Int32Array(this.claimBuffer);
  private readonly writtenBuffer = new SharedArrayBuffer(4);
  private readonly written = new Int32Array(this.writtenBuffer);
  /** Prepared files whose tokens a worker may still make, by request id. */
  private readonly tokenWaits = new Map<number, TokenWait>();
  private stop!: () => void;
  /** Resolves when a worker fails or the pool closes. */
  private readonly stopped = new Promise<void>((resolve) => (this.stop = resolve));

  /**
   * `tokenizeAhead: false`: workers never tokenize, the writer does all (for tests and
   * comparisons).
   */
  constructor(
    size = defaultWorkerCount(),
    private readonly opts: { tokenizeAhead?: boolean; tokenLead?: number } = {},
  ) {
    // From the built code the worker is JavaScript; from the TypeScript sources (tests, tsx) it
    // registers the same TypeScript loader first (loader flags are not passed on to threads).
    const ts = import.meta.url.endsWith('.ts');
    const url = new URL(ts ? './prepare-worker.ts' : './prepare-worker.js', import.meta.url);
    const workerData: PrepareWorkerData = {
      claims: this.claimBuffer,
      written: this.writtenBuffer,
      tokenLead: opts.tokenLead ?? TOKEN_LEAD_FILES,
    };
    const start = (): Worker => {
      if (!ts) return new Worker(url, { workerData });
      // The package's ESM entry sits beside the CommonJS one that require.resolve finds.
      const api = pathToFileURL(
        createRequire(import.meta.url)
          .resolve('tsx/esm/api')
          .replace(/\.cjs$/, '.mjs'),
      ).href;
      const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
      return new Worker(boot, { eval: true, workerData });
    };
    for (let i = 0; i < size; i++) {
      const worker = start();
      const slot = i;
      worker.on('message', (r: PrepareReply | PrepareTokens) =>
        'tokens' in r ? this.tokensCame(r) : this.settle(slot, r),
      );
      worker.on('error', (e) => this.fail(e));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`an ingest worker stopped with code ${code}`));
      });
      this.slots.push({ worker, load: 0 });
    }
  }

  async prepare(
    file: string,
    bytes: Uint8Array,
    opts: PrepareOptions = {},
    hints: PrepareHints = {},
  ): Promise<ImportPreview> {
    return (await this.prepareFile(file, bytes, opts, hints)).open();
  }

  prepareFile(
    file: string,
    bytes: Uint8Array,
    opts: PrepareOptions = {},
    hints: PrepareHints = {},
  ): Promise<PreparedFile> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    let slot = 0;
    for (let i = 1; i < this.slots.length; i++) if (this.slots[i]!.load < this.slots[slot]!.load) slot = i;
    const w = this.slots[slot]!;
    w.load++;
    return new Promise<PreparedFile>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      const tokenize = (hints.tokenize ?? true) && this.opts.tokenizeAhead !== false;
      Atomics.store(this.claims, id & TOKEN_CLAIM_MASK, TOKENS_UNCLAIMED);
      const req: PrepareRequest = { id, file, bytes, opts, tokenize };
      // Moved, not copied, where the bytes are a whole ArrayBuffer of the caller's: a copy would be
      // as large as the file, in memory the worker has not touched before.
      const whole =
        hints.handOver &&
        bytes.buffer instanceof ArrayBuffer &&
        bytes.byteOffset === 0 &&
        bytes.byteLength === bytes.buffer.byteLength;
      w.worker.postMessage(req, whole ? [bytes.buffer] : []);
    });
  }

  private settle(slot: number, r: PrepareReply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    this.slots[slot]!.load--;
    this.busy += r.ms;
    if (r.ok) {
      const file = new WorkerPreparedFile(r.id, r.prepared, r.paragraphs, r.language);
      if (r.tokenize) {
        let resolve!: () => void;
        const arrived = new Promise<void>((done) => (resolve = done));
        this.tokenWaits.set(r.id, { file, arrived, resolve });
      }
      p.resolve(file);
    } else if ('ingest' in r) {
      const detail = r.ingest.message.startsWith(`${r.ingest.file}: `)
        ? r.ingest.message.slice(r.ingest.file.length + 2)
        : r.ingest.message;
      p.reject(new IngestError(r.ingest.file, r.ingest.reason, detail));
    } else {
      const e = new Error(r.error.message);
      if (r.error.stack) e.stack = r.error.stack;
      p.reject(e);
    }
  }

  private tokensCame(t: PrepareTokens): void {
    this.busy += t.ms;
    const wait = this.tokenWaits.get(t.id);
    if (!wait) return;
    this.tokenWaits.delete(t.id);
    wait.file.tokens = t.tokens;
    wait.resolve();
  }

  /**
   * Settles the tokens of prepared files (or of previews opened from them) before they are
   * written: the worker's, or the writer's own, made here before the batch is written. Made by
   * the indexer in the middle of writing a document, they kept the document's objects alive
   * through the two scavenges that its tokenizing took, and so had them promoted
   * (docs/BENCHMARKS.md, seventh part); here only the opened preview and the tokens live that long.
   */
  async settleTokens(files: readonly (ImportPreview | PreparedFile)[]): Promise<number> {
    const waits: Promise<void>[] = [];
    const prepared = files.map((f) =>
      f instanceof WorkerPreparedFile ? f : preparedExtras.get(f as ImportPreview)?.file,
    );
    // The workers learn how far the writer has come (they tokenize the files after it first).
    let last = Atomics.load(this.written, 0);
    for (const file of prepared) if (file && file.id > last) last = file.id;
    Atomics.store(this.written, 0, last);
    for (const file of prepared) {
      // No entry: the tokens came already, or none were asked of a worker.
      const wait = file && this.tokenWaits.get(file.id);
      if (!file || !wait) continue;
      const slot = file.id & TOKEN_CLAIM_MASK;
      if (Atomics.compareExchange(this.claims, slot, TOKENS_UNCLAIMED, TOKENS_WRITER) === TOKENS_UNCLAIMED)
        this.tokenWaits.delete(file.id);
      else waits.push(wait.arrived);
    }
    // A worker that fails, or a pool closed, sends no more tokens: the writer makes those too.
    if (waits.length) await Promise.race([Promise.all(waits), this.stopped]);
    let made = 0;
    prepared.forEach((file, i) => {
      if (!file || file.tokens) return;
      const f = files[i]!;
      const preview = f instanceof WorkerPreparedFile ? f.open() : (f as ImportPreview);
      file.tokens = packTokenTexts(previewTexts(preview).map(tokenText));
      made++;
    });
    return made;
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    this.stop();
  }

  busyMs(): number {
    return this.busy;
  }

  get workers(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.failed ??= new Error('the ingest workers are closed');
    this.stop();
    await Promise.all(this.slots.map((w) => w.worker.terminate()));
  }
}
