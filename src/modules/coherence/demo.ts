// Synthetic demo records for coherence across boards (every one flagged synthetic and saying so):
// sessions of the four boards in June 2024 that overlap, agenda items on shared themes, decisions
// whose operative paragraphs ask for the same reports at different sessions — one of them in
// Chinese — themes only one board acted on, and two small delegations with their board
// memberships and capacity. Then the 2024 analysis runs, so the demo shows findings at once.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { systemActor, type Actor } from '../access/actor.js';
import { adoptDecision } from '../decisions/commands/adoptDecision.js';
import { addMembership } from '../registry/commands/addMembership.js';
import { addAgendaItem } from '../sessions/commands/addAgendaItem.js';
import { scheduleSession } from '../sessions/commands/scheduleSession.js';
import { runAnalysis } from './commands/runAnalysis.js';
import { setDelegationCapacity } from './commands/setDelegationCapacity.js';

const S = ' (synthetic demo text)';

interface DemoSession {
  board: string;
  type: 'annual' | 'informal-briefing';
  title: string;
  start: string;
  end: string;
  items: string[];
  decisions: { number: string; title: string; language?: 'en' | 'zh'; item?: number; paragraphs: string[] }[];
}

const SESSIONS: DemoSession[] = [
  {
    board: 'undp-unfpa-unops',
    type: 'informal-briefing',
    title: 'Informal briefing on climate action and shared back offices, UNDP/UNFPA/UNOPS (synthetic demo record)',
    start: '2024-06-05',
    end: '2024-06-05',
    items: ['Climate action and disaster risk reduction in country programmes (synthetic)', 'Shared back offices and common premises (synthetic)'],
    decisions: [],
  },
  {
    board: 'unicef',
    type: 'annual',
    title: 'UNICEF Executive Board, annual session 2024 (synthetic demo record)',
    start: '2024-06-11',
    end: '2024-06-14',
    items: [
      'Protection from sexual exploitation and abuse and sexual harassment (synthetic)',
      'Climate change and children: climate action in country programmes (synthetic)',
      'Disability inclusion strategy (synthetic)',
    ],
    decisions: [
      {
        number: '2024/921',
        title: 'Protection from sexual exploitation and abuse and sexual harassment (synthetic demo decision)',
        item: 0,
        paragraphs: [
          'Welcomes the progress made in the protection from sexual exploitation and abuse and sexual harassment;',
          'Requests the Executive Director to present a report on the implementation of the strategy for protection from sexual exploitation and abuse and sexual harassment, including disaggregated data on allegations, at the annual session 2025;',
          'Encourages UNICEF to expand shared back offices, common premises and mutual recognition of business operations, in line with the QCPR and the Funding Compact;',
        ],
      },
      {
        number: '2024/922',
        title: 'Disability inclusion (synthetic demo decision)',
        item: 2,
        paragraphs: ['Welcomes the disability inclusion strategy and requests the Executive Director to report on the inclusion of children with disabilities at the annual session 2025;'],
      },
    ],
  },
  {
    board: 'unwomen',
    type: 'annual',
    title: 'UN-Women Executive Board, annual session 2024 (synthetic demo record)',
    start: '2024-06-04',
    end: '2024-06-06',
    items: ['Protection from sexual exploitation and abuse and sexual harassment (synthetic)', 'Enterprise risk management (synthetic)'],
    decisions: [
      {
        number: '2024/931',
        title: 'Protection from sexual exploitation and abuse and sexual harassment (synthetic demo decision)',
        item: 0,
        paragraphs: [
          'Requests the Executive Director to present a report on the implementation of the strategy for protection from sexual exploitation and abuse and sexual harassment, including data on allegations, at the second regular session 2024;',
        ],
      },
      {
        number: '2024/932',
        title: 'Enterprise risk management (synthetic demo decision)',
        item: 1,
        paragraphs: ['Welcomes the enterprise risk management policy and the risk appetite statement, and requests the Executive Director to report on the management of risks at the annual session 2025;'],
      },
    ],
  },
  {
    board: 'wfp',
    type: 'annual',
    title: 'WFP Executive Board, annual session 2024 (synthetic demo record)',
    start: '2024-06-24',
    end: '2024-06-28',
    items: ['Climate action and disaster risk reduction in country strategic plans (synthetic)', 'Protection from sexual exploitation and abuse (synthetic)'],
    decisions: [
      {
        number: '2024/941',
        title: '防止性剥削和性虐待及性骚扰（合成演示决定 synthetic demo decision）',
        language: 'zh',
        item: 1,
        paragraphs: ['请执行主任在2025年年度会议上提交关于防止性剥削和性虐待及性骚扰战略执行情况的报告，包括关于指控的分类数据。'],
      },
      {
        number: '2024/942',
        title: 'Climate action (synthetic demo decision)',
        item: 0,
        paragraphs: [
          'Requests the Executive Director to report at the second regular session 2025 on the integration of climate action and disaster risk reduction into country strategic plans;',
        ],
      },
    ],
  },
];

