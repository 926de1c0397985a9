// The status report of one review, as HTML (escaped templating) and as PDF (pdf-lib, standard
// Helvetica). Both render the same model: the review's progress, then each recommendation with its
// addressees' acceptance and implementation, the actions of the plan and the decisions linked.
import { winAnsi } from '../../lib/pdf-text.js';
import type { Kysely } from 'kysely';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { DB } from '../../db/schema.js';
import { html } from '../../web/html.js';
import { getReview, recommendationDetail } from './queries.js';

export type ReviewReport = NonNullable<Awaited<ReturnType<typeof buildReviewReport>>>;

export async function buildReviewReport(db: Kysely<DB>, reviewId: string, asOf = new Date().toISOString().slice(0, 10)) {
  const review = await getReview(db, reviewId);
  if (!review) return undefined;
  const recIds = await db
    .selectFrom('oversight_recommendations')
    .select('id')
    .where('review_id', '=', reviewId)
    .orderBy('position')
    .execute();
  const recommendations = [];
  for (const r of recIds) recommendations.push((await recommendationDetail(db, r.id))!);
  const addressees = recommendations.flatMap((r) => r.addressees);
  const count = (f: (a: (typeof addressees)[number]) => boolean) => addressees.filter(f).length;
  return {
    asOf,
    review,
    totals: {
      recommendations: recommendations.length,
      addressees: addressees.length,
      accepted: count((a) => a.acceptance.status === 'accepted' || a.acceptance.status === 'partially-accepted'),
      notAccepted: count((a) => a.acceptance.status === 'not-accepted'),
      underConsideration: count((a) => a.acceptance.status === 'under-consideration'),
      implemented: count((a) => a.implementation.status === 'implemented'),
      inProgress: count((a) => a.implementation.status === 'in-progress'),
      overdueActions: recommendations
        .flatMap((r) => r.actions)
        .filter((x) => (x.status === 'not-started' || x.status === 'in-progress') && x.dueDate !== null && x.dueDate < asOf).length,
    },
    recommendations,
  };
}

const label = (s: string) => s.replace(/-/g, ' ');

