// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the rendered text a reader sees
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalStack } from '../../local/stack';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import { ManualClock } from '../../shared/ports/clock';
import { aSession } from '../support/builders';
import { parseCalendar } from '../support/ical';
import { type StoredMail, waitForMails } from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';
import {
  axeScan,
  type Browser,
  requireChromiumOrSkip,
  screenshot,
  seriousOrWorse,
  watchForProblems,
} from '../support/web-browser';
import { startWebStack, type WebStack } from '../support/web-stack';

/**
 * The whole programme in one go, against the real local stack with its mail pipeline and the
 * programme's default address confirmation: the programme form with a checkbox per session (and
 * "follow"), the confirmation request read from the SES emulator and its link followed in the
 * browser, the confirmations carrying the person link, "my programme", cancelling one session
 * there, the person's own calendar feed, and the offer of a session added later, taken on the
 * take-seat page at phone size.
 */
const run = requireChromiumOrSkip();
/** A shared, busy machine: the pages wait on the API and the pipeline; this checks outcomes, never speed. */
const WAIT = { timeout: 20_000 };

const PHONE = { width: 390, height: 844 };
const isRequest = (m: StoredMail) => /^(Bevestig je e-mailadres|Confirm your email address):/.test(m.subject);
const isOffer = (m: StoredMail) => /^(Nieuw in|New in) /.test(m.subject);

/** Waits for the mails to an address that pass `which`, at least `count` of them. */
async function mailsWhere(email: string, which: (m: StoredMail) => boolean, count: number): Promise<StoredMail[]> {
  await expect
    .poll(async () => (await waitForMails(email, 1)).filter(which).length, WAIT)
    .toBeGreaterThanOrEqual(count);
  return (await waitForMails(email, 1)).filter(which);
}

