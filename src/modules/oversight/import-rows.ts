// Evaluation of a recommendations-and-statuses CSV against the database, row by row, without
// writing: the preview shows each row's effects and errors, and the commit re-runs the same
// evaluation on the current data before applying anything. Later rows see the effect of earlier ones
// (a recommendation created in row 2 can get a second addressee in row 3).
//
// Columns (header row required, order free): number, text, category, priority, intended_impact,
// weight, addressee (board:<id> | head:<entity id>), acceptance, acceptance_date,
// acceptance_justification, implementation, implementation_date, implementation_justification.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { hasRole, type Actor } from '../access/actor.js';
import { CsvError, parseCsv } from '../../lib/csv.js';
import { CATEGORIES, PRIORITIES } from './schema.js';
import { parseAddresseeKey } from './write-helpers.js';
import {
  ACCEPTING_STATUSES,
  IMPLEMENTATION_NEEDS_ACCEPTANCE,
  STATUSES,
  loadTransitions,
  type Transition,
} from './workflow.js';

export const IMPORT_COLUMNS = [
  'number',
  'text',
  'category',
  'priority',
  'intended_impact',
  'weight',
  'addressee',
  'acceptance',
  'acceptance_date',
  'acceptance_justification',
  'implementation',
  'implementation_date',
  'implementation_justification',
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];
const REQUIRED: Column[] = ['number', 'addressee'];

export interface ImportRow {
  row: number;
  number: string | null;
  addressee: string | null;
  values: Partial<Record<Column, string>>;
  effects: string[];
  errors: { field: string; message: string }[];
}

