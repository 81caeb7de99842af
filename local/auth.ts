import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { ORGANISER_GROUP } from '../shared/http/organiser-auth';
import type { LocalAuthorizer } from './http-adapter';

/**
 * Organiser tokens for the local stack. In AWS, Cognito issues them and API Gateway's JWT
 * authorizer checks them; here a local ES256 key signs them and `authorize` applies the same
 * checks (signature against the key set by `kid`, issuer, audience or client_id, expiry) before
 * the handler sees the claims. The group check stays in the handler, as in AWS.
 */
export const LOCAL_ISSUER = 'http://localhost/_local/auth';
export const LOCAL_AUDIENCE = 'stadsgesprekken-organisers';
const ALG = 'ES256';
/** Like a Cognito ID token configured for a working day: 12 hours. */
export const TOKEN_LIFETIME_SECONDS = 12 * 3600;

export interface OrganiserTokenOptions {
  sub?: string;
  email?: string;
  /** `cognito:groups`; default ['organisers']; [] for a token without the group. */
  groups?: string[];
  audience?: string;
  issuer?: string;
  /** Seconds since the epoch; default now. */
  issuedAt?: number;
  /** Seconds since the epoch; default issuedAt + 12 h. */
  expiresAt?: number;
}

export interface LocalAuth {
  issuer: string;
  audience: string;
  /** A token as Cognito would issue it for an organiser (or, with options, for tests' bad cases). */
  signToken(options?: OrganiserTokenOptions): Promise<string>;
  authorize: LocalAuthorizer;
  /**
   * Signs any claims with the same key, so the local OAuth endpoints (local/oauth) issue tokens
   * this authorizer accepts without a second key. `iat`/`exp` come from the caller.
   */
  signClaims(claims: JWTPayload): Promise<string>;
  /** The public half, as `/.well-known/jwks.json` serves it. */
  publicJwks(): { keys: JWK[] };
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

async function newKey(): Promise<StoredKey> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = randomUUID();
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALG },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' },
  };
}

/** The key kept under .local/ so a printed token stays valid across restarts; made on first use. */
async function persistedKey(path: string): Promise<StoredKey> {
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as StoredKey;
    if (stored.kid && stored.privateJwk && stored.publicJwk) return stored;
  }
  const key = await newKey();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(key), { mode: 0o600 });
  chmodSync(path, 0o600);
  return key;
}

/**
 * Claims as API Gateway hands them to the function: every value a string, arrays flattened to
 * `[a b]`. The handler's group parsing is thereby exercised on the same form as in AWS.
 */
export function claimsAsApiGatewayPassesThem(payload: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? `[${v.map(String).join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

export async function createLocalAuth(
  opts: { keyFile?: string; issuer?: string; audience?: string } = {},
): Promise<LocalAuth> {
  const key = opts.keyFile ? await persistedKey(opts.keyFile) : await newKey();
  const issuer = opts.issuer ?? LOCAL_ISSUER;
  const audience = opts.audience ?? LOCAL_AUDIENCE;
  const privateKey = await importJWK(key.privateJwk, ALG);
  const jwks = createLocalJWKSet({ keys: [key.publicJwk] });

  const signClaims = (claims: JWTPayload) =>
    new SignJWT(claims).setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' }).sign(privateKey);

  const auth: LocalAuth = {
    issuer,
    audience,
    signClaims,
    publicJwks: () => ({ keys: [{ ...key.publicJwk }] }),
    async signToken(o = {}) {
      const iat = o.issuedAt ?? Math.floor(Date.now() / 1000);
      return new SignJWT({
        email: o.email ?? 'organisator@example.org',
        'cognito:groups': o.groups ?? [ORGANISER_GROUP],
        token_use: 'id',
      })
        .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' })
        .setSubject(o.sub ?? 'local-organiser')
        .setIssuer(o.issuer ?? issuer)
        .setAudience(o.audience ?? audience)
        .setIssuedAt(iat)
        .setExpirationTime(o.expiresAt ?? iat + TOKEN_LIFETIME_SECONDS)
        .sign(privateKey);
    },
    async authorize(_route, headers) {
      const header = headers.authorization ?? '';
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m?.[1]) return { status: 401, body: 'missing bearer token' };
      try {
        const { payload } = await jwtVerify(m[1], jwks, {
          issuer,
          algorithms: [ALG],
          requiredClaims: ['exp', 'iat'],
        });
        // Like API Gateway: the token's `aud`, or else its `client_id`, must name a configured audience.
        const aud = Array.isArray(payload.aud) ? payload.aud : payload.aud === undefined ? [] : [payload.aud];
        const ok = aud.includes(audience) || (aud.length === 0 && payload.client_id === audience);
        if (!ok) return { status: 401, body: 'wrong audience' };
        return { claims: claimsAsApiGatewayPassesThem(payload) };
      } catch {
        return { status: 401, body: 'invalid token' };
      }
    },
  };
  return auth;
}
