// Adds a language version of a document with its numbered paragraphs, sub-points and speakers.
// Idempotent: the same content again is reported unchanged; changed content becomes a new revision
// and the previous one is kept (no longer current).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors, type FieldError } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import { insertRows } from '../../../db/rows.js';
import type { Actor } from '../../access/actor.js';
import { runCommand, type CommandTx } from '../../audit/command.js';
import { annotateExpression, type KnownEnrichment } from '../../../ingest/annotate.js';
import { indexExpression } from '../../../search/indexer.js';
import { documentPolicy } from '../policies.js';
import type { CreateExpressionInput } from '../schema.js';
import { contentHash } from '../content.js';

const PARAGRAPH_COLUMNS = ['id', 'expression_id', 'parent_id', 'number', 'position', 'text'] as const;
const STATEMENT_COLUMNS = ['id', 'paragraph_id', 'speaker_role', 'entity_id', 'member_state_id'] as const;

export interface AddExpressionResult {
  expressionId: string;
  revision: number;
  status: 'created' | 'revised' | 'unchanged';
}

export { contentHash };

export async function addExpression(
  db: Kysely<DB>,
  actor: Actor,
  props: { documentId: string; input: CreateExpressionInput },
): Promise<AddExpressionResult> {
  const { documentId, input } = props;
  const boards = await db
    .selectFrom('document_boards')
    .select('board_id')
    .where('document_id', '=', documentId)
    .execute();
  return runCommand(db, actor, {
    name: 'documents.addExpression',
    authorize: (a) => {
      if (boards.length === 0) throw errors.notFound('Document', documentId);
      documentPolicy.manage(
        a,
        boards.map((b) => b.board_id),
      );
    },
    run: (tx) => writeExpression(tx, documentId, input),
  });
}

/**
 * The effect of addExpression inside a running command (also used by importDocument): writes the
 * paragraphs and statements, annotates them and updates the search index in the same transaction.
 */
export async function writeExpression(
  { trx, now, audit, unchanged }: CommandTx,
  documentId: string,
  input: CreateExpressionInput,
  /**
   * What the caller knows already (an import's preview, maybe prepared on another thread):
   * contentHash(input), and the enrichment of each text in the order the texts are stored (each
   * paragraph, then its sub-points).
   */
  known: { contentHash?: string; texts?: KnownEnrichment[] } = {},
): Promise<AddExpressionResult> {
  validateParagraphs(input);
  const hash = known.contentHash ?? contentHash(input);
  const current = await trx
    .selectFrom('expressions')
    .select(['id', 'revision', 'content_hash'])
    .where('document_id', '=', documentId)
    .where('language', '=', input.language)
    .where('is_current', '=', 1)
    .executeTakeFirst();
  if (current && current.content_hash === hash) {
    unchanged();
    return { expressionId: current.id, revision: current.revision, status: 'unchanged' as const };
  }
  await checkSpeakerRefs(trx, input);
  if (current)
    await trx.updateTable('expressions').set({ is_current: 0 }).where('id', '=', current.id).execute();
  const expression = {
    id: newId(),
    document_id: documentId,
    language: input.language,
    revision: (current?.revision ?? 0) + 1,
    is_current: 1,
    title: input.title,
    content_hash: hash,
    source_name: input.sourceName ?? null,
    created_at: now,
  };
  await trx.insertInto('expressions').values(expression).execute();
  let position = 0;
  const paraRows = [];
  const statementRows = [];
  for (const p of input.paragraphs) {
    const id = newId();
    paraRows.push({
      id,
      expression_id: expression.id,
      parent_id: null,
      number: p.number,
      position: position++,
      text: p.text,
    });
    (p.subpoints ?? []).forEach((s, i) => {
      paraRows.push({
        id: newId(),
        expression_id: expression.id,
        parent_id: id,
        number: `${p.number}.${i + 1}`,
        position: position++,
        text: s.text,
      });
    });
    for (const sp of p.speakers ?? []) {
      statementRows.push({
        id: newId(),
        paragraph_id: id,
        speaker_role: sp.role,
        entity_id: sp.entityId ?? null,
        member_state_id: sp.memberStateId ?? null,
      });
    }
  }
  // Parents before children (rows in position order): the self-reference resolves at insert time.
  await insertRows(trx, 'paragraphs', PARAGRAPH_COLUMNS, paraRows);
  await insertRows(trx, 'statements', STATEMENT_COLUMNS, statementRows);
  // The paragraphs just written, with their document's fields, go to the annotator as they are.
  const doc = await trx
    .selectFrom('documents')
    .select(['year', 'type', 'access_level', 'session_id'])
    .where('id', '=', documentId)
    .executeTakeFirstOrThrow();
  await annotateExpression(
    trx,
    expression.id,
    input.language,
    paraRows.map((r, i) => ({
      id: r.id,
      parent_id: r.parent_id,
      text: r.text,
      expression_id: expression.id,
      language: input.language,
      document_id: documentId,
      ...doc,
      ...(known.texts?.[i] ? { known: known.texts[i] } : {}),
    })),
    statementRows,
  );
  await indexExpression(trx, expression.id, current?.id, { fresh: true });
  await trx
    .updateTable('documents')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', documentId)
    .execute();
  audit({
    action: current ? 'document.expression-revised' : 'document.expression-added',
    recordType: 'document',
    recordId: documentId,
    before: current ? { expressionId: current.id, revision: current.revision } : undefined,
    after: {
      expressionId: expression.id,
      language: input.language,
      revision: expression.revision,
      paragraphs: input.paragraphs.length,
      contentHash: hash,
    },
  });
  return {
    expressionId: expression.id,
    revision: expression.revision,
    status: current ? ('revised' as const) : ('created' as const),
  };
}

