import { describe, expect, it } from 'vitest';
import { checkAuthorizeRequest, redirectUriRegistered } from '../../local/oauth/authorize-request';

const client = {
  clientId: 'console',
  redirectUris: ['https://console.example.org/callback', 'http://127.0.0.1/callback'],
  logoutUris: [],
};
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const query = (over: Record<string, string | null> = {}) => {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: 'console',
    redirect_uri: 'https://console.example.org/callback',
    state: 'abc',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    scope: 'openid email',
  });
  for (const [k, v] of Object.entries(over)) v === null ? q.delete(k) : q.set(k, v);
  return q;
};

describe('redirect_uri matching', () => {
  it('is exact, except for the port of a loopback IP literal (RFC 8252 §7.3)', () => {
    expect(redirectUriRegistered(client, 'https://console.example.org/callback')).toBe(true);
    expect(redirectUriRegistered(client, 'https://console.example.org/callback/')).toBe(false);
    expect(redirectUriRegistered(client, 'https://console.example.org/callback?x=1')).toBe(false);
    expect(redirectUriRegistered(client, 'http://127.0.0.1:51004/callback')).toBe(true);
    expect(redirectUriRegistered(client, 'http://127.0.0.1:51004/other')).toBe(false);
    expect(redirectUriRegistered(client, 'http://localhost:51004/callback')).toBe(false);
    expect(redirectUriRegistered(client, 'not a url')).toBe(false);
  });
});

describe('GET /oauth2/authorize checks', () => {
  it('accepts a code + S256 request and keeps the state', () => {
    const r = checkAuthorizeRequest([client], query(), undefined);
    expect(r).toMatchObject({ ok: { clientId: 'console', state: 'abc', scopes: ['openid', 'email'], lang: 'nl' } });
  });

  it('never redirects to an unregistered redirect_uri or for an unknown client', () => {
    expect(
      checkAuthorizeRequest([client], query({ redirect_uri: 'https://evil.example/cb' }), undefined),
    ).toHaveProperty('page');
    expect(checkAuthorizeRequest([client], query({ client_id: 'nobody' }), undefined)).toHaveProperty('page');
  });

  it.each([
    [{ response_type: 'token' }, 'unsupported_response_type'],
    [{ code_challenge: null }, 'invalid_request'],
    [{ code_challenge_method: 'plain' }, 'invalid_request'],
    [{ code_challenge_method: null }, 'invalid_request'],
    [{ scope: 'openid aws.cognito.signin.user.admin' }, 'invalid_scope'],
  ])('redirects back with an error for %o', (over, error) => {
    const r = checkAuthorizeRequest([client], query(over), undefined);
    if (!('redirect' in r)) throw new Error('expected a redirect');
    expect(r.redirect.origin + r.redirect.pathname).toBe('https://console.example.org/callback');
    expect(r.redirect.searchParams.get('error')).toBe(error);
    expect(r.redirect.searchParams.get('state')).toBe('abc');
  });

  it('speaks English when asked, by parameter or browser', () => {
    expect(checkAuthorizeRequest([client], query({ lang: 'en' }), undefined)).toMatchObject({ ok: { lang: 'en' } });
    expect(checkAuthorizeRequest([client], query(), 'en-GB,en;q=0.9')).toMatchObject({ ok: { lang: 'en' } });
  });
});
