import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { type ServeWebOptions, serveWebAsset } from '../../web/serve';

/**
 * Browser-test support: Debian's Chromium driven by playwright-core, an axe-core scan, screenshots.
 * Outside CI a missing Chromium skips the browser tests with a message; in CI it is a failure.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);
export const inCi = process.env.CI === 'true';

export function requireChromiumOrSkip(): boolean {
  if (chromiumAvailable) return true;
  if (inCi) throw new Error(`${CHROMIUM} is missing; CI must run the browser tests (apt-get install -y chromium).`);
  console.warn(`Skipping browser tests: ${CHROMIUM} not found (apt-get install -y chromium to run them).`);
  return false;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium profile per launch, so no state leaks between runs. */
export async function launchBrowser(
  options: { javaScriptEnabled?: boolean /** Extra Chromium switches (a fake camera). */; args?: string[] } = {},
): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sg-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args ?? []),
    ],
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: 1024, height: 900 },
    locale: 'nl-NL',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Collects page errors and CSP violations; a test asserts the list stays empty. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    if (/Content Security Policy/i.test(msg.text())) problems.push(`csp: ${msg.text()}`);
  });
  return problems;
}

const axeSource = readFileSync(join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules, best practices) on the page, shadow roots included;
 * `within` limits it to one element (the widget on a host page that is not ours).
 */
export async function axeScan(page: Page, within?: string): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the pages' strict CSP does not block it.
  await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    const axe = (
      window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(selector ? { include: [selector] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, within ?? null);
}

/**
 * axe-core on a page as a browser without JavaScript shows it. axe needs script to run, so the page is
 * opened in a scripted context with our own scripts (embed.js, config.js) refused: what is left is the
 * server-rendered markup and styles, as the no-JavaScript browser has them.
 */
export async function axeScanWithoutOurScript(context: BrowserContext, url: string): Promise<AxeViolation[]> {
  const page = await context.newPage();
  try {
    await page.route(/\/(embed|config)\.js(\?|$)/, (route) => route.abort());
    await page.goto(url);
    return await axeScan(page);
  } finally {
    await page.close();
  }
}

export const seriousOrWorse = (violations: AxeViolation[]): AxeViolation[] =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

export const screenshotDir = join(process.cwd(), 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Serves only the web pages (for tests whose API lives elsewhere, e.g. the real local stack). */
export async function startWebServer(options: ServeWebOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const asset = req.method === 'GET' ? serveWebAsset(req.url ?? '/', options) : null;
    if (!asset) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('not found');
    }
    res.writeHead(asset.status, asset.headers);
    res.end(asset.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The id of the element that has the focus, inside the widget's shadow root too. */
export const focusedId = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.id ?? null;
  });

/** Fails with the list when axe finds anything serious or critical on the page. */
export async function expectAccessible(page: Page, label: string) {
  const violations = seriousOrWorse(await axeScan(page));
  expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}