export function renderReportHtml(r: ReviewReport): string {
  const synthetic = r.review.synthetic ? html` <strong class="synthetic">(synthetic demo record)</strong>` : '';
  const body = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Status report: ${r.review.title}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 62rem; margin: 0 auto; padding: 1rem; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
.bar { background: #e5e5e5; height: .6rem; width: 8rem; display: inline-block; }
.bar span { background: #0b5cad; height: 100%; display: block; }
.synthetic { color: #a33; }
section { border-top: 2px solid #0b5cad; margin-top: 1.5rem; }
</style>
</head>
<body>
<h1>Status report: ${r.review.title}${synthetic}</h1>
<p>${r.review.issuingBody}, ${r.review.year}${r.review.symbol ? html` — ${r.review.symbol}` : ''}. Issued ${r.review.issuedOn}. Report as of ${r.asOf}.</p>
<p>Overall progress (weighted): <strong>${r.review.progress}%</strong>
 <span class="bar" role="img" aria-label="${r.review.progress} per cent"><span style="width:${Math.round(r.review.progress)}%"></span></span></p>
<table>
<caption>Responses of all addressees</caption>
<tr><th>Recommendations</th><th>Addressees</th><th>Accepted (fully or partly)</th><th>Not accepted</th><th>Under consideration</th><th>Implemented</th><th>In progress</th><th>Overdue actions</th></tr>
<tr><td>${r.totals.recommendations}</td><td>${r.totals.addressees}</td><td>${r.totals.accepted}</td><td>${r.totals.notAccepted}</td><td>${r.totals.underConsideration}</td><td>${r.totals.implemented}</td><td>${r.totals.inProgress}</td><td>${r.totals.overdueActions}</td></tr>
</table>
${r.recommendations.map(
  (rec) => html`<section>
<h2>Recommendation ${rec.number} <small>(${label(rec.category)}, ${rec.priority} priority, progress ${rec.progress}%)</small></h2>
<p>${rec.text}</p>
${rec.intendedImpact ? html`<p><em>Intended impact:</em> ${rec.intendedImpact}</p>` : ''}
<table>
<tr><th>Addressee</th><th>Acceptance</th><th>Implementation</th><th>Progress</th></tr>
${rec.addressees.map(
  (a) => html`<tr><td>${a.label}</td>
<td>${label(a.acceptance.status)}${a.acceptance.on ? html` (${a.acceptance.on})` : ''}${a.acceptance.justification ? html`<br /><small>${a.acceptance.justification}</small>` : ''}</td>
<td>${label(a.implementation.status)}${a.implementation.on ? html` (${a.implementation.on})` : ''}${a.implementation.justification ? html`<br /><small>${a.implementation.justification}</small>` : ''}</td>
<td>${a.progress}%</td></tr>`,
)}
</table>
${rec.actions.length
  ? html`<table><caption>Implementation plan</caption>
<tr><th>Action</th><th>Owner</th><th>Due</th><th>Status</th><th>Progress</th><th>Evidence</th></tr>
${rec.actions.map(
  (x) => html`<tr><td>${x.title}</td><td>${x.owner}</td><td>${x.dueDate ?? (x.dueSession ? `${label(x.dueSession.type)} session ${x.dueSession.year}` : '—')}</td>
<td>${label(x.status)}</td><td>${x.progress}%</td>
<td>${x.evidence.map((e) => (e.url ? html`<a href="${e.url}">${e.title}</a> ` : html`${e.title} `))}</td></tr>`,
)}
</table>`
  : ''}
${rec.decisionLinks.length
  ? html`<p>Decisions: ${rec.decisionLinks.map((l) => html`${l.decisionNumber} (${l.boardId}${l.paragraphNumber ? `, para. ${l.paragraphNumber}` : ''}, ${label(l.relation)}) `)}</p>`
  : ''}
</section>`,
)}
</body>
</html>`;
  return body.toString();
}

class PdfWriter {
  page!: PDFPage;
  y = 0;
  readonly margin = 50;
  constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage([595.28, 841.89]); // A4
    this.y = this.page.getHeight() - this.margin;
  }
  text(s: string, opts: { size?: number; bold?: boolean; indent?: number; color?: [number, number, number] } = {}) {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.font;
    const indent = opts.indent ?? 0;
    const width = this.page.getWidth() - 2 * this.margin - indent;
    const words = winAnsi(s).split(' ');
    let line = '';
    const lines: string[] = [];
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        lines.push(line);
        line = w;
      } else line = next;
    }
    if (line) lines.push(line);
    for (const l of lines) {
      if (this.y < this.margin + size) this.newPage();
      this.page.drawText(l, {
        x: this.margin + indent,
        y: this.y - size,
        size,
        font,
        color: rgb(...(opts.color ?? [0.1, 0.1, 0.1])),
      });
      this.y -= size * 1.35;
    }
  }
  gap(h = 6) {
    this.y -= h;
  }
}

export async function renderReportPdf(r: ReviewReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(`Status report: ${r.review.title}`));
  doc.setProducer('Concord');
  doc.setCreationDate(new Date(`${r.asOf}T00:00:00Z`));
  const w = new PdfWriter(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  w.text(`Status report: ${r.review.title}`, { size: 16, bold: true });
  if (r.review.synthetic) w.text('Synthetic demo record', { size: 10, bold: true, color: [0.64, 0.2, 0.2] });
  w.text(
    `${r.review.issuingBody}, ${r.review.year}${r.review.symbol ? ` - ${r.review.symbol}` : ''}. Issued ${r.review.issuedOn}. Report as of ${r.asOf}.`,
  );
  w.gap();
  const t = r.totals;
  w.text(`Overall progress (weighted): ${r.review.progress}%`, { bold: true, size: 12 });
  w.text(
    `${t.recommendations} recommendations, ${t.addressees} addressees: ${t.accepted} accepted (fully or partly), ${t.notAccepted} not accepted, ${t.underConsideration} under consideration; ${t.implemented} implemented, ${t.inProgress} in progress; ${t.overdueActions} overdue actions.`,
  );
  for (const rec of r.recommendations) {
    w.gap(10);
    w.text(`Recommendation ${rec.number} (${label(rec.category)}, ${rec.priority} priority) - progress ${rec.progress}%`, { bold: true, size: 12 });
    w.text(rec.text);
    for (const a of rec.addressees) {
      w.text(
        `${a.label}: acceptance ${label(a.acceptance.status)}${a.acceptance.on ? ` (${a.acceptance.on})` : ''}; implementation ${label(a.implementation.status)}${a.implementation.on ? ` (${a.implementation.on})` : ''}; progress ${a.progress}%`,
        { indent: 12 },
      );
      if (a.acceptance.justification) w.text(`Acceptance: ${a.acceptance.justification}`, { indent: 24, size: 9 });
      if (a.implementation.justification) w.text(`Implementation: ${a.implementation.justification}`, { indent: 24, size: 9 });
    }
    for (const x of rec.actions)
      w.text(
        `- ${x.title} [${x.owner}; due ${x.dueDate ?? (x.dueSession ? `${label(x.dueSession.type)} session ${x.dueSession.year}` : '-')}; ${label(x.status)}, ${x.progress}%${x.evidence.length ? `; ${x.evidence.length} evidence item(s)` : ''}]`,
        { indent: 12, size: 9 },
      );
    if (rec.decisionLinks.length)
      w.text(`Decisions: ${rec.decisionLinks.map((l) => `${l.decisionNumber} (${l.boardId}, ${label(l.relation)})`).join('; ')}`, { indent: 12, size: 9 });
  }
  return doc.save();
}
