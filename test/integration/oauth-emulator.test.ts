import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../local/oauth/totp';
import { LOCAL_TEST_ORGANISER as ORGANISER } from '../../local/oauth/users';
import type { RouteSpec } from '../../shared/http/route-specs';
import { type RunningEmulator, startEmulator, TEST_CLIENT } from '../support/oauth';

/** The local managed login over HTTP, as a browser without JavaScript and a public client use it. */
let running: RunningEmulator;
let nowMs = Date.now();
const REDIRECT = 'http://127.0.0.1:43123/callback';
const ADMIN_ROUTE = { method: 'GET', path: '/admin/sessions', fn: 'admin-api', auth: 'organiser' } as RouteSpec;

beforeAll(async () => {
  running = await startEmulator({ now: () => nowMs });
});
afterAll(() => running.stop());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, running.issuer), { redirect: 'manual', headers });
const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(new URL(path, running.issuer), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizePath(challenge: string, over: Record<string, string> = {}) {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: TEST_CLIENT.clientId,
    redirect_uri: REDIRECT,
    scope: 'openid email',
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...over,
  });
  return `/oauth2/authorize?${q}`;
}

const requestIdIn = (html: string) => /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Sign in by form posts; answers the redirect to the client and the session cookie. */
async function signIn(challenge: string, over: Record<string, string> = {}) {
  const start = await get(authorizePath(challenge, over));
  expect(start.status).toBe(302);
  const login = await get(start.headers.get('location') ?? '');
  const request = requestIdIn(await login.text());
  await postForm('/login', { request, username: ORGANISER.username, password: ORGANISER.password });
  const done = await postForm('/login/mfa', { request, code: totpCode(ORGANISER.totpSecret, new Date(nowMs)) });
  expect(done.status).toBe(302);
  const cookie = (done.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { callback: new URL(done.headers.get('location') ?? ''), cookie };
}

async function token(fields: Record<string, string>) {
  const r = await postForm('/oauth2/token', { client_id: TEST_CLIENT.clientId, ...fields });
  return { status: r.status, body: (await r.json()) as Record<string, string>, headers: r.headers };
}

async function codeFor(challenge: string) {
  const { callback } = await signIn(challenge);
  return callback.searchParams.get('code') ?? '';
}

describe('discovery and keys', () => {
  it('serves an openid-configuration oauth4webapi accepts, and the signing key', async () => {
    const issuer = new URL(running.issuer);
    const as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { [oauth.allowInsecureRequests]: true }),
    );
    expect(as.token_endpoint).toBe(`${running.issuer}/oauth2/token`);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    const jwks = (await (await get('/.well-known/jwks.json')).json()) as { keys: { kid: string; kty: string }[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', alg: 'ES256' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});

describe('the sign-in page', () => {
  it('is a plain accessible form without script, Dutch by default and English on request', async () => {
    const start = await get(authorizePath(pkce().challenge));
    const page = await get(start.headers.get('location') ?? '');
    const html = await page.text();
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);
    expect(html).not.toMatch(/<script|style=|onclick/i);
    expect(html).toMatch(/<html lang="nl">/);
    expect(html).toMatch(/<label for="username">E-mailadres<\/label>/);
    expect(html).toMatch(/autocomplete="current-password"/);
    const english = await get(`/login?request=${requestIdIn(html)}&lang=en`);
    expect(await english.text()).toMatch(/<label for="password">Password<\/label>/);
  });

  it('refuses a wrong password and a wrong code on the page, then lets the organiser in', async () => {
    const start = await get(authorizePath(pkce().challenge));
    const request = requestIdIn(await (await get(start.headers.get('location') ?? '')).text());
    const wrong = await postForm('/login', { request, username: ORGANISER.username, password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toMatch(/role="alert"/);
    const right = await postForm('/login', { request, username: ORGANISER.username, password: ORGANISER.password });
    expect(await right.text()).toMatch(/autocomplete="one-time-code"/);
    expect((await postForm('/login/mfa', { request, code: '000000' })).status).toBe(401);
    const done = await postForm('/login/mfa', { request, code: totpCode(ORGANISER.totpSecret, new Date(nowMs)) });
    const location = new URL(done.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('state-123');
    expect(location.searchParams.get('code')).toBeTruthy();
  });

  it('shows an error and never redirects when the redirect_uri is not registered', async () => {
    const r = await get(authorizePath(pkce().challenge, { redirect_uri: 'https://evil.example/callback' }));
    expect(r.status).toBe(400);
    expect(r.headers.get('location')).toBeNull();
  });

  it('sends a request without PKCE back with invalid_request and the state', async () => {
    const r = await get(authorizePath('', { code_challenge_method: 'S256' }).replace('code_challenge=&', ''));
    const location = new URL(r.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('state-123');
  });
});

describe('the token endpoint', () => {
  it('issues Cognito-shaped tokens the local authorizer accepts', async () => {
    const { verifier, challenge } = pkce();
    const r = await token({
      grant_type: 'authorization_code',
      code: await codeFor(challenge),
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const access = decodeJwt(r.body.access_token ?? '');
    expect(access).toMatchObject({
      iss: running.issuer,
      token_use: 'access',
      client_id: TEST_CLIENT.clientId,
      'cognito:groups': ['organisers'],
      sub: ORGANISER.sub,
      scope: 'openid email',
    });
    expect(access.aud).toBeUndefined();
    expect((access.exp ?? 0) - (access.iat ?? 0)).toBe(3600);
    const id = decodeJwt(r.body.id_token ?? '');
    expect(id).toMatchObject({ token_use: 'id', aud: TEST_CLIENT.clientId, email: ORGANISER.email });

    const auth = running.emulator.auth;
    const accepted = await auth.authorize(ADMIN_ROUTE, { authorization: `Bearer ${r.body.access_token}` });
    expect(accepted).toMatchObject({ claims: { 'cognito:groups': '[organisers]', token_use: 'access' } });
    const idAccepted = await auth.authorize(ADMIN_ROUTE, { authorization: `Bearer ${r.body.id_token}` });
    expect(idAccepted).toHaveProperty('claims');
  });

  it('refuses a wrong code_verifier with invalid_grant', async () => {
    const { challenge } = pkce();
    const r = await token({
      grant_type: 'authorization_code',
      code: await codeFor(challenge),
      redirect_uri: REDIRECT,
      code_verifier: pkce().verifier,
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid_grant');
  });

  it('refuses a code used twice, and an expired one', async () => {
    const { verifier, challenge } = pkce();
    const fields = { grant_type: 'authorization_code', code: await codeFor(challenge), redirect_uri: REDIRECT };
    expect((await token({ ...fields, code_verifier: verifier })).status).toBe(200);
    expect(await token({ ...fields, code_verifier: verifier })).toMatchObject({ body: { error: 'invalid_grant' } });

    const late = pkce();
    const code = await codeFor(late.challenge);
    nowMs += 5 * 60_000;
    const r = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: late.verifier,
    });
    expect(r.body).toMatchObject({ error: 'invalid_grant', error_description: 'authorization code expired' });
  });

  it('answers a refresh_token grant with new tokens and no new refresh token', async () => {
    const { verifier, challenge } = pkce();
    const first = await token({
      grant_type: 'authorization_code',
      code: await codeFor(challenge),
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    const again = await token({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token ?? '' });
    expect(again.status).toBe(200);
    expect(decodeJwt(again.body.access_token ?? '')).toMatchObject({ token_use: 'access' });
    expect(again.body.refresh_token).toBeUndefined();
  });

  it('answers RFC 6749 errors for bad requests', async () => {
    expect(await token({ grant_type: 'password' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await token({ grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
    const stranger = await postForm('/oauth2/token', { client_id: 'nobody', grant_type: 'refresh_token' });
    expect(stranger.status).toBe(401);
    expect(await stranger.json()).toMatchObject({ error: 'invalid_client' });
    const json = await fetch(`${running.issuer}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('sessions and logout', () => {
  it('skips the page while signed in, and asks again after logout', async () => {
    const { cookie } = await signIn(pkce().challenge);
    const silent = await get(authorizePath(pkce().challenge), { cookie });
    expect(new URL(silent.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();

    const refused = await get(
      `/logout?client_id=${TEST_CLIENT.clientId}&logout_uri=${encodeURIComponent('https://evil.example/')}`,
      { cookie },
    );
    expect(refused.status).toBe(400);
    expect(refused.headers.get('location')).toBeNull();

    const out = await get(
      `/logout?client_id=${TEST_CLIENT.clientId}&logout_uri=${encodeURIComponent(TEST_CLIENT.logoutUris[0] ?? '')}`,
      { cookie },
    );
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe(TEST_CLIENT.logoutUris[0]);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);

    const afterwards = await get(authorizePath(pkce().challenge), { cookie });
    expect(afterwards.headers.get('location')).toMatch(/^\/login\?request=/);
  });
});