function validateParagraphs(input: CreateExpressionInput): void {
  const seen = new Set<string>();
  const problems: FieldError[] = [];
  input.paragraphs.forEach((p, i) => {
    if (seen.has(p.number))
      problems.push({
        path: `/body/paragraphs/${i}/number`,
        message: `duplicate paragraph number '${p.number}'`,
        code: 'duplicateParagraph',
        params: { number: p.number },
      });
    seen.add(p.number);
  });
  if (problems.length) throw errors.validation(problems);
}

async function checkSpeakerRefs(trx: Transaction<DB>, input: CreateExpressionInput) {
  const entityIds = new Set<string>();
  const stateIds = new Set<string>();
  for (const p of input.paragraphs)
    for (const s of p.speakers ?? []) {
      if (s.entityId) entityIds.add(s.entityId);
      if (s.memberStateId) stateIds.add(s.memberStateId);
    }
  const problems: FieldError[] = [];
  if (entityIds.size) {
    const found = new Set(
      (
        await trx
          .selectFrom('entities')
          .select('id')
          .where('id', 'in', [...entityIds])
          .execute()
      ).map((r) => r.id),
    );
    input.paragraphs.forEach((p, i) =>
      (p.speakers ?? []).forEach((s, j) => {
        if (s.entityId && !found.has(s.entityId))
          problems.push({
            path: `/body/paragraphs/${i}/speakers/${j}/entityId`,
            message: `unknown entity '${s.entityId}'`,
          });
      }),
    );
  }
  if (stateIds.size) {
    const found = new Set(
      (
        await trx
          .selectFrom('member_states')
          .select('id')
          .where('id', 'in', [...stateIds])
          .execute()
      ).map((r) => r.id),
    );
    input.paragraphs.forEach((p, i) =>
      (p.speakers ?? []).forEach((s, j) => {
        if (s.memberStateId && !found.has(s.memberStateId))
          problems.push({
            path: `/body/paragraphs/${i}/speakers/${j}/memberStateId`,
            message: `unknown member state '${s.memberStateId}'`,
          });
      }),
    );
  }
  if (problems.length) throw errors.validation(problems);
}