async function expectAccessible(page: Page, label: string) {
  const violations = seriousOrWorse(await axeScan(page));
  expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe.skipIf(!run)('registering for the whole programme in the browser', () => {
  const sessions = [
    aSessionInput({ id: uniqueId('reflectie'), title: { nl: 'Reflectie', en: 'Reflection' }, date: '2099-03-03' }),
    aSessionInput({ id: uniqueId('kennis'), title: { nl: 'Kennis', en: 'Knowledge' }, date: '2099-03-17' }),
    aSessionInput({
      id: uniqueId('praktijk'),
      title: { nl: 'Praktijk', en: 'Practice' },
      date: '2099-04-23',
      startTime: null,
      endTime: null,
    }),
  ];
  const programme = aProgrammeFile(sessions);
  delete programme.addressConfirmation; // the default: required
  const clock = new ManualClock(new Date('2099-01-15T10:00:00Z'));
  let webServer: WebStack['webServer'];
  let stack: LocalStack;
  let browser: Browser;
  let running: WebStack | undefined;

  beforeAll(async () => {
    running = await startWebStack({ name: 'programme-journey', programme, clock });
    ({ webServer, stack, browser } = running);
  });
  afterAll(async () => {
    await running?.stop();
  });

  for (const lang of ['nl', 'en'] as const) {
    it(`ticks every session, registers once, opens "my programme", cancels one and finds the feed (${lang})`, async () => {
      const email = `${uniqueId(lang)}@example.org`;
      const page = await browser.context.newPage();
      const problems = watchForProblems(page);
      await page.goto(
        `${webServer.url}/register-programme.html?programme=${programme.id}${lang === 'en' ? '&lang=en' : ''}`,
      );
      await expect.poll(() => page.locator('form[data-sg-form="register"]').count(), WAIT).toBe(1);
      await expectAccessible(page, `programme form ${lang}`);

      // Submitting with no session ticked names the sessions group.
      await page
        .getByRole('button', {
          name: lang === 'nl' ? 'Aanmelden voor de gekozen bijeenkomsten' : 'Register for the chosen sessions',
        })
        .click();
      await expect.poll(() => page.locator('#sg-sessions-error').count(), WAIT).toBe(1);

      for (const s of sessions) await page.locator(`#sg-session-${s.id}`).check();
      await page.locator('#sg-name').fill(lang === 'nl' ? 'Fatima El Amrani' : 'Sam Taylor');
      await page.locator('#sg-email').fill(email);
      await page.locator('#sg-role').selectOption('teacher');
      await page.locator('#sg-follow').check();
      await page.locator('#sg-consent').check();
      await page.locator('form[data-sg-form="register"] button[type="submit"]').click();
      await expect.poll(() => page.locator('#sg-person-link').count(), WAIT).toBe(1);
      expect(await page.locator('.sg-outcomes li').count()).toBe(3);
      await screenshot(page, `programme-registered-${lang}`);

      // The first mails ask to confirm the address (one per held registration, nothing the sender
      // typed); the link opens the API's own page, whose button confirms.
      const requests = await mailsWhere(email, isRequest, 3);
      expect(`${requests[0]?.body.text}`).not.toMatch(/Fatima|Sam Taylor/);
      const confirmLink = /https?:\/\/\S+\/registrations\/[A-Za-z0-9_-]{43}\/address-confirmation/.exec(
        requests[0]?.body.text ?? '',
      )?.[0];
      expect(confirmLink, requests[0]?.body.text).toMatch(new RegExp(`^${stack.apiUrl}/`));
      const confirmPage = await browser.context.newPage();
      const confirmProblems = watchForProblems(confirmPage);
      await confirmPage.goto(confirmLink ?? '');
      expect(await confirmPage.locator('h1').innerText()).toBe(
        lang === 'nl' ? 'Bevestig je e-mailadres' : 'Confirm your email address',
      );
      await confirmPage
        .getByRole('button', { name: lang === 'nl' ? 'Ja, dit is mijn e-mailadres' : 'Yes, this is my email address' })
        .click();
      await expect
        .poll(() => confirmPage.locator('h1').innerText(), WAIT)
        .toBe(lang === 'nl' ? 'Je e-mailadres is bevestigd' : 'Your email address is confirmed');
      await expectAccessible(confirmPage, `address confirmed ${lang}`);
      expect(confirmProblems).toEqual([]);
      await confirmPage.close();

      // The click ended every hold of the address: each registration's confirmation follows, with the
      // person link (the page's own link opens only what it registered).
      const mails = await mailsWhere(email, (m) => !isRequest(m), 3);
      expect(mails).toHaveLength(3);
      const personLink = /https?:\/\/\S+\/my-programme\.html\?token=[A-Za-z0-9_-]{43}/.exec(
        mails[0]?.body.text ?? '',
      )?.[0];
      expect(personLink, mails[0]?.body.text).toBeDefined();
      expect(await page.locator('#sg-person-link').getAttribute('href')).toMatch(
        /\/my-programme\.html\?token=[A-Za-z0-9_-]{43}/,
      );
      expect(mails.every((mail) => mail.body.text?.includes(personLink ?? '-'))).toBe(true);

      const mine = await browser.context.newPage();
      const mineProblems = watchForProblems(mine);
      await mine.goto(`${personLink}${lang === 'en' ? '&lang=en' : ''}`);
      await expect.poll(() => mine.locator('.sg-person-item').count(), WAIT).toBe(3);
      await expectAccessible(mine, `my programme ${lang}`);

      // Cancel the second session, through its confirmation.
      const second = sessions[1];
      if (!second) throw new Error('three sessions');
      await mine.locator(`#sg-cancel-${second.id}`).click();
      await mine.getByRole('button', { name: lang === 'nl' ? 'Ja, afmelden' : 'Yes, cancel' }).click();
      await expect
        .poll(() => mine.locator(`#sg-reg-${second.id} .sg-status`).innerText(), WAIT)
        .toContain(lang === 'nl' ? 'Afgemeld' : 'Cancelled');
      expect(await mine.locator(`#sg-reg-${sessions[0]?.id} .sg-status`).innerText()).toContain(
        lang === 'nl' ? 'Aangemeld' : 'Registered',
      );
      await expectAccessible(mine, `my programme after cancelling ${lang}`);
      await screenshot(mine, `my-programme-${lang}`);

      // The feed: a webcal:// subscription link and the same feed over https, read back with ical.js.
      const subscribe = await mine.locator('#sg-feed-subscribe').getAttribute('href');
      expect(subscribe).toMatch(/^webcal:\/\/.+\/people\/[A-Za-z0-9_-]{43}\/calendar\.ics$/);
      const feedUrl = await mine.locator('#sg-feed-download').getAttribute('href');
      const feed = parseCalendar(await (await fetch(new URL(feedUrl ?? '', mine.url()))).text());
      const status = new Map(feed.events.map((e) => [e.uid.split('@')[0], e.status]));
      expect(status.get(second.id)).toBe('CANCELLED');
      expect(status.get(sessions[0]?.id)).not.toBe('CANCELLED');
      expect(feed.events).toHaveLength(3);

      // A session added to the programme later: the follower gets one offer; its link opens the
      // take-seat page (which takes nothing), whose button takes the seat.
      const added = aSession({
        id: uniqueId('terugkoppeling'),
        programmeId: programme.id,
        title: { nl: 'Terugkoppeling', en: 'Feedback session' },
        date: '2099-05-12',
        capacity: 20,
        createdAt: clock.now().toISOString(),
        updatedAt: clock.now().toISOString(),
      });
      const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
      await createSessionRepository(db, stack.tables.sessionsTable).create(added);
      db.destroy();
      const [offer] = await mailsWhere(email, isOffer, 1);
      const offerLink = /https?:\/\/\S+\/people\/[A-Za-z0-9_-]{43}\/offers\/[a-z0-9-]+/.exec(
        offer?.body.text ?? '',
      )?.[0];
      expect(offerLink).toMatch(new RegExp(`^${stack.apiUrl}/people/.+/offers/${added.id}$`));
      const seat = await browser.context.newPage();
      const seatProblems = watchForProblems(seat);
      await seat.setViewportSize(PHONE);
      await seat.goto(offerLink ?? '');
      expect(await seat.locator('h1').innerText()).toBe(
        lang === 'nl' ? 'Een plek nemen bij Terugkoppeling' : 'Take a seat at Feedback session',
      );
      await expectAccessible(seat, `take-seat page ${lang}`);
      await screenshot(seat, `take-seat-${lang}`);
      await seat.reload();
      await mine.reload();
      await expect.poll(() => mine.locator('.sg-person-item').count(), WAIT).toBe(3); // nothing taken by the GETs
      await seat.getByRole('button', { name: lang === 'nl' ? 'Plek nemen' : 'Take a seat' }).click();
      await expect
        .poll(() => seat.locator('h1').innerText(), WAIT)
        .toBe(lang === 'nl' ? 'Gelukt: je hebt een plek' : 'Done: you have a seat');
      await expectAccessible(seat, `take-seat done ${lang}`);
      await screenshot(seat, `take-seat-done-${lang}`);
      expect(seatProblems).toEqual([]);
      await seat.close();
      await mine.reload();
      await expect.poll(() => mine.locator(`#sg-reg-${added.id} .sg-status`).count(), WAIT).toBe(1);
      expect(await mine.locator(`#sg-reg-${added.id} .sg-status`).innerText()).toContain(
        lang === 'nl' ? 'Aangemeld' : 'Registered',
      );

      // Your data: the export link, and erasing everything after the confirmation.
      expect(await mine.locator('#sg-person-download').getAttribute('href')).toMatch(
        /\/people\/[A-Za-z0-9_-]{43}\/export$/,
      );
      await mine.locator('#sg-person-erase').click();
      await mine.getByRole('button', { name: lang === 'nl' ? 'Ja, wis alles' : 'Yes, erase everything' }).click();
      await expect.poll(() => mine.locator('#sg-person-erased').count(), WAIT).toBe(1);
      await expectAccessible(mine, `my programme erased ${lang}`);

      // "Send me my link": the same notice whatever the address.
      const ask = await browser.context.newPage();
      const askProblems = watchForProblems(ask);
      const askUrl = new URL(
        `my-programme.html?programme=${programme.id}${lang === 'en' ? '&lang=en' : ''}`,
        personLink,
      );
      await ask.goto(askUrl.href);
      await expect.poll(() => ask.locator('#sg-request-email').count(), WAIT).toBe(1);
      await expectAccessible(ask, `send me my link ${lang}`);
      await ask.locator('#sg-request-email').fill(email);
      await ask.locator('form[data-sg-form="request-link"] button[type="submit"]').click();
      await expect.poll(() => ask.locator('#sg-link-requested').count(), WAIT).toBe(1);

      expect(problems).toEqual([]);
      expect(mineProblems).toEqual([]);
      expect(askProblems).toEqual([]);
      await page.close();
      await mine.close();
      await ask.close();
    }, 120_000);
  }
});
