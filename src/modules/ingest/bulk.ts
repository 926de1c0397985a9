// Bulk ingest: many files, prepared ahead (on worker threads when there are several files, see
// ingest/prepare-pool.ts) and committed several documents per transaction, one savepoint per
// document (importDocuments): a commit, with its FTS5 segment flush and WAL write, per batch
// instead of per document, and each document still whole or absent. Outcomes come back in the
// order of the sources, each batch once it is committed.
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Language } from '../../ingest/enrich.js';
import type { ImportPreview, PrepareOptions } from '../../ingest/pipeline.js';
import { inThread, preparedFileOf, type PreparedFile, type Preparer } from '../../ingest/prepare-pool.js';
import type { Actor } from '../access/actor.js';
import {
  importDocuments,
  type ImportMetadata,
  type ImportResult,
} from '../documents/commands/importDocument.js';

/** A batch closes at whichever limit comes first. */
export const INGEST_BATCH_PARAGRAPHS = 5000;
export const INGEST_BATCH_DOCUMENTS = 50;

export interface BulkSource {
  name: string;
  /** The file's bytes; a throw here is reported as the file's failure (stage 'read'). */
  load: () => Uint8Array;
  opts?: PrepareOptions;
  meta: ImportMetadata;
}

/**
 * A file's outcome. `preview` is given with `previewOnly` (nothing is stored); otherwise `result`
 * is, with the language the file was found to be in (a written file's preview is not kept).
 */
export type BulkOutcome =
  | { source: BulkSource; ok: true; language: Language; preview: ImportPreview; result: null }
  | { source: BulkSource; ok: true; language: Language; preview?: undefined; result: ImportResult }
  | { source: BulkSource; ok: false; stage: 'read' | 'prepare' | 'import'; error: unknown };

export interface BulkOptions {
  preparer?: Preparer;
  /** Store nothing: yield the previews only. */
  previewOnly?: boolean;
  /**
   * How far preparation runs ahead of the writer: files (default twice the batch size) and bytes
   * (default 32 MB), so that the workers keep preparing while a batch is written.
   */
  window?: number;
  windowBytes?: number;
  batchParagraphs?: number;
  batchDocuments?: number;
  /** Filled in as the run goes (a caller may pass one to read the figures). */
  stats?: BulkStats;
  /**
   * Checked between files: when it turns true, the files received so far are committed, files
   * still being prepared are dropped, and the run ends.
   */
  stopRequested?: () => boolean;
}

/**
 * Whether a batch closes, the `committed`-th of the run (from 0), with this many files and
 * paragraphs. The first batches are smaller (an eighth, a quarter, a half of the limits): the
 * writer starts writing once a few files are prepared instead of idling until a whole batch is
 * (at the start of a run nothing is prepared yet).
 */
export function batchIsFull(
  committed: number,
  files: number,
  paragraphs: number,
  limits: { paragraphs: number; documents: number },
): boolean {
  const ramp = 2 ** Math.max(0, 3 - committed);
  return paragraphs * ramp >= limits.paragraphs || files * ramp >= limits.documents;
}

/** How a run went: files written, and how many of them the writer tokenized itself; its waits. */
export interface BulkStats {
  files: number;
  writerTokenized: number;
  /** Time the writer waited for prepared files (ms). */
  writerWaitMs: number;
}

type Prepared = {
  source: BulkSource;
  file?: PreparedFile;
  stage?: 'read' | 'prepare';
  error?: unknown;
  size?: number;
};

