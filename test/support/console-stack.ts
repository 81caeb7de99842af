import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { createLocalAuth, LOCAL_AUDIENCE } from '../../local/auth';
import { localStackClient } from '../../local/oauth/local-stack';
import { createOAuthEmulator, type OAuthEmulator } from '../../local/oauth/server';
import { totpCode } from '../../local/oauth/totp';
import { LOCAL_TEST_ORGANISER } from '../../local/oauth/users';
import { type LocalStack, startLocalStack } from '../../local/stack';
import type { ProgrammeFile } from '../../shared/domain/schemas';
import { uniqueId } from './programme-builders';

export interface ConsoleStack {
  stack: LocalStack;
  /** The managed-login emulator's issuer (its own port: the stack does not mount it yet). */
  issuer: string;
  consoleUrl: string;
  stop(): Promise<void>;
}

/**
 * The real local stack with its mail pipeline, and the managed-login emulator beside it on its own
 * port, issuing tokens the stack's authorizer accepts and registered with the console's callback.
 */
export async function startConsoleStack(programme: ProgrammeFile): Promise<ConsoleStack> {
  let emulator: OAuthEmulator | undefined;
  const server: Server = createServer(async (req, res) => {
    if (!(await emulator?.handle(req, res))) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const auth = await createLocalAuth({ issuer, audience: LOCAL_AUDIENCE });
  const stack = await startLocalStack({
    dynamoDbEndpoint: inject('dynamoEndpoint'),
    sesEndpoint: inject('sesEndpoint'),
    tablePrefix: `${uniqueId('console')}-`,
    programme,
    auth,
    manageTokenSecret: 'console-test-secret',
    pipeline: { visibilityTimeoutMs: 300, leaseMs: 5_000, sesRetryBaseDelayMs: 5, pollIntervalMs: 50 },
  });
  emulator = await createOAuthEmulator({
    auth,
    clients: [localStackClient(stack.apiUrl)],
    users: [LOCAL_TEST_ORGANISER],
  });
  return {
    stack,
    issuer,
    consoleUrl: `${stack.apiUrl}/console/`,
    stop: async () => {
      await stack.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Points the console at the emulator, as hosting's config.js does for a stage. */
export async function configureConsole(page: Page, issuer: string): Promise<void> {
  await page.route('**/console/config.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `window.consoleConfig = ${JSON.stringify({ issuer, clientId: LOCAL_AUDIENCE })};`,
    }),
  );
}

/** Fills in the emulator's sign-in page as the test organiser: password, then the current TOTP code. */
export async function signInAsOrganiser(page: Page): Promise<void> {
  await page.fill('#username', LOCAL_TEST_ORGANISER.username);
  await page.fill('#password', LOCAL_TEST_ORGANISER.password);
  await page.click('button[type="submit"]');
  await page.fill('#code', totpCode(LOCAL_TEST_ORGANISER.totpSecret));
  await page.click('button[type="submit"]');
}
