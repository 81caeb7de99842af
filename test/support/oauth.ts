import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalAuth } from '../../local/auth';
import { createOAuthEmulator, type OAuthEmulator, type OAuthEmulatorOptions } from '../../local/oauth/server';
import { LOCAL_TEST_ORGANISER } from '../../local/oauth/users';

export const TEST_CLIENT = {
  clientId: 'test-console',
  redirectUris: ['http://127.0.0.1/callback', 'https://console.example.org/callback'],
  logoutUris: ['https://console.example.org/signed-out'],
};

export interface RunningEmulator {
  issuer: string;
  emulator: OAuthEmulator;
  stop(): Promise<void>;
}

/** The emulator alone on a free port; the issuer is known only once the port is. */
export async function startEmulator(
  extra: Partial<Pick<OAuthEmulatorOptions, 'now' | 'users' | 'clients'>> = {},
): Promise<RunningEmulator> {
  let emulator: OAuthEmulator | undefined;
  const server: Server = createServer(async (req, res) => {
    if (!(await emulator?.handle(req, res))) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients = extra.clients ?? [TEST_CLIENT];
  const auth = await createLocalAuth({ issuer, audience: clients[0]?.clientId });
  emulator = await createOAuthEmulator({ auth, clients, users: extra.users ?? [LOCAL_TEST_ORGANISER], now: extra.now });
  return {
    issuer,
    emulator,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
