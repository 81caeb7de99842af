import { createHash, randomBytes } from 'node:crypto';

/** What the client asked for at /oauth2/authorize, checked there and carried to the token. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | null;
  codeChallenge: string;
  nonce: string | null;
  lang: 'nl' | 'en';
}

/** Who signed in for which request: what a code, and later a refresh token, stands for. */
export interface Grant {
  request: AuthorizationRequest;
  username: string;
  /** Seconds since the epoch: the moment of the sign-in, for `auth_time`. */
  authTime: number;
}

export type Redeemed<T> = { ok: T } | { error: 'invalid_grant'; description: string };

/** Cognito's codes live five minutes. */
export const CODE_LIFETIME_SECONDS = 300;
/** Like the deployed app client's refresh token. */
export const REFRESH_LIFETIME_SECONDS = 30 * 24 * 3600;

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** RFC 7636 S256: BASE64URL(SHA256(verifier)) must equal the challenge sent at authorize. */
export function pkceMatches(codeVerifier: string, codeChallenge: string): boolean {
  if (!VERIFIER.test(codeVerifier)) return false;
  return createHash('sha256').update(codeVerifier).digest('base64url') === codeChallenge;
}

const opaque = () => randomBytes(32).toString('base64url');

interface CodeEntry {
  grant: Grant;
  expiresAt: number;
  used: boolean;
  refreshToken: string | null;
}

/**
 * Authorization codes (single use, short-lived) and the refresh tokens they turn into, in memory:
 * a restart signs everybody out, which is fine locally.
 */
export function createGrantStore(opts: { now?: () => number; codeLifetimeSeconds?: number } = {}) {
  const now = () => Math.floor((opts.now ?? Date.now)() / 1000);
  const codeLifetime = opts.codeLifetimeSeconds ?? CODE_LIFETIME_SECONDS;
  const codes = new Map<string, CodeEntry>();
  const refreshTokens = new Map<string, { grant: Grant; expiresAt: number }>();

  return {
    issueCode(grant: Grant): string {
      const code = opaque();
      codes.set(code, { grant, expiresAt: now() + codeLifetime, used: false, refreshToken: null });
      return code;
    },

    redeemCode(
      code: string,
      check: { clientId: string; redirectUri: string; codeVerifier: string },
    ): Redeemed<{ grant: Grant; refreshToken: string }> {
      const entry = codes.get(code);
      if (!entry) return { error: 'invalid_grant', description: 'unknown authorization code' };
      if (entry.used) {
        // RFC 6749 §4.1.2: a code presented twice may be stolen; what it gave is withdrawn.
        if (entry.refreshToken) refreshTokens.delete(entry.refreshToken);
        return { error: 'invalid_grant', description: 'authorization code already used' };
      }
      entry.used = true;
      if (entry.expiresAt <= now()) return { error: 'invalid_grant', description: 'authorization code expired' };
      const { request } = entry.grant;
      if (request.clientId !== check.clientId) {
        return { error: 'invalid_grant', description: 'code was issued to another client' };
      }
      if (request.redirectUri !== check.redirectUri) {
        return { error: 'invalid_grant', description: 'redirect_uri differs from the authorization request' };
      }
      if (!pkceMatches(check.codeVerifier, request.codeChallenge)) {
        return { error: 'invalid_grant', description: 'code_verifier does not match the code_challenge' };
      }
      const refreshToken = opaque();
      entry.refreshToken = refreshToken;
      refreshTokens.set(refreshToken, { grant: entry.grant, expiresAt: now() + REFRESH_LIFETIME_SECONDS });
      return { ok: { grant: entry.grant, refreshToken } };
    },

    redeemRefreshToken(token: string, clientId: string): Redeemed<Grant> {
      const entry = refreshTokens.get(token);
      if (!entry || entry.expiresAt <= now()) return { error: 'invalid_grant', description: 'invalid refresh token' };
      if (entry.grant.request.clientId !== clientId) {
        return { error: 'invalid_grant', description: 'refresh token was issued to another client' };
      }
      return { ok: entry.grant };
    },
  };
}

export type GrantStore = ReturnType<typeof createGrantStore>;
