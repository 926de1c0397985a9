// Recommendations imported from a CSV file, in the API's two phases, from a review's page. The
// secretariat uploads the file: it is read as UTF-8 text and handed to the same previewImport
// command as POST /api/oversight/reviews/:id/imports, which checks every row against the data and
// stores the preview; the page shows what each row would do and its problems. A file without
// problems gets a Commit button, which runs commitImport (all rows or none). A file that cannot be
// read (too large, not text, not UTF-8, not CSV, unknown columns) comes back beside the file field,
// named, with the reason in the UI language; nothing is stored.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { errors, isAppError, type FieldError } from '../../lib/errors.js';
import { hasRole } from '../../modules/access/actor.js';
import { perm } from '../../modules/access/permissions.js';
import { commitImport } from '../../modules/oversight/commands/commitImport.js';
import { previewImport, type ImportResult } from '../../modules/oversight/commands/previewImport.js';
import { IMPORT_COLUMNS } from '../../modules/oversight/import-rows.js';
import { oversightPolicy } from '../../modules/oversight/policies.js';
import { getReview } from '../../modules/oversight/queries.js';
import { CATEGORIES, PRIORITIES } from '../../modules/oversight/schema.js';
import { ACCEPTANCE_STATUSES, IMPLEMENTATION_STATUSES } from '../../modules/oversight/workflow.js';
import { listBoards } from '../../modules/registry/queries.js';
import { pageContext, type PageContext } from '../context.js';
import { errorsByField, translateError, type FieldErrors } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { acceptUploads, uploadOf } from '../multipart.js';
import { errorPage } from './parts.js';
import { sendPage } from './oversight-mandates.js';

/** The API's limit on the CSV text (ImportPreviewIn). */
const MAX_BYTES = 2_000_000;
/** Rows listed in a preview; the counts cover the whole file. */
const SHOWN_ROWS = 200;

type Reason = 'empty' | 'binary' | 'encoding';

/** The file's text: UTF-8 (a BOM is dropped) or UTF-16 with its BOM; anything else is refused with a reason. */
export function decodeCsv(bytes: Buffer): { text: string } | { reason: Reason } {
  if (bytes.length === 0) return { reason: 'empty' };
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  // A spreadsheet (.xlsx is a zip) or another binary file holds NUL bytes; UTF-8 text never does.
  if (!utf16 && bytes.includes(0)) return { reason: 'binary' };
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { reason: 'encoding' };
  }
  if (!text.trim()) return { reason: 'empty' };
  return { text };
}

/** A file error of the import command, in the UI language (the command's English when unknown). */
function fileReason(ctx: PageContext, fe: FieldError): string {
  const r = ctx.t.oversightAdmin.reasons;
  const field = /^\/body\/csv\/(.+)$/.exec(fe.path)?.[1] ?? '';
  const line = /^line (\d+)$/.exec(field)?.[1];
  if (line) return r.malformed(line);
  if (fe.message === 'is not a known column') return r.unknownColumn(field);
  if (fe.message === 'column is required') return r.missingColumn(field);
  if (fe.message === 'repeats a column') return r.repeatedColumn;
  if (fe.message === 'the file is empty') return r.empty;
  if (fe.message === 'has a header but no rows') return r.noRows;
  return fe.message;
}

