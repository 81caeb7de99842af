// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the rendered text a reader sees
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../web/build';
import { aSessionView, type FakeApi, startFakeApi } from '../support/fake-api';
import {
  axeScan,
  type Browser,
  launchBrowser,
  requireChromiumOrSkip,
  screenshot,
  seriousOrWorse,
  watchForProblems,
} from '../support/web-browser';

/**
 * The web pages in Chromium against the fake API (which also serves the pages, same origin):
 * what a registrant sees and does, by keyboard, with axe-core checking each state.
 */
const run = requireChromiumOrSkip();

const sessions = [
  aSessionView({
    id: '2099-05-28-kennis',
    kind: 'knowledge',
    title: { nl: 'Kennisbijeenkomst: de unusual suspects betrekken', en: 'Knowledge: involving the unusual suspects' },
    date: '2099-05-28',
    startsAt: '2099-05-28T16:00:00+02:00',
    endsAt: '2099-05-28T17:30:00+02:00',
    capacity: 2,
    seatsLeft: 0,
    waitlistLength: 3,
  }),
  aSessionView({
    id: '2099-03-03-reflectie',
    kind: 'reflection',
    title: { nl: 'Reflectiebijeenkomst: wat betekenen zeggenschap en eigenaarschap?' },
    date: '2099-03-03',
    startsAt: '2099-03-03T16:00:00+01:00',
    endsAt: '2099-03-03T17:30:00+01:00',
    seatsLeft: 12,
    location: {
      name: 'Buurthuis De Pijp',
      address: 'Van Ostadestraat 1, Amsterdam',
      accessibility: {
        stepFreeEntrance: true,
        hearingLoop: false,
        publicTransport: {
          nl: 'Tram 3 en 12, halte Ferdinand Bolstraat',
          en: 'Tram 3 and 12, Ferdinand Bolstraat stop',
        },
      },
    },
  }),
  aSessionView({
    id: '2099-04-23-praktijk',
    kind: 'practice',
    title: {
      nl: 'Praktijkbijeenkomst: een maatschappelijke opgave democratiseren',
      en: 'Practice: democratising a challenge',
    },
    date: '2099-04-23',
    startTime: null,
    endTime: null,
    startsAt: null,
    endsAt: null,
    location: null,
    capacity: 30,
    seatsLeft: 30,
  }),
  aSessionView({
    id: '2099-06-25-reflectie',
    kind: 'reflection',
    title: { nl: 'Reflectiebijeenkomst: zeggenschap en ongelijkheid', en: 'Reflection: say and inequality' },
    date: '2099-06-25',
    startsAt: '2099-06-25T16:00:00+02:00',
    endsAt: '2099-06-25T17:30:00+02:00',
    status: 'cancelled',
  }),
  aSessionView({
    id: '2099-11-26-terugkoppeling',
    kind: 'feedback',
    title: { nl: 'Terugkoppeling: de opbrengsten van het jaar', en: 'Feedback: the outcomes of the year' },
    date: '2099-11-26',
    startsAt: '2099-11-26T16:00:00+01:00',
    endsAt: '2099-11-26T17:30:00+01:00',
    provisional: false,
    registrationOpen: false,
  }),
];

const PRIVACY = 'https://gemeente.example/privacy';

/** The element focused inside the widget's shadow root (document.activeElement stops at the host). */
const focusedId = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.id ?? null;
  });

