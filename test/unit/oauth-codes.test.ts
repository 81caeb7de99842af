import { describe, expect, it } from 'vitest';
import { type AuthorizationRequest, createGrantStore, pkceMatches } from '../../local/oauth/codes';

// RFC 7636 appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const request = (over: Partial<AuthorizationRequest> = {}): AuthorizationRequest => ({
  clientId: 'console',
  redirectUri: 'http://127.0.0.1:5000/callback',
  scopes: ['openid', 'email'],
  state: 'st',
  codeChallenge: CHALLENGE,
  nonce: null,
  lang: 'nl',
  ...over,
});

function fixture() {
  let nowMs = Date.parse('2027-03-01T10:00:00Z');
  const store = createGrantStore({ now: () => nowMs });
  const code = store.issueCode({ request: request(), username: 'org', authTime: nowMs / 1000 });
  const check = { clientId: 'console', redirectUri: 'http://127.0.0.1:5000/callback', codeVerifier: VERIFIER };
  return { store, code, check, advance: (s: number) => (nowMs += s * 1000) };
}

describe('PKCE S256', () => {
  it('matches the RFC 7636 example and nothing else', () => {
    expect(pkceMatches(VERIFIER, CHALLENGE)).toBe(true);
    expect(pkceMatches(`${VERIFIER.slice(0, -1)}A`, CHALLENGE)).toBe(false);
    expect(pkceMatches('short', CHALLENGE)).toBe(false);
  });
});

describe('authorization codes', () => {
  it('redeem once with the right verifier, client and redirect_uri', () => {
    const { store, code, check } = fixture();
    const r = store.redeemCode(code, check);
    expect('ok' in r && r.ok.grant.username).toBe('org');
  });

  it('a wrong verifier is invalid_grant', () => {
    const { store, code, check } = fixture();
    const r = store.redeemCode(code, { ...check, codeVerifier: 'x'.repeat(43) });
    expect(r).toEqual({ error: 'invalid_grant', description: expect.stringMatching(/code_verifier/) });
  });

  it('a second redemption is refused and withdraws the refresh token of the first', () => {
    const { store, code, check } = fixture();
    const first = store.redeemCode(code, check);
    if (!('ok' in first)) throw new Error('first redemption failed');
    expect(store.redeemCode(code, check)).toMatchObject({ error: 'invalid_grant' });
    expect(store.redeemRefreshToken(first.ok.refreshToken, 'console')).toMatchObject({ error: 'invalid_grant' });
  });

  it('a failed attempt uses the code up too', () => {
    const { store, code, check } = fixture();
    store.redeemCode(code, { ...check, codeVerifier: 'y'.repeat(43) });
    expect(store.redeemCode(code, check)).toMatchObject({ error: 'invalid_grant' });
  });

  it('expires after five minutes', () => {
    const { store, code, check, advance } = fixture();
    advance(300);
    expect(store.redeemCode(code, check)).toEqual({
      error: 'invalid_grant',
      description: 'authorization code expired',
    });
  });

  it('is bound to its client and redirect_uri', () => {
    const a = fixture();
    expect(a.store.redeemCode(a.code, { ...a.check, clientId: 'other' })).toMatchObject({ error: 'invalid_grant' });
    const b = fixture();
    expect(b.store.redeemCode(b.code, { ...b.check, redirectUri: 'http://127.0.0.1:5001/callback' })).toMatchObject({
      error: 'invalid_grant',
    });
  });
});

describe('refresh tokens', () => {
  it('answer the grant for their own client only', () => {
    const { store, code, check } = fixture();
    const r = store.redeemCode(code, check);
    if (!('ok' in r)) throw new Error('redemption failed');
    expect(store.redeemRefreshToken(r.ok.refreshToken, 'console')).toMatchObject({ ok: { username: 'org' } });
    expect(store.redeemRefreshToken(r.ok.refreshToken, 'other')).toMatchObject({ error: 'invalid_grant' });
    expect(store.redeemRefreshToken('made-up', 'console')).toMatchObject({ error: 'invalid_grant' });
  });
});
