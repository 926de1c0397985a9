// Shared by the HTTP import endpoint and `concord ingest`: prepares files (phase one) and turns
// ingestion failures into one problem that names every rejected file and its reason.
import { errors, type AppError, type FieldError } from '../../lib/errors.js';
import { IngestError, type IngestFailure } from '../../ingest/read.js';
import { prepareImport, type ImportPreview, type PrepareOptions } from '../../ingest/pipeline.js';

const STATUS: Record<IngestFailure, 400 | 413 | 415 | 422> = {
  empty: 400,
  'no-paragraphs': 422,
  'too-large': 413,
  binary: 415,
  'unknown-encoding': 415,
  'unsupported-format': 415,
  encrypted: 422,
  corrupt: 422,
};

export interface IncomingFile {
  name: string;
  bytes: Uint8Array;
}

/** Prepares every file; if any is bad, throws one error listing each bad file (nothing is stored). */
export async function prepareAll(
  files: IncomingFile[],
  opts: PrepareOptions,
  pathOf: (i: number) => string,
): Promise<ImportPreview[]> {
  const previews: ImportPreview[] = [];
  const failures: { error: IngestError; path: string }[] = [];
  for (const [i, f] of files.entries()) {
    try {
      previews.push(await prepareImport(f.name, f.bytes, opts));
    } catch (e) {
      if (!(e instanceof IngestError)) throw e;
      failures.push({ error: e, path: pathOf(i) });
    }
  }
  if (failures.length) throw rejection(failures);
  return previews;
}

export function rejection(failures: { error: IngestError; path: string }[]): AppError {
  const errs: FieldError[] = failures.map((f) => ({ path: f.path, message: f.error.message }));
  const status = STATUS[failures[0]!.error.reason];
  return errors.fileRejected(
    status,
    failures.length === 1 ? failures[0]!.error.message : `${failures.length} files were rejected`,
    errs,
  );
}
