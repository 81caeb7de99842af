import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oauth from 'oauth4webapi';

export interface SignInOptions {
  /** Cognito: the user pool's issuer URL; locally the local stack's URL. */
  issuer: string;
  clientId: string;
  scopes?: string[];
  /** 0 (default): a port the OS picks, as RFC 8252 §7.3 allows for loopback redirects. */
  callbackPort?: number;
  /** Opens the authorize URL; by default the system browser. The form driver replaces it in tests. */
  openUrl?: (url: string) => Promise<void> | void;
  log?: (line: string) => void;
  timeoutMs?: number;
}

/** The tokens, kept only in this process's memory: nothing is written to disk. */
export interface SignedIn {
  accessToken: string;
  idToken: string | undefined;
  expiresInSeconds: number | undefined;
}

export class SignInFailed extends Error {}

/** http is allowed only to this machine (the local stack); elsewhere oauth4webapi insists on https. */
function insecureAllowed(url: URL): boolean {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** Best effort: the URL is printed as well, for a machine without a browser. */
export function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no browser opener: the printed URL is enough
  }
}

const answerPage = (ok: boolean) =>
  `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Stadsgesprekken CLI</title></head><body><main><h1>${
    ok ? 'Ingelogd — je kunt dit venster sluiten.' : 'Inloggen mislukt — zie de terminal.'
  }</h1><p lang="en">${ok ? 'Signed in — you can close this window.' : 'Sign-in failed — see the terminal.'}</p></main></body></html>`;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * The authorization-code flow with PKCE and a loopback redirect (RFC 8252), as `gh auth login`
 * does: a one-shot server on 127.0.0.1 receives the code, the state is checked, the code is
 * exchanged with the verifier. oauth4webapi does the protocol; this wires the loopback.
 */
export async function signIn(opts: SignInOptions): Promise<SignedIn> {
  const log = opts.log ?? ((line: string) => console.error(line));
  const issuer = new URL(opts.issuer);
  const insecure = insecureAllowed(issuer) ? { [oauth.allowInsecureRequests]: true } : {};
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
  if (!as.authorization_endpoint) throw new SignInFailed(`${issuer} names no authorization endpoint`);
  const client: oauth.Client = { client_id: opts.clientId };
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();

  let settle: { resolve: (p: URLSearchParams) => void; reject: (e: unknown) => void } | undefined;
  const callback = new Promise<URLSearchParams>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let answered = false;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback' || answered) {
      res.writeHead(404).end();
      return;
    }
    answered = true;
    try {
      const params = oauth.validateAuthResponse(as, client, url, state);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(answerPage(true));
      settle?.resolve(params);
    } catch (e) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(answerPage(false));
      settle?.reject(e);
    }
  });
  const port = await listen(server, opts.callbackPort ?? 0);
  const redirectUri = `http://127.0.0.1:${port}/callback`;
  const timeout = setTimeout(
    () => settle?.reject(new SignInFailed('no sign-in within the time limit')),
    opts.timeoutMs ?? 5 * 60_000,
  );
  try {
    const authorizeUrl = new URL(as.authorization_endpoint);
    authorizeUrl.searchParams.set('response_type', 'code');
    authorizeUrl.searchParams.set('client_id', opts.clientId);
    authorizeUrl.searchParams.set('redirect_uri', redirectUri);
    authorizeUrl.searchParams.set('scope', (opts.scopes ?? ['openid', 'email']).join(' '));
    authorizeUrl.searchParams.set('state', state);
    authorizeUrl.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
    authorizeUrl.searchParams.set('code_challenge_method', 'S256');
    log(`Sign in at / Log in op:\n  ${authorizeUrl.href}`);
    const opening = Promise.resolve((opts.openUrl ?? openInBrowser)(authorizeUrl.href));
    const [params] = await Promise.all([callback, opening]);
    const tokenInsecure = insecureAllowed(new URL(as.token_endpoint ?? issuer)) ? insecure : {};
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      params,
      redirectUri,
      codeVerifier,
      tokenInsecure,
    );
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
    return { accessToken: tokens.access_token, idToken: tokens.id_token, expiresInSeconds: tokens.expires_in };
  } catch (e) {
    if (e instanceof SignInFailed) throw e;
    throw new SignInFailed(`sign-in failed: ${describe(e)}`);
  } finally {
    clearTimeout(timeout);
    server.close();
    server.closeAllConnections();
  }
}

function describe(e: unknown): string {
  if (e instanceof oauth.AuthorizationResponseError) return `${e.error}: ${e.error_description ?? ''}`.trim();
  if (e instanceof oauth.ResponseBodyError) return `${e.error}: ${e.error_description ?? ''}`.trim();
  return e instanceof Error ? e.message : String(e);
}
