import { createHash, randomUUID } from 'node:crypto';
import type { LocalAuth } from '../auth';
import type { Grant } from './codes';
import type { LocalUser } from './users';

/** Like the deployed app client: access and ID tokens for an hour. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

/** OIDC's at_hash: the left half of SHA-256 of the access token, base64url. */
function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

/**
 * Access and ID tokens with the claims Cognito puts in them (names and types as in its
 * documentation), signed by the local key. The access token has `client_id` and no `aud`, the ID
 * token `aud` = client id: API Gateway's JWT authorizer accepts either against the client id.
 */
export async function issueTokens(auth: LocalAuth, user: LocalUser, grant: Grant, nowSeconds: number) {
  const { request } = grant;
  const originJti = randomUUID();
  const eventId = randomUUID();
  const common = {
    sub: user.sub,
    'cognito:groups': user.groups,
    iss: auth.issuer,
    origin_jti: originJti,
    event_id: eventId,
    auth_time: grant.authTime,
    iat: nowSeconds,
    exp: nowSeconds + ACCESS_TOKEN_LIFETIME_SECONDS,
  };
  const accessToken = await auth.signClaims({
    ...common,
    version: 2,
    client_id: request.clientId,
    token_use: 'access',
    scope: request.scopes.join(' '),
    jti: randomUUID(),
    username: user.sub,
  });
  // As Cognito: an ID token only when the client asked for `openid`.
  if (!request.scopes.includes('openid'))
    return { accessToken, idToken: null, expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS };
  const idToken = await auth.signClaims({
    ...common,
    aud: request.clientId,
    at_hash: atHash(accessToken),
    email_verified: true,
    'cognito:username': user.sub,
    token_use: 'id',
    jti: randomUUID(),
    email: user.email,
    ...(request.nonce ? { nonce: request.nonce } : {}),
  });
  return { accessToken, idToken, expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS };
}
