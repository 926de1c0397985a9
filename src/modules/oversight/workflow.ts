// Workflows as data. Each axis has its statuses; which status may follow which, and whether the
// change needs a written justification, is configured in the table oversight_workflow_transitions
// (seeded from DEFAULT_TRANSITIONS by migration 0003, editable by administrators). Every status
// change goes through checkTransition, so no command can skip the configured workflow.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { errors } from '../../lib/errors.js';

export const ACCEPTANCE_STATUSES = [
  'under-consideration',
  'accepted',
  'partially-accepted',
  'not-accepted',
  'not-relevant',
] as const;
export const IMPLEMENTATION_STATUSES = [
  'not-started',
  'in-progress',
  'implemented',
  'closed-without-implementation',
] as const;
export const ACTION_STATUSES = ['not-started', 'in-progress', 'completed', 'cancelled'] as const;
export const MANDATE_STATUSES = ['suggested', 'confirmed', 'rejected', 'fulfilled'] as const;

export type AcceptanceStatus = (typeof ACCEPTANCE_STATUSES)[number];
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type MandateStatus = (typeof MANDATE_STATUSES)[number];

export const AXES = ['acceptance', 'implementation', 'action', 'mandate'] as const;
export type Axis = (typeof AXES)[number];

export const STATUSES: Record<Axis, readonly string[]> = {
  acceptance: ACCEPTANCE_STATUSES,
  implementation: IMPLEMENTATION_STATUSES,
  action: ACTION_STATUSES,
  mandate: MANDATE_STATUSES,
};

/** The status a new record starts in, per axis. */
export const INITIAL_STATUS = {
  acceptance: 'under-consideration',
  implementation: 'not-started',
  action: 'not-started',
  mandate: 'suggested',
} as const satisfies Record<Axis, string>;

/**
 * Implementation may only advance (in progress, implemented) once the addressee has accepted the
 * recommendation at least in part: JIU tracks implementation of accepted recommendations only.
 */
export const IMPLEMENTATION_NEEDS_ACCEPTANCE: readonly string[] = ['in-progress', 'implemented'];
export const ACCEPTING_STATUSES: readonly string[] = ['accepted', 'partially-accepted'];

export interface Transition {
  axis: Axis;
  from: string;
  to: string;
  requiresJustification: boolean;
}

const t = (axis: Axis, from: string, to: string, requiresJustification = false): Transition => ({
  axis,
  from,
  to,
  requiresJustification,
});

/**
 * The default workflow. Moving forward needs no reason; stepping back, declining or closing does.
 * Migration 0003 seeds a frozen copy of this list; a test keeps the two equal.
 */
export const DEFAULT_TRANSITIONS: readonly Transition[] = [
  // acceptance
  t('acceptance', 'under-consideration', 'accepted'),
  t('acceptance', 'under-consideration', 'partially-accepted', true),
  t('acceptance', 'under-consideration', 'not-accepted', true),
  t('acceptance', 'under-consideration', 'not-relevant', true),
  t('acceptance', 'accepted', 'partially-accepted', true),
  t('acceptance', 'accepted', 'not-accepted', true),
  t('acceptance', 'accepted', 'under-consideration', true),
  t('acceptance', 'partially-accepted', 'accepted'),
  t('acceptance', 'partially-accepted', 'not-accepted', true),
  t('acceptance', 'partially-accepted', 'under-consideration', true),
  t('acceptance', 'not-accepted', 'under-consideration', true),
  t('acceptance', 'not-accepted', 'accepted', true),
  t('acceptance', 'not-accepted', 'partially-accepted', true),
  t('acceptance', 'not-relevant', 'under-consideration', true),
  // implementation
  t('implementation', 'not-started', 'in-progress'),
  t('implementation', 'not-started', 'implemented'),
  t('implementation', 'not-started', 'closed-without-implementation', true),
  t('implementation', 'in-progress', 'implemented'),
  t('implementation', 'in-progress', 'not-started', true),
  t('implementation', 'in-progress', 'closed-without-implementation', true),
  t('implementation', 'implemented', 'in-progress', true),
  t('implementation', 'implemented', 'not-started', true),
  t('implementation', 'closed-without-implementation', 'in-progress', true),
  t('implementation', 'closed-without-implementation', 'not-started', true),
  // actions of an implementation plan
  t('action', 'not-started', 'in-progress'),
  t('action', 'not-started', 'completed'),
  t('action', 'not-started', 'cancelled', true),
  t('action', 'in-progress', 'completed'),
  t('action', 'in-progress', 'cancelled', true),
  t('action', 'in-progress', 'not-started', true),
  t('action', 'completed', 'in-progress', true),
  t('action', 'cancelled', 'in-progress', true),
  t('action', 'cancelled', 'not-started', true),
  // mandates suggested from decision text
  t('mandate', 'suggested', 'confirmed'),
  t('mandate', 'suggested', 'rejected', true),
  t('mandate', 'rejected', 'suggested', true),
  t('mandate', 'confirmed', 'fulfilled'),
  t('mandate', 'confirmed', 'rejected', true),
  t('mandate', 'fulfilled', 'confirmed', true),
];

export function isStatus(axis: Axis, status: string): boolean {
  return STATUSES[axis].includes(status);
}

export async function loadTransitions(trx: Transaction<DB>, axis?: Axis): Promise<Transition[]> {
  let q = trx.selectFrom('oversight_workflow_transitions').selectAll();
  if (axis) q = q.where('axis', '=', axis);
  const rows = await q.orderBy('axis').orderBy('from_status').orderBy('to_status').execute();
  return rows.map((r) => ({
    axis: r.axis as Axis,
    from: r.from_status,
    to: r.to_status,
    requiresJustification: !!r.requires_justification,
  }));
}

/**
 * Throws unless `from -> to` is a configured transition of `axis`; a transition that requires a
 * justification is refused without one. `field` names the request field in the error (e.g.
 * "/body/status"), so a 4xx always says which field was wrong.
 */
export async function checkTransition(
  trx: Transaction<DB>,
  p: { axis: Axis; from: string; to: string; justification?: string | null; field: string; justificationField: string },
): Promise<void> {
  if (!isStatus(p.axis, p.to)) {
    throw errors.validation([{ path: p.field, message: `'${p.to}' is not a ${p.axis} status` }]);
  }
  const row = await trx
    .selectFrom('oversight_workflow_transitions')
    .select('requires_justification')
    .where('axis', '=', p.axis)
    .where('from_status', '=', p.from)
    .where('to_status', '=', p.to)
    .executeTakeFirst();
  if (!row) {
    const allowed = (await loadTransitions(trx, p.axis)).filter((x) => x.from === p.from).map((x) => x.to);
    throw errors.conflict(`The ${p.axis} workflow does not allow '${p.from}' -> '${p.to}'`, [
      {
        path: p.field,
        message: `cannot move from '${p.from}' to '${p.to}'; allowed: ${allowed.join(', ') || 'none'}`,
      },
    ]);
  }
  if (row.requires_justification && !p.justification?.trim()) {
    throw errors.validation([
      { path: p.justificationField, message: `is required to move ${p.axis} from '${p.from}' to '${p.to}'` },
    ]);
  }
}
