import * as oauth from 'oauth4webapi';

/**
 * Sign-in with the authorization code flow and PKCE (oauth4webapi), against Cognito managed login or
 * the local emulator. Tokens live in sessionStorage: gone when the tab closes, never in a cookie.
 * Only a local (http) issuer is allowed without TLS.
 */
export interface AuthConfig {
  issuer: string;
  clientId: string;
  /** The managed-login domain, for sign-out when discovery fails; the authorize endpoint's origin otherwise. */
  signInUrl?: string;
}

interface Tokens {
  accessToken: string;
  expiresAt: number;
  email: string | null;
}

const TOKENS = 'console.tokens';
const PENDING = 'console.pending-sign-in';

const redirectUri = () => new URL('/console/callback', location.origin).href;
const consoleUrl = () => new URL('/console/', location.origin).href;

const isLocal = (url: string) => /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(url);
const insecure = (issuer: string) => (isLocal(issuer) ? { [oauth.allowInsecureRequests]: true } : {});

async function discover(cfg: AuthConfig): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(cfg.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure(cfg.issuer)));
}

export function currentToken(): Tokens | null {
  const raw = sessionStorage.getItem(TOKENS);
  if (!raw) return null;
  const t = JSON.parse(raw) as Tokens;
  return t.expiresAt > Date.now() + 10_000 ? t : null;
}

/** Off to the sign-in page; `returnTo` (a hash route) is where the console opens again afterwards. */
export async function signIn(cfg: AuthConfig, returnTo: string): Promise<void> {
  const as = await discover(cfg);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(as.authorization_endpoint as string);
  url.search = new URLSearchParams({
    client_id: cfg.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: 'openid email profile',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    lang: document.documentElement.lang,
  }).toString();
  location.assign(url.href);
}

/** Finishes a sign-in on /console/callback; answers the route to open. */
export async function completeSignIn(cfg: AuthConfig): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  if (!pending) throw new Error('no sign-in was started in this tab');
  sessionStorage.removeItem(PENDING);
  const as = await discover(cfg);
  const client: oauth.Client = { client_id: cfg.clientId };
  const params = oauth.validateAuthResponse(as, client, new URL(location.href), pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    redirectUri(),
    pending.verifier,
    insecure(cfg.issuer),
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  const claims = oauth.getValidatedIdTokenClaims(result);
  const tokens: Tokens = {
    accessToken: result.access_token,
    expiresAt: Date.now() + (result.expires_in ?? 3600) * 1000,
    email: typeof claims?.email === 'string' ? claims.email : null,
  };
  sessionStorage.setItem(TOKENS, JSON.stringify(tokens));
  history.replaceState(null, '', `${consoleUrl()}${pending.returnTo}`);
  return pending.returnTo;
}

/** Forgets the tokens and ends the managed-login session too, back at the console. */
export async function signOut(cfg: AuthConfig): Promise<void> {
  sessionStorage.removeItem(TOKENS);
  const as = await discover(cfg).catch(() => null);
  const base = as?.authorization_endpoint ? new URL(as.authorization_endpoint).origin : (cfg.signInUrl ?? cfg.issuer);
  const url = new URL('/logout', base);
  url.search = new URLSearchParams({ client_id: cfg.clientId, logout_uri: consoleUrl() }).toString();
  location.assign(url.href);
}
