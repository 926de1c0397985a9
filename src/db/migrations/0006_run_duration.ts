// How long a coherence analysis run took, recorded by the run itself (null for runs made before).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('coherence_runs').addColumn('duration_ms', 'integer').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('coherence_runs').dropColumn('duration_ms').execute();
}
