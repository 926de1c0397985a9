// Leaner annotation tables. Every read of the paragraph annotations goes by paragraph (the search
// indexer, the reader's themes, the export); no query looks mentions up by entity or references by
// resolution (search facets answer "paragraphs that mention UNICEF"), yet each mention row was
// written into four b-trees on SQLite: the table by rowid, its text primary key, the paragraph
// index and the (kind, ref) index.
//
// SQLite: the four annotation tables become WITHOUT ROWID tables clustered by paragraph, one b-tree
// each: mentions and references keyed (paragraph_id, id), themes (paragraph_id, theme), annotations
// (paragraph_id). Ids stay as they were (UUIDs made by newId, unique by construction). Rows are
// copied over. The search index's row table keeps only what it is for, the FTS rowid of each
// paragraph (search/sqlite-fts5.ts): its document and language-version columns and their index
// were read by nothing but the removal of a language version's entries, which now finds them
// through the paragraphs. PostgreSQL: the two unused (kind, ref) indexes are dropped; the tables
// stay.
import { SqliteAdapter, sql, type Kysely } from 'kysely';
import { createSearchRowsTable, createSearchRowsTrigger } from '../../search/sqlite-fts5.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const isSqlite = (db: AnyDb) => db.getExecutor().adapter instanceof SqliteAdapter;

/** The new definitions (SQLite): every column text and not null, the key led by the paragraph. */
const LEAN: { table: string; columns: string[]; key: string[] }[] = [
  { table: 'paragraph_annotations', columns: ['paragraph_id', 'language'], key: ['paragraph_id'] },
  {
    table: 'paragraph_mentions',
    columns: ['id', 'paragraph_id', 'kind', 'ref_id', 'surface'],
    key: ['paragraph_id', 'id'],
  },
  {
    table: 'paragraph_references',
    columns: ['id', 'paragraph_id', 'kind', 'ref', 'surface'],
    key: ['paragraph_id', 'id'],
  },
  { table: 'paragraph_themes', columns: ['paragraph_id', 'theme'], key: ['paragraph_id', 'theme'] },
];

function createLean(t: (typeof LEAN)[number], name: string) {
  const columns = t.columns.map((c) =>
    c === 'paragraph_id'
      ? 'paragraph_id text not null references paragraphs (id) on delete cascade'
      : `${c} text not null`,
  );
  return sql.raw(
    `create table ${name} (${columns.join(', ')}, primary key (${t.key.join(', ')})) without rowid`,
  );
}

export async function up(db: AnyDb): Promise<void> {
  if (!isSqlite(db)) {
    await sql`drop index if exists paragraph_mentions_ref`.execute(db);
    await sql`drop index if exists paragraph_references_ref`.execute(db);
    return;
  }
  for (const t of LEAN) {
    const r = await sql<{
      sql: string;
    }>`select sql from sqlite_master where type = 'table' and name = ${t.table}`.execute(db);
    if (/without rowid/i.test(r.rows[0]?.sql ?? '')) continue;
    // Indexes go with the old table; no other table refers to these.
    await createLean(t, `${t.table}_lean`).execute(db);
    const columns = t.columns.join(', ');
    await sql.raw(`insert into ${t.table}_lean (${columns}) select ${columns} from ${t.table}`).execute(db);
    await sql.raw(`drop table ${t.table}`).execute(db);
    await sql.raw(`alter table ${t.table}_lean rename to ${t.table}`).execute(db);
  }
  const columns = await sql<{ name: string }>`select name from pragma_table_info('search_rows')`.execute(db);
  if (columns.rows.some((c) => c.name === 'expression_id')) {
    // Rowids are kept: they are the FTS entries' rowids. The trigger goes first, so that nothing
    // touches the FTS table while its row table is replaced.
    await sql`drop trigger if exists search_rows_delete`.execute(db);
    await createSearchRowsTable(db, 'search_rows_lean');
    await sql`insert into search_rows_lean (rowid, paragraph_id) select rowid, paragraph_id from search_rows`.execute(
      db,
    );
    await sql`drop table search_rows`.execute(db);
    await sql`alter table search_rows_lean rename to search_rows`.execute(db);
    await createSearchRowsTrigger(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  if (!isSqlite(db)) {
    await sql`create index if not exists paragraph_mentions_ref on paragraph_mentions (kind, ref_id)`.execute(
      db,
    );
    await sql`create index if not exists paragraph_references_ref on paragraph_references (kind, ref)`.execute(
      db,
    );
    return;
  }
  // The lean tables answer every query the earlier ones did; only the unused indexes come back.
  await sql`create index if not exists paragraph_mentions_ref on paragraph_mentions (kind, ref_id)`.execute(
    db,
  );
  await sql`create index if not exists paragraph_references_ref on paragraph_references (kind, ref)`.execute(
    db,
  );
}
