// What identifies a language version's content, as pure functions of the input (no database):
// the content hash that tells an unchanged resubmission, and the paragraphs an import preview
// becomes. Threads that prepare imports (ingest/prepare-worker.ts) compute the same.
import { createHash } from 'node:crypto';
import type { ImportPreview } from '../../ingest/pipeline.js';
import type { CreateExpressionInput, ParagraphInput } from './schema.js';

/** Pieces of the hashed JSON text are handed to the hash at about this many characters. */
const HASH_PIECE = 16384;

/**
 * SHA-256 of the UTF-8 of `JSON.stringify([title, paragraphs])`. The JSON text is given to the
 * hash a paragraph at a time, never whole: a language version's text is often over 128 KB, and a
 * string that large is allocated by V8 apart from the rest of the heap and paid for again in
 * fresh memory pages (and a UTF-8 copy as large) each time. Same bytes, same hash.
 */
export function contentHash(input: Pick<CreateExpressionInput, 'title' | 'paragraphs'>): string {
  const hash = createHash('sha256');
  // JSON.stringify of an array is '[' + each element's own JSON, comma-separated, + ']'.
  let piece = `[${JSON.stringify(input.title) ?? 'null'},[`;
  const paragraphs = input.paragraphs;
  for (let i = 0; i < paragraphs.length; i++) {
    piece += `${i ? ',' : ''}${JSON.stringify(paragraphs[i]) ?? 'null'}`;
    if (piece.length >= HASH_PIECE) {
      hash.update(piece);
      piece = '';
    }
  }
  return hash.update(`${piece}]]`).digest('hex');
}

/** The paragraphs (with sub-points and speakers) that an import preview is committed as. */
export function expressionParagraphsOf(preview: ImportPreview): ParagraphInput[] {
  return preview.paragraphs.map((p) => ({
    number: p.number,
    text: p.text,
    speakers: p.speakers.map((s) => ({
      role: s.role,
      entityId: s.entityId,
      memberStateId: s.memberStateId,
    })),
    subpoints: p.subpoints.map((s) => ({ text: s.text })),
  }));
}

/** The title of the language version an import preview becomes, when the caller names none. */
export function expressionTitleOf(preview: ImportPreview, metaTitle?: string): string {
  return (preview.title ?? metaTitle ?? preview.fileName).slice(0, 1000);
}
