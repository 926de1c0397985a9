// The signed-in user's API tokens: the list (name, created, active or revoked — never the secret,
// which Concord stores only as a hash), a form to create one and a button to revoke one. Both go
// through the access module's commands (issueToken, revokeToken), whose policy lets a user manage
// their own tokens and an administrator anyone's. The secret is in the response to the creating
// post only: that page is not cached, and the secret is neither put in a URL nor audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { isAppError } from '../../lib/errors.js';
import { issueToken, revokeToken } from '../../modules/access/commands/tokens.js';
import { perm } from '../../modules/access/permissions.js';
import { pageContext, type PageContext } from '../context.js';
import { errorsByField, formValues, renderForm, str, validate, type FieldErrors, type FieldSpec, type FormValues } from '../forms.js';
import { html } from '../html.js';
import { layout } from '../layout.js';
import { errorPage } from './parts.js';

/** The body of POST /api/users/:id/tokens. */
const TokenBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

/** The API's id syntax; anything else cannot name a token. */
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;

const fields = (ctx: PageContext): FieldSpec[] => [{ name: 'name', label: ctx.t.accountAndRuns.tokenName, kind: 'text', hint: ctx.t.accountAndRuns.tokenNameHint }];

function send(reply: FastifyReply, ctx: PageContext, title: string, body: ReturnType<typeof html>, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(layout(ctx, { title, body, nav: 'workspace' }));
}

export function tokenRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  const signedIn = { schema: { hide: true }, config: { permission: perm.signedIn } };

  const listPage = async (req: FastifyRequest, reply: FastifyReply, values: FormValues, errs: FieldErrors | null, status = 200) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const a = t.accountAndRuns;
    // The hash is not read: the page cannot show what it does not have.
    const tokens = await db.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'revoked']).where('user_id', '=', ctx.actor.id).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    const done = (req.query as Record<string, string | undefined>).done === 'revoked';
    const body = html`<p><a href="/workspace">${t.workspace.title}</a></p><h1>${a.tokensTitle}</h1><p>${a.tokensIntro}</p>
${done ? html`<p class="notice" role="status">${a.revokedDone}</p>` : ''}
<section aria-labelledby="tk-list"><h2 id="tk-list">${a.myTokens}</h2>
${
  tokens.length
    ? html`<table><caption class="vh">${a.myTokens}</caption><thead><tr><th scope="col">${a.tokenName}</th><th scope="col">${a.created}</th><th scope="col">${a.status}</th><th scope="col">${a.action}</th></tr></thead>
<tbody>${tokens.map(
        (tk) =>
          html`<tr data-token="${tk.id}"><th scope="row">${tk.name}</th><td>${f.date(tk.created_at)}</td><td>${tk.revoked ? a.revoked : a.active}</td><td>${
            tk.revoked
              ? '—'
              : html`<form method="post" action="/workspace/tokens/${tk.id}/revoke" class="button-form"><input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}"><button type="submit">${a.revoke}<span class="vh"> — ${tk.name}</span></button></form>`
          }</td></tr>`,
      )}</tbody></table>`
    : html`<p>${a.tokensNone}</p>`
}</section>
<section aria-labelledby="tk-new"><h2 id="tk-new">${a.newToken}</h2>
${renderForm(ctx, { action: '/workspace/tokens', fields: fields(ctx), values, errors: errs, submit: a.createToken })}</section>`;
    return send(reply, ctx, a.tokensTitle, body, status);
  };

  app.get('/workspace/tokens', { schema: { hide: true }, config: { permission: perm.public } }, async (req, reply) => {
    if (req.actor.kind !== 'user') return reply.redirect('/sign-in?redirect=/workspace/tokens', 303);
    return listPage(req, reply, {}, null);
  });

  app.post('/workspace/tokens', signedIn, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const a = ctx.t.accountAndRuns;
    const values = formValues(req.body);
    let issued: { id: string; token: string };
    let name: string;
    try {
      ({ name } = validate<{ name: string }>(TokenBody, { name: str(values, 'name') }));
      issued = await issueToken(db, ctx.actor, { userId: ctx.actor.id, name });
    } catch (e) {
      const errs = errorsByField(e, fields(ctx));
      if (!errs) throw e;
      return listPage(req, reply, values, errs, 400);
    }
    // Shown this once; no-store keeps it out of the browser's cache and history snapshots.
    void reply.header('cache-control', 'no-store');
    const body = html`<p><a href="/workspace/tokens">${a.backToTokens}</a></p><h1>${a.secretTitle}</h1>
<div class="alert" role="alert"><p>${a.secretWarning}</p></div>
<p><label for="token-secret">${a.secretLabel(name)}</label><br><input type="text" id="token-secret" readonly size="60" dir="ltr" spellcheck="false" autocomplete="off" value="${issued.token}"></p>
<p>${a.howToUse}</p>
<p><a class="button" href="/workspace/tokens">${a.backToTokens}</a></p>`;
    return send(reply, ctx, a.secretTitle, body, 201);
  });

  app.post<{ Params: { id: string } }>('/workspace/tokens/:id/revoke', signedIn, async (req, reply) => {
    const ctx = pageContext(req, reply);
    if (!ID.test(req.params.id)) return reply.code(404).type('text/html; charset=utf-8').send(errorPage(ctx, 404));
    try {
      await revokeToken(db, ctx.actor, req.params.id);
    } catch (e) {
      if (isAppError(e) && (e.status === 403 || e.status === 404)) return reply.code(e.status).type('text/html; charset=utf-8').send(errorPage(ctx, e.status));
      throw e;
    }
    return reply.redirect('/workspace/tokens?done=revoked', 303);
  });
}
