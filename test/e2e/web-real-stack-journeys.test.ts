// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the rendered text a reader sees
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { ManualClock } from '../../shared/ports/clock';
import { buildWeb } from '../../web/build';
import type { ServeWebOptions } from '../../web/serve';
import { parseCalendar } from '../support/ical';
import { mailsTo, waitForMails } from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';
import {
  type Browser,
  expectAccessible,
  focusedId,
  launchBrowser,
  requireChromiumOrSkip,
  screenshot,
  startWebServer,
  watchForProblems,
} from '../support/web-browser';

/**
 * What a person does, end to end, against the real local stack with its mail pipeline: the pages on
 * their own origin, the API (same handlers and middy chain as in Lambda) on another, DynamoDB Local,
 * the SES emulator. Links are taken from the mails as a registrant would. The stack runs on a
 * hand-set clock so the feedback window can be reached without waiting.
 */
const run = requireChromiumOrSkip();

const PRIVACY = { url: 'https://gemeente.example/privacyverklaring', version: '2099-01' };

/** The element focused inside the widget's shadow root (document.activeElement stops at the host). */
/** Tab until the element with `id` has focus (at most `max` presses), so a test walks the page as a keyboard user. */
async function tabTo(page: Page, id: string, max = 12) {
  for (let i = 0; i < max; i++) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  expect(await focusedId(page), `Tab did not reach #${id}`).toBe(id);
}