export async function* ingestBulk(
  db: Kysely<DB>,
  actor: Actor,
  sources: Iterable<BulkSource>,
  options: BulkOptions = {},
): AsyncGenerator<BulkOutcome> {
  const preparer = options.preparer ?? inThread;
  const maxParagraphs = options.batchParagraphs ?? INGEST_BATCH_PARAGRAPHS;
  const maxDocuments = options.batchDocuments ?? INGEST_BATCH_DOCUMENTS;
  const window = Math.max(1, options.window ?? 2 * maxDocuments);
  const windowBytes = options.windowBytes ?? 32 * 1024 * 1024;
  const inFlight: Promise<Prepared>[] = [];
  let bytesInFlight = 0;
  const iterator = sources[Symbol.iterator]();
  let exhausted = false;
  const stats = options.stats;

  const schedule = () => {
    while (
      !exhausted &&
      inFlight.length < window &&
      (bytesInFlight < windowBytes || inFlight.length === 0) &&
      !options.stopRequested?.()
    ) {
      const next = iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const source = next.value;
      let bytes: Uint8Array;
      try {
        bytes = source.load();
      } catch (error) {
        inFlight.push(Promise.resolve({ source, stage: 'read', error }));
        continue;
      }
      const size = bytes.length;
      bytesInFlight += size;
      // A preview alone needs no tokens. The bytes were loaded for this and are not read again.
      const hints = { tokenize: !options.previewOnly, handOver: true };
      inFlight.push(
        (preparer.prepareFile
          ? preparer.prepareFile(source.name, bytes, source.opts, hints)
          : preparer.prepare(source.name, bytes, source.opts, hints).then(preparedFileOf)
        ).then(
          (file) => ({ source, file, size }),
          (error: unknown) => ({ source, stage: 'prepare' as const, error, size }),
        ),
      );
    }
  };

  let batch: Prepared[] = [];
  let paragraphs = 0;
  let committedBatches = 0;
  const commit = async function* (): AsyncGenerator<BulkOutcome> {
    const ready = batch.filter((p) => p.file);
    if (!options.previewOnly && ready.length) {
      // Tokens a worker has not made yet are made by the writer, or awaited if a worker is on them.
      const files = ready.map((p) => p.file!);
      const writerTokenizes = preparer.settleTokens ? await preparer.settleTokens(files) : files.length;
      if (stats) {
        stats.files += files.length;
        stats.writerTokenized += writerTokenizes;
      }
    }
    // Each file is opened as its document is written, and its preview is not kept afterwards.
    const settled =
      options.previewOnly || ready.length === 0
        ? []
        : await importDocuments(
            db,
            actor,
            ready.map((p) => ({ preview: () => p.file!.open(), meta: p.source.meta })),
          );
    let i = 0;
    for (const p of batch) {
      const file = p.file;
      if (!file) yield { source: p.source, ok: false, stage: p.stage!, error: p.error };
      else if (options.previewOnly)
        yield { source: p.source, ok: true, language: file.language, preview: file.open(), result: null };
      else {
        const s = settled[i++]!;
        yield s.ok
          ? { source: p.source, ok: true, language: file.language, result: s.value }
          : { source: p.source, ok: false, stage: 'import', error: s.error };
      }
    }
    batch = [];
    paragraphs = 0;
  };

  schedule();
  while (inFlight.length) {
    // A macrotask turn per file: database work and prepared files resolve in microtasks only, and
    // a signal handler (Ctrl-C) runs only between macrotasks.
    await new Promise((r) => setImmediate(r));
    // Asked to stop: the files already received are committed below; those still being prepared
    // are dropped (nothing of them is stored) and a later run picks them up.
    if (options.stopRequested?.()) break;
    const waitFrom = performance.now();
    const p = await inFlight.shift()!;
    if (stats) stats.writerWaitMs += performance.now() - waitFrom;
    bytesInFlight -= p.size ?? 0;
    schedule();
    batch.push(p);
    paragraphs += p.file?.paragraphs ?? 0;
    if (
      options.previewOnly ||
      batchIsFull(committedBatches, batch.length, paragraphs, {
        paragraphs: maxParagraphs,
        documents: maxDocuments,
      })
    ) {
      committedBatches++;
      yield* commit();
    }
  }
  if (batch.length) yield* commit();
}
