// The sign-in page. Its form posts to the access module's POST /api/auth/sign-in (form-encoded),
// which sets the session cookie and answers 303 to `redirect`, or back here with ?error= on
// failure. Sign-out is a form in the page header posting to POST /api/auth/sign-out.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { pageContext } from '../context.js';
import { html } from '../html.js';
import { layout } from '../layout.js';

/** Only same-site paths ("/x", not "//host" or "/\\host") are followed after sign-in. */
export function safeRedirect(value: unknown, fallback = '/workspace'): string {
  return typeof value === 'string' && /^\/[^/\\]/.test(value) && value.length <= 300 ? value : fallback;
}

export function authRoutes(app: FastifyInstance, _actx: AppContext): void {
  app.get<{ Querystring: { redirect?: string; error?: string } }>(
    '/sign-in',
    { schema: { hide: true }, config: { permission: 'public' } },
    async (req, reply) => {
      const ctx = pageContext(req, reply);
      const { t } = ctx;
      const redirect = safeRedirect(req.query.redirect);
      if (req.actor.kind === 'user') return reply.redirect(redirect, 303);
      const error = req.query.error;
      const message = error ? (error === 'rate-limited' ? t.signIn.rateLimited : t.signIn.failed) : null;
      const body = html`<h1>${t.signIn.title}</h1>
<p>${t.signIn.intro}</p>
${message ? html`<div class="alert" role="alert" id="sign-in-error"><p>${message}</p></div>` : ''}
<form method="post" action="/api/auth/sign-in">
<input type="hidden" name="redirect" value="${redirect}">
<div class="field${message ? ' invalid' : ''}"><label for="email">${t.signIn.email}</label>
<input type="email" id="email" name="email" autocomplete="username" required ${message ? html`aria-invalid="true" aria-describedby="sign-in-error"` : ''}></div>
<div class="field${message ? ' invalid' : ''}"><label for="password">${t.signIn.password}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required ${message ? html`aria-invalid="true" aria-describedby="sign-in-error"` : ''}></div>
<button type="submit">${t.signIn.submit}</button>
</form>`;
      return reply.type('text/html; charset=utf-8').send(layout(ctx, { title: t.signIn.title, body, nav: 'signIn' }));
    },
  );
}
