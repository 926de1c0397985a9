// OpenID Connect sign-in against a real (local) provider: discovery, authorization redirect with
// PKCE, state and nonce, code exchange, ID token signature and claims checks, and the binding of a
// provider identity to an existing Concord account.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { exportJWK, SignJWT, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type App } from '../../src/http/server.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { BACKENDS } from '../support/db.js';

const CLIENT_ID = 'concord-test';

describe.each(BACKENDS)('OpenID Connect sign-in on %s', (backend) => {
  let provider: FastifyInstance;
  let issuer: string;
  let t: TestApp;
  let app: App;
  const codes = new Map<string, { sub: string; email: string; nonce: string; tamper?: boolean }>();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    provider = Fastify();
    await provider.register(formbody);
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const signingKey = await importPKCS8(
      privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      'RS256',
    );
    provider.get('/.well-known/openid-configuration', async () => ({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
    }));
    provider.get('/jwks', async () => ({ keys: [jwk] }));
    provider.post('/token', async (req) => {
      const { code } = req.body as { code: string };
      const grant = codes.get(code);
      if (!grant) return { error: 'invalid_grant' };
      const idToken = await new SignJWT({
        email: grant.email,
        email_verified: true,
        nonce: grant.tamper ? 'other-nonce' : grant.nonce,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(issuer)
        .setSubject(grant.sub)
        .setAudience(CLIENT_ID)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(signingKey);
      return { access_token: randomUUID(), token_type: 'Bearer', expires_in: 300, id_token: idToken };
    });
    await provider.listen({ port: 0, host: '127.0.0.1' });
    const address = provider.server.address();
    issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    t = await createTestApp(backend);
    app = await buildServer(
      {
        ...t.ctx,
        env: {
          CONCORD_OIDC_ISSUER: issuer,
          CONCORD_OIDC_CLIENT_ID: CLIENT_ID,
          CONCORD_OIDC_CLIENT_SECRET: 'secret',
          CONCORD_OIDC_REDIRECT_URI: 'http://localhost:3000/api/auth/oidc/callback',
          CONCORD_OIDC_ALLOW_HTTP: 'true',
        },
      },
      { logger: false },
    );
  });
  afterAll(async () => {
    await app.close();
    await t.close();
    await provider.close();
  });

  async function startAndReturn(sub: string, email: string, opts: { tamper?: boolean } = {}) {
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start?redirect=/workspace' });
    expect(start.statusCode).toBe(302);
    const location = new URL(String(start.headers.location));
    expect(location.origin + location.pathname).toBe(`${issuer}/authorize`);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    const state = location.searchParams.get('state')!;
    const nonce = location.searchParams.get('nonce')!;
    const cookie = String(start.headers['set-cookie']).split(';')[0]!;
    const code = randomUUID();
    codes.set(code, { sub, email, nonce, ...opts });
    return app.inject({
      method: 'GET',
      url: `/api/auth/oidc/callback?code=${code}&state=${state}`,
      headers: { cookie },
    });
  }

  it('signs in the account with the same e-mail, binds the subject, and opens a session', async () => {
    const res = await startAndReturn('provider-user-1', 'Observer@Example.org');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/workspace');
    const session = (res.headers['set-cookie'] as string[])
      .find((c) => c.startsWith('concord_session='))!
      .split(';')[0]!;
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } });
    expect(me.json().user.email).toBe('observer@example.org');
    const bound = await t.database.db
      .selectFrom('users')
      .select('oidc_subject')
      .where('email', '=', 'observer@example.org')
      .executeTakeFirstOrThrow();
    expect(bound.oidc_subject).toBe(`${issuer}|provider-user-1`);
  });

  it('refuses an identity with no Concord account', async () => {
    const res = await startAndReturn('provider-user-2', 'stranger@example.org');
    expect(res.statusCode).toBe(403);
  });

  it('refuses an ID token whose nonce does not match', async () => {
    const res = await startAndReturn('provider-user-3', 'admin@example.org', { tamper: true });
    expect(res.statusCode).toBe(401);
  });

  it('refuses a callback without the start cookie, or with a forged state', async () => {
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/oidc/callback?code=x&state=y' })).statusCode,
    ).toBe(400);
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    const cookie = String(start.headers['set-cookie']).split(';')[0]!;
    const res = await app.inject({
      method: 'GET',
      url: '/api/auth/oidc/callback?code=x&state=forged',
      headers: { cookie },
    });
    expect(res.statusCode).toBe(401);
  });
});
