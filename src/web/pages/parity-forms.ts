// Parity between delegations. An informal briefing's records are published to every member of the
// board at one moment, whether or not its delegation attended: the session page lists them for
// everyone who may read them, and the board's secretariat records attendance and publishes the
// records with the same commands as the API. The secretariat also records how many people a
// delegation has (the coherence calendar's load per delegation).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { errors } from '../../lib/errors.js';
import { hasRole } from '../../modules/access/actor.js';
import { publishBriefingRecords, recordAttendance } from '../../modules/access/commands/briefings.js';
import { PublishBriefingRecords, RecordAttendance, type PublishBriefingRecordsInput } from '../../modules/access/schema.js';
import { setDelegationCapacity } from '../../modules/coherence/commands/setDelegationCapacity.js';
import { CapacityBody } from '../../modules/coherence/schema.js';
import type { DocumentRow } from '../../modules/documents/queries.js';
import { listMemberStates } from '../../modules/registry/queries.js';
import { getSession, type SessionRow } from '../../modules/sessions/queries.js';
import type { PageContext } from '../context.js';
import { list, str } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { label, memberStateOptions } from '../labels.js';
import { sessionDocuments } from '../queries.js';
import { registerForm } from './forms.js';
import { embargoInstant } from './registry-forms.js';
import { ownLanguage } from './parts.js';

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
/** Whom a briefing's records may go to (the API's choices): every delegation, or the board's members. */
const AUDIENCES = ['board-members', 'member-states'] as const;

/** "12 March 2025, 09:30 UTC" for an ISO instant. */
export const instant = (ctx: PageContext, iso: string) => `${ctx.f.date(iso)}, ${iso.slice(11, 16)} UTC`;
/** A record the members can have: one the secretariat (or bureau) alone reads is still a draft to them. */
const published = (d: DocumentRow) => d.access_level !== 'secretariat' && d.access_level !== 'bureau';

/**
 * The session page's section on a briefing's records: what the caller may read of them, to whom
 * they went and from when, and for the board's secretariat the two forms.
 */
export function briefingSection(ctx: PageContext, session: SessionRow, records: DocumentRow[], canManage: boolean): SafeHtml {
  const t = ctx.t.adminForms;
  return html`<section class="notice" aria-labelledby="briefing"><h2 id="briefing">${t.briefingHeading}</h2>
<p>${t.briefingIntro}</p>
${
  records.length
    ? html`<ul class="plain">${records.map(
        (d) => html`<li><a href="/documents/${d.id}">${ownLanguage(ctx, d.title)}</a>
<br><span class="meta">${label(ctx, 'documentType', d.type)} · ${published(d) ? html`${t.sentTo}: ${label(ctx, 'accessLevel', d.access_level)}${d.embargo_until ? html` · ${t.availableFrom(instant(ctx, d.embargo_until))}` : ''}` : t.notPublished}</span></li>`,
      )}</ul>`
    : html`<p>${t.briefingNone}</p>`
}
${canManage ? html`<p><a class="button" href="/secretariat/sessions/${session.id}/attendance">${t.recordAttendance}</a> <a class="button" href="/secretariat/sessions/${session.id}/briefing-records/new">${t.publishRecords}</a></p>` : ''}
</section>`;
}

