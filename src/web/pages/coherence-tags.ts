// The secretariat's review of tags: the queue of the model's suggestions with the words that
// triggered each and confirm/reject buttons, a record's tags (confirmed and suggested) with a form to
// add one and buttons to remove one. Every change is a small form post (with the CSRF field) to the
// coherence module's own commands, which check the board-scoped rule and write the audit event.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { errors } from '../../lib/errors.js';
import { perm } from '../../modules/access/permissions.js';
import { addTag } from '../../modules/coherence/commands/addTag.js';
import { decideSuggestion } from '../../modules/coherence/commands/decideSuggestion.js';
import { removeTag } from '../../modules/coherence/commands/removeTag.js';
import { presentSuggestion } from '../../modules/coherence/presenters.js';
import { listSuggestions, subjectTags } from '../../modules/coherence/queries.js';
import { AddTagBody, DecideBody } from '../../modules/coherence/schema.js';
import { canReadSubject, loadSubject, SUBJECT_TYPES, type Subject } from '../../modules/coherence/subjects.js';
import { TAGS } from '../../modules/coherence/themes.js';
import { listBoards } from '../../modules/registry/queries.js';
import { href, pageContext, type PageContext } from '../context.js';
import { errorsByField, formValues, renderForm, str, validate, type FieldErrors, type FieldSpec, type FormValues } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { boardName, label } from '../labels.js';
import { isSignedIn } from '../layout.js';
import { badInput, canTag, ID, isSubjectType, refusal, resolveSubjects, sendPage, subjectRef, tagName } from './coherence-parts.js';
import { errorPage } from './parts.js';

type Suggestion = ReturnType<typeof presentSuggestion>;
type Query = Record<string, string | undefined>;
const DONE = ['confirmed', 'rejected', 'added', 'removed'] as const;

/** A small POST form with one button; `back` is where to return (a coherence page). */
function postButton(ctx: PageContext, action: string, text: string, about: string, back: string): SafeHtml {
  return html`<form method="post" action="${action}" class="button-form"><input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}"><input type="hidden" name="back" value="${back}"><button type="submit">${text}<span class="vh"> — ${about}</span></button></form>`;
}

/** Where to go after a post: the posted `back` when it is a coherence page, with ?done=. */
function backTo(v: FormValues, fallback: string, done: (typeof DONE)[number]): string {
  const b = str(v, 'back');
  const url = new URL(b && /^\/coherence\/[A-Za-z0-9/_.:=&%?-]*$/.test(b) && !b.includes('//') ? b : fallback, 'http://local');
  url.searchParams.set('done', done);
  return `${url.pathname}${url.search}`;
}

function notice(ctx: PageContext, q: Query): SafeHtml | '' {
  const d = DONE.find((x) => x === q.done);
  return d ? html`<p class="notice" role="status">${ctx.t.coherence.done[d]}</p>` : '';
}

function triggers(ctx: PageContext, s: Suggestion): SafeHtml {
  const { f } = ctx;
  // The matched words say why; the rule itself (a long query) stays in the API.
  return html`<ul class="plain terms">${s.triggers.map(
    (tr) => html`<li><span class="tag" lang="${tr.language}">${[...new Set(tr.matched)].join(', ')}</span> <span class="meta">+${f.number(tr.contribution)}</span></li>`,
  )}</ul>`;
}

function suggestionRow(ctx: PageContext, s: Suggestion, subject: SafeHtml | '', allowed: boolean, back: string): SafeHtml {
  const { t, f } = ctx;
  const about = `${tagName(ctx, s.tag)}`;
  return html`<tr data-suggestion="${s.id}">${subject ? html`<td>${subject}</td>` : ''}<th scope="row">${tagName(ctx, s.tag)}</th><td class="num">${f.number(s.score)}</td><td>${triggers(ctx, s)}</td><td>${
    allowed && s.status === 'suggested'
      ? html`${postButton(ctx, `/coherence/suggestions/${s.id}/confirm`, t.coherence.confirm, about, back)}${postButton(ctx, `/coherence/suggestions/${s.id}/reject`, t.coherence.reject, about, back)}`
      : label(ctx, 'mandateStatus', s.status)
  }</td></tr>`;
}

