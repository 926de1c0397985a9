// The things coherence tags and compares ("subjects"): documents, their paragraphs, agenda items,
// decisions, decisions' operative paragraphs, oversight recommendations and mandates. For each:
// its boards, year, a human reference, its text, language and who may read it. Analyses across
// boards use public records only, so a finding never reveals a restricted record; reads of a single
// subject apply the access rules of its document or session.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { canReadRecord } from '../access/visibility.js';

export const SUBJECT_TYPES = [
  'document',
  'paragraph',
  'agenda-item',
  'decision',
  'decision-paragraph',
  'recommendation',
  'mandate',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export interface Subject {
  type: SubjectType;
  id: string;
  boards: string[];
  year: number | null;
  /** "Decision 2024/12 (UNICEF), para. 3" and the like. */
  ref: string;
  text: string;
  language: string | null;
  /** Access level and embargo of the record the subject belongs to. */
  access: { access_level: string; embargo_until: string | null };
  synthetic: boolean;
  /** For mandates and operative paragraphs: extra facts used by the findings. */
  extra?: Record<string, unknown>;
}

export interface SubjectFilter {
  ids?: string[];
  year?: number;
  /** Only records readable by the public, now. */
  publicOnly?: boolean;
}

const PUBLIC = { access_level: 'public', embargo_until: null };
const MAX_TEXT = 20_000;

function groupBoards(rows: { k: string; board_id: string }[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const r of rows) {
    const list = m.get(r.k);
    if (list) {
      if (!list.includes(r.board_id)) list.push(r.board_id);
    } else m.set(r.k, [r.board_id]);
  }
  for (const l of m.values()) l.sort();
  return m;
}

function chunks<T>(xs: T[], n = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

async function inChunks<T>(ids: string[] | undefined, fn: (ids: string[] | undefined) => Promise<T[]>): Promise<T[]> {
  if (!ids) return fn(undefined);
  if (!ids.length) return [];
  const out: T[] = [];
  for (const c of chunks(ids)) out.push(...(await fn(c)));
  return out;
}

export async function loadSubjects(db: Kysely<DB>, type: SubjectType, f: SubjectFilter = {}): Promise<Subject[]> {
  const now = new Date().toISOString();
  const keep = (s: Subject) => !f.publicOnly || canReadRecord({ id: 'anonymous', kind: 'anonymous', displayName: 'Public', memberStateId: null, grants: [] }, s.access, s.boards, now);
  return (await inChunks(f.ids, (ids) => loadChunk(db, type, { ...f, ids }))).filter(keep);
}

async function loadChunk(db: Kysely<DB>, type: SubjectType, f: SubjectFilter): Promise<Subject[]> {
  switch (type) {
    case 'document': {
      let q = db.selectFrom('documents').select(['id', 'title', 'symbol', 'year', 'access_level', 'embargo_until', 'synthetic', 'original_language']);
      if (f.ids) q = q.where('id', 'in', f.ids);
      if (f.year) q = q.where('year', '=', f.year);
      const docs = await q.execute();
      if (!docs.length) return [];
      const ids = docs.map((d) => d.id);
      const boards = groupBoards(
        await db.selectFrom('document_boards').select(['document_id as k', 'board_id']).where('document_id', 'in', ids).execute(),
      );
      const paras = await db
        .selectFrom('paragraphs')
        .innerJoin('expressions', 'expressions.id', 'paragraphs.expression_id')
        .select(['expressions.document_id', 'expressions.language', 'paragraphs.text'])
        .where('expressions.document_id', 'in', ids)
        .where('expressions.is_current', '=', 1)
        .orderBy('expressions.document_id')
        .orderBy('expressions.language')
        .orderBy('paragraphs.position')
        .execute();
      const texts = new Map<string, string[]>();
      for (const p of paras) {
        const list = texts.get(p.document_id) ?? [];
        list.push(p.text);
        texts.set(p.document_id, list);
      }
      return docs.map((d) => ({
        type,
        id: d.id,
        boards: boards.get(d.id) ?? [],
        year: d.year,
        ref: d.symbol ? `${d.symbol}: ${d.title}` : d.title,
        text: [d.title, ...(texts.get(d.id) ?? [])].join('\n').slice(0, MAX_TEXT),
        language: d.original_language,
        access: { access_level: d.access_level, embargo_until: d.embargo_until },
        synthetic: !!d.synthetic,
      }));
    }
    case 'paragraph': {
      let q = db
        .selectFrom('paragraphs')
        .innerJoin('expressions', 'expressions.id', 'paragraphs.expression_id')
        .innerJoin('documents', 'documents.id', 'expressions.document_id')
        .select([
          'paragraphs.id',
          'paragraphs.number',
          'paragraphs.text',
          'expressions.language',
          'documents.id as document_id',
          'documents.title',
          'documents.symbol',
          'documents.year',
          'documents.access_level',
          'documents.embargo_until',
          'documents.synthetic',
        ])
        .where('expressions.is_current', '=', 1);
      if (f.ids) q = q.where('paragraphs.id', 'in', f.ids);
      if (f.year) q = q.where('documents.year', '=', f.year);
      const rows = await q.execute();
      if (!rows.length) return [];
      const boards = groupBoards(
        await db
          .selectFrom('document_boards')
          .select(['document_id as k', 'board_id'])
          .where('document_id', 'in', [...new Set(rows.map((r) => r.document_id))])
          .execute(),
      );
      return rows.map((r) => ({
        type,
        id: r.id,
        boards: boards.get(r.document_id) ?? [],
        year: r.year,
        ref: `${r.symbol ?? r.title}, para. ${r.number}`,
        text: r.text.slice(0, MAX_TEXT),
        language: r.language,
        access: { access_level: r.access_level, embargo_until: r.embargo_until },
        synthetic: !!r.synthetic,
        extra: { documentId: r.document_id },
      }));
    }
    case 'agenda-item': {
      let q = db
        .selectFrom('agenda_items')
        .innerJoin('sessions', 'sessions.id', 'agenda_items.session_id')
        .select([
          'agenda_items.id',
          'agenda_items.number',
          'agenda_items.title',
          'agenda_items.synthetic',
          'sessions.id as session_id',
          'sessions.title as session_title',
          'sessions.type as session_type',
          'sessions.start_date',
          'sessions.year',
          'sessions.access_level',
          'sessions.embargo_until',
        ]);
      if (f.ids) q = q.where('agenda_items.id', 'in', f.ids);
      if (f.year) q = q.where('sessions.year', '=', f.year);
      const rows = await q.execute();
      if (!rows.length) return [];
      const boards = groupBoards(
        await db
          .selectFrom('session_boards')
          .select(['session_id as k', 'board_id'])
          .where('session_id', 'in', [...new Set(rows.map((r) => r.session_id))])
          .execute(),
      );
      // The agenda item's documents' titles say more than its own short title.
      const docs = await db
        .selectFrom('documents')
        .select(['agenda_item_id', 'title'])
        .where('agenda_item_id', 'in', rows.map((r) => r.id))
        .where('access_level', '=', 'public')
        .execute();
      return rows.map((r) => ({
        type,
        id: r.id,
        boards: boards.get(r.session_id) ?? [],
        year: r.year,
        ref: `${r.session_title}, item ${r.number}`,
        text: [r.title, ...docs.filter((d) => d.agenda_item_id === r.id).map((d) => d.title)].join('\n'),
        language: null,
        access: { access_level: r.access_level, embargo_until: r.embargo_until },
        synthetic: !!r.synthetic,
        extra: { sessionId: r.session_id, sessionType: r.session_type, startDate: r.start_date, title: r.title },
      }));
    }
    case 'decision': {
      let q = db.selectFrom('decisions').select(['id', 'board_id', 'number', 'year', 'title', 'language', 'synthetic']);
      if (f.ids) q = q.where('id', 'in', f.ids);
      if (f.year) q = q.where('year', '=', f.year);
      const rows = await q.execute();
      if (!rows.length) return [];
      const paras = await db
        .selectFrom('decision_paragraphs')
        .select(['decision_id', 'text'])
        .where('decision_id', 'in', rows.map((r) => r.id))
        .orderBy('decision_id')
        .orderBy('position')
        .execute();
      return rows.map((r) => ({
        type,
        id: r.id,
        boards: [r.board_id],
        year: r.year,
        ref: `Decision ${r.number} (${r.board_id})`,
        text: [r.title, ...paras.filter((p) => p.decision_id === r.id).map((p) => p.text)].join('\n').slice(0, MAX_TEXT),
        language: r.language,
        access: PUBLIC,
        synthetic: !!r.synthetic,
      }));
    }
    case 'decision-paragraph': {
      let q = db
        .selectFrom('decision_paragraphs')
        .innerJoin('decisions', 'decisions.id', 'decision_paragraphs.decision_id')
        .select([
          'decision_paragraphs.id',
          'decision_paragraphs.number as paragraph_number',
          'decision_paragraphs.text',
          'decisions.id as decision_id',
          'decisions.board_id',
          'decisions.number',
          'decisions.year',
          'decisions.language',
          'decisions.synthetic',
        ])
        .where('decision_paragraphs.kind', '=', 'operative');
      if (f.ids) q = q.where('decision_paragraphs.id', 'in', f.ids);
      if (f.year) q = q.where('decisions.year', '=', f.year);
      const rows = await q.execute();
      return rows.map((r) => ({
        type,
        id: r.id,
        boards: [r.board_id],
        year: r.year,
        ref: `Decision ${r.number} (${r.board_id}), para. ${r.paragraph_number ?? '-'}`,
        text: r.text.slice(0, MAX_TEXT),
        language: r.language,
        access: PUBLIC,
        synthetic: !!r.synthetic,
        extra: { decisionId: r.decision_id, decisionNumber: r.number, paragraphNumber: r.paragraph_number },
      }));
    }
    case 'recommendation': {
      let q = db
        .selectFrom('oversight_recommendations as r')
        .innerJoin('oversight_reviews as v', 'v.id', 'r.review_id')
        .select(['r.id', 'r.number', 'r.text', 'r.synthetic', 'v.title as review_title', 'v.year', 'v.issuing_body']);
      if (f.ids) q = q.where('r.id', 'in', f.ids);
      if (f.year) q = q.where('v.year', '=', f.year);
      const rows = await q.execute();
      if (!rows.length) return [];
      const boards = groupBoards(
        await db
          .selectFrom('oversight_addressees')
          .select(['recommendation_id as k', 'board_id'])
          .where('recommendation_id', 'in', rows.map((r) => r.id))
          .execute(),
      );
      return rows.map((r) => ({
        type,
        id: r.id,
        boards: boards.get(r.id) ?? [],
        year: r.year,
        ref: `${r.issuing_body} ${r.year}, recommendation ${r.number}`,
        text: r.text.slice(0, MAX_TEXT),
        language: 'en',
        access: PUBLIC,
        synthetic: !!r.synthetic,
      }));
    }
    case 'mandate': {
      let q = db
        .selectFrom('oversight_mandates as m')
        .leftJoin('decisions as d', 'd.id', 'm.decision_id')
        .select([
          'm.id',
          'm.board_id',
          'm.entity_id',
          'm.addressee_text',
          'm.verb',
          'm.deliverable',
          'm.due_session_type',
          'm.due_session_year',
          'm.status',
          'm.language',
          'm.span_text',
          'm.paragraph_number',
          'm.synthetic',
          'd.number as decision_number',
          'd.year as decision_year',
        ])
        .where('m.status', '!=', 'rejected');
      if (f.ids) q = q.where('m.id', 'in', f.ids);
      if (f.year) q = q.where((eb) => eb.or([eb('d.year', '=', f.year!), eb('m.due_session_year', '=', f.year!)]));
      const rows = await q.execute();
      return rows.map((r) => ({
        type,
        id: r.id,
        boards: [r.board_id],
        year: r.decision_year ?? r.due_session_year,
        ref: `Mandate${r.decision_number ? ` of decision ${r.decision_number}` : ''} (${r.board_id})${r.paragraph_number ? `, para. ${r.paragraph_number}` : ''}`,
        text: [r.deliverable, r.span_text ?? ''].join('\n').slice(0, MAX_TEXT),
        language: r.language,
        access: PUBLIC,
        synthetic: !!r.synthetic,
        extra: {
          entityId: r.entity_id,
          addressee: r.addressee_text,
          deliverable: r.deliverable,
          dueSessionType: r.due_session_type,
          dueSessionYear: r.due_session_year,
        },
      }));
    }
  }
}

export async function loadSubject(db: Kysely<DB>, type: SubjectType, id: string): Promise<Subject | null> {
  return (await loadSubjects(db, type, { ids: [id] }))[0] ?? null;
}

export function canReadSubject(actor: Actor, s: Subject): boolean {
  return canReadRecord(actor, s.access, s.boards, new Date().toISOString());
}

/** The subject's board when it has exactly one (stored beside tags for filtering). */
export function primaryBoard(s: Subject): string | null {
  return s.boards.length === 1 ? s.boards[0]! : null;
}