export function oversightImportRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  const reviewOf = async (id: string) => {
    const r = await getReview(db, id);
    if (!r) throw errors.notFound('Review', id);
    return r;
  };
  const path = (reviewId: string) => `/oversight/reviews/${reviewId}/import`;

  /** The columns of the file with what each holds and the values it accepts. */
  const columnsTable = async (ctx: PageContext): Promise<SafeHtml> => {
    const o = ctx.t.oversightAdmin;
    const boards = (await listBoards(db)).filter((b) => hasRole(ctx.actor, 'secretariat', b.id));
    const addressees = [...boards.map((b) => `board:${b.id}`), ...boards.flatMap((b) => b.entityIds.map((e) => `head:${e}`))];
    const values: Partial<Record<(typeof IMPORT_COLUMNS)[number], readonly string[]>> = {
      category: CATEGORIES,
      priority: PRIORITIES,
      addressee: addressees,
      acceptance: ACCEPTANCE_STATUSES,
      implementation: IMPLEMENTATION_STATUSES,
    };
    return html`<section aria-labelledby="columns"><h2 id="columns">${o.columnsHeading}</h2><p>${o.columnsIntro}</p>
<div class="table-scroll"><table><caption class="vh">${o.columnsHeading}</caption>
<thead><tr><th scope="col">${o.column}</th><th scope="col">${o.meaning}</th><th scope="col">${o.values}</th></tr></thead>
<tbody>${IMPORT_COLUMNS.map((c) => html`<tr><th scope="row"><code>${c}</code></th><td>${o.columns[c]}</td><td>${values[c] ? html`<span dir="ltr">${values[c].map((v, i) => html`${i ? ', ' : ''}<code>${v}</code>`)}</span>` : ''}</td></tr>`)}</tbody></table></div></section>`;
  };

  const previewSection = (ctx: PageContext, reviewId: string, fileName: string, p: ImportResult): SafeHtml => {
    const { t, f } = ctx;
    const o = t.oversightAdmin;
    const withProblems = p.rows.filter((r) => r.errors.length);
    const shown = [...withProblems, ...p.rows.filter((r) => !r.errors.length)].slice(0, SHOWN_ROWS).sort((a, b) => a.row - b.row);
    const list = (items: SafeHtml[]) => (items.length ? html`<ul class="plain">${items.map((i) => html`<li>${i}</li>`)}</ul>` : o.none);
    return html`<section aria-labelledby="preview"><h2 id="preview">${o.previewHeading(fileName)}</h2>
<p class="notice">${o.nothingChanged}</p>
<ul class="plain"><li>${o.rowsFound}: ${f.number(p.rowCount)}</li><li>${o.rowsWithProblems}: ${f.number(withProblems.length)}</li></ul>
<div class="table-scroll"><table><caption class="vh">${o.previewHeading(fileName)}</caption>
<thead><tr><th scope="col">${o.line}</th><th scope="col">${o.recommendation}</th><th scope="col">${t.oversight.addressee}</th><th scope="col">${o.effects}</th><th scope="col">${o.problems}</th></tr></thead>
<tbody>${shown.map(
      (r) => html`<tr><th scope="row">${f.number(r.row)}</th><td>${r.number ?? ''}</td><td dir="ltr">${r.addressee ?? ''}</td><td lang="en">${list(r.effects.map((e) => html`${e}`))}</td>
<td lang="en">${list(r.errors.map((e) => html`<code>${e.field}</code>: ${e.message}`))}</td></tr>`,
    )}</tbody></table></div>
${p.rows.length > shown.length ? html`<p>${o.moreRows(f.number(p.rows.length - shown.length))}</p>` : ''}
${
  p.errorCount
    ? html`<p><strong>${o.fixFirst}</strong></p>`
    : html`<h3>${o.commit}</h3><p>${o.commitHint}</p><form method="post" action="/oversight/reviews/${reviewId}/imports/${p.id}/commit"><input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}"><button type="submit">${o.commit}</button></form>`
}
</section>`;
  };

  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    review: { id: string; title: string },
    opts: { errors?: FieldErrors | null; preview?: { fileName: string; result: ImportResult }; status?: number } = {},
  ) => {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const o = t.oversightAdmin;
    const e: FieldErrors = opts.errors ?? new Map();
    const general = e.get('') ?? [];
    const fileErrors = e.get('file') ?? [];
    const describedBy = ['f-file-hint', fileErrors.length ? 'f-file-error' : ''].filter(Boolean).join(' ');
    const body = html`<p><a href="/oversight/reviews/${review.id}">${review.title}</a></p><h1>${o.importTitle}</h1><p>${o.importIntro}</p>
