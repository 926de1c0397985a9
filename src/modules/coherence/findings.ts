// Findings across boards for one year, each with its evidence:
//   near-duplicate         two items of different boards (decisions, agenda items, operative
//                          paragraphs, mandates, recommendations) that say nearly the same thing,
//                          in the same or another language (MinHash + LSH, verified by Jaccard)
//   duplicate-reporting    two boards request the same report (the same entity, or a closely
//                          matching deliverable) — from oversight mandates, and from "requests …
//                          to report" operative paragraphs that have no mandate record yet
//   conflicting-deadlines  reporting requests on the same theme due at different sessions
//   theme-gap              a cross-cutting theme some boards acted on (a decision, operative
//                          paragraph or mandate tagged with it) and the others did not
//   joint-agenda           the same theme on the agenda of several boards: a candidate for the
//                          joint meeting
// Analyses use public records only.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isCjk } from '../../search/tokenize.js';
import { BOARDS, ENTITIES } from '../registry/data/reference.js';
import { extractMandates } from '../oversight/mandate-extraction.js';
import { featureStore, nearDuplicates } from './minhash.js';
import { termHashes, termLabel, textTerms } from './similarity.js';
import { suggestTags } from './tagger.js';
import { TAG_BY_ID, THEME_TAGS } from './themes.js';
import { loadSubjects, type Subject, type SubjectType } from './subjects.js';

