// Optional OpenID Connect sign-in, configured by environment. Accounts are still provisioned by
// administrators: a provider identity signs in to the Concord user with the same (verified) e-mail
// address, and that user is then bound to the provider's subject.
import * as client from 'openid-client';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { errors } from '../../lib/errors.js';
import { runCommand } from '../audit/command.js';
import { systemActor } from './actor.js';
import { requireAnyRole } from './policy.js';
import { openSession } from './sessions.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  allowHttp: boolean;
}

export function oidcSettings(env: NodeJS.ProcessEnv, publicUrl: string): OidcSettings | null {
  const issuer = env.CONCORD_OIDC_ISSUER;
  const clientId = env.CONCORD_OIDC_CLIENT_ID;
  const clientSecret = env.CONCORD_OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri: env.CONCORD_OIDC_REDIRECT_URI || `${publicUrl.replace(/\/$/, '')}/api/auth/oidc/callback`,
    allowHttp: env.CONCORD_OIDC_ALLOW_HTTP === 'true',
  };
}

export const OIDC_COOKIE = 'concord_oidc';

export class OidcClient {
  private config: client.Configuration | null = null;
  constructor(readonly settings: OidcSettings) {}

  private async configuration(): Promise<client.Configuration> {
    if (!this.config) {
      this.config = await client.discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        this.settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      );
    }
    return this.config;
  }

  /** The provider URL to send the browser to, and the secrets to keep in a cookie until it returns. */
  async start(): Promise<{ url: string; pending: { verifier: string; state: string; nonce: string } }> {
    const config = await this.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, pending: { verifier, state, nonce } };
  }

  /** Exchanges the code; returns the verified identity. */
  async finish(
    currentUrl: URL,
    pending: { verifier: string; state: string; nonce: string },
  ): Promise<{ subject: string; email: string | null }> {
    const config = await this.configuration();
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw errors.unauthenticatedWith('The identity provider returned no ID token');
    const email =
      typeof claims.email === 'string' && claims.email_verified !== false ? claims.email.toLowerCase() : null;
    return { subject: `${claims.iss}|${claims.sub}`, email };
  }
}

/** Opens a Concord session for a provider identity, binding the account on first use. */
export async function signInWithIdentity(
  db: Kysely<DB>,
  identity: { subject: string; email: string | null },
) {
  let user = await db
    .selectFrom('users')
    .select(['id', 'disabled', 'oidc_subject'])
    .where('oidc_subject', '=', identity.subject)
    .executeTakeFirst();
  if (!user && identity.email) {
    user = await db
      .selectFrom('users')
      .select(['id', 'disabled', 'oidc_subject'])
      .where('email', '=', identity.email)
      .where('oidc_subject', 'is', null)
      .executeTakeFirst();
  }
  if (!user || user.disabled)
    throw errors.forbidden('There is no Concord account for this identity; ask an administrator');
  const userId = user.id;
  const bind = !user.oidc_subject;
  return runCommand(db, systemActor('auth'), {
    name: 'auth.signInOidc',
    authorize: (a) => requireAnyRole(a, ['administrator']),
    run: async ({ trx, now, audit }) => {
      if (bind)
        await trx
          .updateTable('users')
          .set({ oidc_subject: identity.subject })
          .where('id', '=', userId)
          .execute();
      const session = await openSession(trx, userId, now);
      audit({
        action: 'auth.signed-in',
        recordType: 'user',
        recordId: userId,
        after: { method: 'oidc', bound: bind, session: session.id.slice(0, 12) },
      });
      return { userId, ...session };
    },
  });
}
