// Document import in the browser, in the API's two phases: the secretariat uploads a file (.txt,
// .pdf, .docx, .html) and sees what was found — title, date, symbol, paragraphs and the warnings
// per paragraph — with nothing stored; then commits, choosing the same file again: the preview's
// hash goes along, as the API's expectedHash, so only the file previewed is imported. A rejected
// file (empty, binary, encrypted, too large...) comes back beside the file field, named, with the
// reason in the UI language.
//
// The body is read by this scope's bounded multipart parser (web/multipart.ts, shared with the
// oversight CSV import), so that the CSRF check sees the form's `_csrf` field.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { Id, LANGUAGES, StringEnum } from '../../http/schemas.js';
import type { Language } from '../../ingest/enrich.js';
import { prepareImport, type ImportPreview } from '../../ingest/pipeline.js';
import { IngestError, type IngestFailure } from '../../ingest/read.js';
import { errors, isAppError } from '../../lib/errors.js';
import { hasRole } from '../../modules/access/actor.js';
import { perm } from '../../modules/access/permissions.js';
import { requireAnyRole } from '../../modules/access/policy.js';
import { ACCESS_LEVELS } from '../../modules/access/visibility.js';
import { importDocument } from '../../modules/documents/commands/importDocument.js';
import { documentPolicy } from '../../modules/documents/policies.js';
import { DOCUMENT_TYPES } from '../../modules/documents/schema.js';
import { ingestMaxBytes } from '../../modules/ingest/routes.js';
import { listBoards } from '../../modules/registry/queries.js';
import { listSessions } from '../../modules/sessions/queries.js';
import { pageContext, type PageContext } from '../context.js';
import { errorsByField, list, str, translateError, validate, type FieldErrors, type FormValues } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { boardName, label, themeLabel } from '../labels.js';
import { layout } from '../layout.js';
import { acceptUploads, parseMultipart, uploadOf } from '../multipart.js';
import { errorPage, ownLanguage, speakerText } from './parts.js';
import { direction } from '../i18n/index.js';

const PATH = '/secretariat/documents/import';
// The parser lives in web/multipart.ts (shared with the oversight CSV import); exported here as before.
export { parseMultipart };

const ImportFields = Type.Object(
  {
    mode: StringEnum(['preview', 'commit'] as const),
    boardIds: Type.Array(Id, { maxItems: 10, uniqueItems: true }),
    type: StringEnum(DOCUMENT_TYPES),
    sessionId: Type.Optional(Id),
    accessLevel: StringEnum(ACCESS_LEVELS),
    language: Type.Optional(StringEnum(LANGUAGES)),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    expectedHash: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
  },
  { additionalProperties: false },
);
type ImportFieldsInput = {
  mode: 'preview' | 'commit';
  boardIds: string[];
  type: (typeof DOCUMENT_TYPES)[number];
  sessionId?: string;
  accessLevel: (typeof ACCESS_LEVELS)[number];
  language?: Language;
  title?: string;
  expectedHash?: string;
};
const NAMES = ['file', 'boardIds', 'type', 'sessionId', 'accessLevel', 'language', 'title', 'expectedHash', 'mode'];

