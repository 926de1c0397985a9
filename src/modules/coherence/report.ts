// The yearly coherence report: the board × theme matrix, the findings of the year's latest
// analysis, overlapping meetings and the delegations whose meeting load exceeds their capacity.
// Rendered as HTML (escaped templating, src/web/html.ts), CSV (RFC 4180) and PDF (pdf-lib with the
// standard fonts: text outside Latin-1, e.g. Chinese, is replaced by "?" there; HTML and CSV keep it).
import { winAnsi } from '../../lib/pdf-text.js';
import { writeCsv } from '../../lib/csv.js';
import type { Kysely } from 'kysely';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { DB } from '../../db/schema.js';
import { html } from '../../web/html.js';
import type { Actor } from '../access/actor.js';
import { calendarSessions, delegationLoads, overlaps, type Overlap } from './calendar.js';
import { boardCode, FINDING_KINDS } from './findings.js';
import { presentFinding } from './presenters.js';
import { loadSubjects, type SubjectType } from './subjects.js';
import { MATRIX_TAGS } from './themes.js';

export interface MatrixCell {
  board: string;
  tag: string;
  confirmed: number;
  suggested: number;
}

/** Board × theme counts of tagged subjects in a year: confirmed by a person, and suggested only. */
export async function boardThemeMatrix(db: Kysely<DB>, year: number) {
  const boards = await db.selectFrom('boards').select(['id', 'code']).orderBy('id').execute();
  const columns = new Set(MATRIX_TAGS.map((t) => t.id));
  const confirmed = await db.selectFrom('coherence_tags').select(['subject_type', 'subject_id', 'board_id', 'tag']).where('year', '=', year).execute();
  const suggested = await db
    .selectFrom('coherence_tag_suggestions')
    .select(['subject_type', 'subject_id', 'board_id', 'tag'])
    .where('year', '=', year)
    .where('status', '=', 'suggested')
    .execute();
  // Subjects of several boards (joint sessions, recommendations to several boards) count for each.
  const unresolved = new Map<SubjectType, Set<string>>();
  for (const r of [...confirmed, ...suggested])
    if (!r.board_id && columns.has(r.tag)) {
      const set = unresolved.get(r.subject_type as SubjectType) ?? new Set();
      set.add(r.subject_id);
      unresolved.set(r.subject_type as SubjectType, set);
    }
  const boardsOf = new Map<string, string[]>();
  for (const [type, ids] of unresolved)
    for (const s of await loadSubjects(db, type, { ids: [...ids] })) boardsOf.set(`${type}/${s.id}`, s.boards);
  const cells = new Map<string, MatrixCell>();
  const bump = (r: { subject_type: string; subject_id: string; board_id: string | null; tag: string }, field: 'confirmed' | 'suggested') => {
    if (!columns.has(r.tag)) return;
    for (const b of r.board_id ? [r.board_id] : (boardsOf.get(`${r.subject_type}/${r.subject_id}`) ?? [])) {
      const key = `${b}|${r.tag}`;
      const c = cells.get(key) ?? { board: b, tag: r.tag, confirmed: 0, suggested: 0 };
      c[field]++;
      cells.set(key, c);
    }
  };
  for (const r of confirmed) bump(r, 'confirmed');
  for (const r of suggested) bump(r, 'suggested');
  return {
    year,
    boards: boards.map((b) => ({ id: b.id, code: b.code })),
    themes: MATRIX_TAGS.map((t) => ({ id: t.id, label: t.label, labelZh: t.labelZh })),
    cells: [...cells.values()].sort((a, b) => a.board.localeCompare(b.board) || a.tag.localeCompare(b.tag)),
  };
}

export type Matrix = Awaited<ReturnType<typeof boardThemeMatrix>>;

