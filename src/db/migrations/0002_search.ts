// Document intelligence: what ingestion finds in each paragraph (language, mentions, references,
// themes, acronym definitions), the files imported, and the search index. The index tables differ
// by dialect (FTS5 on SQLite, tsvector + GIN on PostgreSQL) and are created by search/.
import { SqliteAdapter, type Kysely } from 'kysely';
import { createPostgresSearchSchema, dropPostgresSearchSchema } from '../../search/postgres-fts.js';
import { createSqliteSearchSchema, dropSqliteSearchSchema } from '../../search/sqlite-fts5.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const isSqlite = (db: AnyDb) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('paragraph_annotations')
    .addColumn('paragraph_id', 'text', (c) => c.primaryKey().references('paragraphs.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('paragraph_mentions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('paragraph_id', 'text', (c) => c.notNull().references('paragraphs.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // entity | board | body | member-state
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('surface', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('paragraph_mentions_paragraph')
    .on('paragraph_mentions')
    .columns(['paragraph_id'])
    .execute();
  await db.schema
    .createIndex('paragraph_mentions_ref')
    .on('paragraph_mentions')
    .columns(['kind', 'ref_id'])
    .execute();

  await db.schema
    .createTable('paragraph_references')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('paragraph_id', 'text', (c) => c.notNull().references('paragraphs.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // ga-resolution | board-decision | sdg | document
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('surface', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('paragraph_references_paragraph')
    .on('paragraph_references')
    .columns(['paragraph_id'])
    .execute();
  await db.schema
    .createIndex('paragraph_references_ref')
    .on('paragraph_references')
    .columns(['kind', 'ref'])
    .execute();

  await db.schema
    .createTable('paragraph_themes')
    .addColumn('paragraph_id', 'text', (c) => c.notNull().references('paragraphs.id').onDelete('cascade'))
    .addColumn('theme', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('paragraph_themes_pk', ['paragraph_id', 'theme'])
    .execute();

  await db.schema
    .createTable('acronyms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('paragraph_id', 'text', (c) => c.notNull().references('paragraphs.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('short_form', 'text', (c) => c.notNull())
    .addColumn('long_form', 'text', (c) => c.notNull())
    .addColumn('short_key', 'text', (c) => c.notNull())
    .addColumn('long_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('acronyms_short').on('acronyms').columns(['short_key']).execute();
  await db.schema.createIndex('acronyms_long').on('acronyms').columns(['long_key']).execute();
  await db.schema.createIndex('acronyms_paragraph').on('acronyms').columns(['paragraph_id']).execute();

  // One row per imported file version: the same bytes again are recognised without parsing.
  await db.schema
    .createTable('ingest_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('expression_id', 'text', (c) => c.notNull().references('expressions.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ingest_files_hash').on('ingest_files').columns(['file_hash']).execute();
  await db.schema.createIndex('ingest_files_name').on('ingest_files').columns(['file_name']).execute();

  if (isSqlite(db)) await createSqliteSearchSchema(db);
  else await createPostgresSearchSchema(db);
}

export async function down(db: AnyDb): Promise<void> {
  if (isSqlite(db)) await dropSqliteSearchSchema(db);
  else await dropPostgresSearchSchema(db);
  for (const t of [
    'ingest_files',
    'acronyms',
    'paragraph_themes',
    'paragraph_references',
    'paragraph_mentions',
    'paragraph_annotations',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