export function parityFormRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;

  /** The informal briefing of the form, if the caller is the secretariat of all its boards (else 403; hidden or another type: 404). */
  const briefing = async (ctx: PageContext, req: FastifyRequest) => {
    const s = await getSession(db, ctx.actor, idOf(req));
    if (!s || s.type !== 'informal-briefing') throw errors.notFound('Session', idOf(req));
    if (!s.boardIds.length || !s.boardIds.every((b) => hasRole(ctx.actor, 'secretariat', b))) throw errors.forbidden();
    return s;
  };
  const briefingLead = async (ctx: PageContext, req: FastifyRequest) => {
    const s = await briefing(ctx, req);
    return html`<p class="meta">${ctx.t.common.session}: <a href="/sessions/${s.id}">${s.title}</a> · ${ctx.f.dateRange(s.start_date, s.end_date)}</p>`;
  };
  const memberStates = async (ctx: PageContext) => memberStateOptions(ctx, (await listMemberStates(db, { limit: 500 })).items);

  registerForm<{ memberStateIds: string[] }>(app, {
    path: '/secretariat/sessions/:id/attendance',
    title: (ctx) => ctx.t.adminForms.attendanceTitle,
    lead: briefingLead,
    initial: async (ctx, req) => {
      const s = await briefing(ctx, req);
      const rows = await db.selectFrom('attendance').select('member_state_id').where('session_id', '=', s.id).execute();
      return { memberStateIds: rows.map((r) => r.member_state_id) };
    },
    fields: async (ctx) => [{ name: 'memberStateIds', label: ctx.t.adminForms.attended, kind: 'checkboxes', hint: ctx.t.adminForms.attendanceHint, options: await memberStates(ctx) }],
    toInput: (v) => ({ memberStateIds: list(v, 'memberStateIds') }),
    schema: RecordAttendance,
    save: async (ctx, input, req) => {
      const s = await briefing(ctx, req);
      await recordAttendance(db, ctx.actor, { sessionId: s.id, memberStateIds: input.memberStateIds });
      return `/sessions/${s.id}#briefing`;
    },
  });

  registerForm<PublishBriefingRecordsInput>(app, {
    path: '/secretariat/sessions/:id/briefing-records/new',
    title: (ctx) => ctx.t.adminForms.publishTitle,
    lead: async (ctx, req) => html`${await briefingLead(ctx, req)}<p>${ctx.t.adminForms.briefingIntro}</p>`,
    initial: async (ctx, req) => {
      const s = await briefing(ctx, req);
      return { documentIds: (await sessionDocuments(db, ctx.actor, s.id)).map((d) => d.id), accessLevel: 'board-members' };
    },
    fields: async (ctx, req) => {
      const t = ctx.t.adminForms;
      const docs = await sessionDocuments(db, ctx.actor, idOf(req));
      return [
        {
          name: 'documentIds',
          label: t.records,
          kind: 'checkboxes',
          hint: docs.length ? undefined : t.noRecordsYet,
          options: docs.map((d) => ({ value: d.id, label: `${d.symbol ? `${d.symbol} — ` : ''}${d.title} (${label(ctx, 'accessLevel', d.access_level)})` })),
        },
        { name: 'accessLevel', label: t.sentTo, kind: 'select', options: AUDIENCES.map((a) => ({ value: a, label: label(ctx, 'accessLevel', a) })) },
        { name: 'releaseAt', label: t.releaseAt, kind: 'datetime', optional: true, hint: t.releaseHint },
      ];
    },
    toInput: (v) => ({
      documentIds: list(v, 'documentIds'),
      ...(str(v, 'accessLevel') ? { accessLevel: str(v, 'accessLevel') } : {}),
      ...(str(v, 'releaseAt') ? { releaseAt: embargoInstant(str(v, 'releaseAt')) } : {}),
    }),
    schema: PublishBriefingRecords,
    save: async (ctx, input, req) => {
      const s = await briefing(ctx, req);
      await publishBriefingRecords(db, ctx.actor, { sessionId: s.id, input });
      return `/sessions/${s.id}#briefing`;
    },
  });

  const Capacity = Type.Object({ memberStateId: Type.String({ pattern: '^[A-Z]{3}$' }), ...CapacityBody.properties }, { additionalProperties: false });
  registerForm<{ memberStateId: string; people: number }>(app, {
    path: '/coherence/delegations/capacity',
    nav: 'coherence',
    title: (ctx) => ctx.t.adminForms.capacityTitle,
    lead: async (ctx) => html`<p><a href="/coherence/calendar">${ctx.t.coherence.calendarTitle}</a></p><p>${ctx.t.adminForms.capacityIntro}</p>`,
    initial: async (_ctx, req) => {
      const m = (req.query as { memberState?: string }).memberState;
      if (!m || !/^[A-Z]{3}$/.test(m)) return {};
      const row = await db.selectFrom('coherence_delegation_capacity').select('people').where('member_state_id', '=', m).executeTakeFirst();
      return { memberStateId: m, people: row ? String(row.people) : '' };
    },
    fields: async (ctx) => [
      { name: 'memberStateId', label: ctx.t.board.memberState, kind: 'select', options: [{ value: '', label: ctx.t.registryForms.chooseMemberState }, ...(await memberStates(ctx))] },
      { name: 'people', label: ctx.t.adminForms.people, kind: 'text', hint: ctx.t.adminForms.peopleHint },
    ],
    toInput: (v) => {
      const people = str(v, 'people');
      // A number when it is one; other text goes on for validation to name.
      return { memberStateId: str(v, 'memberStateId'), people: people && /^-?\d{1,6}$/.test(people) ? Number(people) : people };
    },
    schema: Capacity,
    save: async (ctx, input) => {
      const known = await db.selectFrom('member_states').select('id').where('id', '=', input.memberStateId).executeTakeFirst();
      if (!known) throw errors.validation([{ path: '/body/memberStateId', message: `unknown member state '${input.memberStateId}'`, code: 'unknownMemberState', params: { id: input.memberStateId } }]);
      await setDelegationCapacity(db, ctx.actor, { memberStateId: input.memberStateId, people: input.people });
      return '/coherence/calendar?show=all#c-load';
    },
  });
}
