// Access control and information parity: sign-in sessions, embargoes, the history of who could
// read each document when (the parity ledger's source), questions to management, attendance of
// informal briefings, and the log of reads of restricted documents.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('user_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the cookie value
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('user_sessions_user').on('user_sessions').columns(['user_id']).execute();

  await db.schema.alterTable('users').addColumn('last_visit_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('oidc_subject', 'text').execute();
  await db.schema.alterTable('documents').addColumn('embargo_until', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('embargo_until', 'text').execute();

  await db.schema
    .createTable('access_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('access_level', 'text', (c) => c.notNull())
    .addColumn('embargo_until', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_changes_record').on('access_changes').columns(['record_type', 'record_id', 'changed_at']).execute();

  await db.schema
    .createTable('questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('session_id', 'text', (c) => c.references('sessions.id'))
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('member_state_id', 'text', (c) => c.references('member_states.id'))
    .addColumn('asked_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('users.id'))
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema.createIndex('questions_board').on('questions').columns(['board_id', 'asked_at']).execute();

  await db.schema
    .createTable('attendance')
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('member_state_id', 'text', (c) => c.notNull().references('member_states.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_pk', ['session_id', 'member_state_id'])
    .execute();

  await db.schema
    .createTable('read_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('access_level', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('read_log_record').on('read_log').columns(['record_type', 'record_id']).execute();

  // Existing documents start their access history at creation with their current level.
  const docs = await db.selectFrom('documents').select(['id', 'access_level', 'created_at']).execute();
  for (const d of docs as { id: string; access_level: string; created_at: string }[]) {
    await db
      .insertInto('access_changes')
      .values({ id: `init-${d.id}`, record_type: 'document', record_id: d.id, access_level: d.access_level, embargo_until: null, changed_at: d.created_at, changed_by: 'migration' })
      .execute();
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['read_log', 'attendance', 'questions', 'access_changes', 'user_sessions']) await db.schema.dropTable(t).execute();
  await db.schema.alterTable('sessions').dropColumn('embargo_until').execute();
  await db.schema.alterTable('documents').dropColumn('embargo_until').execute();
  await db.schema.alterTable('users').dropColumn('oidc_subject').execute();
  await db.schema.alterTable('users').dropColumn('last_visit_at').execute();
}
