// Working groups and shared subjects. A working group is set up by one board (members, meetings,
// the recommendations it handles); a shared subject puts recommendations and mandates of different
// boards side by side. Reading is public, as in the API; the board's secretariat establishes a group
// and records its members, meetings and recommendations, and any secretariat marks a shared subject.
// Each form calls the same command as the API. Linked documents show only to those who may read them.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { errors } from '../../lib/errors.js';
import { hasRole } from '../../modules/access/actor.js';
import { perm } from '../../modules/access/permissions.js';
import { getDecision } from '../../modules/decisions/queries.js';
import { getDocument } from '../../modules/documents/queries.js';
import { addSharedSubjectMember } from '../../modules/oversight/commands/addSharedSubjectMember.js';
import { addWorkingGroupMeeting } from '../../modules/oversight/commands/addWorkingGroupMeeting.js';
import { addWorkingGroupMember } from '../../modules/oversight/commands/addWorkingGroupMember.js';
import { assignRecommendation } from '../../modules/oversight/commands/assignRecommendation.js';
import { createSharedSubject } from '../../modules/oversight/commands/createSharedSubject.js';
import { createWorkingGroup } from '../../modules/oversight/commands/createWorkingGroup.js';
import { oversightPolicy } from '../../modules/oversight/policies.js';
import {
  decisionLinks,
  getMandate,
  getRecommendation,
  getSharedSubject,
  getWorkingGroup,
  listMandates,
  listRecommendations,
  listReviews,
  listSharedSubjects,
  listWorkingGroups,
} from '../../modules/oversight/queries.js';
import {
  AddWorkingGroupMeeting,
  AddWorkingGroupMember,
  AssignRecommendation,
  CreateSharedSubject,
  CreateWorkingGroup,
  SharedSubjectMemberIn,
  WG_ROLES,
  type CreateSharedSubjectInput,
  type CreateWorkingGroupInput,
} from '../../modules/oversight/schema.js';
import { listBoards, listMemberStates } from '../../modules/registry/queries.js';
import { pageContext, type PageContext } from '../context.js';
import { list, str, type FormValues } from '../forms.js';
import { html } from '../html.js';
import { boardName, entityOf, label, memberStateName, memberStateOptions } from '../labels.js';
import { syntheticLabel } from '../layout.js';
import { allPages, term } from './oversight.js';
import { idOf, opt, registerGuardedForm } from './oversight-forms.js';
import { allows, decisionOptions, documentOptions, dueText, managedBoardOptions, mandateSource, notFoundPage, sendPage } from './oversight-mandates.js';
import { registerForm } from './forms.js';
import { languageOf, ownLanguage } from './parts.js';

type Member = { subjectType: 'recommendation' | 'mandate'; subjectId: string };

