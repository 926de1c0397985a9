// Synthetic demo data for the oversight tracker, modelled on the themes of the 2024 joint meeting
// report (roles and responsibilities, structure, processes, systems, information asymmetry, fewer
// but more strategic interactions, risk, capacity of new members, exchange of practice between
// boards). Every record is flagged synthetic and says so: the review titles name the real 2023
// reviews, but all recommendation texts are invented paraphrases and all statuses are invented.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { systemActor, type Actor } from '../access/actor.js';
import { adoptDecision } from '../decisions/commands/adoptDecision.js';
import { addAction } from './commands/addAction.js';
import { addEvidence } from './commands/addEvidence.js';
import { addRecommendation } from './commands/addRecommendation.js';
import { addWorkingGroupMeeting } from './commands/addWorkingGroupMeeting.js';
import { addWorkingGroupMember } from './commands/addWorkingGroupMember.js';
import { assignRecommendation } from './commands/assignRecommendation.js';
import { confirmMandate } from './commands/confirmMandate.js';
import { createSharedSubject } from './commands/createSharedSubject.js';
import { createWorkingGroup } from './commands/createWorkingGroup.js';
import { linkDecision } from './commands/linkDecision.js';
import { recordActionProgress } from './commands/recordActionProgress.js';
import { recordResponse } from './commands/recordResponse.js';
import { registerReview } from './commands/registerReview.js';
import { suggestMandates } from './commands/suggestMandates.js';
import type { AddresseeInput, CATEGORIES, PRIORITIES } from './schema.js';

const S = ' (synthetic paraphrase for demonstration)';

type Resp = [acceptance: string, acceptedOn: string, implementation?: string, implementedOn?: string, reason?: string];
interface DemoRec {
  number: string;
  text: string;
  category: (typeof CATEGORIES)[number];
  priority: (typeof PRIORITIES)[number];
  impact?: string;
  to: [AddresseeInput, Resp][];
  actions?: { to: number; title: string; owner: string; due?: string; session?: { type: 'annual' | 'first-regular' | 'second-regular'; year: number }; progress?: [number, string][]; done?: string }[];
}

const board = (boardId: string): AddresseeInput => ({ kind: 'board', boardId });
const head = (entityId: string): AddresseeInput => ({ kind: 'executive-head', entityId });