export async function buildCoherenceReport(db: Kysely<DB>, actor: Actor, year: number) {
  const run = await db.selectFrom('coherence_runs').selectAll().where('year', '=', year).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
  const findings = (
    await db.selectFrom('coherence_findings').selectAll().where('year', '=', year).orderBy('kind').orderBy('score', 'desc').orderBy('id').execute()
  ).map(presentFinding);
  const sessions = await calendarSessions(db, actor, { year });
  const loads = await delegationLoads(db, actor, { year, onlySmall: true, onlyKnown: true });
  const flagged = loads.filter((l) => l.flaggedWeeks > 0).sort((a, b) => b.flaggedWeeks - a.flaggedWeeks || b.peakHours - a.peakHours);
  return {
    year,
    generatedAt: new Date().toISOString(),
    analysis: run ? { id: run.id, at: run.created_at, counts: JSON.parse(run.counts_json) as Record<string, unknown> } : null,
    matrix: await boardThemeMatrix(db, year),
    findings: FINDING_KINDS.map((kind) => ({ kind, items: findings.filter((f) => f.kind === kind) })),
    calendar: { sessions: sessions.length, overlaps: overlaps(sessions) },
    load: {
      smallDelegations: loads.length,
      flagged: flagged.slice(0, 50).map((l) => ({
        memberStateId: l.memberStateId,
        name: l.name,
        people: l.people,
        memberOf: l.memberOf,
        flaggedWeeks: l.flaggedWeeks,
        peakHours: l.peakHours,
        weeks: l.weeks.filter((w) => w.overCapacity || w.cannotCoverParallel).map((w) => ({ week: w.week, hours: w.hours, parallel: w.parallel })),
      })),
      flaggedCount: flagged.length,
    },
  };
}

export type CoherenceReport = Awaited<ReturnType<typeof buildCoherenceReport>>;

const KIND_LABELS: Record<string, string> = {
  'near-duplicate': 'Near-duplicate or closely related items across boards',
  'duplicate-reporting': 'Duplicate reporting requests',
  'conflicting-deadlines': 'Conflicting deadlines on the same theme',
  'theme-gap': 'Cross-cutting themes not acted on by every board',
  'joint-agenda': 'Candidates for the joint meeting',
};

const overlapTitle = (o: Overlap) =>
  `${o.a.title} (${o.a.boardIds.map(boardCode).join(', ')}) and ${o.b.title} (${o.b.boardIds.map(boardCode).join(', ')}): ${o.days.length} day(s) from ${o.days[0]}`;

function cell(m: Matrix, board: string, tag: string) {
  return m.cells.find((c) => c.board === board && c.tag === tag);
}

