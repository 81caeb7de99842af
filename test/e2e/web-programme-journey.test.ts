// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the rendered text a reader sees
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { ManualClock } from '../../shared/ports/clock';
import { buildWeb } from '../../web/build';
import type { ServeWebOptions } from '../../web/serve';
import { parseCalendar } from '../support/ical';
import { waitForMails } from '../support/pipeline';
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
 * The whole programme in one go, against the real local stack with its mail pipeline: the programme
 * form with a checkbox per session, the confirmation mail carrying the person link, "my programme",
 * cancelling one session there, and the person's own calendar feed.
 */
const run = requireChromiumOrSkip();
/** A shared, busy machine: the pages wait on the API and the pipeline; this checks outcomes, never speed. */
const WAIT = { timeout: 20_000 };

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
  const clock = new ManualClock(new Date('2099-01-15T10:00:00Z'));
  const web: ServeWebOptions = {};
  let webServer: { url: string; stop(): Promise<void> };
  let stack: LocalStack;
  let browser: Browser;

  beforeAll(async () => {
    buildWeb();
    webServer = await startWebServer(web);
    stack = await startLocalStack({
      dynamoDbEndpoint: inject('dynamoEndpoint'),
      sesEndpoint: inject('sesEndpoint'),
      tablePrefix: `${uniqueId('programme-journey')}-`,
      programme,
      publicBaseUrl: webServer.url,
      clock,
      manageTokenSecret: 'programme-journey-secret',
      pipeline: { visibilityTimeoutMs: 300, leaseMs: 5_000, sesRetryBaseDelayMs: 5, pollIntervalMs: 50 },
    });
    web.apiBaseUrl = stack.apiUrl;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await webServer?.stop();
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
      await page.locator('#sg-consent').check();
      await page.locator('form[data-sg-form="register"] button[type="submit"]').click();
      await expect.poll(() => page.locator('#sg-person-link').count(), WAIT).toBe(1);
      expect(await page.locator('.sg-outcomes li').count()).toBe(3);
      await screenshot(page, `programme-registered-${lang}`);

      // Each confirmation carries the person link (the page's own link opens only what it registered).
      const mails = await waitForMails(email, 3);
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
