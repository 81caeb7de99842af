import { createHash, randomBytes } from 'node:crypto';
import { LOCAL_AUDIENCE } from '../auth';
import type { OAuthClient } from './authorize-request';
import { otpauthUri } from './totp';
import type { LocalUser } from './users';

/**
 * The one app client of the local stack, registered as the deployed one is: the console's callback
 * and sign-out pages on the stack's origin, and the CLI's loopback (any port, RFC 8252 §7.3).
 * Its id is the audience the local authorizer checks.
 */
export function localStackClient(baseUrl: string, consolePath = '/console/'): OAuthClient {
  const consoleUrl = new URL(consolePath, baseUrl).href;
  return {
    clientId: LOCAL_AUDIENCE,
    redirectUris: [`${consoleUrl}callback`, 'http://127.0.0.1/callback'],
    logoutUris: [consoleUrl],
  };
}

/** What `npm start` prints so a new organiser can sign in locally straight away. */
export function signInBanner(o: { issuer: string; clientId: string; user: LocalUser }): string[] {
  return [
    'Organiser sign-in (local managed login: the same OAuth endpoints as Cognito):',
    `  Issuer           ${o.issuer}   (${o.issuer}/.well-known/openid-configuration)`,
    `  Client id        ${o.clientId}`,
    `  Test organiser   ${o.user.username}`,
    `  Password         ${o.user.password}`,
    `  TOTP secret      ${o.user.totpSecret}   (add it to an authenticator app, or scan:)`,
    `                   ${otpauthUri(o.user.totpSecret, o.user.username, 'Stadsgesprekken (lokaal)')}`,
    '  CLI              npm run programme -- import my-programme.json --dry-run',
    '                   (add --headless to have it fill in the sign-in page as the test organiser)',
  ];
}

/**
 * A ready authorize URL for the console's client, to open the local sign-in page in a browser:
 * after sign-in it lands on the console's callback with a code (the console redeems it with the
 * verifier it made itself; this one is thrown away, so the code is only proof the sign-in works).
 */
export function signInPageUrl(issuer: string, client: OAuthClient): string {
  const url = new URL('/oauth2/authorize', issuer);
  const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: client.redirectUris[0] ?? '',
    scope: 'openid email',
    state: randomBytes(8).toString('hex'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.href;
}