export function renderCoherenceHtml(r: CoherenceReport): string {
  const m = r.matrix;
  const used = m.themes.filter((t) => m.cells.some((c) => c.tag === t.id));
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>Coherence report ${r.year}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 70rem; margin: 0 auto; padding: 1rem; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
td.n { text-align: right; }
.synthetic { color: #a33; font-weight: bold; }
.terms { color: #444; font-size: 0.9em; }
</style>
</head>
<body>
<h1>Coherence across the Executive Boards, ${r.year}</h1>
<p>Generated ${r.generatedAt}. ${r.analysis ? html`Analysis of ${r.analysis.at}.` : html`<strong>No analysis has been run for ${r.year} yet.</strong>`}
Records marked <span class="synthetic">synthetic</span> are invented demo data.</p>
<h2>Board × theme (${r.year})</h2>
<p>Subjects tagged with each theme: confirmed by a person + suggested by the model (not yet reviewed).</p>
${used.length
  ? html`<table><thead><tr><th scope="col">Theme</th>${m.boards.map((b) => html`<th scope="col">${b.code}</th>`)}</tr></thead><tbody>
${used.map(
  (t) => html`<tr><th scope="row">${t.label}</th>${m.boards.map((b) => {
    const c = cell(m, b.id, t.id);
    return html`<td class="n">${c ? `${c.confirmed} + ${c.suggested}` : '–'}</td>`;
  })}</tr>`,
)}</tbody></table>`
  : html`<p>No tagged subjects in ${r.year}.</p>`}
${r.findings.map(
  (g) => html`<h2>${KIND_LABELS[g.kind] ?? g.kind} (${g.items.length})</h2>
${g.items.length
  ? html`<table><thead><tr><th scope="col">Score</th><th scope="col">Boards</th><th scope="col">Finding</th><th scope="col">Shared terms</th></tr></thead><tbody>
${g.items.map(
  (f) => html`<tr><td class="n">${f.score.toFixed(2)}</td><td>${f.boardIds.map(boardCode).join(', ')}</td><td>${f.title}${f.synthetic ? html` <span class="synthetic">(synthetic)</span>` : ''}
<br /><small>${f.subjectA.ref}${f.subjectB ? html` — ${f.subjectB.ref}` : ''}</small></td><td class="terms">${f.sharedTerms.join('; ')}</td></tr>`,
)}</tbody></table>`
  : html`<p>None.</p>`}`,
)}
<h2>Overlapping meetings (${r.calendar.overlaps.length} of ${r.calendar.sessions} sessions)</h2>
${r.calendar.overlaps.length
  ? html`<ul>${r.calendar.overlaps.map((o) => html`<li>${overlapTitle(o)}${o.a.synthetic || o.b.synthetic ? html` <span class="synthetic">(synthetic)</span>` : ''}</li>`)}</ul>`
  : html`<p>None.</p>`}
<h2>Small delegations over capacity (${r.load.flaggedCount} of ${r.load.smallDelegations})</h2>
${r.load.flagged.length
  ? html`<table><thead><tr><th scope="col">Member state</th><th scope="col">People</th><th scope="col">Member of</th><th scope="col">Weeks flagged</th><th scope="col">Peak hours/week</th></tr></thead><tbody>
${r.load.flagged.map(
  (l) => html`<tr><td>${l.name}</td><td class="n">${l.people}</td><td>${l.memberOf.map(boardCode).join(', ') || 'observer only'}</td><td>${l.weeks.map((w) => `${w.week} (${w.hours} h, ${w.parallel} at once)`).join('; ')}</td><td class="n">${l.peakHours}</td></tr>`,
)}</tbody></table>`
  : html`<p>None.</p>`}
<p><small>Tagging model: keyword and query rules in English and Chinese; English SDG target rules from Aurora Universities Network, SDG queries v5 (CC BY 4.0). SDG texts: A/RES/70/1.</small></p>
</body>
</html>`.toString();
}

export const CSV_COLUMNS = ['section', 'kind', 'year', 'boards', 'score', 'title', 'subject_a', 'subject_b', 'tag', 'shared_terms', 'confirmed', 'suggested', 'synthetic'];

/** RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break. */
export function renderCoherenceCsv(r: CoherenceReport): string {
  const rows: unknown[][] = [];
  for (const c of r.matrix.cells)
    rows.push(['matrix', 'board-theme', r.year, c.board, '', r.matrix.themes.find((t) => t.id === c.tag)?.label ?? c.tag, '', '', c.tag, '', c.confirmed, c.suggested, '']);
  for (const g of r.findings)
    for (const f of g.items)
      rows.push(['finding', f.kind, r.year, f.boardIds.join(';'), f.score, f.title, f.subjectA.ref, f.subjectB?.ref ?? '', f.tag ?? '', f.sharedTerms.join('; '), '', '', f.synthetic ? 1 : 0]);
  for (const o of r.calendar.overlaps)
    rows.push(['calendar', 'overlap', r.year, o.boards.join(';'), o.days.length, overlapTitle(o), o.a.title, o.b.title, '', '', '', '', o.a.synthetic || o.b.synthetic ? 1 : 0]);
  for (const l of r.load.flagged)
    rows.push(['load', 'over-capacity', r.year, l.memberOf.join(';'), l.peakHours, `${l.name}: ${l.flaggedWeeks} week(s) over capacity`, l.memberStateId, '', '', l.weeks.map((w) => w.week).join('; '), '', '', '']);
  return writeCsv(CSV_COLUMNS, rows);
}

class Pdf {
  page!: PDFPage;
  y = 0;
  readonly margin = 45;
  constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage([841.89, 595.28]); // A4 landscape, for the matrix
    this.y = this.page.getHeight() - this.margin;
  }
  text(s: string, o: { size?: number; bold?: boolean; indent?: number; color?: [number, number, number] } = {}) {
    const size = o.size ?? 9;
    const font = o.bold ? this.bold : this.font;
    const indent = o.indent ?? 0;
    const width = this.page.getWidth() - 2 * this.margin - indent;
    const lines: string[] = [];
    let line = '';
    for (const w of winAnsi(s).split(' ')) {
      const next = line ? `${line} ${w}` : w;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        lines.push(line);
        line = w;
      } else line = next;
    }
    if (line) lines.push(line);
    for (const l of lines) {
      if (this.y < this.margin + size) this.newPage();
      this.page.drawText(l, { x: this.margin + indent, y: this.y - size, size, font, color: rgb(...(o.color ?? [0.1, 0.1, 0.1])) });
      this.y -= size * 1.35;
    }
  }
  row(cells: string[], widths: number[], o: { bold?: boolean } = {}) {
    const size = 8;
    if (this.y < this.margin + size) this.newPage();
    let x = this.margin;
    cells.forEach((c, i) => {
      let t = winAnsi(c);
      const font = o.bold ? this.bold : this.font;
      while (t.length > 1 && font.widthOfTextAtSize(t, size) > widths[i]! - 4) t = t.slice(0, -1);
      this.page.drawText(t, { x, y: this.y - size, size, font, color: rgb(0.1, 0.1, 0.1) });
      x += widths[i]!;
    });
    this.y -= size * 1.5;
  }
  gap(h = 6) {
    this.y -= h;
  }
}

export async function renderCoherencePdf(r: CoherenceReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Coherence report ${r.year}`);
  doc.setProducer('Concord');
  doc.setCreationDate(new Date(r.generatedAt));
  const p = new Pdf(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  p.text(`Coherence across the Executive Boards, ${r.year}`, { size: 16, bold: true });
  p.text(`Generated ${r.generatedAt}. ${r.analysis ? `Analysis of ${r.analysis.at}.` : 'No analysis has been run for this year yet.'} Records marked (synthetic) are invented demo data.`);
  p.gap(8);
  p.text('Board x theme (confirmed + suggested)', { size: 12, bold: true });
  const used = r.matrix.themes.filter((t) => r.matrix.cells.some((c) => c.tag === t.id));
  const widths = [260, ...r.matrix.boards.map(() => 110)];
  p.row(['Theme', ...r.matrix.boards.map((b) => b.code)], widths, { bold: true });
  for (const t of used)
    p.row([t.label, ...r.matrix.boards.map((b) => {
      const c = cell(r.matrix, b.id, t.id);
      return c ? `${c.confirmed} + ${c.suggested}` : '-';
    })], widths);
  for (const g of r.findings) {
    p.gap(8);
    p.text(`${KIND_LABELS[g.kind] ?? g.kind} (${g.items.length})`, { size: 12, bold: true });
    for (const f of g.items) {
      p.text(`[${f.score.toFixed(2)}] ${f.boardIds.map(boardCode).join(', ')}: ${f.title}${f.synthetic ? ' (synthetic)' : ''}`, { indent: 6 });
      if (f.sharedTerms.length) p.text(`Shared terms: ${f.sharedTerms.join('; ')}`, { indent: 18, size: 8, color: [0.35, 0.35, 0.35] });
    }
  }
  p.gap(8);
  p.text(`Overlapping meetings (${r.calendar.overlaps.length})`, { size: 12, bold: true });
  for (const o of r.calendar.overlaps) p.text(overlapTitle(o), { indent: 6 });
  p.gap(8);
  p.text(`Small delegations over capacity (${r.load.flaggedCount} of ${r.load.smallDelegations})`, { size: 12, bold: true });
  for (const l of r.load.flagged.slice(0, 40))
    p.text(`${l.name} (${l.people} people; ${l.memberOf.map(boardCode).join(', ') || 'observer only'}): ${l.weeks.map((w) => `${w.week} ${w.hours} h`).join('; ')}`, { indent: 6 });
  return doc.save();
}