export interface ImportEvaluation {
  rows: ImportRow[];
  fileErrors: { field: string; message: string }[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export async function evaluateImport(
  db: Kysely<DB> | Transaction<DB>,
  actor: Actor,
  reviewId: string,
  csv: string,
): Promise<ImportEvaluation> {
  let records: { line: number; fields: string[] }[];
  try {
    records = parseCsv(csv);
  } catch (e) {
    if (e instanceof CsvError) return { rows: [], fileErrors: [{ field: `line ${e.line}`, message: e.message }] };
    throw e;
  }
  const header = records.shift();
  if (!header) return { rows: [], fileErrors: [{ field: 'header', message: 'the file is empty' }] };
  const cols = header.fields.map((h) => h.trim().toLowerCase());
  const fileErrors: { field: string; message: string }[] = [];
  for (const c of cols)
    if (!(IMPORT_COLUMNS as readonly string[]).includes(c)) fileErrors.push({ field: c, message: 'is not a known column' });
  for (const c of REQUIRED) if (!cols.includes(c)) fileErrors.push({ field: c, message: 'column is required' });
  if (new Set(cols).size !== cols.length) fileErrors.push({ field: 'header', message: 'repeats a column' });
  if (fileErrors.length) return { rows: [], fileErrors };

  const review = await db.selectFrom('oversight_reviews').select(['id', 'issued_on']).where('id', '=', reviewId).executeTakeFirstOrThrow();
  const boards = new Set((await db.selectFrom('boards').select('id').execute()).map((b) => b.id));
  const entityBoard = new Map(
    (await db.selectFrom('board_entities').select(['entity_id', 'board_id']).execute()).map((e) => [e.entity_id, e.board_id]),
  );
  const transitions = await loadTransitions(db as Transaction<DB>);
  const allowed = (axis: string, from: string, to: string): Transition | undefined =>
    transitions.find((t) => t.axis === axis && t.from === from && t.to === to);

  // Simulated state: recommendations by number, addressees by "number|key".
  const recs = new Map<string, { exists: boolean }>();
  for (const r of await db.selectFrom('oversight_recommendations').select('number').where('review_id', '=', reviewId).execute())
    recs.set(r.number, { exists: true });
  const state = new Map<string, { acceptance: string; acceptanceOn: string | null; implementation: string; implementationOn: string | null }>();
  const addressees = await db
    .selectFrom('oversight_addressees')
    .innerJoin('oversight_recommendations', 'oversight_recommendations.id', 'oversight_addressees.recommendation_id')
    .select([
      'oversight_recommendations.number',
      'oversight_addressees.addressee_key',
      'oversight_addressees.acceptance',
      'oversight_addressees.acceptance_on',
      'oversight_addressees.implementation',
      'oversight_addressees.implementation_on',
    ])
    .where('oversight_recommendations.review_id', '=', reviewId)
    .execute();
  for (const a of addressees)
    state.set(`${a.number}|${a.addressee_key}`, {
      acceptance: a.acceptance,
      acceptanceOn: a.acceptance_on,
      implementation: a.implementation,
      implementationOn: a.implementation_on,
    });

  const rows: ImportRow[] = [];
  for (const rec of records) {
    const values: Partial<Record<Column, string>> = {};
    cols.forEach((c, i) => {
      const v = (rec.fields[i] ?? '').trim();
      if (v !== '') values[c as Column] = v;
    });
    const row: ImportRow = { row: rec.line, number: values.number ?? null, addressee: values.addressee ?? null, values, effects: [], errors: [] };
    rows.push(row);
    const err = (field: string, message: string) => row.errors.push({ field, message });
    if (rec.fields.length !== cols.length) err('row', `has ${rec.fields.length} fields, the header has ${cols.length}`);
    if (!values.number) err('number', 'is required');
    else if (values.number.length > 20) err('number', 'is longer than 20 characters');
    if (values.category && !(CATEGORIES as readonly string[]).includes(values.category))
      err('category', `must be one of ${CATEGORIES.join(', ')}`);
    if (values.priority && !(PRIORITIES as readonly string[]).includes(values.priority))
      err('priority', `must be one of ${PRIORITIES.join(', ')}`);
    if (values.weight && !/^(?:[1-9]\d?|100)$/.test(values.weight)) err('weight', 'must be a whole number from 1 to 100');
    const number = values.number;
    if (number && !recs.has(number)) {
      if (!values.text) err('text', 'is required for a new recommendation');
      if (!values.category) err('category', 'is required for a new recommendation');
      if (!values.priority) err('priority', 'is required for a new recommendation');
      if (!row.errors.length) {
        recs.set(number, { exists: false });
        row.effects.push(`create recommendation ${number}`);
      }
    } else if (number && (values.text || values.category || values.priority || values.intended_impact || values.weight)) {
      row.effects.push(`update recommendation ${number}`);
    }

    // Addressee
    let addrKey: string | null = null;
    let addrBoard: string | null = null;
    let addrKind: string | null = null;
    if (!values.addressee) err('addressee', 'is required (board:<board id> or head:<entity id>)');
    else {
      const parsed = parseAddresseeKey(values.addressee);
      if (!parsed) err('addressee', `'${values.addressee}' is not board:<board id> or head:<entity id>`);
      else if (parsed.kind === 'board' && !boards.has(parsed.boardId!)) err('addressee', `unknown board '${parsed.boardId}'`);
      else if (parsed.kind === 'executive-head' && !entityBoard.has(parsed.entityId!))
        err('addressee', `unknown entity '${parsed.entityId}'`);
      else {
        addrKind = parsed.kind;
        addrBoard = parsed.kind === 'board' ? parsed.boardId! : entityBoard.get(parsed.entityId!)!;
        addrKey = parsed.kind === 'board' ? `board:${parsed.boardId}` : `head:${parsed.entityId}`;
        const mayWrite =
          hasRole(actor, 'secretariat', addrBoard) || (addrKind === 'executive-head' && hasRole(actor, 'entity-management', addrBoard));
        if (!mayWrite) err('addressee', `you may not record responses for ${addrKey}`);
      }
    }
    if (row.errors.length || !number || !addrKey) continue;
    const k = `${number}|${addrKey}`;
    let s = state.get(k);
    if (!s) {
      s = { acceptance: 'under-consideration', acceptanceOn: null, implementation: 'not-started', implementationOn: null };
      row.effects.push(`add addressee ${addrKey}`);
    }
    const next = { ...s };
    for (const axis of ['acceptance', 'implementation'] as const) {
      const to = values[axis];
      if (!to) {
        if (values[`${axis}_date`] || values[`${axis}_justification`]) err(axis, `is required when ${axis}_date or ${axis}_justification is given`);
        continue;
      }
      if (!STATUSES[axis].includes(to)) {
        err(axis, `'${to}' is not one of ${STATUSES[axis].join(', ')}`);
        continue;
      }
      const from = next[axis];
      if (to === from) continue; // already in that status: nothing to do
      const date = values[`${axis}_date`];
      if (!date) err(`${axis}_date`, 'is required to change the status');
      else if (!validDate(date)) err(`${axis}_date`, `'${date}' is not a YYYY-MM-DD date`);
      else if (date < review.issued_on) err(`${axis}_date`, `${date} is before the review was issued (${review.issued_on})`);
      else if (next[`${axis}On`] && date < next[`${axis}On`]!) err(`${axis}_date`, `is before the current status date (${next[`${axis}On`]})`);
      const t = allowed(axis, from, to);
      if (!t) err(axis, `the workflow does not allow '${from}' -> '${to}'`);
      else if (t.requiresJustification && !values[`${axis}_justification`])
        err(`${axis}_justification`, `is required to move from '${from}' to '${to}'`);
      if (axis === 'implementation' && IMPLEMENTATION_NEEDS_ACCEPTANCE.includes(to) && !ACCEPTING_STATUSES.includes(next.acceptance))
        err('implementation', `'${to}' requires acceptance to be accepted or partially accepted (it is '${next.acceptance}')`);
      next[axis] = to;
      if (date) next[`${axis}On`] = date;
      row.effects.push(`${axis}: ${from} -> ${to}`);
    }
    if (!row.errors.length) state.set(k, next);
  }
  return { rows, fileErrors: [] };
}
