import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInByFormPosts } from '../../infra/cli/form-sign-in';
import { signIn } from '../../infra/cli/sign-in';
import { createLocalAuth } from '../../local/auth';
import { createLocalHttpServer } from '../../local/http-adapter';
import { localStackClient } from '../../local/oauth/local-stack';
import { createOAuthEmulator, type OAuthEmulator } from '../../local/oauth/server';
import { LOCAL_TEST_ORGANISER } from '../../local/oauth/users';
import { allRoutes } from '../../shared/http/route-specs';

/**
 * The emulator mounted as the local stack will mount it: one `before` handler in the API Gateway
 * stand-in, its issuer the stack's own URL, so the token the CLI gets passes the same authorizer.
 */
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  let emulator: OAuthEmulator | undefined;
  let authorize: Parameters<typeof createLocalHttpServer>[0]['authorize'];
  server = createLocalHttpServer({
    routes: allRoutes(),
    functions: {
      'admin-api': async (event) => ({
        statusCode: 200,
        body: JSON.stringify((event.requestContext as unknown as { authorizer: unknown }).authorizer),
      }),
    },
    authorize: (route, headers) => (authorize ? authorize(route, headers) : Promise.resolve({ status: 401, body: '' })),
    before: [(req, res, body) => emulator?.handle(req, res, body) ?? Promise.resolve(false)],
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  const client = localStackClient(baseUrl);
  const auth = await createLocalAuth({ issuer: baseUrl, audience: client.clientId });
  authorize = auth.authorize;
  emulator = await createOAuthEmulator({ auth, clients: [client], users: [LOCAL_TEST_ORGANISER] });
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);

describe('the emulator inside the local HTTP stack', () => {
  it('signs the CLI in and the organiser route sees the access token claims', async () => {
    const { accessToken } = await signIn({
      issuer: baseUrl,
      clientId: localStackClient(baseUrl).clientId,
      openUrl: signInByFormPosts(LOCAL_TEST_ORGANISER),
      log: () => undefined,
    });
    const r = await fetch(`${baseUrl}/admin/sessions`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({
      jwt: { claims: { token_use: 'access', 'cognito:groups': '[organisers]', sub: LOCAL_TEST_ORGANISER.sub } },
    });
    const without = await fetch(`${baseUrl}/admin/sessions`);
    expect(without.status).toBe(401);
  });
});
