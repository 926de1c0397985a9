// Oversight tracker: reviews of board governance and their recommendations, responses on two axes
// (acceptance, implementation) with full history, implementation plans with evidence, workflow
// transitions as data, working groups, decision mandates and cross-board "same subject" links.
// Portable schema builder only, so the same migration serves SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// The default workflow at the time of this migration (a frozen copy of DEFAULT_TRANSITIONS in
// modules/oversight/workflow.ts; later changes need a new migration). [axis, from, to, justification]
const TRANSITIONS: [string, string, string, number][] = [
  ['acceptance', 'under-consideration', 'accepted', 0],
  ['acceptance', 'under-consideration', 'partially-accepted', 1],
  ['acceptance', 'under-consideration', 'not-accepted', 1],
  ['acceptance', 'under-consideration', 'not-relevant', 1],
  ['acceptance', 'accepted', 'partially-accepted', 1],
  ['acceptance', 'accepted', 'not-accepted', 1],
  ['acceptance', 'accepted', 'under-consideration', 1],
  ['acceptance', 'partially-accepted', 'accepted', 0],
  ['acceptance', 'partially-accepted', 'not-accepted', 1],
  ['acceptance', 'partially-accepted', 'under-consideration', 1],
  ['acceptance', 'not-accepted', 'under-consideration', 1],
  ['acceptance', 'not-accepted', 'accepted', 1],
  ['acceptance', 'not-accepted', 'partially-accepted', 1],
  ['acceptance', 'not-relevant', 'under-consideration', 1],
  ['implementation', 'not-started', 'in-progress', 0],
  ['implementation', 'not-started', 'implemented', 0],
  ['implementation', 'not-started', 'closed-without-implementation', 1],
  ['implementation', 'in-progress', 'implemented', 0],
  ['implementation', 'in-progress', 'not-started', 1],
  ['implementation', 'in-progress', 'closed-without-implementation', 1],
  ['implementation', 'implemented', 'in-progress', 1],
  ['implementation', 'implemented', 'not-started', 1],
  ['implementation', 'closed-without-implementation', 'in-progress', 1],
  ['implementation', 'closed-without-implementation', 'not-started', 1],
  ['action', 'not-started', 'in-progress', 0],
  ['action', 'not-started', 'completed', 0],
  ['action', 'not-started', 'cancelled', 1],
  ['action', 'in-progress', 'completed', 0],
  ['action', 'in-progress', 'cancelled', 1],
  ['action', 'in-progress', 'not-started', 1],
  ['action', 'completed', 'in-progress', 1],
  ['action', 'cancelled', 'in-progress', 1],
  ['action', 'cancelled', 'not-started', 1],
  ['mandate', 'suggested', 'confirmed', 0],
  ['mandate', 'suggested', 'rejected', 1],
  ['mandate', 'rejected', 'suggested', 1],
  ['mandate', 'confirmed', 'fulfilled', 0],
  ['mandate', 'confirmed', 'rejected', 1],
  ['mandate', 'fulfilled', 'confirmed', 1],
];

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('oversight_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuing_body', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.unique())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oversight_reviews_year').on('oversight_reviews').columns(['year', 'id']).execute();

  await db.schema
    .createTable('oversight_recommendations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('oversight_reviews.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('intended_impact', 'text')
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('oversight_recommendations_number', ['review_id', 'number'])
    .execute();
  await db.schema
    .createIndex('oversight_recommendations_review')
    .on('oversight_recommendations')
    .columns(['review_id', 'position'])
    .execute();

  // One row per addressee of a recommendation: a board, or the executive head of an entity. It holds
  // the current status on both axes; oversight_status_changes holds their history.
  await db.schema
    .createTable('oversight_addressees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recommendation_id', 'text', (c) =>
      c.notNull().references('oversight_recommendations.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('addressee_key', 'text', (c) => c.notNull())
    .addColumn('acceptance', 'text', (c) => c.notNull())
    .addColumn('acceptance_on', 'text')
    .addColumn('acceptance_by', 'text')
    .addColumn('acceptance_justification', 'text')
    .addColumn('implementation', 'text', (c) => c.notNull())
    .addColumn('implementation_on', 'text')
    .addColumn('implementation_by', 'text')
    .addColumn('implementation_justification', 'text')
    .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('last_progress_on', 'text', (c) => c.notNull())
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('oversight_addressees_unique', ['recommendation_id', 'addressee_key'])
    .execute();
  await db.schema
    .createIndex('oversight_addressees_board')
    .on('oversight_addressees')
    // Covering the rates dashboard: grouped counts and mean progress read the index only.
    .columns(['board_id', 'acceptance', 'implementation', 'progress'])
    .execute();
  await db.schema
    .createIndex('oversight_addressees_entity')
    .on('oversight_addressees')
    .columns(['entity_id', 'acceptance', 'implementation', 'progress'])
    .execute();
  await db.schema
    .createIndex('oversight_addressees_recommendation')
    .on('oversight_addressees')
    .columns(['recommendation_id', 'acceptance', 'implementation', 'progress'])
    .execute();
  await db.schema
    .createIndex('oversight_addressees_stalled')
    .on('oversight_addressees')
    .columns(['last_progress_on', 'id'])
    .execute();

  await db.schema
    .createTable('oversight_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('addressee_id', 'text', (c) =>
      c.notNull().references('oversight_addressees.id').onDelete('cascade'),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('due_session_type', 'text')
    .addColumn('due_session_year', 'integer')
    // The date the action falls due: due_date, else the start of the due session (scheduled, or
    // its usual month). Kept on write so "overdue" is one index range scan.
    .addColumn('due_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('completed_on', 'text')
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('oversight_actions_addressee')
    .on('oversight_actions')
    .columns(['addressee_id'])
    .execute();
  await db.schema
    .createIndex('oversight_actions_due')
    .on('oversight_actions')
    .columns(['due_on', 'id'])
    .execute();

  await db.schema
    .createTable('oversight_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('oversight_actions.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('url', 'text')
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('oversight_evidence_action')
    .on('oversight_evidence')
    .columns(['action_id'])
    .execute();

  // History of every status change on every axis (acceptance, implementation, action, mandate):
  // who, when (effective date and recording time) and why.
  await db.schema
    .createTable('oversight_status_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('axis', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('progress_before', 'real')
    .addColumn('progress_after', 'real')
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('justification', 'text')
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('oversight_status_changes_subject')
    .on('oversight_status_changes')
    .columns(['subject_type', 'subject_id', 'recorded_at'])
    .execute();

  // Workflow as data: which status may follow which, per axis, and whether a justification is due.
  await db.schema
    .createTable('oversight_workflow_transitions')
    .addColumn('axis', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('requires_justification', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('oversight_workflow_transitions_pk', ['axis', 'from_status', 'to_status'])
    .execute();
  await db
    .insertInto('oversight_workflow_transitions')
    .values(
      TRANSITIONS.map(([axis, from, to, justification]) => ({
        axis,
        from_status: from,
        to_status: to,
        requires_justification: justification,
      })),
    )
    .execute();

  // Links from any oversight record to the decision (and paragraph) that endorsed or requested it.
  await db.schema
    .createTable('oversight_decision_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id'))
    .addColumn('paragraph_number', 'text')
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('oversight_decision_links_unique', [
      'subject_type',
      'subject_id',
      'decision_id',
      'relation',
    ])
    .execute();
  await db.schema
    .createIndex('oversight_decision_links_subject')
    .on('oversight_decision_links')
    .columns(['subject_id'])
    .execute();

  await db.schema
    .createTable('oversight_working_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('established_on', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.references('decisions.id'))
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('oversight_working_group_members')
    .addColumn('working_group_id', 'text', (c) =>
      c.notNull().references('oversight_working_groups.id').onDelete('cascade'),
    )
    .addColumn('member_state_id', 'text', (c) => c.notNull().references('member_states.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('oversight_working_group_members_pk', ['working_group_id', 'member_state_id'])
    .execute();
  await db.schema
    .createTable('oversight_working_group_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('working_group_id', 'text', (c) =>
      c.notNull().references('oversight_working_groups.id').onDelete('cascade'),
    )
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('oversight_working_group_meetings_group')
    .on('oversight_working_group_meetings')
    .columns(['working_group_id', 'date'])
    .execute();
  await db.schema
    .createTable('oversight_working_group_recommendations')
    .addColumn('working_group_id', 'text', (c) =>
      c.notNull().references('oversight_working_groups.id').onDelete('cascade'),
    )
    .addColumn('recommendation_id', 'text', (c) => c.notNull().references('oversight_recommendations.id'))
    .addPrimaryKeyConstraint('oversight_working_group_recommendations_pk', [
      'working_group_id',
      'recommendation_id',
    ])
    .execute();

  // Mandates: an operative paragraph that requests a report or an action, with its addressee,
  // deliverable and due session; suggested by extraction, then confirmed or rejected.
  await db.schema
    .createTable('oversight_mandates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('decision_id', 'text', (c) => c.references('decisions.id'))
    .addColumn('paragraph_number', 'text')
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('addressee_text', 'text', (c) => c.notNull())
    .addColumn('verb', 'text', (c) => c.notNull())
    .addColumn('deliverable', 'text', (c) => c.notNull())
    .addColumn('due_session_type', 'text')
    .addColumn('due_session_year', 'integer')
    // The date the action falls due: due_date, else the start of the due session (scheduled, or
    // its usual month). Kept on write so "overdue" is one index range scan.
    .addColumn('due_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('span_start', 'integer')
    .addColumn('span_end', 'integer')
    .addColumn('span_text', 'text')
    .addColumn('fulfilled_by_document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('fulfilled_on', 'text')
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('oversight_mandates_due')
    .on('oversight_mandates')
    .columns(['due_session_year', 'due_session_type', 'entity_id'])
    .execute();
  await db.schema
    .createIndex('oversight_mandates_decision')
    .on('oversight_mandates')
    .columns(['decision_id', 'paragraph_number', 'span_start', 'entity_id'])
    .unique()
    .execute();

  // Cross-board links: records of different boards marked as the same subject (shared practice).
  await db.schema
    .createTable('oversight_shared_subjects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('oversight_shared_subject_members')
    .addColumn('shared_subject_id', 'text', (c) =>
      c.notNull().references('oversight_shared_subjects.id').onDelete('cascade'),
    )
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('oversight_shared_subject_members_pk', [
      'shared_subject_id',
      'subject_type',
      'subject_id',
    ])
    .execute();

  // Two-phase CSV import: the preview is stored so any instance can commit it.
  await db.schema
    .createTable('oversight_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('oversight_reviews.id'))
    .addColumn('csv', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'text')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'oversight_imports',
    'oversight_shared_subject_members',
    'oversight_shared_subjects',
    'oversight_mandates',
    'oversight_working_group_recommendations',
    'oversight_working_group_meetings',
    'oversight_working_group_members',
    'oversight_working_groups',
    'oversight_decision_links',
    'oversight_workflow_transitions',
    'oversight_status_changes',
    'oversight_evidence',
    'oversight_actions',
    'oversight_addressees',
    'oversight_recommendations',
    'oversight_reviews',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
