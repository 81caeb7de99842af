// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the rendered text a reader sees
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { buildWeb } from '../../web/build';
import type { ServeWebOptions } from '../../web/serve';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';
import {
  axeScan,
  type Browser,
  launchBrowser,
  requireChromiumOrSkip,
  screenshot,
  seriousOrWorse,
  startWebServer,
  watchForProblems,
} from '../support/web-browser';

/**
 * The happy path against the real local stack (handlers, middy chain, DynamoDB Local): the pages
 * on their own origin call the API on another, as an embed on an organiser's site does.
 */
const run = requireChromiumOrSkip();

describe.skipIf(!run)('web pages against the real local stack', () => {
  const small = aSessionInput({
    id: uniqueId('klein'),
    kind: 'reflection',
    title: { nl: 'Reflectiebijeenkomst in een kleine kring', en: 'Reflection in a small circle' },
    date: '2099-03-03',
    capacity: 1,
  });
  const tbd = aSessionInput({
    id: uniqueId('praktijk'),
    kind: 'practice',
    title: { nl: 'Praktijkbijeenkomst: een agenda voor de buurt' },
    date: '2099-04-23',
    startTime: null,
    endTime: null,
    capacity: 30,
  });
  const web: ServeWebOptions = {};
  let webServer: { url: string; stop(): Promise<void> };
  let stack: LocalStack;
  let browser: Browser;
  let noScript: Browser;

  beforeAll(async () => {
    buildWeb();
    webServer = await startWebServer(web);
    stack = await startLocalStack({
      dynamoDbEndpoint: inject('dynamoEndpoint'),
      tablePrefix: uniqueId('web'),
      programme: aProgrammeFile([tbd, small]),
      publicBaseUrl: webServer.url,
    });
    web.apiBaseUrl = stack.apiUrl;
    browser = await launchBrowser();
    noScript = await launchBrowser({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
    await noScript?.close();
    await stack?.stop();
    await webServer?.stop();
  });

  const open = async (path: string): Promise<{ page: Page; problems: string[] }> => {
    const page = await browser.context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${webServer.url}${path}`);
    return { page, problems };
  };

  const register = async (page: Page, name: string, email: string) => {
    await expect.poll(() => page.locator('form[data-sg-form="register"]').count()).toBe(1);
    await page.getByLabel(/^Naam/).fill(name);
    await page.getByLabel(/^E-mailadres/).fill(email);
    await page.getByLabel(/^Uw rol/).selectOption('community-worker');
    await page.getByLabel(/Ik geef toestemming/).check();
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await expect.poll(() => page.locator('.sg-result').count()).toBe(1);
    return page.getByRole('link', { name: 'Uw aanmelding bekijken of afmelden' }).getAttribute('href');
  };

  it('registers, waitlists, cancels and promotes through the real API', async () => {
    const { page, problems } = await open('/');
    await expect.poll(() => page.locator('.sg-session').count()).toBe(2);
    expect(await page.locator('.sg-session').nth(0).innerText()).toContain('Nog 1 plaats vrij');
    expect(await page.locator('.sg-session').nth(1).innerText()).toContain('tijd nader te bepalen');
    expect(seriousOrWorse(await axeScan(page))).toEqual([]);
    await screenshot(page, 'real-programme-nl');

    await page.locator(`a[data-sg-register="${small.id}"]`).click();
    await page.waitForURL(/register\.html/);
    const first = await register(page, 'Fatima El Amrani', `${uniqueId('fatima')}@example.org`);
    expect(await page.locator('.sg-result h1').innerText()).toBe('U bent aangemeld');
    expect(first).toMatch(new RegExp(`^${webServer.url}/manage\\.html\\?token=`));
    await screenshot(page, 'real-register-confirmed-nl');

    await page.goto(`${webServer.url}/register.html?session=${small.id}`);
    const second = await register(page, 'Jan de Vries', `${uniqueId('jan')}@example.org`);
    expect(await page.locator('.sg-result').innerText()).toContain('U staat op plaats 1 van de wachtlijst');

    await page.goto(first ?? '');
    await expect.poll(() => page.locator('#sg-status').count()).toBe(1);
    expect(await page.locator('#sg-status').innerText()).toBe('Status: Aangemeld');
    // The calendar link points at the API's origin and answers with an iCalendar event.
    const calendar = await page.getByRole('link', { name: /Zet in mijn agenda/ }).getAttribute('href');
    expect(calendar).toBe(`${stack.apiUrl}/sessions/${small.id}/calendar.ics`);
    const ics = await page.request.get(calendar ?? '');
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toMatch(/^text\/calendar/);
    expect(await ics.text()).toContain('BEGIN:VEVENT');
    expect(seriousOrWorse(await axeScan(page))).toEqual([]);
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('button', { name: 'Ja, afmelden' }).click();
    await expect.poll(() => page.locator('#sg-status').innerText()).toBe('Status: Afgemeld');
    await screenshot(page, 'real-manage-cancelled-nl');

    // The first on the waiting list moved up into the freed place.
    await page.goto(second ?? '');
    await expect.poll(() => page.locator('#sg-status').count()).toBe(1);
    expect(await page.locator('#sg-status').innerText()).toBe('Status: Aangemeld');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('takes a plain form post without JavaScript and shows the result on the manage page', async () => {
    const page = await noScript.context.newPage();
    await page.goto(`${webServer.url}/register.html?session=${tbd.id}`);
    expect(await page.locator('form.sg-form').getAttribute('action')).toBe(
      `${stack.apiUrl}/sessions/${tbd.id}/registrations`,
    );
    await page.getByLabel(/^Naam/).fill('Kees Klaassen');
    await page.getByLabel(/^E-mailadres/).fill(`${uniqueId('kees')}@example.org`);
    await page.getByLabel(/^Uw rol/).selectOption('resident');
    await page.getByLabel(/Ik geef toestemming/).check();
    await Promise.all([
      page.waitForURL(/\/manage\.html\?token=[^&]+&registered=1$/),
      page.locator('button[type="submit"]').click(),
    ]);
    const manage = page.url();
    await page.close();

    // The same link, now with JavaScript: the registrant sees it worked.
    const { page: withScript, problems } = await open(manage.slice(webServer.url.length));
    await expect.poll(() => withScript.locator('.sg-result').count()).toBe(1);
    expect(await withScript.locator('.sg-result').innerText()).toContain('U bent aangemeld');
    expect(await withScript.locator('.sg-details').innerText()).toContain(
      'Praktijkbijeenkomst: een agenda voor de buurt',
    );
    expect(seriousOrWorse(await axeScan(withScript))).toEqual([]);
    await screenshot(withScript, 'real-manage-after-plain-post-nl');
    expect(problems).toEqual([]);
    await withScript.close();
  });
});
