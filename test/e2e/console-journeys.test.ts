// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the rendered text a reader sees
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../web/build';
import {
  type ConsoleStack,
  fakeCameraFilming,
  qrPngOf,
  signInAsOrganiser,
  startConsoleStack,
} from '../support/console-stack';
import { parseCalendar } from '../support/ical';
import { waitForMails } from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';
import {
  axeScan,
  type Browser,
  launchBrowser,
  requireChromiumOrSkip,
  screenshotDir,
  seriousOrWorse,
  watchForProblems,
} from '../support/web-browser';

/**
 * An organiser's evening, end to end in Chromium against the real local stack (handlers, DynamoDB
 * Local, the mail pipeline, the SES emulator) and the managed-login emulator: sign in, reschedule,
 * message, check three people in at the door on a phone, close the door, read the report.
 */
const run = requireChromiumOrSkip();

const shots = join(screenshotDir, 'console');

async function look(page: Page, name: string) {
  const violations = seriousOrWorse(await axeScan(page));
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Both languages of the screen now open: the switch in the header, and back. */
async function lookInBothLanguages(page: Page, name: string, ready: string) {
  await page.waitForSelector(ready);
  await look(page, `${name}-nl`);
  await page.click('#lang');
  await page.waitForSelector(`html[lang="en"] ${ready}`);
  await look(page, `${name}-en`);
  await page.click('#lang');
  await page.waitForSelector(`html[lang="nl"] ${ready}`);
}

describe.skipIf(!run)('the organiser console against the real local stack', () => {
  const door = aSessionInput({
    id: uniqueId('deur'),
    kind: 'knowledge',
    title: { nl: 'Kennisbijeenkomst over de wijk', en: 'Knowledge session on the neighbourhood' },
    date: '2099-05-12',
    startTime: '19:00',
    endTime: '21:00',
    capacity: 30,
  });
  const programme = aProgrammeFile([door]);
  const people = {
    anna: { name: 'Anna de Vries', email: `${uniqueId('anna')}@example.org` },
    bram: { name: 'Bram Jansen', email: `${uniqueId('bram')}@example.org` },
    cees: { name: 'Cees Bakker', email: `${uniqueId('cees')}@example.org` },
  };
  let env: ConsoleStack;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    buildWeb();
    env = await startConsoleStack(programme);
    for (const p of Object.values(people)) {
      const res = await fetch(`${env.stack.apiUrl}/sessions/${door.id}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...p, role: 'resident', language: 'nl', consent: true }),
      });
      expect(res.status).toBe(201);
    }
    // The phone's camera films the QR code of Bram's confirmation mail.
    const confirmation = (await waitForMails(people.bram.email, 1)).find((m) => m.subject.startsWith('Aanmelding'));
    if (!confirmation) throw new Error('no confirmation mail for Bram');
    mkdirSync(shots, { recursive: true });
    browser = await launchBrowser({ args: fakeCameraFilming(qrPngOf(confirmation), shots) });
    await browser.context.grantPermissions(['camera'], { origin: env.stack.apiUrl });
    page = await browser.context.newPage();
    problems = watchForProblems(page);
  });
  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('signs in with the authorization code and PKCE', async () => {
    await page.goto(env.consoleUrl);
    await lookInBothLanguages(page, 'sign-in', '#sign-in');
    await page.click('#sign-in');
    await page.waitForURL(/\/login/);
    await signInAsOrganiser(page);
    await page.waitForSelector('.cards .card');
    expect(await page.locator('.who').innerText()).toContain('organisator@example.org');
    await lookInBothLanguages(page, 'sessions', '.cards .card');
    expect(await page.locator('.card').first().innerText()).toContain('3 van 30 bezet');
  });

  it('reschedules with a preview of who is told, and the updated invite arrives', async () => {
    await page.click(`a[href="#/sessions/${door.id}/edit"]`);
    await page.waitForSelector('#session-form');
    await page.fill('#startTime', '19:30');
    expect(await page.locator('#preview').innerText()).toContain('3 aangemelden krijgen een bijgewerkte uitnodiging');
    await lookInBothLanguages(page, 'session-edit', '#preview');
    await page.click('#session-form button[type="submit"]');
    await page.waitForSelector('.cards .card');

    const mails = await waitForMails(people.anna.email, 2);
    const updated = mails.find((m) => /gewijzigd|verplaatst|nieuwe tijd/i.test(m.subject)) ?? mails[1];
    const calendar = updated?.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    const event = parseCalendar(Buffer.from(calendar?.content ?? '', 'base64').toString('utf8'));
    expect(event.events[0]?.sequence).toBe(2);
    expect(updated?.body.text).toMatch(/19[.:]30/);
  });

  it('messages the registrants after a preview in both languages', async () => {
    await page.click(`a[href="#/sessions/${door.id}/registrations"]`);
    await page.waitForSelector('#message-form');
    await page.fill('#subject-nl', 'Neem je buurman mee');
    await page.fill('#body-nl', 'Er is koffie vanaf half zeven.');
    await page.fill('#subject-en', 'Bring your neighbour');
    await page.fill('#body-en', 'Coffee from half past six.');
    await page.click('#message-preview');
    await page.waitForSelector('.mail-preview[lang="en"]');
    await lookInBothLanguages(page, 'registrations', '#message-form');
    await page.click('#message-form button[type="submit"]');
    await page.waitForSelector('#message-status.notice--ok');
    const mails = await waitForMails(people.bram.email, 3);
    expect(mails.some((m) => m.subject === 'Neem je buurman mee')).toBe(true);

    const download = page.waitForEvent('download');
    await page.click('#csv');
    const csv = await readFile((await (await download).path()) as string, 'utf8');
    const rows = parse(csv.replace(/^\ufeff/, ''), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
  });

  it('checks in three people at the door on a phone: by search, by the QR from the mail, a walk-in', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${env.consoleUrl}#/sessions/${door.id}/door`);
    await page.waitForSelector('#door-list li');
    await lookInBothLanguages(page, 'door', '#door-list li');

    await page.fill('#door-search', 'anna');
    await page.locator('#door-list button[data-in]').click();
    await page.waitForSelector('#door-list .door-item--present');
    await page.waitForSelector('#queue', { state: 'hidden' });

    // The connection drops: an undo and a new mark wait in the queue, and count once when it is back.
    await browser.context.setOffline(true);
    await page.locator('#door-list button[data-undo]').click();
    await page.locator('#door-list button[data-in]').click();
    await page.waitForFunction(() => /2 markeringen/.test(document.getElementById('queue')?.textContent ?? ''));
    await look(page, 'door-offline-queue-nl');
    await browser.context.setOffline(false);
    await page.waitForSelector('#queue', { state: 'hidden', timeout: 15_000 });

    // Scanning with the camera (BarcodeDetector where Chromium has a QR backend, jsQR otherwise).
    await page.fill('#door-search', '');
    await page.click('#scan-start');
    await page.waitForFunction(() => /Bram Jansen/.test(document.getElementById('door-status')?.textContent ?? ''));
    expect(await page.locator('#door-status').innerText()).toBe('Bram Jansen is aanwezig.');
    expect(await page.locator('#scan-start').getAttribute('aria-pressed')).toBe('true');
    await look(page, 'door-camera-nl');
    await page.click('#scan-start');
    await page.waitForSelector('#scan-video', { state: 'hidden' });

    await page.fill('#wi-name', 'Dirk Walk-in');
    await page.fill('#wi-email', `${uniqueId('dirk')}@example.org`);
    await page.click('#walk-in-form button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('counter')?.textContent?.startsWith('3 van 4'));
    await look(page, 'door-after-check-ins-nl');

    page.once('dialog', (d) => void d.accept());
    await page.click('#close-door');
    await page.waitForFunction(() => /1 als afwezig/.test(document.getElementById('door-status')?.textContent ?? ''));
  });

  it('shows the numbers in the participation report and its CSV', async () => {
    await page.goto(`${env.consoleUrl}#/reports`);
    await page.waitForSelector('table');
    const row = page.locator('table').first().locator('tbody tr').first();
    expect((await row.innerText()).split('\t').map((c) => c.trim())).toEqual([
      'Kennisbijeenkomst over de wijk',
      '4',
      '0',
      '3',
      '1',
      '1',
    ]);
    await lookInBothLanguages(page, 'reports', 'table');
    const download = page.waitForEvent('download');
    await page.click('#participation-csv');
    const csv = await readFile((await (await download).path()) as string, 'utf8');
    const [record] = parse(csv.replace(/^\ufeff/, ''), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(record).toMatchObject({ sessionId: door.id, Bevestigd: '4', Aanwezig: '3', Afwezig: '1', Inloop: '1' });
  });

  it('keeps a draft through an expired token and a new sign-in', async () => {
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.goto(`${env.consoleUrl}#/audit`);
    await lookInBothLanguages(page, 'audit', '#erase-find');
    await page.goto(`${env.consoleUrl}#/programme`);
    await lookInBothLanguages(page, 'programme', '#import-form');

    await page.goto(`${env.consoleUrl}#/sessions/${door.id}/registrations`);
    await page.fill('#subject-nl', 'Half getypt bericht');
    await page.evaluate(() => {
      const t = JSON.parse(sessionStorage.getItem('console.tokens') ?? '{}');
      sessionStorage.setItem('console.tokens', JSON.stringify({ ...t, expiresAt: Date.now() - 1 }));
    });
    await page.click('#csv');
    await page.waitForSelector('#sign-in');
    expect(await page.locator('[role="alert"]').innerText()).toContain('verlopen');
    await look(page, 'expired-nl');
    await page.click('#sign-in');
    // The managed-login session is still there: straight back with a new code.
    await page.waitForSelector('#message-form');
    expect(await page.inputValue('#subject-nl')).toBe('Half getypt bericht');
    expect(problems).toEqual([]);
  });
});
