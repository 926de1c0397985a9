// Whole-database export to JSON and import of that export into an empty database, on either
// dialect. Tables are listed parents first so foreign keys hold while importing.
import { requireAnyRole } from '../modules/access/policy.js';
import type { Kysely } from 'kysely';
import { rebuildIndex } from '../search/reindex.js';
import type { DB } from './schema.js';
import { knownMigrations } from './database.js';
import { errors } from '../lib/errors.js';
import { runCommand } from '../modules/audit/command.js';
import type { Actor } from '../modules/access/actor.js';

export const EXPORT_FORMAT = 'concord-export';
export const EXPORT_VERSION = 1;

/** Tables in dependency order, with the columns that order rows deterministically. */
export const TABLES: { name: keyof DB; orderBy: string[] }[] = [
  { name: 'entities', orderBy: ['id'] },
  { name: 'boards', orderBy: ['id'] },
  { name: 'board_entities', orderBy: ['board_id', 'entity_id'] },
  { name: 'member_states', orderBy: ['id'] },
  { name: 'board_memberships', orderBy: ['id'] },
  { name: 'bureau_posts', orderBy: ['id'] },
  { name: 'sessions', orderBy: ['id'] },
  { name: 'session_boards', orderBy: ['session_id', 'board_id'] },
  { name: 'agenda_items', orderBy: ['id'] },
  { name: 'documents', orderBy: ['id'] },
  { name: 'document_boards', orderBy: ['document_id', 'board_id'] },
  { name: 'expressions', orderBy: ['id'] },
  { name: 'paragraphs', orderBy: ['expression_id', 'position'] },
  { name: 'statements', orderBy: ['id'] },
  { name: 'decisions', orderBy: ['id'] },
  { name: 'decision_paragraphs', orderBy: ['id'] },
  { name: 'users', orderBy: ['id'] },
  { name: 'role_grants', orderBy: ['id'] },
  { name: 'api_tokens', orderBy: ['id'] },
  { name: 'oversight_reviews', orderBy: ['id'] },
  { name: 'oversight_recommendations', orderBy: ['id'] },
  { name: 'oversight_addressees', orderBy: ['id'] },
  { name: 'oversight_actions', orderBy: ['id'] },
  { name: 'oversight_evidence', orderBy: ['id'] },
  { name: 'oversight_status_changes', orderBy: ['id'] },
  { name: 'oversight_decision_links', orderBy: ['id'] },
  { name: 'oversight_working_groups', orderBy: ['id'] },
  { name: 'oversight_working_group_members', orderBy: ['working_group_id', 'member_state_id'] },
  { name: 'oversight_working_group_meetings', orderBy: ['id'] },
  { name: 'oversight_working_group_recommendations', orderBy: ['working_group_id', 'recommendation_id'] },
  { name: 'oversight_mandates', orderBy: ['id'] },
  { name: 'oversight_shared_subjects', orderBy: ['id'] },
  { name: 'oversight_shared_subject_members', orderBy: ['shared_subject_id', 'subject_type', 'subject_id'] },
  { name: 'oversight_imports', orderBy: ['id'] },
  { name: 'paragraph_annotations', orderBy: ['paragraph_id'] },
  { name: 'paragraph_mentions', orderBy: ['id'] },
  { name: 'paragraph_references', orderBy: ['id'] },
  { name: 'paragraph_themes', orderBy: ['paragraph_id', 'theme'] },
  { name: 'acronyms', orderBy: ['id'] },
  { name: 'ingest_files', orderBy: ['id'] },
  { name: 'coherence_tag_suggestions', orderBy: ['id'] },
  { name: 'coherence_tags', orderBy: ['id'] },
  { name: 'coherence_runs', orderBy: ['id'] },
  { name: 'coherence_findings', orderBy: ['id'] },
  { name: 'coherence_delegation_capacity', orderBy: ['member_state_id'] },
  { name: 'audit_events', orderBy: ['seq'] },
  { name: 'audit_head', orderBy: ['id'] },
  { name: 'access_changes', orderBy: ['id'] },
  { name: 'questions', orderBy: ['id'] },
  { name: 'attendance', orderBy: ['session_id', 'member_state_id'] },
  { name: 'read_log', orderBy: ['id'] },
];