${e.size ? html`<div class="alert" role="alert" tabindex="-1" id="form-errors"><p>${t.forms.errorSummary}</p>${general.length ? html`<ul>${general.map((m) => html`<li>${translateError(ctx, m)}</li>`)}</ul>` : ''}</div>` : ''}
${opts.preview ? previewSection(ctx, review.id, opts.preview.fileName, opts.preview.result) : ''}
${opts.preview ? html`<h2>${o.checkFile}</h2>` : ''}
<form method="post" action="${path(review.id)}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">
<div class="field${fileErrors.length ? ' invalid' : ''}"><label for="f-file">${o.file}</label><span class="hint" id="f-file-hint">${o.fileHint(ctx.f.number(MAX_BYTES / 1_000_000))}</span>
<input type="file" id="f-file" name="file" accept=".csv,text/csv" required aria-describedby="${describedBy}"${fileErrors.length ? html` aria-invalid="true"` : ''}>
${fileErrors.length ? html`<p class="error" id="f-file-error">${fileErrors.map((m) => translateError(ctx, m)).join('; ')}</p>` : ''}</div>
<button type="submit">${o.preview}</button>
</form>
${await columnsTable(ctx)}`;
    return sendPage(reply, ctx, o.importTitle, body, opts.status ?? 200);
  };

  /** An HTML 403/404 for a refused or missing record; other errors go on. */
  const refused = (e: unknown, req: FastifyRequest, reply: FastifyReply) =>
    isAppError(e) && (e.status === 403 || e.status === 404) ? reply.code(e.status).type('text/html; charset=utf-8').send(errorPage(pageContext(req, reply), e.status)) : undefined;

  void app.register(async (scope) => {
    acceptUploads(scope, perm.secretariat, MAX_BYTES);

    scope.get<{ Params: { id: string } }>('/oversight/reviews/:id/import', { schema: { hide: true }, config: { permission: perm.secretariat } }, async (req, reply) => {
      try {
        const review = await reviewOf(req.params.id);
        oversightPolicy.manageReviews(req.actor);
        return await render(req, reply, review);
      } catch (e) {
        const sent = refused(e, req, reply);
        if (sent) return sent;
        throw e;
      }
    });

    scope.post<{ Params: { id: string } }>('/oversight/reviews/:id/import', { schema: { hide: true }, config: { permission: perm.secretariat } }, async (req, reply) => {
      const ctx = pageContext(req, reply);
      let review: { id: string; title: string } | undefined;
      try {
        review = await reviewOf(req.params.id);
        oversightPolicy.manageReviews(ctx.actor);
        const { upload } = uploadOf(req.body);
        if (!upload) throw errors.validation([{ path: '/body/file', message: 'is required', code: 'required' }]);
        const reject = (...reasons: string[]) => errors.validation(reasons.map((r) => ({ path: '/body/file', message: `${upload.name}: ${r}` })));
        const reasons = ctx.t.oversightAdmin.reasons;
        if ('tooLarge' in upload) throw reject(reasons['too-large']);
        const decoded = decodeCsv(upload.bytes);
        if ('reason' in decoded) throw reject(reasons[decoded.reason]);
        let result: ImportResult;
        try {
          result = await previewImport(db, ctx.actor, { reviewId: review.id, csv: decoded.text });
        } catch (e) {
          // The file itself is unreadable (CSV syntax, columns): nothing was stored.
          if (isAppError(e) && e.status === 400 && e.errors.some((x) => x.path.startsWith('/body/csv'))) throw reject(...e.errors.map((x) => fileReason(ctx, x)));
          throw e;
        }
        return await render(req, reply, review, { preview: { fileName: upload.name, result } });
      } catch (e) {
        const sent = refused(e, req, reply);
        if (sent) return sent;
        const errs = errorsByField(e, [{ name: 'file', label: '', kind: 'text' }]);
        if (!errs || !review) throw e;
        return render(req, reply, review, { errors: errs, status: 400 });
      }
    });
  });

  app.post<{ Params: { id: string; importId: string } }>(
    '/oversight/reviews/:id/imports/:importId/commit',
    { schema: { hide: true }, config: { permission: perm.secretariat } },
    async (req, reply) => {
      const ctx = pageContext(req, reply);
      let review: { id: string; title: string } | undefined;
      try {
        review = await reviewOf(req.params.id);
        const result = await commitImport(db, ctx.actor, req.params.importId);
        return reply.redirect(`/oversight/reviews/${result.reviewId}#o-recs`, 303);
      } catch (e) {
        const sent = refused(e, req, reply);
        if (sent) return sent;
        if (!review || !isAppError(e) || e.status !== 409) throw e;
        // The data changed since the preview (or the import was committed already): say so, list the rows.
        const o = ctx.t.oversightAdmin;
        const done = e.errors.some((x) => x.path === '/params/id');
        const rows = e.errors.filter((x) => x.path.startsWith('/csv/')).map((x) => ({ ...x, path: '', message: `${x.path.replace(/^\/csv\/(row\/)?/, '').replace(/\//g, ' ')}: ${x.message}` }));
        const errs: FieldErrors = new Map([['', [{ path: '', message: done ? o.alreadyCommitted : o.commitFailed }, ...rows]]]);
        return render(req, reply, review, { errors: errs, status: 409 });
      }
    },
  );
}
