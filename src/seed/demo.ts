// Demo data. Real reference data (entities, boards, the 193 member states) and the real report of
// the 2024 joint meeting of the Executive Boards (31 May 2024, Chinese). Everything invented to
// show the features — sample sessions and decisions — is flagged synthetic and says so.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireAnyRole } from '../modules/access/policy.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { systemActor, type Actor } from '../modules/access/actor.js';
import { runCommand } from '../modules/audit/command.js';
import { adoptDecision } from '../modules/decisions/commands/adoptDecision.js';
import { MEMBER_STATES } from '../modules/registry/data/member-states.js';
import { BOARDS, ENTITIES } from '../modules/registry/data/reference.js';
import { scheduleSession } from '../modules/sessions/commands/scheduleSession.js';
import { addAgendaItem } from '../modules/sessions/commands/addAgendaItem.js';
import { prepareImport } from '../ingest/pipeline.js';
import { importDocument } from '../modules/documents/commands/importDocument.js';
import { loadOversightDemo } from '../modules/oversight/demo.js';
import { loadCoherenceDemo } from '../modules/coherence/demo.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The project's data folder, from src/seed or dist/seed alike. */
export const DATA_DIR = path.resolve(here, '..', '..', 'data');
export const JOINT_MEETING_REPORT = path.join(DATA_DIR, 'corpus', 'joint-meeting-2024.zh.txt');

const ALL_BOARDS = BOARDS.map((b) => b.id);

export async function loadReferenceData(
  db: Kysely<DB>,
  actor: Actor = systemActor('seed'),
): Promise<boolean> {
  const existing = await db.selectFrom('boards').select('id').limit(1).execute();
  if (existing.length) return false;
  await runCommand(db, actor, {
    name: 'registry.loadReferenceData',
    authorize: (a) => requireAnyRole(a, ['administrator']),
    run: async ({ trx, audit }) => {
      await trx
        .insertInto('boards')
        .values(
          BOARDS.map((b) => ({ id: b.id, code: b.code, name: b.name, established_by: b.establishedBy })),
        )
        .execute();
      await trx
        .insertInto('entities')
        .values(
          ENTITIES.map((e) => ({
            id: e.id,
            code: e.code,
            name: e.name,
            executive_head_title: e.executiveHeadTitle,
            website: e.website,
          })),
        )
        .execute();
      await trx
        .insertInto('board_entities')
        .values(ENTITIES.map((e) => ({ board_id: e.boardId, entity_id: e.id })))
        .execute();
      await trx
        .insertInto('member_states')
        .values(
          MEMBER_STATES.map((m) => ({
            id: m.id,
            iso2: m.iso2,
            iso_numeric: m.isoNumeric,
            name: m.name,
            regional_group: m.regionalGroup,
          })),
        )
        .execute();
      audit({
        action: 'reference-data.loaded',
        recordType: 'registry',
        recordId: 'reference-data',
        after: { boards: BOARDS.length, entities: ENTITIES.length, memberStates: MEMBER_STATES.length },
      });
    },
  });
  return true;
}

/** The 2024 joint meeting and its report (read from `file`), once. */
export async function loadJointMeeting2024(
  db: Kysely<DB>,
  actor: Actor = systemActor('seed'),
  file: string = JOINT_MEETING_REPORT,
): Promise<string | null> {
  const exists = await db
    .selectFrom('sessions')
    .select('id')
    .where('type', '=', 'joint-meeting')
    .where('start_date', '=', '2024-05-31')
    .executeTakeFirst();
  if (exists) return null;
  // The full ingest pipeline: structure, speakers, references, annotations and search index. The
  // file is read before anything is written.
  const preview = await prepareImport(file, fs.readFileSync(file), { language: 'zh' });
  const sessionId = await scheduleSession(db, actor, {
    type: 'joint-meeting',
    title: 'Joint meeting of the Executive Boards of UNDP/UNFPA/UNOPS, UNICEF, UN-Women and WFP, 2024',
    startDate: '2024-05-31',
    endDate: '2024-05-31',
    boardIds: [...ALL_BOARDS],
  });
  const { documentId } = await importDocument(db, actor, {
    preview: { ...preview, date: preview.date ?? '2024-05-31', title: preview.title ?? '执行局联席会议报告' },
    meta: {
      type: 'report',
      title:
        'Report of the joint meeting of the Executive Boards of UNDP/UNFPA/UNOPS, UNICEF, UN-Women and WFP, 31 May 2024',
      sessionId,
      boardIds: [...ALL_BOARDS],
    },
  });
  return documentId;
}

/** Invented records that show sessions, agenda items and decisions. Each is flagged synthetic. */
export async function loadSyntheticExamples(
  db: Kysely<DB>,
  actor: Actor = systemActor('seed'),
): Promise<void> {
  const exists = await db.selectFrom('decisions').select('id').where('synthetic', '=', 1).limit(1).execute();
  if (exists.length) return;
  const sessionId = await scheduleSession(db, actor, {
    type: 'annual',
    title: 'Annual session 2024 (synthetic demo record)',
    startDate: '2024-06-03',
    endDate: '2024-06-07',
    venue: 'New York',
    boardIds: ['undp-unfpa-unops'],
    synthetic: true,
  });
  const itemId = await addAgendaItem(db, actor, {
    sessionId,
    input: {
      number: '2',
      title: 'Follow-up to the review of governance and oversight functions (synthetic)',
      synthetic: true,
    },
  });
  await adoptDecision(db, actor, {
    boardId: 'undp-unfpa-unops',
    number: '2024/901',
    sessionId,
    agendaItemId: itemId,
    title: 'Working group on the review of governance and oversight functions (synthetic demo decision)',
    language: 'en',
    adoptedOn: '2024-06-07',
    synthetic: true,
    paragraphs: [
      { kind: 'preambular', text: 'Recalling General Assembly resolution 48/162, (synthetic demo text)' },
      {
        kind: 'operative',
        number: '1',
        text: 'Establishes a working group of members to consider the recommendations of the review; (synthetic demo text)',
      },
      {
        kind: 'operative',
        number: '2',
        text: 'Requests the Administrator to report on the implementation of the recommendations at its annual session 2025. (synthetic demo text)',
      },
    ],
  });
}

/**
 * The demo data, whole or not at all: one transaction, so that a start that stops while seeding
 * (or a report that cannot be read) leaves the database as it was, and the next start seeds it.
 */
export async function seedDemo(
  db: Kysely<DB>,
  opts: { jointMeetingReport?: string } = {},
): Promise<{ reference: boolean; jointMeeting: boolean }> {
  return db.transaction().execute(async (trx) => {
    const reference = await loadReferenceData(trx);
    const doc = await loadJointMeeting2024(trx, undefined, opts.jointMeetingReport);
    await loadSyntheticExamples(trx);
    await loadOversightDemo(trx);
    await loadCoherenceDemo(trx);
    return { reference, jointMeeting: doc !== null };
  });
}
