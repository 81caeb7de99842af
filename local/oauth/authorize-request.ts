import type { AuthorizationRequest } from './codes';
import type { Lang } from './sign-in-page';

export interface OAuthClient {
  clientId: string;
  /** Callback URLs, matched exactly (loopback IP literals: any port, see below). */
  redirectUris: string[];
  /** Sign-out URLs `/logout` may send the browser back to. */
  logoutUris: string[];
}

/** Scopes the deployed app client allows; others are refused as `invalid_scope`. */
export const ALLOWED_SCOPES = ['openid', 'email', 'profile'];
const DEFAULT_SCOPES = ['openid', 'email'];

const LOOPBACK_IPS = new Set(['127.0.0.1', '[::1]']);

/**
 * Exact match, except that for an http loopback IP literal the port is free (RFC 8252 §7.3): the
 * CLI listens on a port the OS picks. `localhost` gets no such leniency (RFC 8252 §8.3).
 */
export function redirectUriRegistered(client: OAuthClient, redirectUri: string): boolean {
  if (client.redirectUris.includes(redirectUri)) return true;
  let asked: URL;
  try {
    asked = new URL(redirectUri);
  } catch {
    return false;
  }
  if (asked.protocol !== 'http:' || !LOOPBACK_IPS.has(asked.hostname)) return false;
  return client.redirectUris.some((registered) => {
    const r = new URL(registered);
    return (
      r.protocol === 'http:' &&
      r.hostname === asked.hostname &&
      r.port === '' &&
      r.pathname === asked.pathname &&
      r.search === asked.search
    );
  });
}

export function pickLang(query: string | null, acceptLanguage: string | undefined): Lang {
  if (query === 'en' || query === 'nl') return query;
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'nl';
}

export type AuthorizeCheck =
  /** No trustworthy redirect_uri: show the error, never redirect (RFC 6749 §4.1.2.1). */
  | { page: string }
  /** Redirect back with `error` (and `state`). */
  | { redirect: URL }
  | { ok: AuthorizationRequest };

export function errorRedirect(redirectUri: string, state: string | null, error: string, description: string): URL {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state !== null) url.searchParams.set('state', state);
  return url;
}

/** The checks of GET /oauth2/authorize, in the order RFC 6749 asks for. */
export function checkAuthorizeRequest(
  clients: OAuthClient[],
  query: URLSearchParams,
  acceptLanguage: string | undefined,
): AuthorizeCheck {
  const clientId = query.get('client_id');
  const client = clients.find((c) => c.clientId === clientId);
  if (!client) return { page: 'Unknown client_id.' };
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri || !redirectUriRegistered(client, redirectUri)) {
    return { page: 'redirect_uri is not registered for this client.' };
  }
  const state = query.get('state');
  const fail = (error: string, description: string) => ({
    redirect: errorRedirect(redirectUri, state, error, description),
  });
  if (query.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  const codeChallenge = query.get('code_challenge');
  if (!codeChallenge) return fail('invalid_request', 'code_challenge is required (PKCE)');
  if (query.get('code_challenge_method') !== 'S256')
    return fail('invalid_request', 'code_challenge_method must be S256');
  if (!/^[A-Za-z0-9\-_]{43}$/.test(codeChallenge)) return fail('invalid_request', 'code_challenge is malformed');
  const scopeParam = query.get('scope');
  const scopes = scopeParam ? scopeParam.split(' ').filter((s) => s !== '') : DEFAULT_SCOPES;
  const unknown = scopes.filter((s) => !ALLOWED_SCOPES.includes(s));
  if (unknown.length > 0) return fail('invalid_scope', `not allowed: ${unknown.join(' ')}`);
  return {
    ok: {
      clientId: client.clientId,
      redirectUri,
      scopes,
      state,
      codeChallenge,
      nonce: query.get('nonce'),
      lang: pickLang(query.get('lang'), acceptLanguage),
    },
  };
}