export function coherenceTagRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  const secretariat = { schema: { hide: true }, config: { permission: perm.secretariat } };

  app.get<{ Querystring: Query }>('/coherence/suggestions', secretariat, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const q = req.query;
    const boards = await listBoards(db);
    if (q.board && !boards.some((b) => b.id === q.board)) return badInput(reply, ctx, 'board');
    if (q.subjectType && !isSubjectType(q.subjectType)) return badInput(reply, ctx, 'subjectType');
    const yearN = Number(q.year);
    if (q.year && !(/^\d{4}$/.test(q.year) && yearN >= 1945 && yearN <= 2200)) return badInput(reply, ctx, 'year');
    const filter = { board: q.board || undefined, subjectType: q.subjectType || undefined, year: q.year ? yearN : undefined };
    let found;
    try {
      found = await listSuggestions(db, { status: 'suggested', ...filter, cursor: q.cursor, limit: 50 });
    } catch {
      return badInput(reply, ctx, 'cursor');
    }
    const items = found.items.map(presentSuggestion);
    const resolved = await resolveSubjects(db, ctx.actor, items.map((s) => ({ type: s.subjectType, id: s.subjectId })));
    const back = href('/coherence/suggestions', { ...filter, cursor: q.cursor });
    const rows = items.map((s) => {
      const r = resolved.get(`${s.subjectType}/${s.subjectId}`);
      const subject = r?.subject ?? null;
      const cell = html`<span class="meta">${t.coherence.subjectTypes[s.subjectType as keyof typeof t.coherence.subjectTypes] ?? s.subjectType}${s.boardId ? ` · ${boardName(ctx, s.boardId)}` : ''}</span><br>${subjectRef(ctx, { type: s.subjectType, id: s.subjectId }, resolved)}${
        subject && r?.readable ? html`<br><a href="/coherence/subjects/${s.subjectType}/${s.subjectId}">${t.coherence.tagsTitle}</a>` : ''
      }`;
      return suggestionRow(ctx, s, cell, !!subject && canTag(ctx.actor, subject), back);
    });
    const body = html`<p><a href="/coherence">${t.coherence.title}</a></p><h1>${t.coherence.suggestionsTitle}</h1><p>${t.coherence.suggestionsIntro}</p>
${notice(ctx, q)}
<form class="filters" method="get" action="/coherence/suggestions">
<label>${t.common.board}<select name="board"><option value="">${t.common.any}</option>${boards.map((b) => html`<option value="${b.id}" ${b.id === filter.board ? html`selected` : ''}>${boardName(ctx, b.id)}</option>`)}</select></label>
<label>${t.coherence.subjectType}<select name="subjectType"><option value="">${t.common.any}</option>${SUBJECT_TYPES.map((s) => html`<option value="${s}" ${s === filter.subjectType ? html`selected` : ''}>${t.coherence.subjectTypes[s]}</option>`)}</select></label>
<label>${t.common.year}<input type="text" inputmode="numeric" name="year" size="6" pattern="[0-9]{4}" value="${filter.year ?? ''}"></label>
<button type="submit">${t.common.show}</button></form>
${
  items.length
    ? html`<div class="table-scroll"><table><caption class="vh">${t.coherence.suggestionsTitle}</caption>
<thead><tr><th scope="col">${t.coherence.subjectType}</th><th scope="col">${t.coherence.tag}</th><th scope="col" class="num">${t.coherence.score}</th><th scope="col">${t.coherence.triggers}</th><th scope="col">${t.coherence.decide}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : html`<p>${t.coherence.suggestionsNone}</p>`
}
${found.nextCursor ? html`<p class="pager"><a href="${href('/coherence/suggestions', { ...filter, cursor: found.nextCursor })}">${t.common.nextPage}</a></p>` : ''}`;
    return sendPage(reply, ctx, { title: t.coherence.suggestionsTitle, body });
  });

  for (const decision of ['confirm', 'reject'] as const)
    app.post<{ Params: { id: string } }>(`/coherence/suggestions/:id/${decision}`, secretariat, async (req, reply) => {
      const ctx = pageContext(req, reply);
      if (!ID.test(req.params.id)) return reply.code(404).type('text/html; charset=utf-8').send(errorPage(ctx, 404));
      const v = formValues(req.body);
      const note = str(v, 'note');
      try {
        validate(DecideBody, note ? { note } : {});
        await decideSuggestion(db, ctx.actor, { id: req.params.id, decision, note });
      } catch (e) {
        return refusal(reply, ctx, e);
      }
      return reply.redirect(backTo(v, '/coherence/suggestions', decision === 'confirm' ? 'confirmed' : 'rejected'), 303);
    });

  const tagFields = (ctx: PageContext): FieldSpec[] => [
    { name: 'tag', label: ctx.t.coherence.tag, kind: 'select', options: TAGS.map((x) => ({ value: x.id, label: tagName(ctx, x.id) })) },
    { name: 'note', label: ctx.t.coherence.note, kind: 'text', optional: true },
  ];

  /** The subject of a /coherence/subjects/:type/:id URL, when it exists and the caller may read it. */
  const readableSubject = async (ctx: PageContext, type: string, id: string): Promise<Subject | null> => {
    if (!isSubjectType(type) || !ID.test(id)) return null;
    const s = await loadSubject(db, type, id);
    return s && canReadSubject(ctx.actor, s) ? s : null;
  };

  const subjectPage = async (req: FastifyRequest, reply: FastifyReply, s: Subject, values: FormValues, errs: FieldErrors | null, status = 200) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const tags = await subjectTags(db, s.type, s.id);
    const resolved = await resolveSubjects(db, ctx.actor, [s]);
    const allowed = isSignedIn(ctx) && canTag(ctx.actor, s);
    const self = `/coherence/subjects/${s.type}/${s.id}`;
    const body = html`<p><a href="/coherence">${t.coherence.title}</a></p><h1>${t.coherence.tagsTitle}</h1>
