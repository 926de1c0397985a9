// HTTP routes for sign-in, users and tokens, access levels and embargoes, informal briefing
// records, questions to management and the parity ledger.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { errors, isAppError } from '../../lib/errors.js';
import { errorResponses, Id, writeErrorResponses } from '../../http/schemas.js';
import { getDocument } from '../documents/queries.js';
import { getSession } from '../sessions/queries.js';
import type { Actor } from './actor.js';
import { perm } from './permissions.js';
import { AttemptLimiter } from './rate-limit.js';
import { sessionCookie, SESSION_HOURS } from './sessions.js';
import { signIn } from './commands/signIn.js';
import { signOut } from './commands/signOut.js';
import { createUser } from './commands/createUser.js';
import { updateUser } from './commands/updateUser.js';
import { resetPassword } from './commands/resetPassword.js';
import { issueToken, revokeToken } from './commands/tokens.js';
import { setAccess } from './commands/setAccess.js';
import { publishBriefingRecords, recordAttendance } from './commands/briefings.js';
import { answerQuestion, askQuestion } from './commands/questions.js';
import { parityForDecisions, parityReport } from './parity.js';
import { OIDC_COOKIE, OidcClient, oidcSettings, signInWithIdentity } from './oidc.js';
import { parseCookies } from './sessions.js';
import {
  AnswerQuestion,
  AskQuestion,
  CreateUser,
  Me,
  ParityDecision,
  ParityQuery,
  PublishBriefingRecords,
  QuestionOut,
  RecordAttendance,
  ResetPassword,
  SetAccess,
  SignIn,
  UpdateUser,
  UserOut,
} from './schema.js';

const Params = Type.Object({ id: Id });

