// Management answers questions from delegations: the questions awaiting an answer on the boards
// whose management or secretariat the caller is, each with its answer form. Answering calls the
// same command as POST /api/questions/:id/answer; the answer then shows in every delegation's
// workspace, so members who were not in the room read the same answer.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../app/context.js';
import type { DB } from '../../db/schema.js';
import { errors, isAppError } from '../../lib/errors.js';
import type { Actor } from '../../modules/access/actor.js';
import { answerQuestion } from '../../modules/access/commands/questions.js';
import { perm } from '../../modules/access/permissions.js';
import { accessPolicy } from '../../modules/access/policies.js';
import { AnswerQuestion } from '../../modules/access/schema.js';
import { listBoards } from '../../modules/registry/queries.js';
import { pageContext } from '../context.js';
import { str } from '../forms.js';
import { html } from '../html.js';
import { boardName } from '../labels.js';
import { layout } from '../layout.js';
import { registerGuardedForm } from './oversight-forms.js';

// Questions are open to every delegation, so these reads need no visibility filter (as GET /api/questions).
async function questionById(db: Kysely<DB>, id: string) {
  return db.selectFrom('questions').select(['id', 'board_id', 'text']).where('id', '=', id).executeTakeFirst();
}

/** Questions on the boards that have no answer yet, newest first. */
async function pendingQuestions(db: Kysely<DB>, boardIds: string[], limit: number) {
  if (!boardIds.length) return [];
  return db
    .selectFrom('questions')
    .select(['id', 'board_id', 'member_state_id', 'text', 'asked_at'])
    .where('board_id', 'in', boardIds)
    .where('answer', 'is', null)
    .orderBy('asked_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Whether the access policy lets the actor answer questions on the board. */
function mayAnswer(actor: Actor, boardId: string): boolean {
  try {
    accessPolicy.answer(actor, boardId);
    return true;
  } catch (e) {
    if (isAppError(e)) return false;
    throw e;
  }
}

/** How many open questions the page lists at most, newest first. */
const PENDING_LIMIT = 200;

export function answerRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

  app.get('/workspace/answers', { schema: { hide: true }, config: { permission: perm.management } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const boards = (await listBoards(db)).filter((b) => mayAnswer(ctx.actor, b.id)).map((b) => b.id);
    const pending = await pendingQuestions(db, boards, PENDING_LIMIT);
    const body = html`<p><a href="/workspace">${t.workspace.title}</a></p><h1>${t.oversight.answersTitle}</h1><p>${t.oversight.answersIntro}</p>
${
  pending.length
    ? pending.map(
        (q) => html`<section class="agenda-item" aria-labelledby="q-${q.id}-h"><h2 id="q-${q.id}-h">${t.workspace.question} <span class="meta">(${boardName(ctx, q.board_id)} · ${t.workspace.askedOn(f.date(q.asked_at))}${q.member_state_id ? ` · ${q.member_state_id}` : ''})</span></h2>
<p id="q-${q.id}-text">${q.text}</p>
<form method="post" action="/workspace/questions/${q.id}/answer">
<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">
<div class="field"><label for="answer-${q.id}">${t.oversight.yourAnswer}</label><textarea id="answer-${q.id}" name="answer" aria-describedby="q-${q.id}-text" required></textarea></div>
<button type="submit">${t.oversight.answerThis}</button>
</form></section>`,
      )
    : html`<p>${t.oversight.noPending}</p>`
}`;
    return reply.type('text/html; charset=utf-8').send(layout(ctx, { title: t.oversight.answersTitle, body, nav: 'workspace' }));
  });

  registerGuardedForm<{ answer: string }>(
    app,
    async (req) => {
      const q = await questionById(db, idOf(req));
      if (!q) throw errors.notFound('Question', idOf(req));
      accessPolicy.answer(req.actor, q.board_id);
    },
    {
      path: '/workspace/questions/:id/answer',
      permission: perm.management,
      nav: 'workspace',
      title: (ctx) => ctx.t.oversight.answerThis,
      fields: async (ctx, req) => {
        const q = await questionById(db, idOf(req));
        return [{ name: 'answer', label: ctx.t.oversight.yourAnswer, kind: 'textarea', hint: ctx.t.oversight.questionIs(q?.text ?? '') }];
      },
      toInput: (v) => ({ answer: str(v, 'answer') }),
      schema: AnswerQuestion,
      save: async (ctx, input, req) => {
        await answerQuestion(db, ctx.actor, { id: idOf(req), answer: input.answer });
        return '/workspace/answers';
      },
    },
  );
}