export interface ExportFile {
  format: string;
  version: number;
  exportedAt: string;
  migrations: string[];
  tables: Record<string, Record<string, unknown>[]>;
}

export async function exportDatabase(db: Kysely<DB>): Promise<ExportFile> {
  const tables: Record<string, Record<string, unknown>[]> = {};
  for (const t of TABLES) {
    let q = db.selectFrom(t.name).selectAll();
    for (const c of t.orderBy) q = q.orderBy(c as never);
    tables[t.name] = (await q.execute());
  }
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    migrations: knownMigrations,
    tables,
  };
}

function validateExport(data: unknown): ExportFile {
  const d = data as Partial<ExportFile> | null;
  if (!d || typeof d !== 'object' || d.format !== EXPORT_FORMAT)
    throw errors.badRequest(`not a ${EXPORT_FORMAT} file`);
  if (d.version !== EXPORT_VERSION)
    throw errors.badRequest(`unsupported export version ${String(d.version)}`);
  if (!d.tables || typeof d.tables !== 'object') throw errors.badRequest('the export has no tables');
  const unknownMigrations = (d.migrations ?? []).filter((m) => !knownMigrations.includes(m));
  if (unknownMigrations.length)
    throw errors.badRequest(`the export comes from a newer schema (${unknownMigrations.join(', ')})`);
  for (const [name, rows] of Object.entries(d.tables)) {
    if (!TABLES.some((t) => t.name === name)) throw errors.badRequest(`unknown table '${name}' in export`);
    if (!Array.isArray(rows)) throw errors.badRequest(`table '${name}' is not a list of rows`);
  }
  return d as ExportFile;
}

/** Imports an export into a database that holds no data yet; all or nothing. */
export async function importDatabase(
  db: Kysely<DB>,
  actor: Actor,
  data: unknown,
): Promise<Record<string, number>> {
  const file = validateExport(data);
  return runCommand(db, actor, {
    name: 'database.import',
    authorize: (a) => requireAnyRole(a, ['administrator']),
    run: async ({ trx, audit }) => {
      const nonEmpty = await trx.selectFrom('boards').select('id').limit(1).execute();
      const events = await trx.selectFrom('audit_events').select('seq').limit(1).execute();
      if (nonEmpty.length || events.length)
        throw errors.conflict('The target database already holds data; import needs an empty database');
      const counts: Record<string, number> = {};
      for (const t of TABLES) {
        const rows = file.tables[t.name] ?? [];
        counts[t.name] = rows.length;
        if (t.name === 'audit_head') {
          const head = rows[0];
          if (head)
            await trx
              .updateTable('audit_head')
              .set({ seq: Number(head.seq), hash: String(head.hash) })
              .where('id', '=', 1)
              .execute();
          continue;
        }
        if (rows.length === 0) continue;
        const cols = Object.keys(rows[0]!).length || 1;
        const chunk = Math.max(1, Math.floor(30000 / cols));
        for (let i = 0; i < rows.length; i += chunk) {
          await trx
            .insertInto(t.name)
            .values(rows.slice(i, i + chunk))
            .execute();
        }
      }
      // The search index is derived and not exported (the annotations it draws on are): rebuilt
      // here, in the same transaction, so an imported database is searchable at once.
      const index = await rebuildIndex(trx, undefined, { annotate: false });
      counts.search_entries = index.entries;
      audit({
        action: 'database.imported',
        recordType: 'database',
        recordId: 'import',
        after: { exportedAt: file.exportedAt, counts },
      });
      return counts;
    },
  });
}
