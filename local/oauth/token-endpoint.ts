import type { LocalAuth } from '../auth';
import type { GrantStore } from './codes';
import { issueTokens } from './tokens';
import type { LocalUser } from './users';

/** An RFC 6749 §5.2 error body, with the status it goes with. */
export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

const oauthError = (status: number, error: string, description: string): TokenAnswer => ({
  status,
  body: { error, error_description: description },
});

/** A public client names itself in the body; a Basic header is read too, as Cognito does. */
function clientIdFrom(form: URLSearchParams, authorization: string | undefined): string | null {
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    return decodeURIComponent(decoded.split(':')[0] ?? '');
  }
  return form.get('client_id');
}

/**
 * POST /oauth2/token: authorization_code (with the PKCE verifier) and refresh_token grants for
 * the registered public clients.
 */
export async function answerTokenRequest(
  deps: { auth: LocalAuth; grants: GrantStore; users: LocalUser[]; clientIds: Set<string>; nowSeconds: () => number },
  contentType: string | undefined,
  authorization: string | undefined,
  body: string,
): Promise<TokenAnswer> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) {
    return oauthError(400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(body);
  const clientId = clientIdFrom(form, authorization);
  if (!clientId || !deps.clientIds.has(clientId)) return oauthError(401, 'invalid_client', 'unknown client');
  const grantType = form.get('grant_type');

  let redeemed: ReturnType<GrantStore['redeemRefreshToken']>;
  let refreshToken: string | null = null;
  if (grantType === 'authorization_code') {
    const code = form.get('code');
    const redirectUri = form.get('redirect_uri');
    const codeVerifier = form.get('code_verifier');
    if (!code || !redirectUri) return oauthError(400, 'invalid_request', 'code and redirect_uri are required');
    if (!codeVerifier) return oauthError(400, 'invalid_request', 'code_verifier is required (PKCE)');
    const r = deps.grants.redeemCode(code, { clientId, redirectUri, codeVerifier });
    if ('error' in r) return oauthError(400, r.error, r.description);
    refreshToken = r.ok.refreshToken;
    redeemed = { ok: r.ok.grant };
  } else if (grantType === 'refresh_token') {
    const token = form.get('refresh_token');
    if (!token) return oauthError(400, 'invalid_request', 'refresh_token is required');
    redeemed = deps.grants.redeemRefreshToken(token, clientId);
  } else {
    return oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
  }
  if ('error' in redeemed) return oauthError(400, redeemed.error, redeemed.description);

  const grant = redeemed.ok;
  const user = deps.users.find((u) => u.username === grant.username);
  if (!user) return oauthError(400, 'invalid_grant', 'the user no longer exists');
  const tokens = await issueTokens(deps.auth, user, grant, deps.nowSeconds());
  return {
    status: 200,
    body: {
      access_token: tokens.accessToken,
      ...(tokens.idToken ? { id_token: tokens.idToken } : {}),
      // As Cognito without rotation: the refresh grant answers no new refresh token.
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      token_type: 'Bearer',
      expires_in: tokens.expiresIn,
    },
  };
}
