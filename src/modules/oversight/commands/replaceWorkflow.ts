// Replaces the allowed transitions of one workflow axis (administrators). Every status named must
// belong to the axis, and records already in a status keep a way out unless the new map says so.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { oversightPolicy } from '../policies.js';
import type { ReplaceWorkflowInput } from '../schema.js';
import { isStatus, loadTransitions, type Axis } from '../workflow.js';

export async function replaceWorkflow(
  db: Kysely<DB>,
  actor: Actor,
  props: { axis: Axis; input: ReplaceWorkflowInput },
): Promise<void> {
  await runCommand(db, actor, {
    name: 'oversight.replaceWorkflow',
    authorize: (a) => oversightPolicy.configureWorkflows(a),
    run: async ({ trx, audit, unchanged }) => {
      const errs = [];
      const seen = new Set<string>();
      for (const [i, t] of props.input.transitions.entries()) {
        if (!isStatus(props.axis, t.from))
          errs.push({ path: `/body/transitions/${i}/from`, message: `'${t.from}' is not a ${props.axis} status` });
        if (!isStatus(props.axis, t.to))
          errs.push({ path: `/body/transitions/${i}/to`, message: `'${t.to}' is not a ${props.axis} status` });
        if (t.from === t.to) errs.push({ path: `/body/transitions/${i}/to`, message: 'must differ from from' });
        const k = `${t.from}>${t.to}`;
        if (seen.has(k)) errs.push({ path: `/body/transitions/${i}`, message: 'is listed twice' });
        seen.add(k);
      }
      if (errs.length) throw errors.validation(errs);
      const before = await loadTransitions(trx, props.axis);
      const same =
        before.length === props.input.transitions.length &&
        before.every((b) =>
          props.input.transitions.some(
            (t) => t.from === b.from && t.to === b.to && t.requiresJustification === b.requiresJustification,
          ),
        );
      if (same) {
        unchanged();
        return;
      }
      await trx.deleteFrom('oversight_workflow_transitions').where('axis', '=', props.axis).execute();
      if (props.input.transitions.length)
        await trx
          .insertInto('oversight_workflow_transitions')
          .values(
            props.input.transitions.map((t) => ({
              axis: props.axis,
              from_status: t.from,
              to_status: t.to,
              requires_justification: t.requiresJustification ? 1 : 0,
            })),
          )
          .execute();
      audit({
        action: 'oversight.workflow.replaced',
        recordType: 'oversight_workflow',
        recordId: props.axis,
        before,
        after: { transitions: props.input.transitions, justification: props.input.justification },
      });
    },
  });
}
