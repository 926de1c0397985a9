// Pieces the coherence pages share: tag names in the UI language, links to the records a finding or
// a tag is about (only for records the caller may read), the 400 page, and the confirmed tags shown
// on a document's page.
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isAppError } from '../../lib/errors.js';
import type { Actor } from '../../modules/access/actor.js';
import { coherencePolicy } from '../../modules/coherence/policies.js';
import { subjectTags } from '../../modules/coherence/queries.js';
import { canReadSubject, loadSubjects, SUBJECT_TYPES, type Subject, type SubjectType } from '../../modules/coherence/subjects.js';
import { TAG_BY_ID } from '../../modules/coherence/themes.js';
import type { PageContext } from '../context.js';
import { html, type SafeHtml } from '../html.js';
import { themeLabel } from '../labels.js';
import { isSecretariat, layout } from '../layout.js';
import { errorPage } from './parts.js';

/** The API's id syntax; anything else cannot name a record. */
export const ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export const isSubjectType = (v: string): v is SubjectType => (SUBJECT_TYPES as readonly string[]).includes(v);

/** A tag's name in the UI language: translated themes, "SDG 5", "Target 5.5". */
export function tagName(ctx: PageContext, id: string): string {
  const tag = TAG_BY_ID.get(id);
  if (!tag) return id;
  if (tag.kind === 'theme') {
    const l = themeLabel(ctx, tag.code);
    return l === tag.code ? tag.label : l;
  }
  if (tag.kind === 'sdg-goal') {
    if (ctx.locale === 'en') return tag.label;
    if (ctx.locale === 'zh' && tag.labelZh) return tag.labelZh;
    return ctx.t.theme.sdg(ctx.f.number(Number(tag.code)));
  }
  return ctx.t.coherence.target(tag.code);
}

export interface Resolved {
  subject: Subject | null;
  readable: boolean;
  href: string | null;
}

/** Loads the subjects named by `refs` and where each is shown; unreadable ones get no link. */
export async function resolveSubjects(db: Kysely<DB>, actor: Actor, refs: { type: string; id: string }[]): Promise<Map<string, Resolved>> {
  const byType = new Map<SubjectType, Set<string>>();
  for (const r of refs)
    if (isSubjectType(r.type) && ID.test(r.id)) byType.set(r.type, (byType.get(r.type) ?? new Set()).add(r.id));
  const out = new Map<string, Resolved>();
  for (const [type, ids] of byType) {
    const subjects = await loadSubjects(db, type, { ids: [...ids] });
    const numbers =
      type === 'paragraph' && subjects.length
        ? new Map((await db.selectFrom('paragraphs').select(['id', 'number']).where('id', 'in', subjects.map((s) => s.id)).execute()).map((p) => [p.id, p.number]))
        : new Map<string, string>();
    for (const s of subjects) {
      const readable = canReadSubject(actor, s);
      const x = (s.extra ?? {}) as { documentId?: string; sessionId?: string; decisionId?: string; paragraphNumber?: string | null };
      const href: Record<SubjectType, string | null> = {
        document: `/documents/${s.id}`,
        paragraph: x.documentId ? `/documents/${x.documentId}#p${numbers.get(s.id) ?? ''}` : null,
        'agenda-item': x.sessionId ? `/sessions/${x.sessionId}#item-${s.id}` : null,
        decision: `/decisions/${s.id}`,
        'decision-paragraph': x.decisionId ? `/decisions/${x.decisionId}${x.paragraphNumber ? `#op${x.paragraphNumber}` : ''}` : null,
        recommendation: null,
        mandate: null,
      };
      out.set(`${type}/${s.id}`, { subject: s, readable, href: readable ? href[type] : null });
    }
  }
  return out;
}

/** A record's reference (in English, as stored), linked when the caller may open it. */
export function subjectRef(ctx: PageContext, ref: { type: string; id: string; ref?: string }, resolved: Map<string, Resolved>): SafeHtml {
  const r = resolved.get(`${ref.type}/${ref.id}`);
  const text = ref.ref ?? r?.subject?.ref ?? ref.id;
  if (r?.href) return html`<a href="${r.href}" lang="en">${text}</a>`;
  return html`<span lang="en">${text}</span>${r && !r.readable ? html` <span class="meta">(${ctx.t.coherence.notReadable})</span>` : ''}`;
}

/** Whether the caller may tag this subject (the command decides again). */
export function canTag(actor: Actor, s: Subject): boolean {
  try {
    coherencePolicy.tag(actor, s.boards);
    return true;
  } catch {
    return false;
  }
}

export function sendPage(reply: FastifyReply, ctx: PageContext, spec: Parameters<typeof layout>[1], status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(layout(ctx, { nav: 'coherence', ...spec }));
}

/** 400: names the field whose value was refused. */
export function badInput(reply: FastifyReply, ctx: PageContext, field: string, detail?: string, status = 400) {
  const { t } = ctx;
  return sendPage(
    reply,
    ctx,
    { title: t.coherence.badInputTitle, body: html`<h1>${t.coherence.badInputTitle}</h1><p role="alert">${t.coherence.badInput(field)}</p>${detail ? html`<p class="meta" lang="en">${detail}</p>` : ''}` },
    status,
  );
}

/** A command's refusal as a page: 403/404 look like the rest of the UI, other 4xx name the field. */
export function refusal(reply: FastifyReply, ctx: PageContext, e: unknown) {
  if (!isAppError(e) || e.status >= 500 || e.status < 400) throw e;
  if (e.status === 403 || e.status === 404) return reply.code(e.status).type('text/html; charset=utf-8').send(errorPage(ctx, e.status));
  const field = /^\/(?:body|querystring)\/([^/]+)/.exec(e.errors[0]?.path ?? '')?.[1] ?? '';
  return badInput(reply, ctx, field, e.detail, e.status);
}

/** The confirmed themes and goals of a document, for its page (with a link for the secretariat). */
export async function documentTags(db: Kysely<DB>, ctx: PageContext, documentId: string): Promise<SafeHtml | ''> {
  const { t } = ctx;
  const { confirmed } = await subjectTags(db, 'document', documentId);
  const manage = isSecretariat(ctx);
  if (!confirmed.length && !manage) return '';
  return html`<p class="meta">${t.coherence.themesAndGoals}: ${confirmed.length ? confirmed.map((c) => html`<span class="tag theme">${tagName(ctx, c.tag)}</span>`) : t.coherence.confirmedNone}${manage ? html` · <a href="/coherence/subjects/document/${documentId}">${t.coherence.manageTags}</a>` : ''}</p>`;
}
