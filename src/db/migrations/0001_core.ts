// Core schema: reference data, sessions, documents, decisions, identity and the audit chain.
// Written with Kysely's portable schema builder so the same migration runs on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('entities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('executive_head_title', 'text', (c) => c.notNull())
    .addColumn('website', 'text')
    .execute();

  await db.schema
    .createTable('boards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('established_by', 'text')
    .execute();

  await db.schema
    .createTable('board_entities')
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('entity_id', 'text', (c) => c.notNull().references('entities.id'))
    .addPrimaryKeyConstraint('board_entities_pk', ['board_id', 'entity_id'])
    .execute();

  await db.schema
    .createTable('member_states')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('iso2', 'text', (c) => c.notNull().unique())
    .addColumn('iso_numeric', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('regional_group', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('board_memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('member_state_id', 'text', (c) => c.notNull().references('member_states.id'))
    .addColumn('term_start', 'text', (c) => c.notNull())
    .addColumn('term_end', 'text', (c) => c.notNull())
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('board_memberships_board')
    .on('board_memberships')
    .columns(['board_id', 'term_start'])
    .execute();

  await db.schema
    .createTable('bureau_posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('member_state_id', 'text', (c) => c.notNull().references('member_states.id'))
    .addColumn('person_name', 'text')
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bureau_posts_unique_state', ['board_id', 'year', 'member_state_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('venue', 'text')
    .addColumn('access_level', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_start').on('sessions').columns(['start_date', 'id']).execute();

  await db.schema
    .createTable('session_boards')
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addPrimaryKeyConstraint('session_boards_pk', ['session_id', 'board_id'])
    .execute();
  await db.schema.createIndex('session_boards_board').on('session_boards').columns(['board_id']).execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('agenda_items_number', ['session_id', 'number'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('symbol', 'text', (c) => c.unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('access_level', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('original_language', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.references('sessions.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_date').on('documents').columns(['date', 'id']).execute();
  await db.schema.createIndex('documents_session').on('documents').columns(['session_id']).execute();
  await db.schema.createIndex('documents_type_year').on('documents').columns(['type', 'year']).execute();

  await db.schema
    .createTable('document_boards')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addPrimaryKeyConstraint('document_boards_pk', ['document_id', 'board_id'])
    .execute();
  await db.schema.createIndex('document_boards_board').on('document_boards').columns(['board_id']).execute();

  await db.schema
    .createTable('expressions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text')
    .addColumn('source_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('expressions_revision', ['document_id', 'language', 'revision'])
    .execute();
  await db.schema
    .createIndex('expressions_language')
    .on('expressions')
    .columns(['language', 'is_current'])
    .execute();

  await db.schema
    .createTable('paragraphs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('expression_id', 'text', (c) => c.notNull().references('expressions.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('paragraphs.id').onDelete('cascade'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('paragraphs_expression')
    .on('paragraphs')
    .columns(['expression_id', 'position'])
    .execute();

  await db.schema
    .createTable('statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('paragraph_id', 'text', (c) => c.notNull().references('paragraphs.id').onDelete('cascade'))
    .addColumn('speaker_role', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('member_state_id', 'text', (c) => c.references('member_states.id'))
    .execute();
  await db.schema.createIndex('statements_paragraph').on('statements').columns(['paragraph_id']).execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.references('sessions.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('adopted_on', 'text')
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('decisions_board_number', ['board_id', 'number'])
    .execute();
  await db.schema.createIndex('decisions_year').on('decisions').columns(['year', 'seq']).execute();
  await db.schema.createIndex('decisions_session').on('decisions').columns(['session_id']).execute();

  await db.schema
    .createTable('decision_paragraphs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('decision_paragraphs_decision')
    .on('decision_paragraphs')
    .columns(['decision_id', 'position'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('member_state_id', 'text', (c) => c.references('member_states.id'))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('role_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('board_id', 'text', (c) => c.references('boards.id'))
    .execute();
  await db.schema.createIndex('role_grants_user').on('role_grants').columns(['user_id']).execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_roles', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_events_record')
    .on('audit_events')
    .columns(['record_type', 'record_id'])
    .execute();

  // A single row that every audited transaction locks and advances, so the hash chain stays linear
  // even with concurrent writers on PostgreSQL.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('audit_head')
    .values({ id: 1, seq: 0, hash: '0'.repeat(64) })
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'audit_head',
    'audit_events',
    'api_tokens',
    'role_grants',
    'users',
    'decision_paragraphs',
    'decisions',
    'statements',
    'paragraphs',
    'expressions',
    'document_boards',
    'documents',
    'agenda_items',
    'session_boards',
    'sessions',
    'bureau_posts',
    'board_memberships',
    'member_states',
    'board_entities',
    'boards',
    'entities',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