<p><span class="meta">${t.coherence.subjectTypes[s.type]} · ${s.boards.map((b) => boardName(ctx, b)).join('; ')}</span><br>${subjectRef(ctx, s, resolved)}</p>
${notice(ctx, req.query as Query)}
<section aria-labelledby="t-confirmed"><h2 id="t-confirmed">${t.coherence.confirmedTags}</h2>
${
  tags.confirmed.length
    ? html`<table><caption class="vh">${t.coherence.confirmedTags}</caption><thead><tr><th scope="col">${t.coherence.tag}</th><th scope="col">${t.coherence.confirmedOn}</th><th scope="col">${t.coherence.note}</th>${allowed ? html`<th scope="col">${t.coherence.decide}</th>` : ''}</tr></thead>
<tbody>${tags.confirmed.map(
        (c) =>
          html`<tr data-tag="${c.tag}"><th scope="row">${tagName(ctx, c.tag)}</th><td>${f.date(c.confirmed_at)}</td><td>${c.note ?? ''}</td>${allowed ? html`<td>${postButton(ctx, `/coherence/tags/${c.id}/remove`, t.coherence.remove, tagName(ctx, c.tag), self)}</td>` : ''}</tr>`,
      )}</tbody></table>`
    : html`<p>${t.coherence.confirmedNone}</p>`
}</section>
<section aria-labelledby="t-suggested"><h2 id="t-suggested">${t.coherence.suggestedTags}</h2>
${
  tags.suggested.length
    ? html`<div class="table-scroll"><table><caption class="vh">${t.coherence.suggestedTags}</caption><thead><tr><th scope="col">${t.coherence.tag}</th><th scope="col" class="num">${t.coherence.score}</th><th scope="col">${t.coherence.triggers}</th><th scope="col">${t.coherence.status}</th></tr></thead>
<tbody>${tags.suggested.map((sg) => suggestionRow(ctx, presentSuggestion(sg), '', allowed, self))}</tbody></table></div>`
    : html`<p>${t.coherence.suggestedNone}</p>`
}</section>
${allowed ? html`<section aria-labelledby="t-add"><h2 id="t-add">${t.coherence.addTag}</h2>${renderForm(ctx, { action: `${self}/tags`, fields: tagFields(ctx), values, errors: errs, submit: t.coherence.save })}</section>` : ''}`;
    return sendPage(reply, ctx, { title: t.coherence.tagsTitle, body }, status);
  };

  app.get<{ Params: { type: string; id: string } }>('/coherence/subjects/:type/:id', { schema: { hide: true }, config: { permission: perm.public } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const s = await readableSubject(ctx, req.params.type, req.params.id);
    if (!s) return reply.code(404).type('text/html; charset=utf-8').send(errorPage(ctx, 404));
    return subjectPage(req, reply, s, {}, null);
  });

  app.post<{ Params: { type: string; id: string } }>('/coherence/subjects/:type/:id/tags', secretariat, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const s = await readableSubject(ctx, req.params.type, req.params.id);
    if (!s) return reply.code(404).type('text/html; charset=utf-8').send(errorPage(ctx, 404));
    const v = formValues(req.body);
    try {
      const note = str(v, 'note');
      const input = validate<{ tag: string; note?: string }>(AddTagBody, { tag: str(v, 'tag') ?? '', ...(note ? { note } : {}) });
      if (!TAGS.some((x) => x.id === input.tag)) throw errors.validation([{ path: '/body/tag', message: `unknown tag '${input.tag}'` }]);
      await addTag(db, ctx.actor, { subject: s, tag: input.tag, note: input.note });
    } catch (e) {
      const errs = errorsByField(e, tagFields(ctx));
      if (!errs) return refusal(reply, ctx, e);
      return subjectPage(req, reply, s, v, errs, (e as { status: number }).status);
    }
    return reply.redirect(`/coherence/subjects/${s.type}/${s.id}?done=added`, 303);
  });

  app.post<{ Params: { id: string } }>('/coherence/tags/:id/remove', secretariat, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const tag = ID.test(req.params.id) ? await db.selectFrom('coherence_tags').select(['subject_type', 'subject_id']).where('id', '=', req.params.id).executeTakeFirst() : undefined;
    if (!tag) return reply.code(404).type('text/html; charset=utf-8').send(errorPage(ctx, 404));
    try {
      await removeTag(db, ctx.actor, req.params.id);
    } catch (e) {
      return refusal(reply, ctx, e);
    }
    return reply.redirect(backTo(formValues(req.body), `/coherence/subjects/${tag.subject_type}/${tag.subject_id}`, 'removed'), 303);
  });
}
