// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the rendered text a reader sees
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack';
import { ManualClock } from '../../shared/ports/clock';
import { mailsTo, waitForMails } from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';
import {
  type Browser,
  expectAccessible,
  focusedId,
  requireChromiumOrSkip,
  screenshot,
  watchForProblems,
} from '../support/web-browser';
import { startWebStack, type WebStack } from '../support/web-stack';

/**
 * The waiting list's end game on the manage page, against the real local stack with its mail
 * pipeline and a hand-set clock: a seat freed close to the start is offered to the first person
 * waiting, who sees until when it is held and takes it (or declines it by cancelling) on a phone.
 * The offer itself, its expiry and its races are in test/integration/waitlist-offers*.test.ts.
 */
const run = requireChromiumOrSkip();

const PHONE = { width: 390, height: 844 };

/** The element focused inside the widget's shadow root (document.activeElement stops at the host). */
const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

describe.skipIf(!run)('a seat offered from the waiting list, on the manage page, through the real local stack', () => {
  // 2099-01-16 16:00 in Amsterdam is 15:00Z, 29 h after the clock's start: inside the default 48 h
  // in which a freed seat is offered. An offer made at 10:00Z holds for 12 h: until 23:00 there.
  const circle = aSessionInput({
    id: uniqueId('kring'),
    kind: 'practice',
    title: { nl: 'Praktijkbijeenkomst in een kleine kring', en: 'Practice in a small circle' },
    date: '2099-01-16',
    startTime: '16:00',
    endTime: '17:30',
    capacity: 1,
  });
  const late = aSessionInput({
    id: uniqueId('laat'),
    title: { nl: 'Kennisbijeenkomst met één plek', en: 'Knowledge session with one seat' },
    date: '2099-01-16',
    startTime: '19:00',
    endTime: '21:00',
    capacity: 1,
  });
  const programme = aProgrammeFile([circle, late]);
  const clock = new ManualClock(new Date('2099-01-15T10:00:00Z'));
  let stack: LocalStack;
  let browser: Browser;
  let running: WebStack | undefined;

  beforeAll(async () => {
    running = await startWebStack({ name: 'offers', programme, clock });
    ({ stack, browser } = running);
  });
  afterAll(async () => {
    await running?.stop();
  });

  const registerByApi = async (sessionId: string, name: string, language: 'nl' | 'en' = 'nl') => {
    const email = `${uniqueId(name.toLowerCase())}@example.org`;
    const res = await fetch(`${stack.apiUrl}/sessions/${sessionId}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, email, role: 'resident', language, consent: true }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { manageToken: string; registration: { status: string } };
    return { email, ...body };
  };

  const statusOf = async (token: string) =>
    ((await (await fetch(`${stack.apiUrl}/registrations/${token}`)).json()) as { registration: { status: string } })
      .registration.status;

  const cancelByApi = async (token: string) =>
    expect((await fetch(`${stack.apiUrl}/registrations/${token}/cancel`, { method: 'POST' })).status).toBe(200);

  /** The manage link as the mail about the waiting list carries it (text part). */
  const manageLinkFor = async (email: string): Promise<string> => {
    const [mail] = await waitForMails(email, 1);
    const link = /https?:\/\/\S+\/manage\.html\?token=[A-Za-z0-9_-]{43}/.exec(mail?.body.text ?? '')?.[0];
    if (!link) throw new Error(`no manage link in the mail:\n${mail?.body.text}`);
    return link;
  };

  const openOnPhone = async (url: string): Promise<{ page: Page; problems: string[] }> => {
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    const problems = watchForProblems(page);
    await page.goto(url);
    await expect.poll(() => page.locator('#sg-status').count()).toBe(1);
    return { page, problems };
  };

  it('offers the freed seat on a phone: declined by cancelling, then taken by the next in line, who gets the check-in code', async () => {
    const anna = await registerByApi(circle.id, 'Anna');
    const bas = await registerByApi(circle.id, 'Bas');
    const chris = await registerByApi(circle.id, 'Chris', 'en');
    expect([anna, bas, chris].map((r) => r.registration.status)).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
    const basLink = await manageLinkFor(bas.email);
    const chrisLink = await manageLinkFor(chris.email);

    // Anna cannot come: near the start her seat is offered to Bas, the first waiting.
    await cancelByApi(anna.manageToken);
    expect(await statusOf(bas.manageToken)).toBe('offered');

    // Bas opens his personal link: the notice says until when the seat is held, with the button.
    const { page: basPage, problems: basProblems } = await openOnPhone(basLink);
    await expect.poll(() => basPage.locator('#sg-offer-title').count()).toBe(1);
    expect(await basPage.locator('#sg-status').innerText()).toBe('Status: Plek aangeboden');
    expect(await basPage.locator('#sg-offer-title').innerText()).toBe('Er is een plek voor u vrij');
    expect(squeeze(await basPage.locator('.sg-offer').innerText())).toContain(
      'We houden een plek voor u vast tot 15 januari 2099 om 23:00.',
    );
    expect(await basPage.getByRole('button', { name: 'Ik neem de plek' }).count()).toBe(1);
    await expectAccessible(basPage, 'offer open (nl, phone)');
    await screenshot(basPage, 'offer-open-nl-phone');

    // He cannot come after all: cancelling declines the offer, and the seat is offered to Chris.
    await basPage.getByRole('button', { name: 'Afmelden', exact: true }).click();
    expect(await focusedId(basPage)).toBe('sg-confirm-title');
    await basPage.getByRole('button', { name: 'Ja, afmelden' }).click();
    await expect.poll(() => basPage.locator('#sg-status').innerText()).toBe('Status: Afgemeld');
    expect(await focusedId(basPage)).toBe('sg-status');
    expect(await basPage.locator('.sg-offer').count()).toBe(0);
    expect(await statusOf(chris.manageToken)).toBe('offered');
    await basPage.close();

    // Chris, in English. The connection drops at the first press: the page says so, and the button stays.
    const { page, problems } = await openOnPhone(`${chrisLink}&lang=en`);
    await expect.poll(() => page.locator('#sg-offer-title').count()).toBe(1);
    expect(await page.locator('#sg-status').innerText()).toBe('Status: Seat offered');
    expect(squeeze(await page.locator('.sg-offer').innerText())).toContain(
      'We are holding a seat for you until 15 January 2099 at 23:00.',
    );
    await expectAccessible(page, 'offer open (en, phone)');
    const take = page.getByRole('button', { name: 'Take the seat' });
    await browser.context.setOffline(true);
    await take.click();
    await expect.poll(() => focusedId(page)).toBe('sg-offer-error');
    expect(await page.locator('#sg-offer-error').innerText()).toContain('There is no connection to the server.');
    await browser.context.setOffline(false);
    expect(await statusOf(chris.manageToken)).toBe('offered');

    // Taken by keyboard: confirmed, with the check-in code, and focus on the new status.
    await take.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#sg-status').innerText()).toBe('Status: Registered');
    expect(await focusedId(page)).toBe('sg-status');
    expect(await page.locator('.sg-result h2').innerText()).toBe('The seat is yours');
    expect(await page.locator('#sg-check-in-title').innerText()).toBe('Checking in at the door');
    expect(await page.locator('.sg-check-in__qr svg').count()).toBe(1);
    expect(await page.locator('.sg-offer, #sg-offer-error').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Cancel registration', exact: true }).count()).toBe(1);
    await expectAccessible(page, 'offer taken (en, phone)');
    await screenshot(page, 'offer-taken-en-phone');
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    expect(await statusOf(chris.manageToken)).toBe('confirmed');
    // The usual confirmation with the invitation follows the offer mail.
    await expect
      .poll(async () => (await mailsTo(chris.email)).map((m) => m.subject.replace(/:.*/, '')))
      .toContain('A seat has become available for you');
    expect(basProblems).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says so when the time to take the seat ran out while the page was open', async () => {
    const dora = await registerByApi(late.id, 'Dora');
    const eli = await registerByApi(late.id, 'Eli');
    const link = await manageLinkFor(eli.email);
    await cancelByApi(dora.manageToken);
    expect(await statusOf(eli.manageToken)).toBe('offered');

    const { page, problems } = await openOnPhone(link);
    await expect.poll(() => page.locator('#sg-offer-title').count()).toBe(1);
    // Past the offer's end (23:00 in Amsterdam) before the button is pressed.
    clock.set(new Date('2099-01-15T22:30:00Z'));
    await page.getByRole('button', { name: 'Ik neem de plek' }).click();
    await expect.poll(() => focusedId(page)).toBe('sg-offer-error');
    expect(await page.locator('#sg-offer-error').innerText()).toBe(
      'Helaas, de tijd om deze plek te nemen is net voorbij. De plek gaat naar de volgende op de wachtlijst.',
    );
    expect(await page.getByRole('button', { name: 'Ik neem de plek' }).count()).toBe(0);
    expect(await statusOf(eli.manageToken)).not.toBe('confirmed');
    await expectAccessible(page, 'offer lapsed (nl, phone)');
    await screenshot(page, 'offer-lapsed-nl-phone');
    expect(problems).toEqual([]);
    await page.close();
  });
});
