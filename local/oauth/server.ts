import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLocalAuth, type LocalAuth } from '../auth';
import {
  ALLOWED_SCOPES,
  checkAuthorizeRequest,
  type OAuthClient,
  pickLang,
  redirectUriRegistered,
} from './authorize-request';
import { type AuthorizationRequest, createGrantStore } from './codes';
import { errorPage, type Lang, mfaPage, passwordPage, signInText } from './sign-in-page';
import { answerTokenRequest } from './token-endpoint';
import { verifyTotp } from './totp';
import type { LocalUser } from './users';

export type { OAuthClient } from './authorize-request';

export interface OAuthEmulatorOptions {
  /** Signs and checks the tokens; its issuer is the emulator's. Made from `issuer` when absent. */
  auth?: LocalAuth;
  /** The issuer URL (origin, optionally a path); `/.well-known/*` is served under it. */
  issuer?: string;
  clients: OAuthClient[];
  users: LocalUser[];
  /** Milliseconds since the epoch; tests pass a fake clock to expire codes. */
  now?: () => number;
  codeLifetimeSeconds?: number;
}

export interface OAuthEmulator {
  issuer: string;
  auth: LocalAuth;
  /** Answers the request if it is one of the emulator's paths; `body` when already read. */
  handle(req: IncomingMessage, res: ServerResponse, body?: Buffer): Promise<boolean>;
}

/** Paths the emulator answers on its origin (besides `<issuer path>/.well-known/*`). */
export const OAUTH_PATHS = ['/oauth2/authorize', '/oauth2/token', '/login', '/login/mfa', '/logout'];

const SESSION_COOKIE = 'local-managed-login';
const PENDING_LIFETIME_MS = 15 * 60_000;
const MAX_CODE_ATTEMPTS = 5;
/** A console served from another origin (a dev server) calls discovery, JWKS and token by fetch. */
const CORS = { 'access-control-allow-origin': '*' };

interface Pending {
  request: AuthorizationRequest;
  passwordOkFor: string | null;
  codeAttempts: number;
  expiresAt: number;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function cookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/**
 * Cognito managed login on the local stack: the same OAuth 2.0 endpoints (authorize with a sign-in
 * page and a TOTP step, token, JWKS, discovery, logout), so the console and the CLI run the same
 * code against it as against the deployed user pool domain.
 */
export async function createOAuthEmulator(opts: OAuthEmulatorOptions): Promise<OAuthEmulator> {
  if (opts.clients.length === 0) throw new Error('the OAuth emulator needs at least one client');
  const auth = opts.auth ?? (await createLocalAuth({ issuer: opts.issuer, audience: opts.clients[0]?.clientId }));
  if (opts.issuer && opts.issuer !== auth.issuer) {
    throw new Error(`issuer ${opts.issuer} differs from the local auth's ${auth.issuer}`);
  }
  const issuer = auth.issuer.replace(/\/$/, '');
  const issuerUrl = new URL(issuer);
  const origin = issuerUrl.origin;
  const wellKnown = `${issuerUrl.pathname.replace(/\/$/, '')}/.well-known`;
  const now = opts.now ?? Date.now;
  const grants = createGrantStore({ now, codeLifetimeSeconds: opts.codeLifetimeSeconds });
  const pending = new Map<string, Pending>();
  const sessions = new Map<string, { username: string; authTime: number }>();
  const clientIds = new Set(opts.clients.map((c) => c.clientId));
  const nowSeconds = () => Math.floor(now() / 1000);

  const discovery = {
    issuer,
    authorization_endpoint: `${origin}/oauth2/authorize`,
    token_endpoint: `${origin}/oauth2/token`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    end_session_endpoint: `${origin}/logout`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ALLOWED_SCOPES,
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
    token_endpoint_auth_methods_supported: ['none'],
  };

  const send = (res: ServerResponse, status: number, headers: Record<string, string | string[]>, body = '') => {
    res.writeHead(status, headers);
    res.end(body);
    return true;
  };
  const json = (res: ServerResponse, status: number, body: unknown) =>
    send(
      res,
      status,
      { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...CORS },
      JSON.stringify(body),
    );
  const html = (res: ServerResponse, status: number, body: string, formTarget?: string) =>
    send(
      res,
      status,
      {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // The last form post redirects to the client: form-action must allow its origin too.
        'content-security-policy': `default-src 'none'; form-action 'self'${formTarget ? ` ${new URL(formTarget).origin}` : ''}; frame-ancestors 'none'; base-uri 'none'`,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      },
      body,
    );
  const redirect = (res: ServerResponse, location: URL | string, extra: Record<string, string> = {}) =>
    send(res, 302, { location: String(location), 'cache-control': 'no-store', ...extra });

  const codeRedirect = (request: AuthorizationRequest, username: string, authTime: number) => {
    const url = new URL(request.redirectUri);
    url.searchParams.set('code', grants.issueCode({ request, username, authTime }));
    if (request.state !== null) url.searchParams.set('state', request.state);
    return url;
  };

  const livePending = (id: string | null): Pending | null => {
    const p = id ? pending.get(id) : undefined;
    if (!p || p.expiresAt <= now()) return null;
    return p;
  };

  const authorize = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams) => {
    const check = checkAuthorizeRequest(opts.clients, query, req.headers['accept-language']);
    const lang = pickLang(query.get('lang'), req.headers['accept-language']);
    if ('page' in check) return html(res, 400, errorPage({ lang, detail: check.page }));
    if ('redirect' in check) return redirect(res, check.redirect);
    // Signed in earlier in this browser: no page, straight back with a code (as managed login).
    const session = sessions.get(cookie(req, SESSION_COOKIE) ?? '');
    if (session && opts.users.some((u) => u.username === session.username)) {
      return redirect(res, codeRedirect(check.ok, session.username, session.authTime));
    }
    for (const [key, p] of pending) if (p.expiresAt <= now()) pending.delete(key);
    const id = randomBytes(16).toString('base64url');
    pending.set(id, {
      request: check.ok,
      passwordOkFor: null,
      codeAttempts: 0,
      expiresAt: now() + PENDING_LIFETIME_MS,
    });
    return redirect(res, `/login?request=${id}`);
  };