const JIU: DemoRec[] = [
  {
    number: '1',
    text: `The Executive Boards should set out, in one document, the respective roles and responsibilities of the Boards, their Bureaux and management${S}.`,
    category: 'roles-and-responsibilities',
    priority: 'high',
    impact: 'Clearer accountability',
    to: [
      [board('undp-unfpa-unops'), ['accepted', '2024-01-31', 'in-progress', '2024-02-15']],
      [board('unicef'), ['accepted', '2024-02-09', 'in-progress', '2024-06-14']],
      [board('unwomen'), ['partially-accepted', '2024-02-14', undefined, undefined, 'Agreed in principle; scope to be set by the Bureau']],
    ],
    actions: [
      { to: 0, title: 'Draft a note on roles and responsibilities for the Bureau', owner: 'Secretary of the Executive Board', due: '2024-05-31', progress: [[60, '2024-04-10'], [100, '2024-05-20']] },
      { to: 0, title: 'Present the note to the Board for endorsement', owner: 'Bureau', session: { type: 'annual', year: 2025 }, progress: [[20, '2024-09-01']] },
      { to: 1, title: 'Consult member states on a terms-of-reference draft', owner: 'Secretary of the Executive Board', due: '2024-09-30', progress: [[30, '2024-07-01']] },
    ],
  },
  {
    number: '2',
    text: `Informal meetings should be complemented by written summaries shared with all members, so that delegations unable to attend are not left behind (information asymmetry)${S}.`,
    category: 'information',
    priority: 'high',
    to: [
      [board('undp-unfpa-unops'), ['accepted', '2024-01-31', 'implemented', '2024-09-06']],
      [board('unicef'), ['accepted', '2024-02-09', 'in-progress', '2024-03-01']],
      [board('unwomen'), ['accepted', '2024-02-14']],
    ],
    actions: [{ to: 1, title: 'Publish summaries of informal briefings on the Board website within ten working days', owner: 'Secretary of the Executive Board', due: '2024-12-31', progress: [[50, '2024-06-30']] }],
  },
  {
    number: '3',
    text: `The Boards should hold fewer but more strategic interactions with management, backed by the right information, and review the frequency of informal briefings${S}.`,
    category: 'processes',
    priority: 'medium',
    to: [
      [board('undp-unfpa-unops'), ['accepted', '2024-01-31', 'in-progress', '2024-06-07']],
      [board('unicef'), ['under-consideration', '']],
      [board('unwomen'), ['accepted', '2024-02-14']],
    ],
    actions: [{ to: 0, title: 'Propose an annual calendar of informal briefings', owner: 'Bureau', session: { type: 'first-regular', year: 2025 } }],
  },
  {
    number: '4',
    text: `The executive heads should provide the Boards with timely, clear and data-driven information, including real-time data where it exists, rather than more reports${S}.`,
    category: 'systems',
    priority: 'high',
    to: [
      [head('undp'), ['accepted', '2024-01-15', 'in-progress', '2024-03-01']],
      [head('unfpa'), ['accepted', '2024-01-15', 'in-progress', '2024-03-01']],
      [head('unicef'), ['accepted', '2024-01-20', 'implemented', '2024-10-01']],
      [head('unwomen'), ['partially-accepted', '2024-01-25', undefined, undefined, 'Real-time data depends on system upgrades funded in 2025']],
    ],
    actions: [
      { to: 0, title: 'Open a board data portal with results and financial data', owner: 'Bureau for Policy and Programme Support', due: '2025-03-31', progress: [[40, '2024-11-15']] },
      { to: 1, title: 'Replace two narrative annexes by an online dashboard', owner: 'Policy and Strategy Division', due: '2024-06-30' },
    ],
  },
  {
    number: '5',
    text: `The Boards should align their agendas on cross-cutting subjects to avoid duplication, and adopt coherent decisions on common matters${S}.`,
    category: 'coherence',
    priority: 'medium',
    to: [
      [board('undp-unfpa-unops'), ['accepted', '2024-01-31']],
      [board('unicef'), ['accepted', '2024-02-09']],
      [board('unwomen'), ['accepted', '2024-02-14']],
    ],
  },
  {
    number: '6',
    text: `The Boards should adopt a risk-oriented approach to oversight and discuss with management how risks are understood and shared${S}.`,
    category: 'risk',
    priority: 'medium',
    to: [
      [board('undp-unfpa-unops'), ['accepted', '2024-01-31', 'in-progress', '2024-09-06']],
      [board('unicef'), ['not-accepted', '2024-02-09', undefined, undefined, 'Covered by the existing audit and oversight committee arrangements']],
      [board('unwomen'), ['accepted', '2024-02-14']],
    ],
  },
  {
    number: '7',
    text: `The secretariats should offer induction and capacity building for new members, with attention to small delegations covering several boards${S}.`,
    category: 'capacity',
    priority: 'low',
    to: [
      [board('undp-unfpa-unops'), ['accepted', '2024-01-31', 'implemented', '2024-06-07']],
      [board('unicef'), ['accepted', '2024-02-09', 'implemented', '2024-02-28']],
      [board('unwomen'), ['accepted', '2024-02-14', 'in-progress', '2024-03-15']],
    ],
  },
  {
    number: '8',
    text: `The Boards should set up a working group of members to consider the recommendations of the review and prepare an implementation plan${S}.`,
    category: 'structure',
    priority: 'high',
    to: [
      [board('undp-unfpa-unops'), ['accepted', '2024-01-31', 'implemented', '2024-06-07']],
      [board('unicef'), ['accepted', '2024-02-09', 'in-progress', '2024-06-14']],
      [board('unwomen'), ['under-consideration', '']],
    ],
  },
];

const WFP: DemoRec[] = [
  {
    number: '1',
    text: `The Board should establish a working group to review the recommendations and prepare an implementation plan for those it approves${S}.`,
    category: 'structure',
    priority: 'high',
    to: [[board('wfp'), ['accepted', '2023-06-26', 'implemented', '2023-11-13']]],
  },
  {
    number: '2',
    text: `The Board and management should agree on a clearer division of strategic guidance, oversight and management responsibilities${S}.`,
    category: 'roles-and-responsibilities',
    priority: 'high',
    to: [
      [board('wfp'), ['accepted', '2023-11-13', 'in-progress', '2024-02-26']],
      [head('wfp'), ['accepted', '2023-11-13', 'in-progress', '2024-02-26']],
    ],
    actions: [
      { to: 0, title: 'Working group proposal on the division of responsibilities', owner: 'Working group on governance', session: { type: 'annual', year: 2024 }, progress: [[70, '2024-05-15']] },
      { to: 1, title: 'Management paper on delegations of authority', owner: 'Office of the Executive Director', due: '2024-10-31', progress: [[25, '2024-03-01']] },
    ],
  },
  {
    number: '3',
    text: `Management should present information on operational risk in contexts of high risk in a form that helps the Board understand and share that risk${S}.`,
    category: 'risk',
    priority: 'medium',
    to: [[head('wfp'), ['accepted', '2023-11-13', 'in-progress', '2024-06-24']]],
    actions: [{ to: 0, title: 'Risk dashboard for the Board', owner: 'Enterprise Risk Management Division', session: { type: 'second-regular', year: 2024 } }],
  },
  {
    number: '4',
    text: `The Board should communicate its role and decisions more clearly to all member states and the public${S}.`,
    category: 'communication',
    priority: 'low',
    to: [[board('wfp'), ['partially-accepted', '2023-11-13', undefined, undefined, 'Within existing resources only']]],
  },
];

