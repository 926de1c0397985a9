// Rebuilds the search index (and the paragraph annotations it draws on) from the paragraphs of
// every current language version, as one audited command: readers see the old index until the
// new one is committed, and an interrupted rebuild leaves the old one in place.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { annotateExpression } from '../ingest/annotate.js';
import type { Actor } from '../modules/access/actor.js';
import { requireAnyRole } from '../modules/access/policy.js';
import { runCommand } from '../modules/audit/command.js';
import { searchIndexFor } from './index.js';
import { buildEntries } from './indexer.js';

const BATCH = 50;

export async function reindexAll(
  db: Kysely<DB>,
  actor: Actor,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<{ expressions: number; entries: number }> {
  return runCommand(db, actor, {
    name: 'search.reindex',
    authorize: (a) => requireAnyRole(a, ['administrator']),
    run: async ({ trx, audit }) => {
      const r = await rebuildIndex(trx, onProgress);
      audit({
        action: 'search.reindexed',
        recordType: 'search-index',
        recordId: searchIndexFor(trx).engine,
        after: r,
      });
      return r;
    },
  });
}

/**
 * The rebuild itself, inside the caller's transaction (reindexAll; importing an export, whose
 * index tables are not exported but whose annotations are: `annotate: false` keeps them): index
 * entries (and annotations) of every current language version, in creation order (so index
 * order stays creation order, see search/window.ts).
 */
export async function rebuildIndex(
  trx: Kysely<DB>,
  onProgress: (done: number, total: number) => void = () => undefined,
  opts: { annotate?: boolean } = {},
): Promise<{ expressions: number; entries: number }> {
  const index = searchIndexFor(trx);
  const expressions = await trx
    .selectFrom('expressions')
    .select(['id', 'language'])
    .where('is_current', '=', 1)
    .orderBy('id')
    .execute();
  const total = Number(
    (
      await trx
        .selectFrom('paragraphs as p')
        .innerJoin('expressions as e', 'e.id', 'p.expression_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('e.is_current', '=', 1)
        .executeTakeFirstOrThrow()
    ).n,
  );
  await index.clear(trx);
  let entries = 0;
  onProgress(0, total);
  for (let i = 0; i < expressions.length; i += BATCH) {
    const batch = expressions.slice(i, i + BATCH);
    if (opts.annotate ?? true) for (const e of batch) await annotateExpression(trx, e.id, e.language);
    const built = await buildEntries(
      trx,
      batch.map((e) => e.id),
    );
    await index.add(trx, built);
    entries += built.length;
    onProgress(entries, total);
  }
  return { expressions: expressions.length, entries };
}
