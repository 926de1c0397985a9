// Commits an import preview (ingest/pipeline.ts) as one document, atomically: the document (when
// new), its language version with paragraphs, sub-points and speakers, the annotations and the
// search index entries are written in one transaction, or nothing is. Idempotent: the same file
// again is reported unchanged; a changed file becomes a new revision and the old one is kept.
// The document a file belongs to: the one named by the caller, else the one with the file's
// symbol, else the one that an earlier file of the same name was imported into.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { ImportPreview } from '../../../ingest/pipeline.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { requireSignedIn } from '../../access/policy.js';
import { runCommand, runCommandBatch, type CommandSpec, type Settled } from '../../audit/command.js';
import { documentPolicy } from '../policies.js';
import type { DocumentType } from '../schema.js';
import type { AccessLevel } from '../../access/visibility.js';
import { writeExpression } from './addExpression.js';
import { expressionParagraphsOf, expressionTitleOf } from '../content.js';
import { knownEnrichmentOf, preparedContentHash } from '../../../ingest/prepare-pool.js';
import { writeDocument } from './registerDocument.js';

export interface ImportMetadata {
  /** Add the file as a (new revision of a) language version of this document. */
  documentId?: string;
  type?: DocumentType;
  boardIds?: string[];
  sessionId?: string;
  agendaItemId?: string;
  accessLevel?: AccessLevel;
  /** Overrides the title found in the file. */
  title?: string;
  synthetic?: boolean;
}

export interface ImportResult {
  fileName: string;
  documentId: string;
  expressionId: string;
  revision: number;
  status: 'created' | 'revised' | 'unchanged';
  documentCreated: boolean;
  paragraphs: number;
  subpoints: number;
}

async function findTarget(
  trx: Transaction<DB>,
  preview: ImportPreview,
  meta: ImportMetadata,
): Promise<string | null> {
  if (meta.documentId) {
    const d = await trx
      .selectFrom('documents')
      .select('id')
      .where('id', '=', meta.documentId)
      .executeTakeFirst();
    if (!d) throw errors.notFound('Document', meta.documentId);
    return d.id;
  }
  if (preview.symbol) {
    const d = await trx
      .selectFrom('documents')
      .select('id')
      .where('symbol', '=', preview.symbol)
      .executeTakeFirst();
    if (d) return d.id;
  }
  const earlier = await trx
    .selectFrom('ingest_files as f')
    .innerJoin('expressions as e', 'e.id', 'f.expression_id')
    .select('f.document_id')
    .where('f.file_name', '=', preview.fileName)
    .where('e.language', '=', preview.language)
    .orderBy('f.created_at', 'desc')
    .executeTakeFirst();
  return earlier?.document_id ?? null;
}

export interface ImportItem {
  /** The preview, or a function that gives it when the document is written (bulk ingest keeps files unopened until then). */
  preview: ImportPreview | (() => ImportPreview);
  meta: ImportMetadata;
}

export async function importDocument(db: Kysely<DB>, actor: Actor, props: ImportItem): Promise<ImportResult> {
  return runCommand(db, actor, importCommand(props));
}

/**
 * Imports several previews in one transaction, each document in its own savepoint (atomic per
 * document: a failing one is rolled back alone and reported; see runCommandBatch). Bulk ingest
 * commits this way: one commit per batch instead of one per document.
 */
export async function importDocuments(
  db: Kysely<DB>,
  actor: Actor,
  items: ImportItem[],
): Promise<Settled<ImportResult>[]> {
  return runCommandBatch(db, actor, items.map(importCommand));
}

function importCommand(props: ImportItem): CommandSpec<ImportResult> {
  const { meta } = props;
  return {
    name: 'documents.import',
    authorize: (a) => {
      requireSignedIn(a);
      if (!meta.documentId && meta.boardIds?.length) documentPolicy.manage(a, meta.boardIds);
    },
    run: async (tx) => {
      const { trx, now, audit, unchanged } = tx;
      const preview = typeof props.preview === 'function' ? props.preview() : props.preview;
      const counts = {
        paragraphs: preview.paragraphs.length,
        subpoints: preview.paragraphs.reduce((n, p) => n + p.subpoints.length, 0),
      };
      // The very same bytes, already the current version: nothing to do.
      const same = await trx
        .selectFrom('ingest_files as f')
        .innerJoin('expressions as e', 'e.id', 'f.expression_id')
        .select(['f.document_id', 'f.expression_id', 'e.revision'])
        .where('f.file_hash', '=', preview.fileHash)
        .where('e.is_current', '=', 1)
        .executeTakeFirst();
      if (same && (!meta.documentId || meta.documentId === same.document_id)) {
        const boards = await trx
          .selectFrom('document_boards')
          .select('board_id')
          .where('document_id', '=', same.document_id)
          .execute();
        documentPolicy.manage(
          tx.actor,
          boards.map((b) => b.board_id),
        );
        unchanged();
        return {
          fileName: preview.fileName,
          documentId: same.document_id,
          expressionId: same.expression_id,
          revision: same.revision,
          status: 'unchanged' as const,
          documentCreated: false,
          ...counts,
        };
      }
      let documentId = await findTarget(trx, preview, meta);
      const documentCreated = documentId === null;
      if (documentId) {
        const boards = await trx
          .selectFrom('document_boards')
          .select('board_id')
          .where('document_id', '=', documentId)
          .execute();
        documentPolicy.manage(
          tx.actor,
          boards.map((b) => b.board_id),
        );
      } else {
        if (!meta.boardIds?.length)
          throw errors.validation([
            {
              path: '/body/boardIds',
              message: `is required to import ${preview.fileName} as a new document`,
            },
          ]);
        documentId = await writeDocument(tx, {
          type: meta.type ?? 'report',
          title: (meta.title ?? preview.title ?? preview.fileName).slice(0, 1000),
          date: preview.date ?? now.slice(0, 10),
          originalLanguage: preview.language,
          boardIds: meta.boardIds,
          ...(preview.symbol ? { symbol: preview.symbol } : {}),
          ...(meta.sessionId ? { sessionId: meta.sessionId } : {}),
          ...(meta.agendaItemId ? { agendaItemId: meta.agendaItemId } : {}),
          ...(meta.accessLevel ? { accessLevel: meta.accessLevel } : {}),
          ...(meta.synthetic ? { synthetic: true } : {}),
        });
      }
      // The language version keeps the title in its own language; meta.title names the document.
      const title = expressionTitleOf(preview, meta.title);
      const result = await writeExpression(
        tx,
        documentId,
        {
          language: preview.language,
          title,
          sourceName: preview.fileName.slice(0, 300),
          paragraphs: expressionParagraphsOf(preview),
        },
        { contentHash: preparedContentHash(preview, title), texts: knownEnrichmentOf(preview) },
      );
      if (result.status === 'unchanged')
        return { fileName: preview.fileName, documentId, ...result, documentCreated: false, ...counts };
      await trx
        .insertInto('ingest_files')
        .values({
          id: newId(),
          file_hash: preview.fileHash,
          file_name: preview.fileName,
          format: preview.format,
          encoding: preview.encoding,
          size: preview.size,
          document_id: documentId,
          expression_id: result.expressionId,
          created_at: now,
        })
        .execute();
      audit({
        action: 'document.imported',
        recordType: 'document',
        recordId: documentId,
        after: {
          fileName: preview.fileName,
          fileHash: preview.fileHash,
          format: preview.format,
          encoding: preview.encoding,
          language: preview.language,
          revision: result.revision,
          ...counts,
        },
      });
      return { fileName: preview.fileName, documentId, ...result, documentCreated, ...counts };
    },
  };
}