async function expectAccessible(page: Page, label: string, within?: string) {
  const violations = seriousOrWorse(await axeScan(page, within));
  expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe.skipIf(!run)('web pages in Chromium (fake API)', () => {
  let api: FakeApi;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    buildWeb();
    api = await startFakeApi(sessions, { privacyUrl: PRIVACY });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });
  const openPage = async (path: string) => {
    page = await browser.context.newPage();
    problems = watchForProblems(page);
    await page.goto(`${api.url}${path}`);
    return page;
  };
  afterEach(async () => {
    expect(problems, 'page errors or CSP violations').toEqual([]);
    await page?.close();
  });

  it('shows the programme in date order, localised, with provisional, unknown times, waiting lists and cancellations', async () => {
    await openPage('/');
    const items = page.locator('.sg-session');
    await expect.poll(() => items.count()).toBe(5);

    const titles = await page.locator('.sg-session h2').allInnerTexts();
    expect(titles.map((t) => t.replace('Geannuleerd ', ''))).toEqual([
      'Reflectiebijeenkomst: wat betekenen zeggenschap en eigenaarschap?',
      'Praktijkbijeenkomst: een maatschappelijke opgave democratiseren',
      'Kennisbijeenkomst: de unusual suspects betrekken',
      'Reflectiebijeenkomst: zeggenschap en ongelijkheid',
      'Terugkoppeling: de opbrengsten van het jaar',
    ]);
    const first = items.nth(0);
    await expect.poll(() => first.innerText()).toContain('Reflectiebijeenkomst');
    expect(await first.innerText()).toContain('dinsdag 3 maart 2099, 16:00–17:30');
    expect(await first.innerText()).toContain('onder voorbehoud');
    expect(await first.innerText()).toContain('Nog 12 plaatsen vrij');
    expect(await first.locator('time').getAttribute('datetime')).toBe('2099-03-03T16:00:00+01:00');
    expect(await items.nth(1).innerText()).toContain('tijd nader te bepalen');
    expect(await items.nth(2).innerText()).toContain('Vol – wachtlijst: 3');
    const cancelled = items.nth(3);
    expect(await cancelled.innerText()).toContain('Deze bijeenkomst gaat niet door.');
    expect(await cancelled.locator('a[data-sg-register]').count()).toBe(0);
    expect(await items.nth(4).innerText()).toContain('Aanmelden is gesloten');
    expect(await items.nth(4).locator('a[data-sg-register]').count()).toBe(0);
    expect(await items.nth(4).innerText()).not.toContain('onder voorbehoud');
    expect(await page.locator('a[data-sg-register]').count()).toBe(3);
    expect(await page.locator('a[data-sg-register]').first().getAttribute('href')).toMatch(
      /register\.html\?session=2099-03-03-reflectie$/,
    );
    await expectAccessible(page, 'programme nl');
    await screenshot(page, 'programme-nl');

    // The language switch, by keyboard: <html lang>, the title and the texts follow.
    await page.getByRole('button', { name: 'English' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.title()).toBe('Programme – City conversations');
    expect(page.url()).toContain('lang=en');
    expect(await items.nth(0).innerText()).toContain('Reflection meeting');
    expect(await items.nth(0).innerText()).toContain('Tuesday 3 March 2099, 16:00–17:30');
    expect(await items.nth(1).innerText()).toContain('time to be decided');
    expect(await items.nth(2).innerText()).toContain('Full – waiting list: 3');
    // No English title: the Dutch one is shown and marked as Dutch.
    expect(await items.nth(0).locator('h2 [lang="nl"]').count()).toBe(1);
    expect(await focusedId(page)).toBe('');
    expect(
      await page.evaluate(() =>
        document.querySelector('#sg-app')?.shadowRoot?.activeElement?.getAttribute('data-sg-lang'),
      ),
    ).toBe('nl');
    await expectAccessible(page, 'programme en');
    await screenshot(page, 'programme-en');
  });

  it('shows the venue’s accessibility with the session, in Dutch and English, only what is known', async () => {
    await openPage('/register.html?session=2099-03-03-reflectie');
    const details = page.locator('.sg-details');
    await expect.poll(() => details.innerText()).toContain('Toegankelijkheid');
    const items = await page.locator('.sg-accessibility li').allInnerTexts();
    expect(items).toEqual([
      'Drempelvrije ingang',
      'Geen ringleiding',
      'Met het openbaar vervoer: Tram 3 en 12, halte Ferdinand Bolstraat',
    ]);
    expect(await details.innerText()).not.toContain('toilet'); // not known: not said
    await expectAccessible(page, 'register with venue accessibility nl');
    await screenshot(page, 'venue-accessibility-nl');
    await page.getByRole('button', { name: 'English' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => details.innerText()).toContain('Accessibility');
    expect(await page.locator('.sg-accessibility li').allInnerTexts()).toEqual([
      'Step-free entrance',
      'No hearing loop',
      'By public transport: Tram 3 and 12, Ferdinand Bolstraat stop',
    ]);
    await expectAccessible(page, 'register with venue accessibility en');
    await screenshot(page, 'venue-accessibility-en');
    // A session without any known accessibility shows no such row.
    await page.goto(`${api.url}/register.html?session=2099-05-28-kennis`);
    await expect.poll(() => page.locator('.sg-details').count()).toBe(1);
    expect(await page.locator('.sg-accessibility').count()).toBe(0);
  });

  it('has an axe scan that sees inside the widget’s shadow root (control: a planted unlabelled field fails it)', async () => {
    await openPage('/');
    await expect.poll(() => page.locator('.sg-session').count()).toBe(5);
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'text';
      document.querySelector('#sg-app')?.shadowRoot?.querySelector('.sg-view')?.append(input);
    });
    const violations = seriousOrWorse(await axeScan(page));
    expect(violations.map((v) => v.id)).toContain('label');
  });

  it('fits a 320px wide screen without sideways scrolling', async () => {
    page = await browser.context.newPage();
    problems = watchForProblems(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`${api.url}/`);
    await expect.poll(() => page.locator('.sg-session').count()).toBe(5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await screenshot(page, 'programme-320px');
    await page.goto(`${api.url}/register.html?session=2099-03-03-reflectie`);
    await expect.poll(() => page.locator('form[data-sg-form="register"]').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await screenshot(page, 'register-320px');
  });

  it('registers by keyboard alone inside an embed on a hostile host page, explaining errors first', async () => {
    api.pages.set(
      '/host.html',
      `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Gemeente</title>
<style>* { color: #ff00ff; font-family: serif; line-height: 3; } a, button { background: #00ff00; } p { margin: 60px; } h2 { text-transform: uppercase; }</style>
</head><body><main><h1>Gemeente Amsterdam</h1><p id="host-p">Tekst van de gemeente.</p>
<script src="/embed.js" data-view="programme" data-privacy-url="${PRIVACY}" async></script></main></body></html>`,
    );
    await openPage('/host.html');
    const register = page.locator('a[data-sg-register="2099-03-03-reflectie"]');
    await expect.poll(() => register.count()).toBe(1);

    // Host styles do not reach in, ours do not leak out.
    const look = await page.evaluate(() => {
      const root = document.querySelector('.stadsgesprekken')?.shadowRoot;
      const h = root?.querySelector('h2');
      const a = root?.querySelector('a.sg-button');
      const hostP = document.getElementById('host-p');
      return {
        headingColour: h ? getComputedStyle(h).color : null,
        headingTransform: h ? getComputedStyle(h).textTransform : null,
        buttonBackground: a ? getComputedStyle(a).backgroundColor : null,
        hostParagraphMargin: hostP ? getComputedStyle(hostP).marginTop : null,
      };
    });
    expect(look).toEqual({
      headingColour: 'rgb(27, 27, 27)',
      headingTransform: 'none',
      buttonBackground: 'rgb(29, 79, 145)',
      hostParagraphMargin: '60px',
    });

    // A plain click stays in the widget; focus moves to the new heading.
    await register.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('form[data-sg-form="register"]').count()).toBe(1);
    expect(await focusedId(page)).toBe('sg-view-title');
    expect(await page.locator('form[data-sg-form="register"]').getAttribute('action')).toBe(
      '/sessions/2099-03-03-reflectie/registrations',
    );
    // The programme's own notice (GET /programmes/{id}) wins over the configured one, with its version.
    expect((await page.locator('#sg-privacy').innerText()).replace(/\s+/g, ' ')).toBe(
      'Lees de privacyverklaring (opent in een nieuw venster) (versie 2099-01)',
    );
    expect(await page.locator('#sg-privacy a').getAttribute('href')).toBe('https://programma.example/privacy');
    await expectAccessible(page, 'embedded register form', '.stadsgesprekken');

    // Submitting empty: an error summary gets focus, fields are marked and described.
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedId(page)).toBe('sg-error-summary');
    expect(await page.locator('#sg-error-summary li').allInnerTexts()).toEqual([
      'Vul uw naam in.',
      'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.',
      'Kies uw rol.',
      'Geef toestemming om u aan te kunnen melden.',
    ]);
    const name = page.locator('#sg-name');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toBe('sg-name-error');
    expect(await page.locator('#sg-email').getAttribute('aria-describedby')).toBe('sg-email-hint sg-email-error');
    await expect.poll(() => page.locator('[role="status"]').innerText()).toBe('Er zijn 4 fouten in het formulier.');
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([]);
    await expectAccessible(page, 'register form with errors', '.stadsgesprekken');
    await screenshot(page, 'register-errors-nl');

    // The summary's links move focus to their field.
    await page.locator('#sg-error-summary a').first().focus();
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('sg-name');

    // Fill in by keyboard only.
    await page.keyboard.type('Fatima El Amrani');
    await page.keyboard.press('Tab');
    await page.keyboard.type('fatima@example.org');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-role');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Dock');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Noord');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-language');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-consent');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => document.querySelector('.stadsgesprekken')?.shadowRoot?.activeElement?.textContent),
    ).toBe('Aanmelden');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('.sg-result').count()).toBe(1);
    expect(await page.locator('.sg-result h2').innerText()).toBe('U bent aangemeld');
    expect(await focusedId(page)).toBe('sg-view-title');
    await expect.poll(() => page.locator('[role="status"]').innerText()).toContain('U bent aangemeld');
    const manage = await page.getByRole('link', { name: 'Uw aanmelding bekijken of afmelden' }).getAttribute('href');
    expect(manage).toMatch(new RegExp(`^${api.url}/manage\\.html\\?token=`));
    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.contentType).toBe('application/json');
    expect(JSON.parse(post?.body ?? '{}')).toEqual({
      name: 'Fatima El Amrani',
      email: 'fatima@example.org',
      role: 'police-officer',
      organisation: 'Dock',
      neighbourhood: 'Noord',
      language: 'nl',
      consent: true,
      website: '',
    });
    await expectAccessible(page, 'registration confirmed', '.stadsgesprekken');
    await screenshot(page, 'register-confirmed-embed');

    // Back to the programme, focus returns to the link that was used.
    await page.getByRole('link', { name: 'Terug naar het programma' }).click();
    await expect.poll(() => focusedId(page)).toBe('sg-register-0');
  });

  it('puts a full session on the waiting list and shows the position', async () => {
    await openPage('/register.html?session=2099-05-28-kennis&lang=en');
    await expect.poll(() => page.locator('form[data-sg-form="register"]').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // Switching the page to Dutch and back keeps what was typed; the mail language follows the page.
    await page.getByLabel('Name').fill('Jan de Vries');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    expect(await page.getByLabel(/^Naam/).inputValue()).toBe('Jan de Vries');
    expect(await page.getByLabel('Nederlands', { exact: true }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getByLabel('English', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('Email address').fill('jan@example.org');
    await page.getByLabel('Your role').selectOption('resident');
    await page.getByLabel(/I agree/).check();
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await expect.poll(() => page.locator('.sg-result').count()).toBe(1);
    expect(await page.locator('.sg-result').innerText()).toContain('You are on the waiting list');
    expect(await page.locator('.sg-result').innerText()).toContain('You are number 4 on the waiting list');
    expect(api.registrationsFor('2099-05-28-kennis')[0]?.language).toBe('en');
    await expectAccessible(page, 'waitlisted');
    await screenshot(page, 'register-waitlisted-en');
  });

  it('shows API validation errors next to their fields and conflicts in the summary', async () => {
    await openPage('/register.html?session=2099-04-23-praktijk');
    await expect.poll(() => page.locator('form[data-sg-form="register"]').count()).toBe(1);
    const fill = async (email: string) => {
      await page.getByLabel(/^Naam/).fill('Piet Post');
      await page.getByLabel(/^E-mailadres/).fill(email);
      await page.getByLabel(/^Uw rol/).selectOption('teacher');
      await page.getByLabel(/Ik geef toestemming/).check();
      await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    };
    api.failNextRegistration(400, {
      type: '/problems/validation-error',
      title: 'Invalid request',
      status: 400,
      errors: [{ field: 'email', message: 'must be a valid email address' }],
    });
    await fill('piet@example.org');
    await expect.poll(() => focusedId(page)).toBe('sg-error-summary');
    expect(await page.locator('#sg-email-error').innerText()).toContain('Vul een geldig e-mailadres in');
    expect(await page.locator('#sg-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#sg-name').getAttribute('aria-invalid')).toBeNull();
    // What was typed survives the re-render.
    expect(await page.locator('#sg-name').inputValue()).toBe('Piet Post');

    // Registered already (the fake holds one for this address): a general message.
    api.seedRegistration('2099-04-23-praktijk', 'Piet Post', 'piet@example.org');
    await fill('piet@example.org');
    await expect.poll(() => page.locator('#sg-error-summary').innerText()).toContain('al aangemeld');
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    await expectAccessible(page, 'conflict');
    await screenshot(page, 'register-conflict-nl');
  });

  it('lets a registrant see, add to the calendar and cancel with a confirmation step', async () => {
    const token = api.seedRegistration('2099-03-03-reflectie', 'Sanne Bakker', 'sanne@example.org');
    await openPage(`/manage.html?token=${encodeURIComponent(token)}`);
    const status = page.locator('#sg-status');
    await expect.poll(() => status.count()).toBe(1);
    expect(await status.innerText()).toBe('Status: Aangemeld');
    expect(await page.getByRole('link', { name: /Zet in mijn agenda/ }).getAttribute('href')).toBe(
      '/sessions/2099-03-03-reflectie/calendar.ics',
    );
    expect(await page.locator('.sg-details').innerText()).toContain('dinsdag 3 maart 2099, 16:00–17:30');
    await expectAccessible(page, 'manage');
    await screenshot(page, 'manage-nl');

    await page.getByRole('button', { name: 'Afmelden' }).click();
    expect(await focusedId(page)).toBe('sg-confirm-title');
    await expectAccessible(page, 'manage confirm');
    await screenshot(page, 'manage-confirm-nl');
    await page.getByRole('button', { name: 'Nee, aangemeld blijven' }).click();
    expect(await focusedId(page)).toBe('sg-cancel');
    expect(api.requests.some((r) => r.path.endsWith('/cancel'))).toBe(false);

    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('button', { name: 'Ja, afmelden' }).click();
    await expect.poll(() => status.innerText()).toBe('Status: Afgemeld');
    expect(await focusedId(page)).toBe('sg-status');
    await expect.poll(() => page.locator('[role="status"]').innerText()).toContain('U bent afgemeld');
    expect(await page.getByRole('button', { name: 'Afmelden' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /Zet in mijn agenda/ }).count()).toBe(0);
    await screenshot(page, 'manage-cancelled-nl');
  });

  it('serves an accessible form in the page itself, for when the script does not run', async () => {
    page = await browser.context.newPage();
    problems = watchForProblems(page);
    await page.route('**/embed.js', (route) => route.abort());
    await page.goto(`${api.url}/register.html?session=2099-04-23-praktijk&lang=en`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('form.sg-form').getAttribute('action')).toBe(
      '/sessions/2099-04-23-praktijk/registrations',
    );
    expect(await page.getByRole('link', { name: 'Nederlands' }).getAttribute('href')).toBe(
      'register.html?session=2099-04-23-praktijk',
    );
    expect(await page.locator('#sg-consent').getAttribute('required')).toBe('');
    await expectAccessible(page, 'server-rendered form');
    problems.length = 0; // the aborted script is reported as a console error on purpose
  });

  it('says clearly when a manage link is unknown', async () => {
    await openPage('/manage.html?token=not-a-real-token&lang=en');
    await expect.poll(() => page.locator('.sg-notice--error').count()).toBe(1);
    expect(await page.locator('.sg-notice--error').innerText()).toContain('This link is unknown or no longer valid');
    await expectAccessible(page, 'unknown token');
    await screenshot(page, 'manage-unknown-en');
  });

  it('falls back to the configured privacy notice when the programme has none to give', async () => {
    page = await browser.context.newPage();
    problems = watchForProblems(page);
    await page.route('**/programmes/**', (route) =>
      route.fulfill({ status: 404, contentType: 'application/problem+json', body: '{"type":"/problems/not-found"}' }),
    );
    await page.goto(`${api.url}/register.html?session=2099-03-03-reflectie&lang=en`);
    await expect.poll(() => page.locator('form[data-sg-form="register"]').count()).toBe(1);
    expect((await page.locator('#sg-privacy').innerText()).replace(/\s+/g, ' ')).toBe(
      'Read the privacy notice (opens in a new window)',
    );
    expect(await page.locator('#sg-privacy a').getAttribute('href')).toBe(PRIVACY);
    problems.length = 0; // the refused programme call is reported as a failed resource on purpose
  });

  it('lets a registrant download their data and erase it after a confirmation, by keyboard', async () => {
    const token = api.seedRegistration('2099-03-03-reflectie', 'Noor Jansen', 'noor@example.org');
    await openPage(`/manage.html?token=${encodeURIComponent(token)}`);
    await expect.poll(() => page.locator('#sg-privacy-title').count()).toBe(1);
    const download = page.locator('#sg-download');
    // A real link underneath: a new tab (or no script) gets the API's JSON download.
    expect(await download.getAttribute('href')).toBe(`/registrations/${token}/export`);
    await expectAccessible(page, 'manage privacy');

    await download.focus();
    const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(file.suggestedFilename()).toMatch(/^stadsgesprekken-[0-9a-f]+\.json$/);
    const exported = JSON.parse(await readFile((await file.path()) ?? '', 'utf8'));
    expect(exported.registration).toMatchObject({ name: 'Noor Jansen', email: 'noor@example.org' });
    await expect
      .poll(() => page.locator('[role="status"]').innerText())
      .toBe('Uw gegevens zijn gedownload als JSON-bestand.');
    expect(await focusedId(page)).toBe('sg-download');

    await page.locator('#sg-erase').focus();
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('sg-erase-title');
    const confirm = await page.locator('.sg-privacy .sg-confirm').innerText();
    expect(confirm).toContain('wordt uw aanmelding afgemeld en gaat uw plaats naar de eerstvolgende op de wachtlijst');
    expect(confirm).toContain('werkt deze link niet meer');
    await expectAccessible(page, 'erase confirmation');
    await screenshot(page, 'manage-erase-confirm-nl');
    await page.keyboard.press('Tab'); // to "Ja, wis mijn gegevens"
    await page.keyboard.press('Tab'); // to "Nee, niet wissen"
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('sg-erase');
    expect(api.erased).not.toContain(token);

    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedId(page)).toBe('sg-erased-title');
    expect(api.erased).toContain(token);
    expect(await page.locator('.sg-result').innerText()).toContain(
      'Uw aanmelding is afgemeld en uw plaats is vrijgegeven.',
    );
    await expect.poll(() => page.locator('[role="status"]').innerText()).toContain('Uw gegevens zijn gewist');
    expect(await page.locator('#sg-status, #sg-download, #sg-cancel').count()).toBe(0);
    await expectAccessible(page, 'erased');
    await screenshot(page, 'manage-erased-nl');

    // The link no longer works.
    await page.reload();
    await expect.poll(() => page.locator('.sg-notice--error').count()).toBe(1);
    expect(await page.locator('.sg-notice--error').innerText()).toContain('Deze link is onbekend of niet meer geldig');
  });

  it('collects feedback, says it is saved, prefills it and lets it be changed', async () => {
    const token = api.seedRegistration('2099-03-03-reflectie', 'Ali Yilmaz', 'ali@example.org');
    await openPage(`/feedback.html?token=${encodeURIComponent(token)}`);
    await expect.poll(() => page.locator('form[data-sg-form="feedback"]').count()).toBe(1);
    expect(await page.getByLabel(/Hoe maken we samen impact/).count()).toBe(1);
    expect(await page.getByLabel(/Wat hindert professionals/).count()).toBe(1);
    expect(await page.locator('#sg-fb-status').innerText()).toBe(
      'U kunt terugkoppeling geven tot en met 31 maart 2099 om 17:30.',
    );
    await expectAccessible(page, 'feedback form');
    await screenshot(page, 'feedback-nl');

    await page.getByRole('button', { name: 'Verstuur terugkoppeling' }).click();
    await expect.poll(() => focusedId(page)).toBe('sg-error-summary');
    expect(await page.locator('#sg-error-summary').innerText()).toContain('Kies een waardering van 1 tot 5.');
    await expectAccessible(page, 'feedback errors');

    await page.getByLabel('4 – goed').check();
    await page.getByLabel(/Hoe maken we samen impact/).fill('Door eerst te luisteren.');
    await page.getByLabel('Overige opmerkingen').fill('Goede sfeer.');
    await page.getByRole('button', { name: 'Verstuur terugkoppeling' }).click();
    await expect.poll(() => focusedId(page)).toBe('sg-fb-saved');
    expect(await page.locator('#sg-fb-saved').innerText()).toBe(
      'Dank u wel voor uw terugkoppeling. Uw terugkoppeling is opgeslagen. U kunt haar wijzigen tot 31 maart 2099 om 17:30.',
    );
    expect(api.feedbackReceived.at(-1)).toEqual({
      token,
      body: { rating: 4, answers: { impact: 'Door eerst te luisteren.' }, comment: 'Goede sfeer.' },
    });
    expect(await page.getByLabel('4 – goed').isChecked()).toBe(true);
    await expectAccessible(page, 'feedback saved');
    await screenshot(page, 'feedback-saved-nl');

    await page.getByLabel('5 – uitstekend').check();
    await page.getByLabel(/Hoe maken we samen impact/).fill('');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect.poll(() => page.locator('#sg-fb-saved').innerText()).toContain('Uw wijzigingen zijn opgeslagen.');
    expect(api.feedbackReceived.at(-1)?.body).toEqual({ rating: 5, answers: {}, comment: 'Goede sfeer.' });

    // Coming back later: the saved answers are in the form, with a note that they can be changed.
    await page.reload();
    await expect.poll(() => page.locator('form[data-sg-form="feedback"]').count()).toBe(1);
    expect(await page.locator('#sg-fb-status').innerText()).toMatch(/^U hebt op .* terugkoppeling gegeven\./);
    expect(await page.getByLabel('5 – uitstekend').isChecked()).toBe(true);
    expect(await page.getByLabel('Overige opmerkingen').inputValue()).toBe('Goede sfeer.');
  });

  it('explains in English why feedback is refused, from the page and from a refused submission', async () => {
    const token = api.seedRegistration('2099-03-03-reflectie', 'Bram de Boer', 'bram@example.org');
    api.feedbackRefusal = { slug: 'marked-absent', detail: 'absent' };
    await openPage(`/feedback.html?token=${encodeURIComponent(token)}&lang=en`);
    await expect.poll(() => page.locator('#sg-fb-closed').count()).toBe(1);
    expect(await page.locator('#sg-fb-closed').innerText()).toBe(
      'The attendance list says you were not at this meeting, so you cannot give feedback. If that is wrong, please contact the organisers.',
    );
    expect(await page.locator('form[data-sg-form="feedback"]').count()).toBe(0);
    await expectAccessible(page, 'feedback refused');
    await screenshot(page, 'feedback-refused-en');
    api.feedbackRefusal = null;
    await page.close();

    // The window closed between loading the page and sending it.
    api.feedbackAnswer = {
      status: 409,
      problem: { type: '/problems/feedback-closed', status: 409, title: 'Conflict' },
    };
    await openPage(`/feedback.html?token=${encodeURIComponent(token)}&lang=en`);
    await expect.poll(() => page.locator('form[data-sg-form="feedback"]').count()).toBe(1);
    await page.getByLabel('5 – excellent').check();
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await expect.poll(() => focusedId(page)).toBe('sg-fb-closed');
    expect(await page.locator('#sg-fb-closed').innerText()).toBe(
      'The period for feedback on this meeting ended on 31 March 2099 at 17:30.',
    );
    await expectAccessible(page, 'feedback closed');
    api.feedbackAnswer = { status: 201 };
  });
});

describe.skipIf(!run)('the registration form without JavaScript (fake API)', () => {
  let api: FakeApi;
  let browser: Browser;

  beforeAll(async () => {
    buildWeb();
    api = await startFakeApi(sessions, { privacyUrl: PRIVACY });
    browser = await launchBrowser({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('posts a plain urlencoded form to the API and lands on the manage page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${api.url}/register.html?session=2099-04-23-praktijk`);
    const form = page.locator('form.sg-form');
    expect(await form.getAttribute('method')).toBe('post');
    expect(await form.getAttribute('action')).toBe('/sessions/2099-04-23-praktijk/registrations');
    expect(await page.locator('input[name="website"]').isVisible()).toBe(false);
    await screenshot(page, 'register-nojs-nl');

    await page.getByLabel(/^Naam/).fill('Kees Klaassen');
    await page.getByLabel(/^E-mailadres/).fill('kees@example.org');
    await page.getByLabel(/^Uw rol/).selectOption('civil-servant');
    await page.getByLabel(/Ik geef toestemming/).check();
    await Promise.all([
      page.waitForURL(/manage\.html\?token=.+&registered=1$/),
      page.locator('button[type="submit"]').click(),
    ]);

    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(post?.body ?? ''))).toEqual({
      // The page's language, so a failed post comes back to the form in it.
      lang: 'nl',
      name: 'Kees Klaassen',
      email: 'kees@example.org',
      role: 'civil-servant',
      organisation: '',
      neighbourhood: '',
      language: 'nl',
      consent: 'on',
      website: '',
    });
    expect(api.registrationsFor('2099-04-23-praktijk').map((r) => r.name)).toContain('Kees Klaassen');
    await page.close();
  });
});