describe.skipIf(!run)('a registrant’s journeys through the real local stack, mail included', () => {
  const meeting = aSessionInput({
    id: uniqueId('reflectie'),
    kind: 'reflection',
    title: { nl: 'Reflectiebijeenkomst: zeggenschap en eigenaarschap', en: 'Reflection: say and ownership' },
    date: '2099-03-03',
    startTime: '16:00',
    endTime: '17:30',
    location: { name: 'Buurthuis De Pijp', address: 'Van Ostadestraat 1, Amsterdam' },
    capacity: 20,
  });
  const small = aSessionInput({
    id: uniqueId('praktijk'),
    kind: 'practice',
    title: { nl: 'Praktijkbijeenkomst in een kleine kring', en: 'Practice in a small circle' },
    date: '2099-04-23',
    startTime: null,
    endTime: null,
    capacity: 1,
  });
  const programme = aProgrammeFile([meeting, small], {
    feedbackQuestions: [
      { id: 'impact', text: { nl: 'Hoe maken we samen impact?', en: 'How do we make impact together?' } },
      { id: 'hinders', text: { nl: 'Wat hindert professionals?', en: 'What hinders professionals?' } },
    ],
    privacyNotice: PRIVACY,
  });
  const clock = new ManualClock(new Date('2099-01-15T10:00:00Z'));
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
      sesEndpoint: inject('sesEndpoint'),
      tablePrefix: `${uniqueId('journey')}-`,
      programme,
      publicBaseUrl: webServer.url,
      clock,
      manageTokenSecret: 'journey-test-secret',
      pipeline: { visibilityTimeoutMs: 300, leaseMs: 5_000, sesRetryBaseDelayMs: 5, pollIntervalMs: 50 },
    });
    web.apiBaseUrl = stack.apiUrl;
    web.feedbackQuestions = programme.feedbackQuestions;
    browser = await launchBrowser();
    noScript = await launchBrowser({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
    await noScript?.close();
    await stack?.stop();
    await webServer?.stop();
  });

  const open = async (url: string): Promise<{ page: Page; problems: string[] }> => {
    const page = await browser.context.newPage();
    const problems = watchForProblems(page);
    await page.goto(url.startsWith('http') ? url : `${webServer.url}${url}`);
    return { page, problems };
  };

  /** The manage link as the confirmation mail carries it (text part). */
  const manageLinkFromMail = (text: string | undefined): string => {
    const link = /https?:\/\/\S+\/manage\.html\?token=[A-Za-z0-9_-]{43}/.exec(text ?? '')?.[0];
    if (!link) throw new Error(`no manage link in the mail:\n${text}`);
    return link;
  };

  const registerByApi = async (sessionId: string, name: string, email: string, language: 'nl' | 'en' = 'nl') => {
    const res = await fetch(`${stack.apiUrl}/sessions/${sessionId}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, email, role: 'teacher', language, consent: true }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { manageToken: string; registration: { status: string } };
  };

  const journeys = [
    {
      lang: 'nl' as const,
      name: 'Fatima El Amrani',
      query: '',
      privacy: 'Lees de privacyverklaring (opent in een nieuw venster) (versie 2099-01)',
      registered: 'U bent aangemeld',
      subject: `Aanmelding bevestigd: ${meeting.title.nl}`,
      calendar: /Zet in mijn agenda/,
      cancel: 'Afmelden',
      confirm: 'Ja, afmelden',
      cancelled: 'Status: Afgemeld',
    },
    {
      lang: 'en' as const,
      name: 'Sam Taylor',
      query: '&lang=en',
      privacy: 'Read the privacy notice (opens in a new window) (version 2099-01)',
      registered: 'You are registered',
      subject: `Registration confirmed: ${meeting.title.en}`,
      calendar: /Add to my calendar/,
      cancel: 'Cancel registration',
      confirm: 'Yes, cancel',
      cancelled: 'Status: Cancelled',
    },
  ];

  for (const j of journeys) {
    it(`registers by keyboard, follows the mail's link, downloads the invite and cancels (${j.lang})`, async () => {
      const email = `${uniqueId(j.lang)}@example.org`;
      const { page, problems } = await open(`/register.html?session=${meeting.id}${j.query}`);
      await expect.poll(() => page.locator('form[data-sg-form="register"]').count()).toBe(1);
      // The programme's notice, from the API, with its version.
      expect((await page.locator('#sg-privacy').innerText()).replace(/\s+/g, ' ')).toBe(j.privacy);
      expect(await page.locator('#sg-privacy a').getAttribute('href')).toBe(PRIVACY.url);
      await expectAccessible(page, `register form ${j.lang}`);

      // Keyboard only: Tab from field to field, type, Space on the checkbox, Enter on the button.
      await tabTo(page, 'sg-name');
      await page.keyboard.type(j.name);
      await tabTo(page, 'sg-email');
      await page.keyboard.type(email);
      await tabTo(page, 'sg-role');
      await page.keyboard.press('ArrowDown'); // the first role
      await tabTo(page, 'sg-consent');
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab'); // the privacy notice link
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.sg-result').count()).toBe(1);
      expect(await page.locator('.sg-result h1').innerText()).toBe(j.registered);
      await screenshot(page, `journey-registered-${j.lang}`);

      // The confirmation mail, in the registrant's language, carries the manage link.
      const [mail] = await waitForMails(email, 1);
      expect(mail?.subject).toBe(j.subject);
      const link = manageLinkFromMail(mail?.body.text);
      expect(link.startsWith(`${webServer.url}/manage.html?token=`)).toBe(true);

      const manage = await browser.context.newPage();
      const manageProblems = watchForProblems(manage);
      await manage.goto(link);
      await expect.poll(() => manage.locator('#sg-status').count()).toBe(1);
      if (j.lang === 'en') {
        // The mail's link has no language; the registrant switches by keyboard.
        await manage.keyboard.press('Tab');
        expect(await manage.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toBe(
          'English',
        );
        await manage.keyboard.press('Enter');
        await expect.poll(() => manage.evaluate(() => document.documentElement.lang)).toBe('en');
      }
      expect(await manage.locator('.sg-details').innerText()).toContain(
        j.lang === 'nl' ? meeting.title.nl : meeting.title.en,
      );
      await expectAccessible(manage, `manage ${j.lang}`);

      // The calendar file, downloaded as a person would, read back by an independent parser.
      const calendarLink = manage.getByRole('link', { name: j.calendar });
      await calendarLink.focus();
      const [download] = await Promise.all([manage.waitForEvent('download'), manage.keyboard.press('Enter')]);
      const ics = parseCalendar(await readFile((await download.path()) ?? '', 'utf8'));
      expect(ics.events).toHaveLength(1);
      expect(ics.events[0]).toMatchObject({
        start: '2099-03-03T15:00:00.000Z',
        end: '2099-03-03T16:30:00.000Z',
        startTzid: 'Europe/Amsterdam',
      });
      expect(ics.events[0]?.summary).toContain(j.lang === 'nl' ? meeting.title.nl : meeting.title.en);

      // Cancel, by keyboard, through the confirmation step.
      await manage.getByRole('button', { name: j.cancel, exact: true }).focus();
      await manage.keyboard.press('Enter');
      expect(await focusedId(manage)).toBe('sg-confirm-title');
      await expectAccessible(manage, `cancel confirmation ${j.lang}`);
      await manage.keyboard.press('Tab');
      expect(await manage.getByRole('button', { name: j.confirm }).evaluate((b) => b.matches(':focus'))).toBe(true);
      await manage.keyboard.press('Enter');
      await expect.poll(() => manage.locator('#sg-status').innerText()).toBe(j.cancelled);
      expect(await focusedId(manage)).toBe('sg-status');
      await expectAccessible(manage, `cancelled ${j.lang}`);
      await screenshot(manage, `journey-cancelled-${j.lang}`);

      // The cancellation is confirmed by mail too.
      const mails = await waitForMails(email, 2);
      expect(mails).toHaveLength(2);
      expect(problems).toEqual([]);
      expect(manageProblems).toEqual([]);
      await page.close();
      await manage.close();
    });
  }

  it('downloads everything held and erases it; the seat goes to the waiting list and the link stops working', async () => {
    const anna = `${uniqueId('anna')}@example.org`;
    const bob = `${uniqueId('bob')}@example.org`;
    const first = await registerByApi(small.id, 'Anna de Vries', anna);
    const second = await registerByApi(small.id, 'Bob Bakker', bob);
    expect([first.registration.status, second.registration.status]).toEqual(['confirmed', 'waitlisted']);
    const [mail] = await waitForMails(anna, 1);
    await waitForMails(bob, 1);

    const { page, problems } = await open(manageLinkFromMail(mail?.body.text));
    await expect.poll(() => page.locator('#sg-privacy-title').count()).toBe(1);
    await expectAccessible(page, 'manage with privacy section');

    await page.locator('#sg-download').focus();
    const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const exported = JSON.parse(await readFile((await file.path()) ?? '', 'utf8'));
    expect(exported.registration).toMatchObject({ name: 'Anna de Vries', email: anna, status: 'confirmed' });
    expect(exported.session.id).toBe(small.id);
    expect(exported.consent.privacyNotice).toEqual(PRIVACY);
    expect(file.suggestedFilename()).toBe(`stadsgesprekken-${exported.registration.id}.json`);
    expect(file.suggestedFilename()).not.toContain('anna');

    await tabTo(page, 'sg-erase');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('sg-erase-title');
    expect(await page.locator('.sg-privacy .sg-confirm').innerText()).toContain(
      'wordt uw aanmelding afgemeld en gaat uw plaats naar de eerstvolgende op de wachtlijst',
    );
    await expectAccessible(page, 'erase confirmation (real)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedId(page)).toBe('sg-erased-title');
    expect(await page.locator('.sg-result').innerText()).toContain(
      'Uw aanmelding is afgemeld en uw plaats is vrijgegeven.',
    );
    await expectAccessible(page, 'erased (real)');
    await screenshot(page, 'journey-erased-nl');

    // The link stops working; the seat went to the first on the waiting list, who is told by mail.
    expect((await fetch(`${stack.apiUrl}/registrations/${first.manageToken}`)).status).toBe(404);
    const promoted = (await (await fetch(`${stack.apiUrl}/registrations/${second.manageToken}`)).json()) as {
      registration: { status: string };
    };
    expect(promoted.registration.status).toBe('confirmed');
    await waitForMails(bob, 2);
    // Nobody mails the erased registrant about the cancellation that came with the erasure.
    expect(await mailsTo(anna)).toHaveLength(1);
    await page.reload();
    await expect.poll(() => page.locator('.sg-notice--error').count()).toBe(1);
    expect(await page.locator('.sg-notice--error').innerText()).toContain('Deze link is onbekend of niet meer geldig');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('takes feedback once the meeting is over, saves it, lets it be changed, and refuses after the window', async () => {
    const email = `${uniqueId('ali')}@example.org`;
    const { manageToken: token } = await registerByApi(meeting.id, 'Ali Yilmaz', email);
    const feedbackPage = `/feedback.html?token=${token}`;

    // During the meeting: not open yet, with the moment it opens.
    clock.set(new Date('2099-03-03T16:00:00Z'));
    let { page, problems } = await open(feedbackPage);
    await expect.poll(() => page.locator('#sg-fb-closed').count()).toBe(1);
    expect(await page.locator('#sg-fb-closed').innerText()).toBe(
      'Terugkoppeling geven kan vanaf 3 maart 2099 om 17:30, na afloop van de bijeenkomst.',
    );
    expect(await page.locator('form[data-sg-form="feedback"]').count()).toBe(0);
    await expectAccessible(page, 'feedback not open (real)');
    await page.close();

    // The next day: the form, with the programme's questions.
    clock.set(new Date('2099-03-04T09:00:00Z'));
    ({ page, problems } = await open(feedbackPage));
    await expect.poll(() => page.locator('form[data-sg-form="feedback"]').count()).toBe(1);
    expect(await page.locator('#sg-fb-status').innerText()).toBe(
      'U kunt terugkoppeling geven tot en met 31 maart 2099 om 17:30.',
    );
    await page.getByLabel('4 – goed').focus();
    await page.keyboard.press('Space');
    await tabTo(page, 'sg-fb-answers-impact');
    await page.keyboard.type('Door eerst te luisteren.');
    await tabTo(page, 'sg-fb-comment');
    await page.keyboard.type('Goede sfeer.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedId(page)).toBe('sg-fb-saved');
    expect(await page.locator('#sg-fb-saved').innerText()).toContain(
      'Uw terugkoppeling is opgeslagen. U kunt haar wijzigen tot 31 maart 2099 om 17:30.',
    );
    await expectAccessible(page, 'feedback saved (real)');
    await screenshot(page, 'journey-feedback-saved-nl');

    // Change it: the form holds what was saved; the API answers 200 for a replacement.
    expect(await page.getByLabel(/Hoe maken we samen impact/).inputValue()).toBe('Door eerst te luisteren.');
    await page.getByLabel('5 – uitstekend').check();
    await page.getByLabel(/Wat hindert professionals/).fill('Te weinig tijd.');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect.poll(() => page.locator('#sg-fb-saved').innerText()).toContain('Uw wijzigingen zijn opgeslagen.');
    const stored = (await (await fetch(`${stack.apiUrl}/feedback/${token}`)).json()) as {
      feedback: { rating: number; answers: Record<string, string>; comment: string | null };
    };
    expect(stored.feedback).toMatchObject({
      rating: 5,
      answers: { impact: 'Door eerst te luisteren.', hinders: 'Te weinig tijd.' },
      comment: 'Goede sfeer.',
    });
    expect(problems).toEqual([]);
    await page.close();

    // Without JavaScript: a plain form post, redirected back to the page, which says it was saved.
    const plain = await noScript.context.newPage();
    await plain.goto(`${webServer.url}${feedbackPage}`);
    expect(await plain.locator('form.sg-form').getAttribute('action')).toBe(`${stack.apiUrl}/feedback/${token}`);
    await plain.getByLabel('3 – redelijk').check();
    await plain.getByLabel(/Hoe maken we samen impact/).fill('Samen met bewoners.');
    await Promise.all([
      plain.waitForURL(/\/feedback\.html\?token=[^&]+&saved=1$/),
      plain.locator('button[type="submit"]').click(),
    ]);
    expect(await plain.locator('#sg-fb-saved').innerText()).toContain('Uw terugkoppeling is opgeslagen.');
    await screenshot(plain, 'journey-feedback-plain-saved-nl');
    const savedUrl = plain.url();
    await plain.close();
    // The same page with JavaScript shows what the API now holds (a plain post replaces the whole submission).
    ({ page, problems } = await open(savedUrl));
    await expect.poll(() => page.locator('#sg-fb-saved').count()).toBe(1);
    expect(await page.getByLabel('3 – redelijk').isChecked()).toBe(true);
    expect(await page.getByLabel(/Hoe maken we samen impact/).inputValue()).toBe('Samen met bewoners.');
    expect(await page.getByLabel(/Wat hindert professionals/).inputValue()).toBe('');
    await page.close();

    // After the window: refused, with the saved answers shown read-only.
    clock.set(new Date('2099-04-01T09:00:00Z'));
    ({ page, problems } = await open(`${feedbackPage}&lang=en`));
    await expect.poll(() => page.locator('#sg-fb-closed').count()).toBe(1);
    expect(await page.locator('#sg-fb-closed').innerText()).toBe(
      'The period for feedback on this meeting ended on 31 March 2099 at 17:30.',
    );
    expect(await page.locator('#sg-fb-saved-title').innerText()).toBe('Your feedback as saved');
    expect(await page.locator('.sg-answers').innerText()).toContain('Samen met bewoners.');
    await expectAccessible(page, 'feedback closed (real)');
    await screenshot(page, 'journey-feedback-closed-en');
    expect(problems).toEqual([]);
    await page.close();
    clock.set(new Date('2099-01-15T10:00:00Z'));
  });

  it('explains in English that a cancelled registration cannot give feedback', async () => {
    const { manageToken: token } = await registerByApi(meeting.id, 'Jo Smit', `${uniqueId('jo')}@example.org`, 'en');
    expect((await fetch(`${stack.apiUrl}/registrations/${token}/cancel`, { method: 'POST' })).status).toBe(200);
    clock.set(new Date('2099-03-04T09:00:00Z'));
    const { page, problems } = await open(`/feedback.html?token=${token}&lang=en`);
    await expect.poll(() => page.locator('#sg-fb-closed').count()).toBe(1);
    expect(await page.locator('#sg-fb-closed').innerText()).toBe(
      'This registration was cancelled, so you cannot give feedback.',
    );
    await expectAccessible(page, 'feedback refused, cancelled (real)');
    expect(problems).toEqual([]);
    await page.close();
    clock.set(new Date('2099-01-15T10:00:00Z'));
  });
});
