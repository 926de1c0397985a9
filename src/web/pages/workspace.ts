// The members' workspace (signed in): my boards and roles, upcoming sessions of my boards with
// their documents, what is new since my last visit, questions and answers, mandates of my boards,
// and the recommendation, reporting-load and calendar dashboards.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { askQuestion } from '../../modules/access/commands/questions.js';
import { AskQuestion, type AskQuestionInput } from '../../modules/access/schema.js';
import { allows, DELEGATES, perm } from '../../modules/access/permissions.js';
import { readableLevels } from '../../modules/access/visibility.js';
import { listDocuments } from '../../modules/documents/queries.js';
import { listMandates } from '../../modules/oversight/queries.js';
import { listBoards } from '../../modules/registry/queries.js';
import { listSessions, type SessionRow } from '../../modules/sessions/queries.js';
import { appendCookie, pageContext, readCookies } from '../context.js';
import { str } from '../forms.js';
import { html } from '../html.js';
import { boardName, label, todayIso } from '../labels.js';
import { layout, syntheticLabel } from '../layout.js';
import { lastVisitOf, recentQuestions, recordedSince } from '../queries.js';
import { dashboardSections } from './dashboards.js';
import { registerForm } from './forms.js';
import { decisionList, documentList, sessionTable } from './parts.js';

/** The previous workspace visit, kept in a cookie while the access module does not record one. */
const SEEN_COOKIE = 'concord_seen';

/** Questions and answers are open to every member-state delegation (and to staff). */
const readsMemberStates = (a: Parameters<typeof readableLevels>[0]) => readableLevels(a).includes('member-states');

