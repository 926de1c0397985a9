// Coherence across boards: SDG/theme tags suggested by the model and tags confirmed by a person
// (kept in separate tables), analysis runs with their findings, and the meeting capacity of
// delegations used by the load calendar.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  // What the model suggests for a subject (document, paragraph, agenda item, decision,
  // recommendation, mandate): the tag, its score and the terms that triggered it.
  await db.schema
    .createTable('coherence_tag_suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('board_id', 'text', (c) => c.references('boards.id'))
    .addColumn('year', 'integer')
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('raw', 'double precision', (c) => c.notNull())
    .addColumn('triggers_json', 'text', (c) => c.notNull())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // suggested | confirmed | rejected
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('coherence_tag_suggestions_subject_tag', ['subject_type', 'subject_id', 'tag'])
    .execute();
  await db.schema
    .createIndex('coherence_tag_suggestions_tag')
    .on('coherence_tag_suggestions')
    .columns(['tag', 'year', 'board_id'])
    .execute();
  await db.schema
    .createIndex('coherence_tag_suggestions_status')
    .on('coherence_tag_suggestions')
    .columns(['status', 'id'])
    .execute();

  // What a person confirmed: from a suggestion or added by hand.
  await db.schema
    .createTable('coherence_tags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('board_id', 'text', (c) => c.references('boards.id'))
    .addColumn('year', 'integer')
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('suggestion_id', 'text', (c) => c.references('coherence_tag_suggestions.id'))
    .addColumn('confirmed_by', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addUniqueConstraint('coherence_tags_subject_tag', ['subject_type', 'subject_id', 'tag'])
    .execute();
  await db.schema.createIndex('coherence_tags_tag').on('coherence_tags').columns(['tag', 'year', 'board_id']).execute();

  await db.schema
    .createTable('coherence_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('counts_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Findings of the latest run for a year: each names one or two subjects, the boards, a score,
  // the shared terms and the evidence.
  await db.schema
    .createTable('coherence_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('coherence_runs.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('board_ids', 'text', (c) => c.notNull())
    .addColumn('subject_a_type', 'text', (c) => c.notNull())
    .addColumn('subject_a_id', 'text', (c) => c.notNull())
    .addColumn('subject_b_type', 'text')
    .addColumn('subject_b_id', 'text')
    .addColumn('tag', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('shared_terms_json', 'text', (c) => c.notNull())
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('coherence_findings_year_kind')
    .on('coherence_findings')
    .columns(['year', 'kind', 'score'])
    .execute();

  // How many people a delegation has for board meetings; the load calendar flags weeks above
  // people × hours a person can cover.
  await db.schema
    .createTable('coherence_delegation_capacity')
    .addColumn('member_state_id', 'text', (c) => c.primaryKey().references('member_states.id'))
    .addColumn('people', 'integer', (c) => c.notNull())
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'coherence_delegation_capacity',
    'coherence_findings',
    'coherence_runs',
    'coherence_tags',
    'coherence_tag_suggestions',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
