// Registers a document (its metadata); language versions are added with addExpression.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand, type CommandTx } from '../../audit/command.js';
import { assertBoardsExist } from '../../sessions/commands/scheduleSession.js';
import { documentPolicy } from '../policies.js';
import { recordAccessChange } from '../../access/commands/setAccess.js';
import type { CreateDocumentInput } from '../schema.js';

export async function registerDocument(
  db: Kysely<DB>,
  actor: Actor,
  input: CreateDocumentInput,
): Promise<string> {
  return runCommand(db, actor, {
    name: 'documents.register',
    authorize: (a) => documentPolicy.manage(a, input.boardIds),
    run: (tx) => writeDocument(tx, input),
  });
}

/** The effect of registerDocument inside a running command (also used by importDocument). */
export async function writeDocument(tx: CommandTx, input: CreateDocumentInput): Promise<string> {
  const { trx, now, audit } = tx;
  await assertBoardsExist(trx, input.boardIds, '/body/boardIds');
  if (input.symbol) {
    const dup = await trx
      .selectFrom('documents')
      .select('id')
      .where('symbol', '=', input.symbol)
      .executeTakeFirst();
    if (dup)
      throw errors.conflict(`A document with symbol ${input.symbol} already exists`, [
        { path: '/body/symbol', message: 'already used', code: 'alreadyUsed' },
      ]);
  }
  if (input.sessionId) {
    const s = await trx
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', input.sessionId)
      .executeTakeFirst();
    if (!s)
      throw errors.validation([
        {
          path: '/body/sessionId',
          message: `unknown session '${input.sessionId}'`,
          code: 'unknownSession',
          params: { id: input.sessionId },
        },
      ]);
  }
  if (input.agendaItemId) {
    const item = await trx
      .selectFrom('agenda_items')
      .select(['id', 'session_id'])
      .where('id', '=', input.agendaItemId)
      .executeTakeFirst();
    if (!item)
      throw errors.validation([
        {
          path: '/body/agendaItemId',
          message: `unknown agenda item '${input.agendaItemId}'`,
          code: 'unknownAgendaItem',
          params: { id: input.agendaItemId },
        },
      ]);
    if (input.sessionId && item.session_id !== input.sessionId) {
      throw errors.validation([
        {
          path: '/body/agendaItemId',
          message: 'belongs to another session',
          code: 'agendaItemOfAnotherSession',
        },
      ]);
    }
  }
  const row = {
    id: newId(),
    symbol: input.symbol ?? null,
    type: input.type,
    title: input.title,
    date: input.date,
    year: Number(input.date.slice(0, 4)),
    access_level: input.accessLevel ?? 'public',
    original_language: input.originalLanguage,
    session_id: input.sessionId ?? null,
    agenda_item_id: input.agendaItemId ?? null,
    synthetic: input.synthetic ? 1 : 0,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('documents').values(row).execute();
  await trx
    .insertInto('document_boards')
    .values(input.boardIds.map((b) => ({ document_id: row.id, board_id: b })))
    .execute();
  // The first entry of the document's access history, which the parity ledger reads.
  await recordAccessChange(tx, 'document', row.id, row.access_level, null);
  audit({
    action: 'document.registered',
    recordType: 'document',
    recordId: row.id,
    after: { ...row, boardIds: input.boardIds },
  });
  return row.id;
}