export function importFormRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  const maxBytes = ingestMaxBytes();

  const choices = async (ctx: PageContext) => {
    const [boards, sessions] = await Promise.all([listBoards(db), listSessions(db, ctx.actor, { limit: 100 })]);
    return {
      boards: boards.filter((b) => hasRole(ctx.actor, 'secretariat', b.id)).map((b) => ({ value: b.id, label: boardName(ctx, b.id) })),
      sessions: sessions.items.map((s) => ({ value: s.id, label: `${s.title} (${s.start_date})` })),
    };
  };

  // What the ingest found in a paragraph: who speaks, its themes, the acronyms it defines.
  const enrichment = (ctx: PageContext, x: ImportPreview['paragraphs'][number]): SafeHtml | '' => {
    const { t } = ctx;
    if (!x.speakers.length && !x.themes.length && !x.acronyms.length) return '';
    return html`<div class="labels">${x.speakers.length ? html`<span class="vh">${t.document.speakers}: </span>${x.speakers.map((s) => speakerText(ctx, s.role))}` : ''}${x.themes.length ? html`<span class="vh">${t.document.themes}: </span>${x.themes.map((th) => html`<span class="tag theme">${themeLabel(ctx, th)}</span>`)}` : ''}${x.acronyms.length ? html`<span class="vh">${t.adminForms.acronymsDefined}: </span>${x.acronyms.map((ac) => html`<span class="tag" lang="${x.language}" dir="${direction(x.language)}">${ac.shortForm} = ${ac.longForm}</span>`)}` : ''}</div>`;
  };

  const previewSection = (ctx: PageContext, p: ImportPreview): SafeHtml => {
    const { t, f } = ctx;
    const a = t.adminForms;
    const flagged = p.paragraphs.filter((x) => x.warnings.length).slice(0, 200);
    const row = (name: string, value: SafeHtml | string) => html`<tr><th scope="row">${name}</th><td>${value}</td></tr>`;
    const found = (v: string | null) => v ?? html`<span class="missing">${a.notFound}</span>`;
    return html`<section aria-labelledby="preview"><h2 id="preview">${a.previewHeading(p.fileName)}</h2>
<p class="notice">${a.nothingStored}</p>
<div class="table-scroll"><table><caption class="vh">${a.previewHeading(p.fileName)}</caption><tbody>
${row(t.common.title, p.title ? ownLanguage(ctx, p.title) : found(null))}${row(t.common.date, p.date ? f.date(p.date) : found(null))}${row(t.common.symbol, p.symbol ? html`<span dir="ltr">${p.symbol}</span>` : found(null))}
${row(t.common.language, label(ctx, 'languageName', p.language))}${row(a.format, `${p.format.toUpperCase()} · ${p.encoding} · ${f.number(p.size)} B`)}
${row(a.paragraphsFound, f.number(p.paragraphs.length))}${row(a.linesLeftOut, f.number(p.droppedLines))}
</tbody></table></div>
<h3>${a.warnings}</h3>
${p.warnings.length ? html`<ul lang="en">${p.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}
${
  flagged.length
    ? html`<div class="table-scroll"><table><caption class="vh">${a.warnings}</caption>
<thead><tr><th scope="col">${a.paragraph}</th><th scope="col">${a.warnings}</th></tr></thead>
<tbody>${flagged.map((x) => html`<tr><th scope="row">${x.number}</th><td lang="en">${x.warnings.join('; ')}</td></tr>`)}</tbody></table></div>`
    : p.warnings.length ? '' : html`<p>${a.noWarnings}</p>`
}
${p.paragraphs.length ? html`<h3>${a.firstParagraphs}</h3><ul class="plain">${p.paragraphs.slice(0, 5).map((x) => html`<li><strong>${x.number}.</strong> <span lang="${x.language}" dir="${direction(x.language)}">${x.text.length > 300 ? `${x.text.slice(0, 300)}…` : x.text}</span>${enrichment(ctx, x)}</li>`)}</ul>` : ''}
</section>`;
  };

  const render = async (req: FastifyRequest, reply: FastifyReply, values: FormValues, errs: FieldErrors | null, preview: ImportPreview | null, status = 200) => {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const a = t.adminForms;
    const c = await choices(ctx);
    const e: FieldErrors = errs ?? new Map();
    const general = e.get('') ?? [];
    const field = (name: string, text: string, control: (aria: SafeHtml) => SafeHtml, o: { hint?: string; optional?: boolean; group?: boolean } = {}) => {
      const id = `f-${name}`;
      const messages = e.get(name) ?? [];
      const describedBy = [o.hint ? `${id}-hint` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ');
      const aria = html`${describedBy ? html` aria-describedby="${describedBy}"` : ''}${messages.length ? html` aria-invalid="true"` : ''}`;
      const labelText = html`${text}${o.optional ? html` <span class="opt">(${t.forms.optional})</span>` : ''}`;
      const hint = o.hint ? html`<span class="hint" id="${id}-hint">${o.hint}</span>` : '';
      const error = messages.length ? html`<p class="error" id="${id}-error">${messages.map((m) => translateError(ctx, m)).join('; ')}</p>` : '';
      return o.group
        ? html`<div class="field${messages.length ? ' invalid' : ''}"><fieldset${aria}><legend>${labelText}</legend>${hint}${control(html``)}${error}</fieldset></div>`
        : html`<div class="field${messages.length ? ' invalid' : ''}"><label for="${id}">${labelText}</label>${hint}${control(aria)}${error}</div>`;
    };
    const select = (name: string, options: { value: string; label: string }[]) => (aria: SafeHtml) =>
      html`<select id="f-${name}" name="${name}"${aria}>${options.map((o) => html`<option value="${o.value}" ${o.value === str(values, name) ? html`selected` : ''}>${o.label}</option>`)}</select>`;
    const chosenBoards = list(values, 'boardIds');
    const body = html`<p><a href="/secretariat">${t.forms.title}</a></p><h1>${a.importTitle}</h1><p>${a.importIntro}</p>
${preview ? previewSection(ctx, preview) : ''}
${preview ? html`<h2>${a.commit}</h2>` : ''}
${e.size ? html`<div class="alert" role="alert" tabindex="-1" id="form-errors"><p>${t.forms.errorSummary}</p>${general.length ? html`<ul>${general.map((m) => html`<li>${translateError(ctx, m)}</li>`)}</ul>` : ''}</div>` : ''}
<form method="post" action="${PATH}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">
${preview ? html`<input type="hidden" name="expectedHash" value="${preview.fileHash}">` : ''}
${field('file', a.file, (aria) => html`<input type="file" id="f-file" name="file" accept=".txt,.pdf,.docx,.html,.htm,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" required${aria}>`, { hint: preview ? a.chooseAgain : a.fileHint(ctx.f.number(Math.floor(maxBytes / 1_048_576))) })}
${field('boardIds', t.common.boards, () => html`<div class="checks">${c.boards.map((b, i) => html`<label><input type="checkbox" name="boardIds" value="${b.value}" id="f-boardIds-${i}" ${chosenBoards.includes(b.value) ? html`checked` : ''}> ${b.label}</label>`)}</div>`, { hint: a.boardsHint, group: true })}
${field('type', t.common.type, select('type', DOCUMENT_TYPES.map((v) => ({ value: v, label: label(ctx, 'documentType', v) }))))}
${field('sessionId', t.common.session, select('sessionId', [{ value: '', label: t.forms.noSession }, ...c.sessions]), { optional: true })}
${field('accessLevel', t.common.access, select('accessLevel', ACCESS_LEVELS.map((v) => ({ value: v, label: label(ctx, 'accessLevel', v) }))))}
${field('language', t.common.language, select('language', [{ value: '', label: a.detectLanguage }, ...LANGUAGES.map((v) => ({ value: v, label: label(ctx, 'languageName', v) }))]), { optional: true })}
${field('title', a.titleOverride, (aria) => html`<input type="text" id="f-title" name="title" value="${str(values, 'title') ?? ''}"${aria}>`, { optional: true })}
<button type="submit" name="mode" value="preview">${a.preview}</button>${preview ? html` <button type="submit" name="mode" value="commit">${a.commit}</button>` : ''}
</form>`;
    return reply.code(status).type('text/html; charset=utf-8').send(layout(ctx, { title: a.importTitle, body, nav: 'secretariat' }));
  };

  void app.register(async (scope) => {
    acceptUploads(scope, perm.secretariat, maxBytes);

    scope.get(PATH, { schema: { hide: true }, config: { permission: perm.secretariat } }, async (req, reply) =>
      render(req, reply, { type: 'report', accessLevel: 'public' }, null, null),
    );

    scope.post(PATH, { schema: { hide: true }, config: { permission: perm.secretariat } }, async (req, reply) => {
      const ctx = pageContext(req, reply);
      const { values, upload } = uploadOf(req.body);
      let preview: ImportPreview | null = null;
      try {
        const input = validate<ImportFieldsInput>(ImportFields, {
          mode: str(values, 'mode') ?? 'preview',
          boardIds: list(values, 'boardIds'),
          type: str(values, 'type'),
          accessLevel: str(values, 'accessLevel'),
          ...Object.fromEntries((['sessionId', 'language', 'title', 'expectedHash'] as const).flatMap((k) => (str(values, k) ? [[k, str(values, k)]] : []))),
        });
        // As the API: a new document needs the secretariat of its boards.
        if (input.boardIds.length) documentPolicy.manage(ctx.actor, input.boardIds);
        else requireAnyRole(ctx.actor, ['secretariat']);
        if (!upload) throw errors.validation([{ path: '/body/file', message: 'is required', code: 'required' }]);
        const reject = (reason: IngestFailure) =>
          errors.validation([{ path: '/body/file', message: `${upload.name}: ${ctx.t.adminForms.reasons[reason]}` }]);
        if ('tooLarge' in upload) throw reject('too-large');
        try {
          preview = await prepareImport(upload.name, upload.bytes, { maxBytes, ...(input.language ? { language: input.language } : {}) });
        } catch (e) {
          if (e instanceof IngestError) throw reject(e.reason);
          throw e;
        }
        if (input.mode === 'preview') return await render(req, reply, { ...values, expectedHash: preview.fileHash }, null, preview);
        if (input.expectedHash && input.expectedHash !== preview.fileHash) {
          const other = preview;
          preview = null;
          throw errors.validation([{ path: '/body/file', message: `${other.fileName}: ${ctx.t.adminForms.notPreviewed}` }]);
        }
        const result = await importDocument(db, ctx.actor, {
          preview,
          meta: {
            type: input.type,
            accessLevel: input.accessLevel,
            ...(input.boardIds.length ? { boardIds: input.boardIds } : {}),
            ...(input.sessionId ? { sessionId: input.sessionId } : {}),
            ...(input.title ? { title: input.title } : {}),
          },
        });
        return reply.redirect(`/documents/${result.documentId}?text=${preview.language}`, 303);
      } catch (e) {
        if (isAppError(e) && (e.status === 403 || e.status === 404)) {
          return reply.code(e.status).type('text/html; charset=utf-8').send(errorPage(ctx, e.status));
        }
        const errs = errorsByField(e, NAMES.map((name) => ({ name, label: name, kind: 'text' })));
        if (!errs) throw e;
        return render(req, reply, values, errs, preview, 400);
      }
    });
  });
}