export const FINDING_KINDS = ['near-duplicate', 'duplicate-reporting', 'conflicting-deadlines', 'theme-gap', 'joint-agenda'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface SubjectRef {
  type: SubjectType;
  id: string;
  ref: string;
  boards: string[];
  synthetic: boolean;
}

export interface FindingDraft {
  kind: FindingKind;
  score: number;
  boards: string[];
  a: SubjectRef;
  b: SubjectRef | null;
  tag: string | null;
  title: string;
  sharedTerms: string[];
  evidence: Record<string, unknown>;
}

export interface AnalysisOptions {
  /** Jaccard threshold on terms for near-duplicates (same language). */
  similarity: number;
  /** Jaccard threshold on concepts for items in different languages. */
  crossLanguageSimilarity: number;
  /** Jaccard threshold on deliverable terms for duplicate reporting requests. */
  reportingSimilarity: number;
  /** Tag suggestions at or above this score count as "acted on" / "on the agenda". */
  tagMinScore: number;
}

export const DEFAULT_ANALYSIS: AnalysisOptions = {
  similarity: 0.4,
  crossLanguageSimilarity: 0.5,
  reportingSimilarity: 0.3,
  tagMinScore: 0.5,
};

const BOARD_CODE = new Map<string, string>(BOARDS.map((b) => [b.id, b.code]));
const ENTITY_CODE = new Map<string, string>(ENTITIES.map((e) => [e.id, e.code]));
export const boardCode = (id: string) => BOARD_CODE.get(id) ?? id;
const round = (x: number) => Math.round(x * 1000) / 1000;

// Concepts every board text mentions; they say nothing about whether two texts match.
const GENERIC_CONCEPTS = new Set(
  ['executive-board', 'requests', 'report', 'session', 'annual-session', 'first-regular-session', 'second-regular-session', 'decision', 'member-states', 'secretariat', 'executive-director', 'administrator', 'agenda', 'development', 'implementation', 'progress', 'information', 'undp', 'unfpa', 'unops', 'unicef', 'un-women', 'wfp'].map((c) => `c:${c}`),
);

const refOf = (s: Subject): SubjectRef => ({ type: s.type, id: s.id, ref: s.ref, boards: s.boards, synthetic: s.synthetic });
const disjoint = (a: string[], b: string[]) => a.length > 0 && b.length > 0 && !a.some((x) => b.includes(x));
const languageOf = (s: Subject) => (isCjk(s.text) ? 'zh' : 'en');

/** Tags per subject ("type/id" -> tag -> score): confirmed tags count as 1. */
export type TagIndex = Map<string, Map<string, number>>;

export async function loadTagIndex(db: Kysely<DB>, year: number, minScore: number): Promise<TagIndex> {
  const idx: TagIndex = new Map();
  const put = (type: string, id: string, tag: string, score: number) => {
    const key = `${type}/${id}`;
    const m = idx.get(key) ?? new Map<string, number>();
    m.set(tag, Math.max(score, m.get(tag) ?? 0));
    idx.set(key, m);
  };
  const sugg = await db
    .selectFrom('coherence_tag_suggestions')
    .select(['subject_type', 'subject_id', 'tag', 'score'])
    .where('year', '=', year)
    .where('status', '!=', 'rejected')
    .where('score', '>=', minScore)
    .execute();
  for (const s of sugg) put(s.subject_type, s.subject_id, s.tag, s.score);
  const conf = await db.selectFrom('coherence_tags').select(['subject_type', 'subject_id', 'tag']).where('year', '=', year).execute();
  for (const c of conf) put(c.subject_type, c.subject_id, c.tag, 1);
  return idx;
}

// ---------------------------------------------------------------------------------------------
// Near-duplicates

function nearDuplicateFindings(subjects: Subject[], opts: AnalysisOptions): FindingDraft[] {
  const items = subjects
    .filter((s) => s.boards.length > 0)
    .map((s) => {
      const terms = textTerms(s.text);
      return { s, terms, concepts: terms.filter((t) => t.startsWith('c:') && !GENERIC_CONCEPTS.has(t)), lang: languageOf(s) };
    })
    .filter((x) => x.terms.length >= 3);
  if (items.length < 2) return [];
  const keep = (i: number, j: number) => disjoint(items[i]!.s.boards, items[j]!.s.boards);
  const found = new Map<string, FindingDraft>();
  const add = (i: number, j: number, score: number, shared: string[], basis: string) => {
    const [x, y] = items[i]!.s.id < items[j]!.s.id ? [items[i]!, items[j]!] : [items[j]!, items[i]!];
    const key = `${x.s.type}/${x.s.id}|${y.s.type}/${y.s.id}`;
    if (found.has(key) && found.get(key)!.score >= score) return;
    found.set(key, {
      kind: 'near-duplicate',
      score: round(score),
      boards: [...new Set([...x.s.boards, ...y.s.boards])].sort(),
      a: refOf(x.s),
      b: refOf(y.s),
      tag: null,
      title: `${x.s.ref} and ${y.s.ref} are ${score >= 0.8 ? 'near duplicates' : 'closely related'}${x.lang !== y.lang ? ` (${x.lang}/${y.lang})` : ''}`,
      sharedTerms: shared.map(termLabel).slice(0, 30),
      evidence: { basis, languages: [x.lang, y.lang], textA: x.s.text.slice(0, 600), textB: y.s.text.slice(0, 600) },
    });
  };
  // Same language: all terms. Across languages: the concepts both texts name.
  const full = featureStore(items.map((x) => termHashes(x.terms)));
  for (const p of nearDuplicates(full, { threshold: opts.similarity, keep }).pairs) {
    const a = items[p.i]!;
    const b = items[p.j]!;
    add(p.i, p.j, p.jaccard, a.terms.filter((t) => b.terms.includes(t)), 'terms');
  }
  const concepts = featureStore(items.map((x) => termHashes(x.concepts)));
  const crossKeep = (i: number, j: number) => keep(i, j) && items[i]!.lang !== items[j]!.lang;
  for (const p of nearDuplicates(concepts, { threshold: opts.crossLanguageSimilarity, keep: crossKeep }).pairs) {
    const a = items[p.i]!;
    const b = items[p.j]!;
    const shared = a.concepts.filter((t) => b.concepts.includes(t));
    if (shared.length >= 3) add(p.i, p.j, p.jaccard, shared, 'concepts across languages');
  }
  return [...found.values()];
}

// ---------------------------------------------------------------------------------------------
// Reporting requests

export interface ReportingRequest {
  subject: Subject;
  board: string;
  entityId: string | null;
  addressee: string;
  deliverable: string;
  due: { type: string; year: number } | null;
  dueOn: string | null;
  source: 'mandate' | 'operative-paragraph';
  terms: string[];
  tags: Map<string, number>;
}

const USUAL_MONTH: Record<string, string> = {
  'first-regular': '02-01',
  'joint-meeting': '05-31',
  annual: '06-01',
  'second-regular': '09-01',
};

/** When a due session falls: the scheduled session of that board if known, else its usual month. */
async function dueDates(db: Kysely<DB>): Promise<(board: string, type: string, year: number) => string | null> {
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('session_boards', 'session_boards.session_id', 'sessions.id')
    .select(['session_boards.board_id', 'sessions.type', 'sessions.year', 'sessions.start_date'])
    .execute();
  const m = new Map(rows.map((r) => [`${r.board_id}|${r.type}|${r.year}`, r.start_date]));
  return (board, type, year) => m.get(`${board}|${type}|${year}`) ?? (USUAL_MONTH[type] ? `${year}-${USUAL_MONTH[type]}` : null);
}

export async function reportingRequests(db: Kysely<DB>, year: number, tagIndex: TagIndex, opts: AnalysisOptions): Promise<ReportingRequest[]> {
  const dueOn = await dueDates(db);
  const mandates = await loadSubjects(db, 'mandate', { year, publicOnly: true });
  const paragraphs = await loadSubjects(db, 'decision-paragraph', { year, publicOnly: true });
  const covered = new Set(
    (await db.selectFrom('oversight_mandates').select(['decision_id', 'paragraph_number']).where('decision_id', 'is not', null).execute()).map(
      (m) => `${m.decision_id}|${m.paragraph_number ?? ''}`,
    ),
  );
  const tagsFor = (s: Subject, text: string) => {
    const m = new Map(tagIndex.get(`${s.type}/${s.id}`) ?? []);
    for (const sg of suggestTags(text, { minScore: opts.tagMinScore })) m.set(sg.tag, Math.max(sg.score, m.get(sg.tag) ?? 0));
    return m;
  };
  const out: ReportingRequest[] = [];
  for (const s of mandates) {
    const x = s.extra as { entityId: string | null; addressee: string; deliverable: string; dueSessionType: string | null; dueSessionYear: number | null };
    const due = x.dueSessionType && x.dueSessionYear ? { type: x.dueSessionType, year: x.dueSessionYear } : null;
    out.push({
      subject: s,
      board: s.boards[0]!,
      entityId: x.entityId,
      addressee: x.addressee,
      deliverable: x.deliverable,
      due,
      dueOn: due ? dueOn(s.boards[0]!, due.type, due.year) : null,
      source: 'mandate',
      terms: textTerms(x.deliverable).filter((t) => !GENERIC_CONCEPTS.has(t)),
      tags: tagsFor(s, s.text),
    });
  }
  for (const s of paragraphs) {
    const x = s.extra as { decisionId: string; paragraphNumber: string | null };
    if (covered.has(`${x.decisionId}|${x.paragraphNumber ?? ''}`)) continue;
    for (const m of extractMandates(s.text, { language: s.language ?? undefined, boardId: s.boards[0] })) {
      if (!/report|present|submit|brief|update|inform|报告|提交|介绍/i.test(m.verb)) continue;
      out.push({
        subject: s,
        board: s.boards[0]!,
        entityId: m.entityId,
        addressee: m.addresseeText,
        deliverable: m.deliverable,
        due: m.dueSession,
        dueOn: m.dueSession ? dueOn(s.boards[0]!, m.dueSession.type, m.dueSession.year) : null,
        source: 'operative-paragraph',
        terms: textTerms(m.deliverable).filter((t) => !GENERIC_CONCEPTS.has(t)),
        tags: tagsFor(s, s.text),
      });
    }
  }
  return out;
}

function termJaccard(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const sb = new Set(b);
  const inter = a.filter((t) => sb.has(t)).length;
  return inter / (new Set([...a, ...b]).size);
}

const dueLabel = (r: ReportingRequest) => (r.due ? `${r.due.type} session ${r.due.year}` : 'no session given');
const entityLabel = (id: string | null) => (id ? (ENTITY_CODE.get(id) ?? id) : 'unspecified');

function reportingFindings(reqs: ReportingRequest[], opts: AnalysisOptions): FindingDraft[] {
  const out: FindingDraft[] = [];
  const seenDup = new Set<string>();
  const seenDeadline = new Set<string>();
  for (let i = 0; i < reqs.length; i++)
    for (let j = i + 1; j < reqs.length; j++) {
      const a = reqs[i]!;
      const b = reqs[j]!;
      if (a.board === b.board) continue;
      const pairKey = [a.subject.id, b.subject.id].sort().join('|');
      const sim = termJaccard(a.terms, b.terms);
      const sameEntity = !!a.entityId && a.entityId === b.entityId;
      const sharedTags = [...a.tags.keys()].filter((t) => b.tags.has(t) && TAG_BY_ID.get(t)?.kind !== 'sdg-target');
      const evidence = {
        requests: [a, b].map((r) => ({
          board: r.board,
          entity: entityLabel(r.entityId),
          addressee: r.addressee,
          deliverable: r.deliverable,
          due: dueLabel(r),
          dueOn: r.dueOn,
          source: r.source,
          ref: r.subject.ref,
        })),
        deliverableSimilarity: round(sim),
        sameEntity,
      };
      const shared = a.terms.filter((t) => b.terms.includes(t));
      if ((sim >= opts.reportingSimilarity || (sameEntity && sim >= opts.reportingSimilarity / 2)) && !seenDup.has(pairKey)) {
        seenDup.add(pairKey);
        out.push({
          kind: 'duplicate-reporting',
          score: round(Math.min(1, sim + (sameEntity ? 0.2 : 0))),
          boards: [a.board, b.board].sort(),
          a: refOf(a.subject),
          b: refOf(b.subject),
          tag: sharedTags[0] ?? null,
          title: sameEntity
            ? `${boardCode(a.board)} and ${boardCode(b.board)} both ask ${entityLabel(a.entityId)} to report on the same subject`
            : `${boardCode(a.board)} and ${boardCode(b.board)} request the same report (${entityLabel(a.entityId)}, ${entityLabel(b.entityId)})`,
          sharedTerms: shared.map(termLabel),
          evidence,
        });
      }
      if (a.dueOn && b.dueOn && a.dueOn !== b.dueOn && sharedTags.length && !seenDeadline.has(pairKey)) {
        seenDeadline.add(pairKey);
        const best = sharedTags.sort((x, y) => Math.min(b.tags.get(y)!, a.tags.get(y)!) - Math.min(b.tags.get(x)!, a.tags.get(x)!))[0]!;
        const months = Math.round(Math.abs(Date.parse(a.dueOn) - Date.parse(b.dueOn)) / (30.44 * 864e5));
        out.push({
          kind: 'conflicting-deadlines',
          score: round(Math.min(a.tags.get(best)!, b.tags.get(best)!) * (sameEntity ? 1 : 0.8)),
          boards: [a.board, b.board].sort(),
          a: refOf(a.subject),
          b: refOf(b.subject),
          tag: best,
          title: `${TAG_BY_ID.get(best)?.label ?? best}: ${boardCode(a.board)} wants a report at its ${dueLabel(a)}, ${boardCode(b.board)} at its ${dueLabel(b)} (${months} months apart)`,
          sharedTerms: [...sharedTags.map((t) => TAG_BY_ID.get(t)?.label ?? t), ...shared.map(termLabel)],
          evidence: { ...evidence, monthsApart: months, sharedTags },
        });
      }
    }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Themes across boards

function themeGapFindings(acting: Subject[], tagIndex: TagIndex, allBoards: string[]): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const theme of THEME_TAGS) {
    const byBoard = new Map<string, { s: Subject; score: number }[]>();
    for (const s of acting) {
      const score = tagIndex.get(`${s.type}/${s.id}`)?.get(theme.id);
      if (score === undefined) continue;
      for (const b of s.boards) byBoard.set(b, [...(byBoard.get(b) ?? []), { s, score }]);
    }
    const acted = [...byBoard.keys()].sort();
    if (acted.length === 0 || acted.length >= allBoards.length) continue;
    const missing = allBoards.filter((b) => !acted.includes(b));
    const first = [...byBoard.values()][0]!.sort((x, y) => y.score - x.score)[0]!;
    out.push({
      kind: 'theme-gap',
      score: round(1 - (acted.length - 1) / Math.max(1, allBoards.length - 1)),
      boards: acted,
      a: refOf(first.s),
      b: null,
      tag: theme.id,
      title: `${theme.label}: acted on by ${acted.map(boardCode).join(', ')}${acted.length === 1 ? ' only' : ''}; not by ${missing.map(boardCode).join(', ')}`,
      sharedTerms: [theme.label],
      evidence: {
        acted: Object.fromEntries([...byBoard].map(([b, xs]) => [b, xs.map((x) => ({ ref: x.s.ref, type: x.s.type, id: x.s.id, score: x.score }))])),
        notActed: missing,
      },
    });
  }
  return out;
}

