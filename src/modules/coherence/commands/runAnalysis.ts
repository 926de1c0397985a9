// Analyses one year across boards: refreshes the model's tag suggestions for the year's public
// decisions, operative paragraphs, agenda items, mandates and recommendations, then replaces the
// year's findings with fresh ones. One audit event records the run and its counts (the tag
// refresh adds one per subject whose suggestions changed).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { newId } from '../../../lib/ids.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { ANALYSED_TYPES, DEFAULT_ANALYSIS, FINDING_KINDS, analysisSubjects, computeFindings, type AnalysisOptions } from '../findings.js';
import { coherencePolicy } from '../policies.js';
import { refreshSuggestions } from '../tagging.js';

export interface AnalysisResult {
  runId: string;
  year: number;
  subjects: number;
  suggestions: { added: number; updated: number; removed: number };
  findings: Record<string, number>;
}

export async function runAnalysis(
  db: Kysely<DB>,
  actor: Actor,
  props: { year: number; options?: Partial<AnalysisOptions> },
): Promise<AnalysisResult> {
  const options = { ...DEFAULT_ANALYSIS, ...props.options };
  return runCommand(db, actor, {
    name: 'coherence.analyse',
    authorize: (a) => coherencePolicy.analyse(a),
    run: async ({ trx, now, audit }) => {
      const started = performance.now();
      const subjects = await analysisSubjects(trx, props.year);
      const suggestions = { added: 0, updated: 0, removed: 0 };
      let subjectCount = 0;
      for (const t of ANALYSED_TYPES) {
        const r = await refreshSuggestions(trx, subjects[t], now, audit, { minScore: options.tagMinScore });
        subjectCount += r.subjects;
        suggestions.added += r.added;
        suggestions.updated += r.updated;
        suggestions.removed += r.removed;
      }
      const drafts = await computeFindings(trx, props.year, subjects, options);
      const counts: Record<string, number> = Object.fromEntries(FINDING_KINDS.map((k) => [k, drafts.filter((d) => d.kind === k).length]));
      const runId = newId();
      await trx
        .insertInto('coherence_runs')
        .values({
          id: runId,
          year: props.year,
          actor_id: actor.id,
          params_json: JSON.stringify(options),
          counts_json: JSON.stringify({ subjects: subjectCount, suggestions, findings: counts }),
          created_at: now,
        })
        .execute();
      const previous = await trx.selectFrom('coherence_findings').select((eb) => eb.fn.countAll<number>().as('n')).where('year', '=', props.year).executeTakeFirstOrThrow();
      await trx.deleteFrom('coherence_findings').where('year', '=', props.year).execute();
      const rows = drafts.map((d) => ({
        id: newId(),
        run_id: runId,
        year: props.year,
        kind: d.kind,
        score: d.score,
        board_ids: d.boards.join(','),
        subject_a_type: d.a.type,
        subject_a_id: d.a.id,
        subject_b_type: d.b?.type ?? null,
        subject_b_id: d.b?.id ?? null,
        tag: d.tag,
        title: d.title,
        shared_terms_json: JSON.stringify(d.sharedTerms),
        evidence_json: JSON.stringify({ ...d.evidence, a: d.a, b: d.b }),
        created_at: now,
      }));
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto('coherence_findings').values(rows.slice(i, i + 200)).execute();
      // The run's own duration, for the run's page (the audit event keeps only what was decided).
      await trx.updateTable('coherence_runs').set({ duration_ms: Math.round(performance.now() - started) }).where('id', '=', runId).execute();
      audit({
        action: 'coherence.analysed',
        recordType: 'coherence_run',
        recordId: runId,
        before: { findings: Number(previous.n) },
        after: { year: props.year, options, subjects: subjectCount, suggestions, findings: counts },
      });
      return { runId, year: props.year, subjects: subjectCount, suggestions, findings: counts };
    },
  });
}