export function workspaceRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;

  app.get('/workspace', { schema: { hide: true }, config: { permission: 'public' } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    if (ctx.actor.kind !== 'user') return reply.redirect('/sign-in?redirect=/workspace', 303);
    const boards = await listBoards(db);
    const scoped = ctx.actor.grants.every((g) => g.boardId !== null);
    const mine = scoped ? boards.filter((b) => ctx.actor.grants.some((g) => g.boardId === b.id)) : boards;
    const mineIds = mine.map((b) => b.id);

    const today = todayIso();
    const upcomingLists = await Promise.all(mineIds.map((board) => listSessions(db, ctx.actor, { board, from: today, sort: 'startDate', limit: 5 })));
    const upcoming = [...new Map(upcomingLists.flatMap((l) => l.items).map((s) => [s.id, s])).values()]
      .sort((a, b) => (a.start_date < b.start_date ? -1 : 1))
      .slice(0, 8);
    const upcomingDocs = await Promise.all(upcoming.map((s) => listDocuments(db, ctx.actor, { session: s.id, limit: 20 })));

    const cookieSeen = readCookies(req.headers.cookie)[SEEN_COOKIE];
    const recorded = await lastVisitOf(db, ctx.actor.id);
    const since = recorded ?? (cookieSeen && !Number.isNaN(Date.parse(cookieSeen)) ? cookieSeen : null);
    const fresh = await recordedSince(db, ctx.actor, since ?? new Date(Date.now() - 30 * 86400_000).toISOString(), scoped ? mineIds : null);
    appendCookie(reply, `${SEEN_COOKIE}=${encodeURIComponent(new Date().toISOString())}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`);

    const mayReadQuestions = readsMemberStates(ctx.actor);
    const [questions, mandates, dashboards] = await Promise.all([
      mayReadQuestions ? recentQuestions(db, mineIds) : Promise.resolve([]),
      Promise.all(mineIds.map((board) => listMandates(db, { board, limit: 10 }))),
      dashboardSections(ctx, actx, { headingLevel: 3, board: scoped && mineIds.length === 1 ? mineIds[0] : undefined }),
    ]);
    const mandateRows = mandates.flatMap((m) => m.items);

    const freshSessions: SessionRow[] = fresh.sessions.map((s) => ({ ...s, boardIds: [] }));
    const body = html`<h1>${t.workspace.title}</h1>
<section aria-labelledby="w-boards"><h2 id="w-boards">${t.workspace.myBoards}</h2>
<ul>${mine.map((b) => html`<li><a href="/boards/${b.id}">${boardName(ctx, b.id)}</a></li>`)}</ul>
<p class="meta">${t.workspace.roles}: ${ctx.actor.grants.map((g, i) => html`${i ? '; ' : ''}${label(ctx, 'role', g.role)}${g.boardId ? ` (${boardName(ctx, g.boardId)})` : ''}`)}</p>
<p><a href="/workspace/tokens">${t.accountAndRuns.tokensLink}</a></p>
</section>
<section aria-labelledby="w-upcoming"><h2 id="w-upcoming">${t.workspace.upcoming}</h2>
${
  upcoming.length
    ? upcoming.map(
        (s, i) => html`<div class="agenda-item"><h3><a href="/sessions/${s.id}">${s.title}</a>${syntheticLabel(ctx, s.synthetic)}</h3>
<p class="meta">${label(ctx, 'sessionType', s.type)} · ${f.dateRange(s.start_date, s.end_date)}</p>
${documentList(ctx, upcomingDocs[i]!.items)}</div>`,
      )
    : html`<p>${t.workspace.noUpcoming}</p>`
}</section>
<section aria-labelledby="w-new"><h2 id="w-new">${since ? t.workspace.newSince(f.date(since)) : t.workspace.newRecent}</h2>
${
  fresh.sessions.length + fresh.documents.length + fresh.decisions.length === 0
    ? html`<p>${t.workspace.noNew}</p>`
    : html`${fresh.sessions.length ? html`<h3>${t.workspace.newSessions}</h3>${sessionTable(ctx, freshSessions, t.workspace.newSessions)}` : ''}
${fresh.documents.length ? html`<h3>${t.workspace.newDocuments}</h3>${documentList(ctx, fresh.documents)}` : ''}
${fresh.decisions.length ? html`<h3>${t.workspace.newDecisions}</h3>${decisionList(ctx, fresh.decisions)}` : ''}`
}</section>
${
  mayReadQuestions
    ? html`<section aria-labelledby="w-questions"><h2 id="w-questions">${t.workspace.questions}</h2>
${ctx.actor.grants.some((g) => DELEGATES.includes(g.role)) ? html`<p><a class="button" href="/workspace/questions/new">${t.workspace.ask}</a></p>` : ''}
${allows(perm.management, ctx.actor) === 'ok' ? html`<p><a class="button" href="/workspace/answers">${t.oversight.answersLink}</a></p>` : ''}
${
  questions.length
    ? html`<ul class="plain">${questions.map(
        (q) => html`<li><p><strong>${t.workspace.question}</strong> <span class="meta">(${boardName(ctx, q.board_id)} · ${t.workspace.askedOn(f.date(q.asked_at))}${q.member_state_id ? ` · ${q.member_state_id}` : ''})</span></p>
<p>${q.text}</p><p><strong>${t.workspace.answer}</strong></p>${q.answer ? html`<p>${q.answer}</p>` : html`<p class="meta">${t.workspace.unanswered}</p>`}</li>`,
      )}</ul>`
    : html`<p>${t.workspace.noQuestions}</p>`
}</section>`
    : ''
}
<section aria-labelledby="w-mandates"><h2 id="w-mandates">${t.workspace.mandates}</h2>
${
  mandateRows.length
    ? html`<div class="table-scroll"><table><caption class="vh">${t.workspace.mandates}</caption>
<thead><tr><th scope="col">${t.common.board}</th><th scope="col">${t.nav.decisions}</th><th scope="col">${t.workspace.deliverable}</th><th scope="col">${t.workspace.dueSession}</th><th scope="col">${t.workspace.status}</th></tr></thead>
<tbody>${mandateRows.map(
        (m) =>
          html`<tr><td>${boardName(ctx, m.boardId)}</td><td>${m.decisionId ? html`<a href="/decisions/${m.decisionId}">${m.decisionNumber ?? ''}</a>` : ''}${m.paragraphNumber ? `, ${m.paragraphNumber}` : ''}</td><td lang="${m.language}">${m.deliverable}${syntheticLabel(ctx, m.synthetic)}</td><td>${m.dueSession ? `${label(ctx, 'sessionType', m.dueSession.type)} ${m.dueSession.year}` : ''}</td><td>${label(ctx, 'mandateStatus', m.status)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t.workspace.noMandates}</p>`
}</section>
<section aria-labelledby="w-dash"><h2 id="w-dash">${t.workspace.dashboards}</h2>${dashboards}</section>`;
    return reply
      .type('text/html; charset=utf-8')
      .send(layout(ctx, { title: t.workspace.title, body, nav: 'workspace', charts: true }));
  });

  registerForm<AskQuestionInput>(app, {
    path: '/workspace/questions/new',
    nav: 'workspace',
    permission: perm.delegates,
    title: (ctx) => ctx.t.workspace.ask,
    fields: async (ctx) => {
      const boards = await listBoards(db);
      const scoped = ctx.actor.grants.every((g) => g.boardId !== null);
      return [
        {
          name: 'boardId',
          label: ctx.t.common.board,
          kind: 'select',
          options: boards.filter((b) => !scoped || ctx.actor.grants.some((g) => g.boardId === b.id)).map((b) => ({ value: b.id, label: boardName(ctx, b.id) })),
        },
        { name: 'text', label: ctx.t.workspace.question, kind: 'textarea' },
      ];
    },
    toInput: (v) => ({ boardId: str(v, 'boardId'), text: str(v, 'text') }),
    schema: AskQuestion,
    save: async (ctx, input) => {
      await askQuestion(db, ctx.actor, input);
      return '/workspace#w-questions';
    },
  });
}