function jointAgendaFindings(items: Subject[], tagIndex: TagIndex): FindingDraft[] {
  const out: FindingDraft[] = [];
  const agenda = items.filter((s) => s.boards.length === 1 && (s.extra as { sessionType?: string }).sessionType !== 'joint-meeting');
  for (const theme of [...THEME_TAGS, ...[...TAG_BY_ID.values()].filter((t) => t.kind === 'sdg-goal')]) {
    const hits = agenda
      .map((s) => ({ s, score: tagIndex.get(`${s.type}/${s.id}`)?.get(theme.id) }))
      .filter((x): x is { s: Subject; score: number } => x.score !== undefined);
    const boards = [...new Set(hits.map((h) => h.s.boards[0]!))].sort();
    if (boards.length < 2) continue;
    hits.sort((x, y) => y.score - x.score);
    const a = hits[0]!;
    const b = hits.find((h) => h.s.boards[0] !== a.s.boards[0])!;
    out.push({
      kind: 'joint-agenda',
      score: round((boards.length / 4) * Math.min(a.score, b.score)),
      boards,
      a: refOf(a.s),
      b: refOf(b.s),
      tag: theme.id,
      title: `${theme.label} is on the agenda of ${boards.map(boardCode).join(', ')}: a candidate for the joint meeting`,
      sharedTerms: [theme.label],
      evidence: {
        items: hits.map((h) => ({
          board: h.s.boards[0],
          ref: h.s.ref,
          id: h.s.id,
          title: (h.s.extra as { title?: string }).title ?? h.s.ref,
          sessionStart: (h.s.extra as { startDate?: string }).startDate ?? null,
          score: h.score,
        })),
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** The subject types whose suggestions an analysis refreshes before it looks for findings. */
export const ANALYSED_TYPES: SubjectType[] = ['decision', 'decision-paragraph', 'agenda-item', 'mandate', 'recommendation'];

export async function analysisSubjects(db: Kysely<DB>, year: number): Promise<Record<SubjectType, Subject[]>> {
  const out = {} as Record<SubjectType, Subject[]>;
  for (const t of ANALYSED_TYPES) out[t] = await loadSubjects(db, t, { year, publicOnly: true });
  return out;
}

export async function computeFindings(
  db: Kysely<DB>,
  year: number,
  subjects: Record<SubjectType, Subject[]>,
  opts: AnalysisOptions = DEFAULT_ANALYSIS,
): Promise<FindingDraft[]> {
  const tagIndex = await loadTagIndex(db, year, opts.tagMinScore);
  const boards = (await db.selectFrom('boards').select('id').orderBy('id').execute()).map((b) => b.id);
  const findings: FindingDraft[] = [
    // Whole items against whole items, paragraphs against paragraph-sized items.
    ...nearDuplicateFindings([...(subjects.decision ?? []), ...(subjects['agenda-item'] ?? [])], opts),
    ...nearDuplicateFindings([...(subjects['decision-paragraph'] ?? []), ...(subjects.mandate ?? []), ...(subjects.recommendation ?? [])], opts),
    ...reportingFindings(await reportingRequests(db, year, tagIndex, opts), opts),
    ...themeGapFindings([...(subjects.decision ?? []), ...(subjects['decision-paragraph'] ?? []), ...(subjects.mandate ?? [])], tagIndex, boards),
    ...jointAgendaFindings(subjects['agenda-item'] ?? [], tagIndex),
  ];
  return findings.sort((a, b) => FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind) || b.score - a.score || a.title.localeCompare(b.title));
}