/** Loads the synthetic oversight demo unless it is there. Returns false when it was already loaded. */
export async function loadOversightDemo(db: Kysely<DB>, actor: Actor = systemActor('seed')): Promise<boolean> {
  const present = await db.selectFrom('oversight_reviews').select('id').where('synthetic', '=', 1).limit(1).execute();
  if (present.length) return false;

  const jiu = await registerReview(db, actor, {
    title: 'Review of the governance and oversight functions of the Executive Boards of UNDP/UNFPA/UNOPS, UNICEF and UN-Women (JIU, 2023) — synthetic demo record',
    issuingBody: 'Joint Inspection Unit',
    year: 2023,
    issuedOn: '2023-10-01',
    synthetic: true,
  });
  const wfp = await registerReview(db, actor, {
    title: 'Review of the governance of WFP by an independent consultant (2023) — synthetic demo record',
    issuingBody: 'Independent consultant',
    year: 2023,
    issuedOn: '2023-04-01',
    synthetic: true,
  });

  const recIds: Record<string, string> = {};
  for (const [reviewId, recs, prefix] of [[jiu, JIU, 'jiu'], [wfp, WFP, 'wfp']] as const) {
    for (const r of recs) {
      const id = await addRecommendation(db, actor, {
        reviewId,
        input: {
          number: r.number,
          text: r.text,
          category: r.category,
          priority: r.priority,
          ...(r.impact ? { intendedImpact: r.impact } : {}),
          synthetic: true,
          addressees: r.to.map(([a]) => a),
        },
      });
      recIds[`${prefix}:${r.number}`] = id;
      const addressees = await db.selectFrom('oversight_addressees').select(['id', 'addressee_key']).where('recommendation_id', '=', id).execute();
      const idOf = (a: AddresseeInput) =>
        addressees.find((x) => x.addressee_key === (a.kind === 'board' ? `board:${a.boardId}` : `head:${a.entityId}`))!.id;
      for (const [a, [acc, accOn, impl, implOn, reason]] of r.to) {
        const addresseeId = idOf(a);
        if (acc !== 'under-consideration')
          await recordResponse(db, actor, { addresseeId, axis: 'acceptance', input: { status: acc, on: accOn, ...(reason ? { justification: reason } : {}) } });
        if (impl === 'implemented') {
          await recordResponse(db, actor, { addresseeId, axis: 'implementation', input: { status: 'in-progress', on: accOn } });
          await recordResponse(db, actor, { addresseeId, axis: 'implementation', input: { status: 'implemented', on: implOn! } });
        } else if (impl) await recordResponse(db, actor, { addresseeId, axis: 'implementation', input: { status: impl, on: implOn! } });
      }
      for (const x of r.actions ?? []) {
        const addresseeId = idOf(r.to[x.to]![0]);
        const actionId = await addAction(db, actor, {
          addresseeId,
          input: { title: `${x.title} (synthetic)`, owner: x.owner, ...(x.due ? { dueDate: x.due } : {}), ...(x.session ? { dueSession: x.session } : {}), synthetic: true },
        });
        for (const [progress, on] of x.progress ?? [])
          await recordActionProgress(db, actor, {
            id: actionId,
            input: progress === 100 ? { status: 'completed', on } : { status: 'in-progress', progress, on },
          });
        if (x.progress?.some(([p]) => p === 100))
          await addEvidence(db, actor, { actionId, input: { kind: 'link', title: 'Note to the Bureau (synthetic example link)', url: 'https://example.org/synthetic/bureau-note' } });
      }
    }
  }

  // Decision 2024/901 (synthetic, from the core demo) established a working group and asked for a
  // report: link it, suggest and confirm its mandate.
  const d901 = await db.selectFrom('decisions').select('id').where('number', '=', '2024/901').where('board_id', '=', 'undp-unfpa-unops').executeTakeFirst();
  const wgUndp = await createWorkingGroup(db, actor, {
    boardId: 'undp-unfpa-unops',
    name: 'Working group on the review of governance and oversight functions (synthetic)',
    establishedOn: '2024-06-07',
    ...(d901 ? { decisionId: d901.id } : {}),
    synthetic: true,
  });
  for (const [ms, role] of [['GHA', 'chair'], ['NOR', 'co-chair'], ['BGD', 'member'], ['MEX', 'member'], ['POL', 'member']] as const)
    await addWorkingGroupMember(db, actor, { workingGroupId: wgUndp, memberStateId: ms, role });
  await addWorkingGroupMeeting(db, actor, { workingGroupId: wgUndp, input: { date: '2024-07-15', title: 'First meeting: working methods (synthetic)' } });
  await addWorkingGroupMeeting(db, actor, { workingGroupId: wgUndp, input: { date: '2024-10-02', title: 'Second meeting: draft implementation plan (synthetic)' } });
  for (const n of ['1', '2', '3', '8']) await assignRecommendation(db, actor, { workingGroupId: wgUndp, recommendationId: recIds[`jiu:${n}`]! });
  if (d901) {
    await linkDecision(db, actor, { subjectType: 'recommendation', subjectId: recIds['jiu:8']!, decisionId: d901.id, paragraphNumber: '1', relation: 'endorses' });
    await linkDecision(db, actor, { subjectType: 'working-group', subjectId: wgUndp, decisionId: d901.id, paragraphNumber: '1', relation: 'establishes' });
    for (const id of await suggestMandates(db, actor, d901.id)) await confirmMandate(db, actor, { id, input: {} });
  }

  const wgWfp = await createWorkingGroup(db, actor, { boardId: 'wfp', name: 'Working group on the governance review (synthetic)', establishedOn: '2023-06-26', synthetic: true });
  for (const [ms, role] of [['KEN', 'chair'], ['DEU', 'member'], ['BRA', 'member'], ['JPN', 'member']] as const)
    await addWorkingGroupMember(db, actor, { workingGroupId: wgWfp, memberStateId: ms, role });
  await addWorkingGroupMeeting(db, actor, { workingGroupId: wgWfp, input: { date: '2023-09-12', title: 'Review of the recommendations (synthetic)' } });
  for (const n of ['1', '2', '4']) await assignRecommendation(db, actor, { workingGroupId: wgWfp, recommendationId: recIds[`wfp:${n}`]! });

  // A Chinese-language synthetic decision of the WFP Board, to show extraction from Chinese text.
  const exists = await db.selectFrom('decisions').select('id').where('board_id', '=', 'wfp').where('number', '=', '2024/902').executeTakeFirst();
  const d902 =
    exists?.id ??
    (await adoptDecision(db, actor, {
      boardId: 'wfp',
      number: '2024/902',
      title: '治理审查的后续行动（合成示例决定）',
      language: 'zh',
      adoptedOn: '2024-06-28',
      synthetic: true,
      paragraphs: [
        { kind: 'preambular', text: '回顾 2023 年治理审查的各项建议（合成示例文本），' },
        { kind: 'operative', number: '1', text: '欢迎工作组提出的执行计划（合成示例文本）；' },
        { kind: 'operative', number: '2', text: '请执行主任在 2025 年第二届常会上向执行局提交关于执行计划进展情况的报告（合成示例文本）。' },
      ],
    }));
  await suggestMandates(db, actor, d902);
  await linkDecision(db, actor, { subjectType: 'recommendation', subjectId: recIds['wfp:2']!, decisionId: d902, paragraphNumber: '1', relation: 'endorses' });

  // The same subject on two boards: working groups on the governance reviews (shared practice).
  await createSharedSubject(db, actor, {
    title: 'Board working groups on governance reviews (shared practice, synthetic)',
    description: 'Both reviews asked for a members’ working group to prepare an implementation plan (report of the 2024 joint meeting, paras 4 and 25).',
    members: [
      { subjectType: 'recommendation', subjectId: recIds['jiu:8']! },
      { subjectType: 'recommendation', subjectId: recIds['wfp:1']! },
    ],
    synthetic: true,
  });
  await createSharedSubject(db, actor, {
    title: 'Information to all members, not only those at informal meetings (synthetic)',
    members: [
      { subjectType: 'recommendation', subjectId: recIds['jiu:2']! },
      { subjectType: 'recommendation', subjectId: recIds['wfp:4']! },
    ],
    synthetic: true,
  });
  return true;
}
