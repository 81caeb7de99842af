import { inject } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack';
import type { ProgrammeFile } from '../../shared/domain/schemas';
import type { Clock } from '../../shared/ports/clock';
import { buildWeb } from '../../web/build';
import type { ServeWebOptions } from '../../web/serve';
import { uniqueId } from './programme-builders';
import { type Browser, launchBrowser, startWebServer } from './web-browser';

/** The pages on a server of their own, the real local stack with its mail pipeline behind them, and a browser. */
export interface WebStack {
  /** The pages' options: `apiBaseUrl` is the stack's. */
  web: ServeWebOptions;
  webServer: { url: string; stop(): Promise<void> };
  stack: LocalStack;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * Builds the web bundle, serves the pages, starts the local stack (the run's DynamoDB Local and SES
 * emulator, fresh tables named after `name`, links to the pages) and launches Chromium. Whatever
 * started is stopped again if a later step fails.
 */
export async function startWebStack(opts: { name: string; programme: ProgrammeFile; clock: Clock }): Promise<WebStack> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s();
  };
  try {
    buildWeb();
    const web: ServeWebOptions = {};
    const webServer = await startWebServer(web);
    stops.push(() => webServer.stop());
    const stack = await startLocalStack({
      dynamoDbEndpoint: inject('dynamoEndpoint'),
      sesEndpoint: inject('sesEndpoint'),
      tablePrefix: `${uniqueId(opts.name)}-`,
      programme: opts.programme,
      publicBaseUrl: webServer.url,
      clock: opts.clock,
      manageTokenSecret: `${opts.name}-test-secret`,
      pipeline: { visibilityTimeoutMs: 300, leaseMs: 5_000, sesRetryBaseDelayMs: 5, pollIntervalMs: 50 },
    });
    stops.push(() => stack.stop());
    web.apiBaseUrl = stack.apiUrl;
    const browser = await launchBrowser();
    stops.push(() => browser.close());
    return { web, webServer, stack, browser, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