  const passwordStep = (res: ServerResponse, form: URLSearchParams) => {
    const id = form.get('request') ?? '';
    const p = livePending(id);
    if (!p) return html(res, 400, errorPage({ lang: 'nl', detail: signInText('nl').expired }));
    const { lang } = p.request;
    const username = (form.get('username') ?? '').trim();
    const user = opts.users.find((u) => u.username.toLowerCase() === username.toLowerCase());
    if (!user || user.password !== form.get('password')) {
      return html(res, 401, passwordPage({ lang, requestId: id, username, error: signInText(lang).badPassword }));
    }
    p.passwordOkFor = user.username;
    return html(res, 200, mfaPage({ lang, requestId: id }), p.request.redirectUri);
  };

  const mfaStep = (res: ServerResponse, form: URLSearchParams) => {
    const id = form.get('request') ?? '';
    const p = livePending(id);
    const user = p && opts.users.find((u) => u.username === p.passwordOkFor);
    if (!p || !user) {
      const lang = p?.request.lang ?? 'nl';
      return html(res, 400, errorPage({ lang, detail: signInText(lang).expired }));
    }
    const { lang } = p.request;
    if (!verifyTotp(user.totpSecret, (form.get('code') ?? '').trim(), new Date(now()))) {
      p.codeAttempts += 1;
      if (p.codeAttempts >= MAX_CODE_ATTEMPTS) pending.delete(id);
      return html(res, 401, mfaPage({ lang, requestId: id, error: signInText(lang).badCode }), p.request.redirectUri);
    }
    pending.delete(id);
    const authTime = nowSeconds();
    const sessionId = randomBytes(24).toString('base64url');
    sessions.set(sessionId, { username: user.username, authTime });
    return redirect(res, codeRedirect(p.request, user.username, authTime), {
      'set-cookie': `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax`,
    });
  };

  const logout = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams) => {
    const lang: Lang = pickLang(query.get('lang'), req.headers['accept-language']);
    const client = opts.clients.find((c) => c.clientId === query.get('client_id'));
    if (!client) return html(res, 400, errorPage({ lang, detail: 'Unknown client_id.' }));
    const logoutUri = query.get('logout_uri');
    const redirectUri = query.get('redirect_uri');
    const target =
      logoutUri && client.logoutUris.includes(logoutUri)
        ? logoutUri
        : !logoutUri && redirectUri && redirectUriRegistered(client, redirectUri)
          ? // Cognito's other form: sign out, then straight to the sign-in page again.
            `/oauth2/authorize?${query.toString()}`
          : null;
    if (!target) return html(res, 400, errorPage({ lang, detail: 'logout_uri is not registered for this client.' }));
    sessions.delete(cookie(req, SESSION_COOKIE) ?? '');
    return redirect(res, target, { 'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` });
  };

  return {
    issuer,
    auth,
    async handle(req, res, body) {
      const url = new URL(req.url ?? '/', origin);
      const path = url.pathname;
      const method = req.method ?? 'GET';
      if (method === 'GET' && path === `${wellKnown}/openid-configuration`) return json(res, 200, discovery);
      if (method === 'GET' && path === `${wellKnown}/jwks.json`) return json(res, 200, auth.publicJwks());
      if (!OAUTH_PATHS.includes(path)) return false;
      if (method === 'GET' && path === '/oauth2/authorize') return authorize(req, res, url.searchParams);
      if (method === 'GET' && path === '/logout') return logout(req, res, url.searchParams);
      if (method === 'GET' && path === '/login') {
        const p = livePending(url.searchParams.get('request'));
        const lang = pickLang(url.searchParams.get('lang'), req.headers['accept-language']);
        if (!p) return html(res, 400, errorPage({ lang, detail: signInText(lang).expired }));
        if (url.searchParams.has('lang')) p.request.lang = lang;
        return html(res, 200, passwordPage({ lang: p.request.lang, requestId: url.searchParams.get('request') ?? '' }));
      }
      if (method === 'OPTIONS' && path === '/oauth2/token') {
        return send(res, 204, {
          ...CORS,
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type',
        });
      }
      if (method !== 'POST') return send(res, 405, { allow: path === '/oauth2/token' ? 'POST' : 'GET, POST' });
      const text = (body ?? (await readBody(req))).toString('utf8');
      if (path === '/oauth2/token') {
        const answer = await answerTokenRequest(
          { auth, grants, users: opts.users, clientIds, nowSeconds },
          req.headers['content-type'],
          req.headers.authorization,
          text,
        );
        return send(
          res,
          answer.status,
          {
            'content-type': 'application/json; charset=utf-8',
            'cache-control': 'no-store',
            pragma: 'no-cache',
            ...CORS,
          },
          JSON.stringify(answer.body),
        );
      }
      const form = new URLSearchParams(text);
      if (path === '/login') return passwordStep(res, form);
      if (path === '/login/mfa') return mfaStep(res, form);
      return send(res, 405, { allow: 'GET' });
    },
  };
}