/** A decision of the UNDP/UNFPA/UNOPS board at the annual session the foundation demo schedules. */
const UNDP_DECISION = {
  number: '2024/902',
  title: 'Climate action and business operations (synthetic demo decision)',
  paragraphs: [
    'Requests the Administrator to report at the annual session 2025 on the integration of climate action and disaster risk reduction into country programmes;',
    'Encourages UNDP, UNFPA and UNOPS to expand shared back offices, common premises and mutual recognition of business operations, in line with the QCPR and the Funding Compact;',
  ],
};

export async function loadCoherenceDemo(db: Kysely<DB>, actor: Actor = systemActor('seed')): Promise<boolean> {
  const done = await db.selectFrom('decisions').select('id').where('number', '=', '2024/921').where('board_id', '=', 'unicef').executeTakeFirst();
  if (done) return false;
  for (const s of SESSIONS) {
    const sessionId = await scheduleSession(db, actor, {
      type: s.type,
      title: s.title,
      startDate: s.start,
      endDate: s.end,
      venue: 'New York',
      boardIds: [s.board],
      synthetic: true,
    });
    const items: string[] = [];
    for (const [i, title] of s.items.entries())
      items.push(await addAgendaItem(db, actor, { sessionId, input: { number: String(i + 1), title, synthetic: true } }));
    for (const d of s.decisions)
      await adoptDecision(db, actor, {
        boardId: s.board,
        number: d.number,
        sessionId,
        agendaItemId: d.item === undefined ? undefined : items[d.item],
        title: d.title,
        language: d.language ?? 'en',
        adoptedOn: s.end,
        synthetic: true,
        paragraphs: d.paragraphs.map((text, i) => ({ kind: 'operative' as const, number: String(i + 1), text: `${text}${d.language === 'zh' ? '（合成演示文本）' : S}` })),
      });
  }
  // The foundation's synthetic UNDP/UNFPA/UNOPS annual session 2024, if it is there.
  const undpSession = await db
    .selectFrom('sessions')
    .innerJoin('session_boards', 'session_boards.session_id', 'sessions.id')
    .select('sessions.id')
    .where('session_boards.board_id', '=', 'undp-unfpa-unops')
    .where('sessions.type', '=', 'annual')
    .where('sessions.year', '=', 2024)
    .where('sessions.synthetic', '=', 1)
    .executeTakeFirst();
  await adoptDecision(db, actor, {
    boardId: 'undp-unfpa-unops',
    number: UNDP_DECISION.number,
    sessionId: undpSession?.id,
    title: UNDP_DECISION.title,
    language: 'en',
    adoptedOn: '2024-06-07',
    synthetic: true,
    paragraphs: UNDP_DECISION.paragraphs.map((text, i) => ({ kind: 'operative' as const, number: String(i + 1), text: `${text}${S}` })),
  });
  // Two small delegations (synthetic memberships and capacities).
  for (const [state, boards, people] of [
    ['TUV', ['unicef', 'unwomen'], 1],
    ['BTN', ['undp-unfpa-unops', 'wfp'], 2],
  ] as const) {
    for (const boardId of boards)
      await addMembership(db, actor, { boardId, input: { memberStateId: state, termStart: '2024-01-01', termEnd: '2026-12-31', synthetic: true } });
    await setDelegationCapacity(db, actor, { memberStateId: state, people, synthetic: true });
  }
  await runAnalysis(db, actor, { year: 2024 });
  return true;
}
