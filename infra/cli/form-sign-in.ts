import { totpCode } from '../../local/oauth/totp';
import { LOCAL_TEST_ORGANISER } from '../../local/oauth/users';

export interface FormCredentials {
  username: string;
  password: string;
  /** Base32; the driver computes the current code, so a test is never racing a 30-second window. */
  totpSecret: string;
}

/** The local test organiser, unless PROGRAMME_USERNAME / _PASSWORD / _TOTP_SECRET say otherwise. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): FormCredentials {
  return {
    username: env.PROGRAMME_USERNAME ?? LOCAL_TEST_ORGANISER.username,
    password: env.PROGRAMME_PASSWORD ?? LOCAL_TEST_ORGANISER.password,
    totpSecret: env.PROGRAMME_TOTP_SECRET ?? LOCAL_TEST_ORGANISER.totpSecret,
  };
}

const hiddenRequest = (html: string) => /name="request" value="([^"]+)"/.exec(html)?.[1] ?? null;

async function follow(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, redirect: 'manual' });
}

function locationOf(response: Response, base: string): string {
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) {
    throw new Error(`expected a redirect from ${base}, got ${response.status}`);
  }
  return new URL(location, base).href;
}

/**
 * Fills in the local sign-in page by plain form posts, as a browser without JavaScript would:
 * authorize → /login → password → TOTP → redirect to the CLI's loopback. Only for the local
 * emulator: Cognito's managed login is for people in a browser, not for scripts.
 */
export function signInByFormPosts(credentials: FormCredentials) {
  return async (authorizeUrl: string): Promise<void> => {
    const loginUrl = locationOf(await follow(authorizeUrl), authorizeUrl);
    const loginPage = await follow(loginUrl);
    const requestId = hiddenRequest(await loginPage.text());
    if (loginPage.status !== 200 || !requestId) throw new Error(`no sign-in form at ${loginUrl}`);
    const post = (path: string, fields: Record<string, string>) =>
      follow(new URL(path, loginUrl).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const afterPassword = await post('/login', {
      request: requestId,
      username: credentials.username,
      password: credentials.password,
    });
    if (afterPassword.status !== 200) throw new Error(`password refused (${afterPassword.status})`);
    await afterPassword.body?.cancel();
    const afterCode = await post('/login/mfa', { request: requestId, code: totpCode(credentials.totpSecret) });
    const callback = locationOf(afterCode, loginUrl);
    await (await fetch(callback)).body?.cancel();
  };
}
