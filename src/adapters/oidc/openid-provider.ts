// The clinic's OpenID Connect provider through openid-client: discovery (once,
// lazily), the authorization URL with PKCE, state and nonce, and the code
// exchange with every check openid-client makes (issuer, audience, signature,
// nonce, state). Plain-http issuers are allowed only on loopback, for tests
// and local development.
import * as client from 'openid-client';
import type { IdentityProvider, OidcStart, VerifiedIdentity } from '../../app/staff/oidc-sign-in.js';

export interface OpenIdSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

export class OpenIdProvider implements IdentityProvider {
  private config: Promise<client.Configuration> | null = null;

  constructor(private readonly settings: OpenIdSettings) {}

  private configuration(): Promise<client.Configuration> {
    if (!this.config) {
      const issuer = new URL(this.settings.issuerUrl);
      const insecure = issuer.protocol === 'http:' && LOOPBACK.test(issuer.hostname);
      this.config = client
        .discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, insecure ? { execute: [client.allowInsecureRequests] } : undefined)
        .catch((err: unknown) => {
          this.config = null;
          throw err;
        });
    }
    return this.config;
  }

  async start(): Promise<OidcStart> {
    const config = await this.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, verifier };
  }

  async finish(callbackUrl: string, expected: { state: string; nonce: string; verifier: string }): Promise<VerifiedIdentity> {
    const config = await this.configuration();
    const tokens = await client.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier: expected.verifier, expectedState: expected.state, expectedNonce: expected.nonce, idTokenExpected: true });
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider returned no ID token');
    return {
      subject: `${claims.iss}|${claims.sub}`,
      email: typeof claims.email === 'string' ? claims.email.toLowerCase() : null,
      emailVerified: claims.email_verified === true,
    };
  }
}
