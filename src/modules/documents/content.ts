// What identifies a language version's content, as pure functions of the input (no database):
// the content hash that tells an unchanged resubmission, and the paragraphs an import preview
// becomes. Threads that prepare imports (ingest/prepare-worker.ts) compute the same.
import { createHash } from 'node:crypto';
import type { ImportPreview } from '../../ingest/pipeline.js';
import type { CreateExpressionInput, ParagraphInput } from './schema.js';

export function contentHash(input: Pick<CreateExpressionInput, 'title' | 'paragraphs'>): string {
  return createHash('sha256')
    .update(JSON.stringify([input.title, input.paragraphs]))
    .digest('hex');
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