export function oversightGroupRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  const pub = { schema: { hide: true }, config: { permission: perm.public } };

  type Rec = NonNullable<Awaited<ReturnType<typeof getRecommendation>>>;
  /** "Review title — Recommendation 4" for each recommendation, by id. */
  const labelled = async (ctx: PageContext, recs: Rec[]) => {
    const reviews = new Map((await allPages((cursor) => listReviews(db, { limit: 200, cursor }))).map((r) => [r.id, r.title]));
    return new Map(recs.map((r) => [r.id, { label: `${reviews.get(r.reviewId) ?? ''} — ${ctx.t.oversight.recommendation(r.number)}`, rec: r }]));
  };
  /** The same for a few recommendations given by id (missing ones are left out). */
  const recommendationLabels = async (ctx: PageContext, ids: string[]) =>
    labelled(ctx, (await Promise.all([...new Set(ids)].map((id) => getRecommendation(db, id)))).filter((r) => !!r));

  // ---- working groups ----
  app.get('/oversight/working-groups', pub, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const m = t.oversightMore;
    const boards = await listBoards(db);
    const chosen = ctx.query.get('board') ?? '';
    const board = boards.some((b) => b.id === chosen) ? chosen : undefined;
    const groups = await listWorkingGroups(db, { board });
    const body = html`<p><a href="/oversight">${t.oversight.title}</a></p><h1>${m.workingGroups}</h1><p>${m.workingGroupsIntro}</p>
${hasRole(ctx.actor, 'secretariat') ? html`<p><a class="button" href="/oversight/working-groups/new">${m.newGroup}</a></p>` : ''}
<form class="filters" method="get" action="/oversight/working-groups" aria-label="${m.filterGroups}">
<label>${t.common.board}<select name="board"><option value="">${t.common.any}</option>${boards.map((b) => html`<option value="${b.id}" ${b.id === board ? html`selected` : ''}>${boardName(ctx, b.id)}</option>`)}</select></label>
<button type="submit">${t.oversight.apply}</button></form>
${
  groups.length === 0
    ? html`<p role="status">${m.noGroups}</p>`
    : html`<div class="table-scroll"><table><caption class="vh">${m.workingGroups}</caption>
<thead><tr><th scope="col">${m.name}</th><th scope="col">${t.common.board}</th><th scope="col">${m.establishedOn}</th><th scope="col" class="num">${m.members}</th><th scope="col" class="num">${m.meetings}</th><th scope="col" class="num">${t.oversight.recommendations}</th></tr></thead>
<tbody>${groups.map(
        (g) => html`<tr><th scope="row"><a href="/oversight/working-groups/${g.id}"${languageOf(ctx, g.name)}>${g.name}</a>${syntheticLabel(ctx, g.synthetic)}</th><td>${boardName(ctx, g.boardId)}</td><td>${f.date(g.establishedOn)}</td>
<td class="num">${f.number(g.members.length)}</td><td class="num">${f.number(g.meetings.length)}</td><td class="num">${f.number(g.recommendationIds.length)}</td></tr>`,
      )}</tbody></table></div>`
}`;
    return sendPage(reply, ctx, m.workingGroups, body);
  });

  app.get<{ Params: { id: string } }>('/oversight/working-groups/:id', pub, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const m = t.oversightMore;
    const g = await getWorkingGroup(db, req.params.id);
    if (!g) return notFoundPage(reply, ctx);
    const [decision, links, recs, docs] = await Promise.all([
      g.decisionId ? getDecision(db, g.decisionId) : Promise.resolve(undefined),
      decisionLinks(db, [g.id]),
      recommendationLabels(ctx, g.recommendationIds),
      Promise.all(g.meetings.map((x) => (x.documentId ? getDocument(db, ctx.actor, x.documentId) : Promise.resolve(undefined)))),
    ]);
    const manager = allows(() => oversightPolicy.manageForBoard(ctx.actor, g.boardId));
    const formLink = (path: string, text: string) => (manager ? html`<p><a class="button" href="/oversight/working-groups/${g.id}/${path}">${text}</a></p>` : '');
    const body = html`<p><a href="/oversight">${t.oversight.title}</a> › <a href="/oversight/working-groups">${m.workingGroups}</a></p>
<h1>${ownLanguage(ctx, g.name)}${syntheticLabel(ctx, g.synthetic)}</h1>
<p class="meta">${boardName(ctx, g.boardId)} · ${m.establishedOn}: ${f.date(g.establishedOn)}${decision ? html` · ${m.establishedBy}: <a href="/decisions/${decision.id}">${t.decision.heading(decision.number)}</a>` : ''}</p>
${links.length ? html`<h2>${t.oversight.decisions}</h2><ul>${links.map((l) => html`<li><a href="/decisions/${l.decisionId}${l.paragraphNumber ? `#op${l.paragraphNumber}` : ''}">${t.decision.heading(l.decisionNumber)}</a>${l.paragraphNumber ? `, ${t.oversight.paragraph(l.paragraphNumber)}` : ''} <span class="meta">(${m.relationName[l.relation]})</span></li>`)}</ul>` : ''}
<section aria-labelledby="wg-members"><h2 id="wg-members">${m.members}</h2>
${
  g.members.length
    ? html`<table><caption class="vh">${m.members}</caption><thead><tr><th scope="col">${m.memberState}</th><th scope="col">${m.role}</th></tr></thead>
<tbody>${g.members.map((x) => html`<tr><th scope="row">${memberStateName(ctx, x.memberStateId, x.name)}</th><td>${m.roleName[x.role as keyof typeof m.roleName] ?? x.role}</td></tr>`)}</tbody></table>`
    : html`<p>${m.noMembers}</p>`
}${formLink('members/new', m.addMember)}</section>
<section aria-labelledby="wg-meetings"><h2 id="wg-meetings">${m.meetings}</h2>
${
  g.meetings.length
    ? html`<div class="table-scroll"><table><caption class="vh">${m.meetings}</caption><thead><tr><th scope="col">${t.common.date}</th><th scope="col">${t.common.title}</th><th scope="col">${m.summary}</th></tr></thead>
<tbody>${g.meetings.map((x, i) => {
        const doc = docs[i];
        return html`<tr><td>${f.date(x.date)}</td><th scope="row">${ownLanguage(ctx, x.title)}${doc ? html`<br><a href="/documents/${doc.id}">${doc.symbol ? html`<span dir="ltr">${doc.symbol}</span>` : ownLanguage(ctx, doc.title)}</a>` : ''}</th><td lang="en">${x.summary ?? ''}</td></tr>`;
      })}</tbody></table></div>`
    : html`<p>${m.noMeetings}</p>`
}${formLink('meetings/new', m.addMeeting)}</section>
<section aria-labelledby="wg-recs"><h2 id="wg-recs">${m.handles}</h2>
${recs.size ? html`<ul>${[...recs].map(([id, r]) => html`<li><a href="/oversight/recommendations/${id}">${r.label}</a> <span class="meta">(${t.oversight.progress}: ${f.percent(r.rec.progress / 100)})</span></li>`)}</ul>` : html`<p>${m.noHandled}</p>`}
${formLink('recommendations/new', m.addRecommendation)}</section>`;
    return sendPage(reply, ctx, g.name, body);
  });

  registerForm<CreateWorkingGroupInput>(app, {
    path: '/oversight/working-groups/new',
    permission: perm.secretariat,
    nav: 'oversight',
    title: (ctx) => ctx.t.oversightMore.newGroup,
    fields: async (ctx) => {
      const boards = await managedBoardOptions(db, ctx);
      const m = ctx.t.oversightMore;
      return [
        { name: 'boardId', label: ctx.t.common.board, kind: 'select', options: boards },
        { name: 'name', label: m.name, kind: 'text' },
        { name: 'establishedOn', label: m.establishedOn, kind: 'date', hint: 'YYYY-MM-DD' },
        { name: 'decisionId', label: m.establishedBy, kind: 'select', optional: true, options: [opt('', ctx.t.oversight.none), ...(await decisionOptions(db, ctx, boards.map((b) => b.value)))] },
      ];
    },
    toInput: (v) => ({
      boardId: str(v, 'boardId'),
      name: str(v, 'name'),
      establishedOn: str(v, 'establishedOn'),
      ...(str(v, 'decisionId') ? { decisionId: str(v, 'decisionId') } : {}),
    }),
    schema: CreateWorkingGroup,
    save: async (ctx, input) => `/oversight/working-groups/${await createWorkingGroup(db, ctx.actor, input)}`,
  });

  /** 404 for a missing group, 403 when the caller is not the secretariat of its board. */
  const checkGroup = async (req: FastifyRequest) => {
    const g = await getWorkingGroup(db, idOf(req));
    if (!g) throw errors.notFound('Working group', idOf(req));
    oversightPolicy.manageForBoard(req.actor, g.boardId);
  };
  const groupOf = async (req: FastifyRequest) => (await getWorkingGroup(db, idOf(req)))!;
  const groupLead = async (ctx: PageContext, req: FastifyRequest) => {
    const g = await groupOf(req);
    return html`<p>${ctx.t.oversightMore.group}: <a href="/oversight/working-groups/${g.id}"${languageOf(ctx, g.name)}>${g.name}</a> <span class="meta">(${boardName(ctx, g.boardId)})</span></p>`;
  };
  const groupPage = (req: FastifyRequest, anchor: string) => `/oversight/working-groups/${idOf(req)}#${anchor}`;

  registerGuardedForm<{ memberStateId: string; role: string }>(app, checkGroup, {
    path: '/oversight/working-groups/:id/members/new',
    permission: perm.secretariat,
    nav: 'oversight',
    title: (ctx) => ctx.t.oversightMore.addMember,
    lead: groupLead,
    initial: () => ({ role: 'member' }),
    fields: async (ctx) => {
      const m = ctx.t.oversightMore;
      const states = (await listMemberStates(db, { limit: 500 })).items;
      return [
        { name: 'memberStateId', label: m.memberState, kind: 'select', options: [opt('', ctx.t.registryForms.chooseMemberState), ...memberStateOptions(ctx, states, true)] },
        { name: 'role', label: m.role, kind: 'select', options: WG_ROLES.map((r) => opt(r, m.roleName[r])) },
      ];
    },
    toInput: (v) => ({ memberStateId: str(v, 'memberStateId'), role: str(v, 'role') }),
    schema: AddWorkingGroupMember,
    save: async (ctx, input, req) => {
      await addWorkingGroupMember(db, ctx.actor, { workingGroupId: idOf(req), ...input });
      return groupPage(req, 'wg-members');
    },
  });

  registerGuardedForm<{ date: string; title: string; summary?: string; documentId?: string }>(app, checkGroup, {
    path: '/oversight/working-groups/:id/meetings/new',
    permission: perm.secretariat,
    nav: 'oversight',
    title: (ctx) => ctx.t.oversightMore.addMeeting,
    lead: groupLead,
    fields: async (ctx, req) => {
      const g = await groupOf(req);
      const m = ctx.t.oversightMore;
      return [
        { name: 'date', label: ctx.t.common.date, kind: 'date', hint: 'YYYY-MM-DD' },
        { name: 'title', label: ctx.t.common.title, kind: 'text' },
        { name: 'summary', label: m.summary, kind: 'textarea', optional: true },
        { name: 'documentId', label: m.summaryDocument, kind: 'select', optional: true, options: [opt('', ctx.t.oversight.none), ...(await documentOptions(db, ctx.actor, g.boardId))] },
      ];
    },
    toInput: (v) => ({
      date: str(v, 'date'),
      title: str(v, 'title'),
      ...(str(v, 'summary') ? { summary: str(v, 'summary') } : {}),
      ...(str(v, 'documentId') ? { documentId: str(v, 'documentId') } : {}),
    }),
    schema: AddWorkingGroupMeeting,
    save: async (ctx, input, req) => {
      // A document the caller may not read is answered as missing, beside the field.
      if (input.documentId && !(await getDocument(db, ctx.actor, input.documentId)))
        throw errors.validation([{ path: '/body/documentId', message: `unknown document '${input.documentId}'` }]);
      await addWorkingGroupMeeting(db, ctx.actor, { workingGroupId: idOf(req), input });
      return groupPage(req, 'wg-meetings');
    },
  });

  registerGuardedForm<{ recommendationId: string }>(app, checkGroup, {
    path: '/oversight/working-groups/:id/recommendations/new',
    permission: perm.secretariat,
    nav: 'oversight',
    title: (ctx) => ctx.t.oversightMore.addRecommendation,
    lead: groupLead,
    fields: async (ctx, req) => {
      const g = await groupOf(req);
      // Recommendations addressed to the group's board that it does not handle yet.
      const recs = await allPages((cursor) => listRecommendations(db, { board: g.boardId, limit: 200, cursor }));
      const labels = await labelled(ctx, recs.filter((r) => !g.recommendationIds.includes(r.id)));
      return [{ name: 'recommendationId', label: ctx.t.oversight.recommendations, kind: 'select', options: [opt('', ctx.t.oversightMore.chooseRecommendation), ...[...labels].map(([id, r]) => opt(id, r.label))] }];
    },
    toInput: (v) => ({ recommendationId: str(v, 'recommendationId') }),
    schema: AssignRecommendation,
    save: async (ctx, input, req) => {
      await assignRecommendation(db, ctx.actor, { workingGroupId: idOf(req), recommendationId: input.recommendationId });
      return groupPage(req, 'wg-recs');
    },
  });

  // ---- shared subjects ----
  app.get('/oversight/shared-subjects', pub, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const m = t.oversightMore;
    const subjects = await listSharedSubjects(db);
    const body = html`<p><a href="/oversight">${t.oversight.title}</a></p><h1>${m.sharedSubjects}</h1><p>${m.sharedSubjectsIntro}</p>
${hasRole(ctx.actor, 'secretariat') ? html`<p><a class="button" href="/oversight/shared-subjects/new">${m.newShared}</a></p>` : ''}
${
  subjects.length === 0
    ? html`<p role="status">${m.noShared}</p>`
    : html`<div class="table-scroll"><table><caption class="vh">${m.sharedSubjects}</caption>
<thead><tr><th scope="col">${t.common.title}</th><th scope="col">${t.common.boards}</th><th scope="col" class="num">${m.records}</th></tr></thead>
<tbody>${subjects.map(
        (s) => html`<tr><th scope="row"><a href="/oversight/shared-subjects/${s.id}"${languageOf(ctx, s.title)}>${s.title}</a>${syntheticLabel(ctx, s.synthetic)}</th><td>${s.boards.map((b) => boardName(ctx, b)).join('; ')}</td><td class="num">${f.number(new Set(s.rows.map((r) => r.subjectId)).size)}</td></tr>`,
      )}</tbody></table></div>`
}`;
    return sendPage(reply, ctx, m.sharedSubjects, body);
  });

  app.get<{ Params: { id: string } }>('/oversight/shared-subjects/:id', pub, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const m = t.oversightMore;
    const s = await getSharedSubject(db, req.params.id);
    if (!s) return notFoundPage(reply, ctx);
    const [recs, mandates] = await Promise.all([
      recommendationLabels(ctx, s.rows.filter((r) => r.subjectType === 'recommendation').map((r) => r.subjectId)),
      Promise.all([...new Set(s.rows.filter((r) => r.subjectType === 'mandate').map((r) => r.subjectId))].map((id) => getMandate(db, id))),
    ]);
    const mandateById = new Map(mandates.flatMap((x) => (x ? [[x.id, x] as const] : [])));
    const rows = s.rows.map((r) => {
      const addressee = r.entityId ? t.oversight.headOf(entityOf(ctx, r.entityId)) : boardName(ctx, r.boardId);
      if (r.subjectType === 'recommendation') {
        const rec = recs.get(r.subjectId);
        return html`<tr><td>${boardName(ctx, r.boardId)}</td><th scope="row"><a href="/oversight/recommendations/${r.subjectId}">${rec?.label ?? r.label}</a></th><td>${addressee}</td>
<td>${t.oversight.acceptance}: ${term(ctx, 'acceptanceStatus', r.status)}<br>${t.oversight.implementation}: ${term(ctx, 'implementationStatus', r.secondaryStatus ?? '')}</td><td class="num">${r.progress === null ? '' : f.percent(r.progress / 100)}</td></tr>`;
      }
      const x = mandateById.get(r.subjectId);
      return html`<tr><td>${boardName(ctx, r.boardId)}</td><th scope="row"><a href="/oversight/mandates/${r.subjectId}"${x ? html` lang="${x.language}"` : ''}>${x?.deliverable ?? r.text}</a>${x ? html`<br><span class="meta">${mandateSource(ctx, x)}</span>` : ''}</th><td>${x ? html`<span lang="${x.language}">${x.addresseeText}</span>` : addressee}</td>
<td>${m.mandate}: ${label(ctx, 'mandateStatus', r.status)}${x?.dueSession ? html`<br>${m.due}: ${dueText(ctx, x.dueSession)}` : ''}</td><td class="num"></td></tr>`;
    });
    const body = html`<p><a href="/oversight">${t.oversight.title}</a> › <a href="/oversight/shared-subjects">${m.sharedSubjects}</a></p>
<h1>${ownLanguage(ctx, s.title)}${syntheticLabel(ctx, s.synthetic)}</h1>
${s.description ? html`<p${languageOf(ctx, s.description)}>${s.description}</p>` : ''}
<p class="meta">${t.common.boards}: ${s.boards.map((b) => boardName(ctx, b)).join('; ')}</p>
<div class="table-scroll"><table><caption class="vh">${m.sideBySide}</caption>
<thead><tr><th scope="col">${t.common.board}</th><th scope="col">${m.record}</th><th scope="col">${m.addressee}</th><th scope="col">${m.status}</th><th scope="col" class="num">${t.oversight.progress}</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${hasRole(ctx.actor, 'secretariat') ? html`<p><a class="button" href="/oversight/shared-subjects/${s.id}/members/new">${m.addSharedMember}</a></p>` : ''}`;
    return sendPage(reply, ctx, s.title, body);
  });

  /** Every recommendation and every mandate not rejected, as "recommendation:<id>" / "mandate:<id>" choices. */
  const subjectOptions = async (ctx: PageContext, except: Set<string> = new Set()) => {
    const [recs, mandates] = await Promise.all([
      allPages((cursor) => listRecommendations(db, { limit: 200, cursor })),
      allPages((cursor) => listMandates(db, { limit: 200, cursor })),
    ]);
    const labels = await labelled(ctx, recs);
    const byBoard = (ids: string[]) => [...new Set(ids)].map((b) => boardName(ctx, b)).join('; ');
    return [
      ...recs.map((r) => opt(`recommendation:${r.id}`, `${labels.get(r.id)?.label ?? r.number} (${byBoard(r.addressees.map((a) => a.boardId))})`)),
      ...mandates
        .filter((x) => x.status !== 'rejected')
        .map((x) => opt(`mandate:${x.id}`, `${ctx.t.oversightMore.mandate}: ${x.deliverable.slice(0, 120)} (${x.decisionNumber ? `${ctx.t.decision.heading(x.decisionNumber)}, ` : ''}${boardName(ctx, x.boardId)})`)),
    ].filter((o) => !except.has(o.value));
  };
  // "recommendation:<id>" -> its parts. Nothing chosen leaves only the id missing, which the schema
  // reports beside the field; an unknown type is passed on for the schema to refuse.
  const member = (key: string) => {
    const i = key.indexOf(':');
    return i < 0 ? { subjectType: 'recommendation', ...(key ? { subjectId: key } : {}) } : { subjectType: key.slice(0, i), subjectId: key.slice(i + 1) };
  };

  registerForm<CreateSharedSubjectInput>(app, {
    path: '/oversight/shared-subjects/new',
    permission: perm.secretariat,
    nav: 'oversight',
    title: (ctx) => ctx.t.oversightMore.newShared,
    fields: async (ctx) => {
      const m = ctx.t.oversightMore;
      return [
        { name: 'title', label: ctx.t.common.title, kind: 'text' },
        { name: 'description', label: m.description, kind: 'textarea', optional: true },
        { name: 'members', label: m.sharedMembers, kind: 'checkboxes', hint: m.sharedMembersHint, options: await subjectOptions(ctx) },
      ];
    },
    toInput: (v: FormValues) => ({
      title: str(v, 'title'),
      ...(str(v, 'description') ? { description: str(v, 'description') } : {}),
      members: list(v, 'members').map(member),
    }),
    schema: CreateSharedSubject,
    save: async (ctx, input) => `/oversight/shared-subjects/${await createSharedSubject(db, ctx.actor, input)}`,
  });

  registerGuardedForm<Member>(
    app,
    async (req) => {
      if (!(await getSharedSubject(db, idOf(req)))) throw errors.notFound('Shared subject', idOf(req));
      oversightPolicy.linkAcrossBoards(req.actor);
    },
    {
      path: '/oversight/shared-subjects/:id/members/new',
      permission: perm.secretariat,
      nav: 'oversight',
      title: (ctx) => ctx.t.oversightMore.addSharedMember,
      lead: async (ctx, req) => {
        const s = (await getSharedSubject(db, idOf(req)))!;
        return html`<p>${ctx.t.oversightMore.sharedSubject}: <a href="/oversight/shared-subjects/${s.id}"${languageOf(ctx, s.title)}>${s.title}</a></p>`;
      },
      fields: async (ctx, req) => {
        const s = (await getSharedSubject(db, idOf(req)))!;
        const options = await subjectOptions(ctx, new Set(s.rows.map((r) => `${r.subjectType}:${r.subjectId}`)));
        return [{ name: 'subjectId', label: ctx.t.oversightMore.record, kind: 'select', options: [opt('', ctx.t.oversightMore.chooseRecord), ...options] }];
      },
      toInput: (v) => member(str(v, 'subjectId') ?? ''),
      schema: SharedSubjectMemberIn,
      save: async (ctx, input, req) => {
        await addSharedSubjectMember(db, ctx.actor, { sharedSubjectId: idOf(req), ...input });
        return `/oversight/shared-subjects/${idOf(req)}`;
      },
    },
  );
}