export async function accessRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const secure = ctx.config.publicUrl.startsWith('https:');
  const byAddress = new AttemptLimiter(20, 15 * 60_000);
  const byAccount = new AttemptLimiter(5, 15 * 60_000);

  const userOut = async (id: string) => {
    const u = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!u) throw errors.notFound('User', id);
    const grants = await db
      .selectFrom('role_grants')
      .select(['role', 'board_id'])
      .where('user_id', '=', id)
      .orderBy('role')
      .execute();
    return {
      id: u.id,
      email: u.email,
      displayName: u.display_name,
      memberStateId: u.member_state_id,
      disabled: !!u.disabled,
      grants: grants.map((g) => ({ role: g.role as Actor['grants'][number]['role'], boardId: g.board_id })),
      createdAt: u.created_at,
    };
  };

  const isForm = (req: FastifyRequest) =>
    String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

  // Sign-in: JSON for scripts and the SPA-less pages alike; a form post gets a 303 redirect.
  app.post(
    '/api/auth/sign-in',
    {
      config: { permission: perm.public },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: SignIn,
        response: { 200: Me, 303: Type.Null(), 429: Type.Ref('Problem'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const email = req.body.email.trim().toLowerCase();
      const wait = Math.max(byAddress.retryAfter(req.ip), byAccount.retryAfter(email));
      if (wait > 0) throw errors.tooManyRequests(wait);
      let result: Awaited<ReturnType<typeof signIn>>;
      try {
        result = await signIn(db, { email, password: req.body.password });
      } catch (e) {
        if (isAppError(e) && e.status === 401) {
          byAddress.fail(req.ip);
          byAccount.fail(email);
          if (isForm(req))
            return reply
              .code(303)
              .header(
                'location',
                `/sign-in?error=invalid${req.body.redirect ? `&redirect=${encodeURIComponent(req.body.redirect)}` : ''}`,
              )
              .send(null);
        }
        throw e;
      }
      byAccount.reset(email);
      void reply.header(
        'set-cookie',
        sessionCookie(result.cookie, { secure, maxAgeSeconds: SESSION_HOURS * 3600 }),
      );
      void reply.header('cache-control', 'no-store');
      if (isForm(req))
        return reply
          .code(303)
          .header('location', req.body.redirect ?? '/workspace')
          .send(null);
      const user = await userOut(result.userId);
      return { user: { ...user, lastVisitAt: null }, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      config: { permission: perm.signedIn },
      schema: {
        tags: ['auth'],
        summary: 'End the current session',
        response: { 204: Type.Null(), 303: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      if (req.userSession) await signOut(db, req.actor, req.userSession.id);
      void reply.header('set-cookie', sessionCookie('', { secure, maxAgeSeconds: 0 }));
      if (isForm(req)) return reply.code(303).header('location', '/').send(null);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { permission: perm.signedIn },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, their roles and the CSRF token for state changes',
        response: { 200: Me, ...errorResponses },
      },
    },
    async (req, reply) => {
      const user = await userOut(req.actor.id);
      const row = await db
        .selectFrom('users')
        .select('last_visit_at')
        .where('id', '=', req.actor.id)
        .executeTakeFirst();
      void reply.header('cache-control', 'no-store');
      return {
        user: {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          memberStateId: user.memberStateId,
          grants: user.grants,
          lastVisitAt: row?.last_visit_at ?? null,
        },
        csrfToken: req.userSession?.csrfToken ?? null,
      };
    },
  );

  app.get(
    '/api/users',
    {
      config: { permission: perm.administrator },
      schema: {
        tags: ['users'],
        summary: 'List users (administrators)',
        response: { 200: Type.Object({ items: Type.Array(UserOut) }), ...errorResponses },
      },
    },
    async () => {
      const ids = await db.selectFrom('users').select('id').orderBy('email').execute();
      return { items: await Promise.all(ids.map((u) => userOut(u.id))) };
    },
  );

  app.post(
    '/api/users',
    {
      config: { permission: perm.administrator },
      schema: {
        tags: ['users'],
        summary: 'Create a user with roles (administrators)',
        body: CreateUser,
        response: { 201: UserOut, ...writeErrorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await userOut(await createUser(db, req.actor, req.body))),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { permission: perm.administrator },
      schema: {
        tags: ['users'],
        summary: 'Change roles, name or disable a user (administrators)',
        params: Params,
        body: UpdateUser,
        response: { 200: UserOut, ...writeErrorResponses },
      },
    },
    async (req) => {
      await updateUser(db, req.actor, { id: req.params.id, input: req.body });
      return userOut(req.params.id);
    },
  );

  app.post(
    '/api/users/:id/password',
    {
      config: { permission: perm.administrator },
      schema: {
        tags: ['users'],
        summary: 'Reset a user’s password (administrators); ends their sessions',
        params: Params,
        body: ResetPassword,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await resetPassword(db, req.actor, { userId: req.params.id, password: req.body.password });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/users/:id/tokens',
    {
      config: { permission: perm.signedIn },
      schema: {
        tags: ['users'],
        summary:
          'Issue an API token for yourself (or, as administrator, for anyone); the secret is shown once',
        params: Params,
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 100 }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), token: Type.String() }), ...writeErrorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .header('cache-control', 'no-store')
        .send(await issueToken(db, req.actor, { userId: req.params.id, name: req.body.name })),
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { permission: perm.signedIn },
      schema: {
        tags: ['users'],
        summary: 'Revoke an API token',
        params: Params,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await revokeToken(db, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/documents/:id/access',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags: ['access'],
        summary: 'Set a document’s access level and embargo (secretariat of its boards)',
        params: Params,
        body: SetAccess,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await setAccess(db, req.actor, { recordType: 'document', id: req.params.id, input: req.body });
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/sessions/:id/access',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags: ['access'],
        summary: 'Set a session’s access level and embargo (secretariat of its boards)',
        params: Params,
        body: SetAccess,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await setAccess(db, req.actor, { recordType: 'session', id: req.params.id, input: req.body });
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/sessions/:id/attendance',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags: ['briefings'],
        summary: 'Record which delegations attended an informal briefing',
        params: Params,
        body: RecordAttendance,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      await recordAttendance(db, req.actor, {
        sessionId: req.params.id,
        memberStateIds: req.body.memberStateIds,
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/sessions/:id/briefing-records',
    {
      config: { permission: perm.secretariat },
      schema: {
        tags: ['briefings'],
        summary: 'Publish an informal briefing’s records to every member of its boards at one moment',
        params: Params,
        body: PublishBriefingRecords,
        response: {
          200: Type.Object({ releaseAt: Type.String(), accessLevel: Type.String() }),
          ...writeErrorResponses,
        },
      },
    },
    async (req) => publishBriefingRecords(db, req.actor, { sessionId: req.params.id, input: req.body }),
  );

  app.get(
    '/api/sessions/:id/briefing-records',
    {
      config: { permission: perm.public, cache: true },
      schema: {
        tags: ['briefings'],
        summary:
          'The records of an informal briefing that you may read (the same for every member, attended or not)',
        params: Params,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                title: Type.String(),
                type: Type.String(),
                date: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const s = await getSession(db, req.actor, req.params.id);
      if (!s) throw errors.notFound('Session', req.params.id);
      const docs = await db
        .selectFrom('documents')
        .select('id')
        .where('session_id', '=', req.params.id)
        .orderBy('date')
        .orderBy('id')
        .execute();
      const visible = [];
      for (const d of docs) {
        const doc = await getDocument(db, req.actor, d.id);
        if (doc) visible.push({ id: doc.id, title: doc.title, type: doc.type, date: doc.date });
      }
      return { items: visible };
    },
  );

  app.post(
    '/api/questions',
    {
      config: { permission: perm.delegates },
      schema: {
        tags: ['questions'],
        summary: 'Ask management a question (member-state delegations)',
        body: AskQuestion,
        response: { 201: QuestionOut, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const id = await askQuestion(db, req.actor, req.body);
      return reply.code(201).send(await questionOut(id));
    },
  );

  app.post(
    '/api/questions/:id/answer',
    {
      config: { permission: perm.management },
      schema: {
        tags: ['questions'],
        summary: 'Answer a question (entity management or secretariat)',
        params: Params,
        body: AnswerQuestion,
        response: { 200: QuestionOut, ...writeErrorResponses },
      },
    },
    async (req) => {
      await answerQuestion(db, req.actor, { id: req.params.id, answer: req.body.answer });
      return questionOut(req.params.id);
    },
  );

  app.get(
    '/api/questions',
    {
      config: { permission: perm.memberStates, cache: true },
      schema: {
        tags: ['questions'],
        summary: 'Questions and answers, visible to every member-state delegation',
        querystring: Type.Object(
          { board: Type.Optional(Id), session: Type.Optional(Id), unanswered: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(QuestionOut) }), ...errorResponses },
      },
    },
    async (req) => {
      let q = db.selectFrom('questions').selectAll();
      if (req.query.board) q = q.where('board_id', '=', req.query.board);
      if (req.query.session) q = q.where('session_id', '=', req.query.session);
      if (req.query.unanswered) q = q.where('answer', 'is', null);
      return {
        items: (await q.orderBy('asked_at', 'desc').orderBy('id', 'desc').limit(500).execute()).map(
          presentQuestion,
        ),
      };
    },
  );

  app.get(
    '/api/parity/decisions/:id',
    {
      config: { permission: perm.memberStates, cache: true },
      schema: {
        tags: ['parity'],
        summary: 'When each member of the board could first read each document behind a decision',
        params: Params,
        querystring: Type.Object(
          { minDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365, default: 14 })) },
          { additionalProperties: false },
        ),
        response: { 200: ParityDecision, ...errorResponses },
      },
    },
    async (req) => {
      const [entry] = await parityForDecisions(db, [req.params.id], req.query.minDays ?? 14);
      if (!entry) throw errors.notFound('Decision', req.params.id);
      return entry;
    },
  );

  app.get(
    '/api/parity/report',
    {
      config: { permission: perm.memberStates, cache: true },
      schema: {
        tags: ['parity'],
        summary:
          'Decisions where members got a document at different times, or fewer than minDays before the session',
        querystring: ParityQuery,
        response: { 200: Type.Object({ items: Type.Array(ParityDecision) }), ...errorResponses },
      },
    },
    async (req) => ({
      items: await parityReport(db, {
        board: req.query.board,
        year: req.query.year,
        minDays: req.query.minDays ?? 14,
      }),
    }),
  );

  // Optional OpenID Connect sign-in (CONCORD_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET).
  const oidcConfig = oidcSettings(ctx.env ?? process.env, ctx.config.publicUrl);
  if (oidcConfig) {
    const oidc = new OidcClient(oidcConfig);
    const RedirectQuery = Type.Object(
      { redirect: Type.Optional(Type.String({ maxLength: 300, pattern: '^/[^/\\\\]' })) },
      { additionalProperties: false },
    );
    app.get(
      '/api/auth/oidc/start',
      {
        config: { permission: perm.public },
        schema: {
          tags: ['auth'],
          summary: 'Start sign-in with the configured OpenID Connect provider',
          querystring: RedirectQuery,
        },
      },
      async (req, reply) => {
        const { url, pending } = await oidc.start();
        const value = Buffer.from(
          JSON.stringify({ ...pending, redirect: req.query.redirect ?? '/workspace' }),
        ).toString('base64url');
        void reply.header(
          'set-cookie',
          `${OIDC_COOKIE}=${value}; Path=/api/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=600${secure ? '; Secure' : ''}`,
        );
        return reply.code(302).header('location', url).send();
      },
    );
    app.get(
      '/api/auth/oidc/callback',
      {
        config: { permission: perm.public },
        schema: { tags: ['auth'], summary: 'Where the OpenID Connect provider returns the browser' },
      },
      async (req, reply) => {
        const raw = parseCookies(req.headers.cookie)[OIDC_COOKIE];
        let pending: { verifier: string; state: string; nonce: string; redirect: string };
        try {
          pending = JSON.parse(Buffer.from(raw ?? '', 'base64url').toString('utf8'));
          if (!pending.verifier || !pending.state || !pending.nonce) throw new Error('incomplete');
        } catch {
          throw errors.badRequest('The sign-in attempt expired or was not started here; start again');
        }
        let identity: { subject: string; email: string | null };
        try {
          identity = await oidc.finish(new URL(req.url, oidcConfig.redirectUri), pending);
        } catch (e) {
          if (isAppError(e)) throw e;
          req.log.warn({ err: e }, 'OpenID Connect callback refused');
          throw errors.unauthenticatedWith('The identity provider’s answer could not be verified');
        }
        const result = await signInWithIdentity(db, identity);
        void reply.header('set-cookie', [
          sessionCookie(result.cookie, { secure, maxAgeSeconds: SESSION_HOURS * 3600 }),
          `${OIDC_COOKIE}=; Path=/api/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=0`,
        ]);
        return reply
          .code(303)
          .header('location', pending.redirect || '/workspace')
          .send();
      },
    );
  }

  async function questionOut(id: string) {
    const row = await db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return presentQuestion(row);
  }
}

function presentQuestion(r: {
  id: string;
  board_id: string;
  session_id: string | null;
  entity_id: string | null;
  member_state_id: string | null;
  text: string;
  asked_at: string;
  answer: string | null;
  answered_at: string | null;
}) {
  return {
    id: r.id,
    boardId: r.board_id,
    sessionId: r.session_id,
    entityId: r.entity_id,
    memberStateId: r.member_state_id,
    text: r.text,
    askedAt: r.asked_at,
    answer: r.answer,
    answeredAt: r.answered_at,
  };
}
