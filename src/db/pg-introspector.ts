// What Kysely's migrator sees of a PostgreSQL database: the tables of the schemas on the
// connection's search path only. Kysely's own introspector lists every table of every schema and
// calls has_schema_privilege() with each schema's name; when another schema of the same database
// is dropped meanwhile (another test, another tenant), that name no longer resolves and the whole
// query fails ("schema … does not exist"). It would also take a migration table in another schema
// for ours when no schema is named. Here schemas are compared by name from the catalog rows
// themselves, and only those the connection works in are read.
import {
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';

interface Row {
  table: string;
  schema: string;
  kind: string;
  column: string | null;
  not_null: boolean | null;
  has_default: boolean | null;
  type: string | null;
  type_schema: string | null;
  comment: string | null;
  serial: boolean | null;
}

export class SearchPathIntrospector implements DatabaseIntrospector {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const r = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(
      this.db,
    );
    return r.rows.map((x) => ({ name: x.name }));
  }

  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const r = await sql<Row>`
      select c.relname as "table", ns.nspname as "schema", c.relkind as kind, a.attname as "column",
        a.attnotnull as not_null, a.atthasdef as has_default, typ.typname as "type",
        dtns.nspname as type_schema, col_description(a.attrelid, a.attnum) as "comment",
        a.attidentity <> '' or coalesce(pg_get_expr(d.adbin, d.adrelid) like 'nextval(%', false) as serial
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      left join pg_catalog.pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
      left join pg_catalog.pg_type typ on typ.oid = a.atttypid
      left join pg_catalog.pg_namespace dtns on dtns.oid = typ.typnamespace
      where c.relkind in ('r', 'v', 'p') and ns.nspname = any (current_schemas(false))
      order by ns.nspname, c.relname, a.attnum`.execute(this.db);
    const tables = new Map<string, TableMetadata & { columns: TableMetadata['columns'][number][] }>();
    for (const row of r.rows) {
      if (
        !options.withInternalKyselyTables &&
        (row.table === 'kysely_migration' || row.table === 'kysely_migration_lock')
      )
        continue;
      const key = `${row.schema}.${row.table}`;
      let t = tables.get(key);
      if (!t) {
        t = { name: row.table, schema: row.schema, isView: row.kind === 'v', columns: [] };
        tables.set(key, t);
      }
      if (row.column === null) continue;
      t.columns.push({
        name: row.column,
        dataType: row.type ?? '',
        ...(row.type_schema ? { dataTypeSchema: row.type_schema } : {}),
        isNullable: !row.not_null,
        isAutoIncrementing: Boolean(row.serial),
        hasDefaultValue: Boolean(row.has_default),
        ...(row.comment ? { comment: row.comment } : {}),
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}
