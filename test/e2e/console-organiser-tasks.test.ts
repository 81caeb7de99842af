// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the rendered text a reader sees
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../web/build';
import { type ConsoleStack, signInAsOrganiser, startConsoleStack } from '../support/console-stack';
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
 * The coordinator's tasks in the console, in Chromium against the real local stack: import a
 * programme file (dry run, then apply), edit the programme's settings with problems at their
 * fields, create a session, set the time of one "to be decided", cancel one with a message,
 * promote and remove registrants, erase an address, read the audit trail by month; then every
 * screen once more on a 390×844 phone.
 */
const run = requireChromiumOrSkip();
const shots = join(screenshotDir, 'console');

async function look(page: Page, name: string) {
  const violations = seriousOrWorse(await axeScan(page));
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function lookInBothLanguages(page: Page, name: string, ready: string) {
  await page.waitForSelector(ready);
  await look(page, `${name}-nl`);
  await page.click('#lang');
  await page.waitForSelector(`html[lang="en"] ${ready}`);
  await look(page, `${name}-en`);
  await page.click('#lang');
  await page.waitForSelector(`html[lang="nl"] ${ready}`);
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();

describe.skipIf(!run)('organiser tasks in the console against the real local stack', () => {
  const full = aSessionInput({ id: uniqueId('vol'), title: { nl: 'Volle bijeenkomst' }, capacity: 1 });
  const tbd = aSessionInput({ id: uniqueId('tbd'), title: { nl: 'Tijd volgt' }, startTime: null, endTime: null });
  const doomed = aSessionInput({ id: uniqueId('afgelast'), title: { nl: 'Gaat niet door' } });
  // Tomorrow at 16:00 in Amsterdam: 16 to 40 hours ahead of the real clock this stack runs on, so
  // inside the 48 h in which a freed seat is offered to the first person waiting.
  const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
    new Date(Date.now() + 24 * 3_600_000),
  );
  const near = aSessionInput({ id: uniqueId('morgen'), title: { nl: 'Morgen al' }, date: tomorrow, capacity: 1 });
  const programme = aProgrammeFile([full, tbd, doomed, near]);
  const person = (name: string) => ({ name, email: `${uniqueId(name.toLowerCase())}@example.org` });
  const eva = person('Eva');
  const finn = person('Finn');
  const gijs = person('Gijs');
  const hanna = person('Hanna');
  let env: ConsoleStack;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  const register = async (sessionId: string, p: { name: string; email: string }) => {
    const res = await fetch(`${env.stack.apiUrl}/sessions/${sessionId}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...p, role: 'resident', language: 'nl', consent: true }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { manageToken: string };
  };
  const adminGet = async <T>(path: string): Promise<T> => {
    const token = await env.stack.auth.signToken();
    const res = await fetch(`${env.stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    buildWeb();
    env = await startConsoleStack(programme);
    await register(full.id, eva);
    await register(full.id, finn); // the one seat is Eva's: Finn waits
    await register(tbd.id, gijs);
    await register(doomed.id, hanna);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    problems = watchForProblems(page);
    await page.goto(env.consoleUrl);
    await page.click('#sign-in');
    await signInAsOrganiser(page);
    await page.waitForSelector('.cards .card');
  });
  // Each journey starts in Dutch, whatever the one before left behind.
  afterEach(async () => {
    await page?.evaluate(() => localStorage.setItem('console.lang', 'nl'));
  });
  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('imports a programme file: a dry run says what is created, changed and who is told; then it is applied', async () => {
    const added = aSessionInput({ id: uniqueId('nieuw'), title: { nl: 'Nieuwe praktijkdag' }, kind: 'practice' });
    const file = {
      ...programme,
      sessions: [{ ...full, location: { name: 'Wijkcentrum De Boog' } }, tbd, doomed, near, added],
    };
    const path = join(shots, 'programme-import.json');
    mkdirSync(shots, { recursive: true });
    writeFileSync(path, JSON.stringify(file));

    await page.goto(`${env.consoleUrl}#/programme`);
    await page.waitForSelector('#settings-form');
    await page.setInputFiles('#import-file', path);
    await page.click('#import-form button[type="submit"]');
    await page.waitForSelector('#import-summary');
    expect(await text(page, '#import-summary')).toBe('1 nieuw, 1 gewijzigd; 2 aangemelden krijgen bericht.');
    expect(await text(page, `#import-report tr[data-outcome="created"] th`)).toBe(added.id);
    expect(await text(page, `#import-report tr[data-outcome="updated"]`)).toContain(full.id);
    // Nothing is written by the dry run.
    const before = await adminGet<{ sessions: Array<{ id: string }> }>('/admin/sessions');
    expect(before.sessions.map((s) => s.id)).not.toContain(added.id);
    await lookInBothLanguages(page, 'programme-dry-run', '#import-summary');

    await page.click('#import-apply');
    await page.waitForSelector('#import-status.notice--ok');
    expect(await text(page, '#import-report h3')).toContain('Wat de import heeft gedaan');
    expect(await page.isDisabled('#import-apply')).toBe(true);
    const after = await adminGet<{ sessions: Array<{ id: string; location: { name: string } | null }> }>(
      '/admin/sessions',
    );
    expect(after.sessions.map((s) => s.id)).toContain(added.id);
    expect(after.sessions.find((s) => s.id === full.id)?.location?.name).toBe('Wijkcentrum De Boog');
    // Both registrants of the changed session hear of the new place.
    for (const p of [eva, finn]) {
      const mails = await waitForMails(p.email, 2);
      expect(
        mails.some((m) => (m.body.text ?? '').includes('Wijkcentrum De Boog')),
        p.name,
      ).toBe(true);
    }
  });

  it("edits the programme's settings as fields, each problem from the API shown at its field", async () => {
    await page.goto(`${env.consoleUrl}#/programme`);
    await page.waitForSelector('#settings-form');
    expect(await page.inputValue('#ps-feedbackQuestions-0-id')).toBe('impact');
    await page.fill('#ps-privacyNotice-url', 'geen adres');
    await page.fill('#ps-privacyNotice-version', '2027-01');
    await page.click('#ps-add-reminder');
    await page.selectOption('#ps-reminders-0-kind', 'hours');
    await page.fill('#ps-reminders-0-amount', '0');
    await page.click('#settings-form button[type="submit"]');
    await page.waitForSelector('#settings-status.notice--error');
    expect(await text(page, '#ps-privacyNotice-url-error')).toMatch(/URL/);
    expect(await page.getAttribute('#ps-privacyNotice-url', 'aria-invalid')).toBe('true');
    const reminderProblem = page.locator('fieldset[data-path="reminders.0"] .field__error:not([hidden])');
    expect(await reminderProblem.count()).toBeGreaterThan(0);
    await lookInBothLanguages(page, 'programme-settings-problems', '#settings-status.notice--error');

    // Those fixed, a question whose code is taken: named at that code's field.
    await page.fill('#ps-privacyNotice-url', 'https://example.org/privacy');
    await page.fill('#ps-reminders-0-amount', '3');
    await page.click('#ps-add-question');
    await page.fill('#ps-feedbackQuestions-1-id', 'impact');
    await page.fill('#ps-feedbackQuestions-1-text-nl', 'Nog een keer?');
    await page.click('#settings-form button[type="submit"]');
    await page.waitForFunction(() => !document.getElementById('ps-feedbackQuestions-1-id-error')?.hidden);
    expect(await text(page, '#ps-feedbackQuestions-1-id-error')).toBe('is used twice');
    expect(await page.locator('#ps-privacyNotice-url-error').isHidden()).toBe(true);

    await page.click('fieldset[data-path="feedbackQuestions.1"] button[data-remove]');
    await page.click('#settings-form button[type="submit"]');
    await page.waitForSelector('#settings-status.notice--ok');
    const saved = await adminGet<{ reminders: unknown; privacyNotice: unknown; feedbackQuestions: unknown[] }>(
      `/admin/programmes/${programme.id}`,
    );
    expect(saved.reminders).toEqual([{ hoursBefore: 3 }]);
    expect(saved.privacyNotice).toEqual({ url: 'https://example.org/privacy', version: '2027-01' });
    expect(saved.feedbackQuestions).toHaveLength(1);
  });

  it('creates a session whose time is still to be decided', async () => {
    const id = uniqueId('gemaakt');
    await page.goto(`${env.consoleUrl}#/sessions/new`);
    await page.waitForSelector('#session-form');
    await page.fill('#id', id);
    await page.selectOption('#kind', 'reflection');
    await page.fill('#titleNl', 'Reflectie op het jaar');
    await page.fill('#date', '2099-11-20');
    await page.fill('#capacity', '25');
    await lookInBothLanguages(page, 'session-new', '#session-form');
    await page.click('#session-form button[type="submit"]');
    await page.waitForSelector(`a[href="#/sessions/${id}/edit"]`);
    const { sessions } = await adminGet<{ sessions: Array<Record<string, unknown>> }>('/admin/sessions');
    expect(sessions.find((s) => s.id === id)).toMatchObject({
      kind: 'reflection',
      date: '2099-11-20',
      startTime: null,
      capacity: 25,
    });
  });

  it('sets the time of a "to be decided" session, and its registrant gets the invite with the time', async () => {
    await page.goto(`${env.consoleUrl}#/sessions/${tbd.id}/edit`);
    await page.waitForSelector('#session-form');
    expect(await page.inputValue('#startTime')).toBe('');
    await page.fill('#startTime', '19:00');
    await page.fill('#endTime', '21:00');
    expect(await text(page, '#preview')).toContain('1 aangemelde krijgt een bijgewerkte uitnodiging');
    await look(page, 'session-set-time-nl');
    await page.click('#session-form button[type="submit"]');
    await page.waitForSelector('.cards .card');
    const mails = await waitForMails(gijs.email, 2);
    expect(
      mails.some((m) => /19[.:]00/.test(m.body.text ?? '')),
      JSON.stringify(mails.map((m) => m.subject)),
    ).toBe(true);
  });

  it('cancels a session with a message to its registrants', async () => {
    await page.goto(`${env.consoleUrl}#/sessions/${doomed.id}/edit`);
    await page.waitForSelector('#cancel-form');
    await page.fill('#cancelSubject', 'Helaas gaat het niet door');
    await page.fill('#cancelBody', 'De zaal is niet beschikbaar. We plannen een nieuwe datum.');
    await lookInBothLanguages(page, 'session-cancel', '#cancel-form');
    await page.click('#cancel-form button[type="submit"]');
    await page.waitForSelector('.cards .card');
    const mails = await waitForMails(hanna.email, 3);
    const message = mails.find((m) => m.subject === 'Helaas gaat het niet door');
    expect(message?.body.text).toContain('De zaal is niet beschikbaar.');
    const { sessions } = await adminGet<{ sessions: Array<{ id: string; status: string }> }>('/admin/sessions');
    expect(sessions.find((s) => s.id === doomed.id)?.status).toBe('cancelled');
  });

  it('promotes from the waiting list and removes a registrant', async () => {
    await page.goto(`${env.consoleUrl}#/sessions/${full.id}/registrations`);
    await page.waitForSelector('button[data-act="promote"]');
    await page.fill('#search', 'fin');
    expect(await page.locator('tbody tr:visible').count()).toBe(1);
    await page.fill('#search', '');
    await page.click('button[data-act="promote"]');
    await page.waitForSelector('#reg-status.notice--ok');
    expect(await text(page, '#reg-status')).toBe('Finn heeft een plaats.');
    expect(await page.locator('button[data-act="promote"]').count()).toBe(0);
    await lookInBothLanguages(page, 'registrations-promoted', '#search');

    page.once('dialog', (d) => void d.accept());
    await page.click('button[data-act="remove"][data-label="Eva"]');
    await page.waitForFunction(() => document.getElementById('reg-status')?.textContent === 'Eva is verwijderd.');
    const { registrations } = await adminGet<{ registrations: Array<{ name: string; status: string }> }>(
      `/admin/sessions/${full.id}/registrations`,
    );
    expect(registrations.map((r) => [r.name, r.status]).sort()).toEqual([
      ['Eva', 'cancelled'],
      ['Finn', 'confirmed'],
    ]);
  });

  it('lists an open offer from the waiting list with until when it stands', async () => {
    const jet = await register(near.id, person('Jet'));
    await register(near.id, person('Kees')); // the one seat is Jet's: Kees waits
    // Jet cannot come: so close to the start her seat is offered to Kees, not simply given.
    const cancelled = await fetch(`${env.stack.apiUrl}/registrations/${jet.manageToken}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    const { registrations } = await adminGet<{
      registrations: Array<{ name: string; status: string; offerExpiresAt: string | null }>;
    }>(`/admin/sessions/${near.id}/registrations`);
    const offer = registrations.find((r) => r.name === 'Kees');
    expect(offer?.status).toBe('offered');
    const expiresAt = offer?.offerExpiresAt ?? '';
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());

    await page.goto(`${env.consoleUrl}#/sessions/${near.id}/registrations`);
    const offers = page.locator('.table-wrap', { has: page.locator('caption', { hasText: 'Open aanbiedingen' }) });
    await offers.waitFor();
    expect(await offers.locator('caption').innerText()).toBe('Open aanbiedingen (1)');
    const row = offers.locator('tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.locator('th').innerText()).toBe('Kees');
    // Until when, as the console writes an instant (in the browser's zone).
    const until = await page.evaluate(
      (iso) => new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
      expiresAt,
    );
    expect(await row.locator('td').nth(1).innerText()).toBe(until);
    // Kees is no longer on the waiting list: nobody there to promote.
    expect(await page.locator('button[data-act="promote"]').count()).toBe(0);
    await lookInBothLanguages(page, 'registrations-offered', '.table-wrap caption');
    await page.click('#lang');
    await page.waitForSelector('html[lang="en"] .table-wrap caption');
    const inEnglish = page.locator('.table-wrap', { has: page.locator('caption', { hasText: 'Open offers' }) });
    expect(await inEnglish.locator('thead').innerText()).toContain('Valid until');
    await page.click('#lang');
    await page.waitForSelector('html[lang="nl"] .table-wrap caption');
  });

  it('erases everything held for an address after a confirmation that says what happens', async () => {
    await page.goto(`${env.consoleUrl}#/audit`);
    await page.waitForSelector('#erase-find');
    await page.fill('#erase-address', gijs.email.toUpperCase());
    await page.click('#erase-find button[type="submit"]');
    await page.waitForSelector('#erase-confirm');
    expect(await text(page, '#erase-result')).toContain('1 aanmelding met dit adres gevonden.');
    expect(await text(page, '#erase-result')).toContain('Dit kan niet ongedaan worden gemaakt.');
    await lookInBothLanguages(page, 'erase-confirmation', '#erase-find');
    await page.fill('#erase-address', gijs.email);
    await page.click('#erase-find button[type="submit"]');
    await page.click('#erase-confirm');
    await page.waitForSelector('#erase-status.notice--ok');
    expect(await text(page, '#erase-status')).toMatch(/^Gewist: 1 aanmelding\(en\) geanonimiseerd/);
    const { registrations } = await adminGet<{ registrations: Array<{ email: string }> }>(
      `/admin/sessions/${tbd.id}/registrations`,
    );
    expect(registrations.map((r) => r.email)).not.toContain(gijs.email);
  });

  it('lists the audit trail by month', async () => {
    // Drawn afresh (the erasure was made on this screen): by way of another one.
    await page.goto(`${env.consoleUrl}#/sessions`);
    await page.waitForSelector('.cards .card');
    await page.goto(`${env.consoleUrl}#/audit`);
    await page.waitForSelector('#erasures tbody tr');
    const actions = await page.locator('table tbody tr td:nth-child(3)').allInnerTexts();
    expect(actions.join(' ')).toMatch(/cancel/);
    expect(actions.join(' ')).toMatch(/promot/);
    expect(actions).toContain('registration.erase');
    // Erasures have their own record (never the data): when, by whom, how many.
    expect(await page.locator('#erasures tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/een organisator \([0-9a-f-]{36}\)\s+alles van een adres\s+1 geanonimiseerd, 1 afgemeld/),
    ]);
    // Who: the organiser's id (Cognito's access token carries no address), the same in every entry of this sign-in.
    const who = await page.locator('table tbody tr td:nth-child(2)').first().innerText();
    expect(who).toMatch(/^[0-9a-f-]{36}$/);
    await lookInBothLanguages(page, 'audit-month', 'table tbody tr');
    await page.fill('#month', '2001-01');
    await page.click('#month-form button[type="submit"]');
    await page.waitForSelector('caption:has-text("2001-01")');
    expect(await page.locator('table tbody tr').count()).toBe(0);
    expect(await page.locator('#erasures caption').innerText()).toContain('2001-01');
    // Back to this month for the screens that follow.
    await page.evaluate(() => sessionStorage.removeItem('console.audit-month'));
  });

  it('shows the places held for an address not yet confirmed, per session and per registrant', async () => {
    // The programme starts asking for address confirmation; a new registrant's place is held.
    const token = await env.stack.auth.signToken();
    const current = await adminGet<Record<string, unknown>>(`/admin/programmes/${programme.id}`);
    const { id: _id, version, createdAt: _c, updatedAt: _u, ...settings } = current;
    const put = await fetch(`${env.stack.apiUrl}/admin/programmes/${programme.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...settings, addressConfirmation: 'required', expectedVersion: version }),
    });
    expect(put.status).toBe(200);
    // Registration reads the programme's settings through a one-minute cache: let it pass.
    const travel = await fetch(`${env.stack.apiUrl}/_local/time-travel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: new Date(Date.now() + 61_000).toISOString() }),
    });
    expect(travel.status).toBe(200);
    const ivo = person('Ivo');
    await register(tbd.id, ivo);

    await page.goto(`${env.consoleUrl}#/sessions`);
    const card = page.locator('.card', { hasText: 'Tijd volgt' });
    await card.locator('dt', { hasText: 'Adres niet bevestigd' }).waitFor();
    expect(
      await card.locator('div', { has: page.locator('dt', { hasText: 'Adres niet bevestigd' }) }).innerText(),
    ).toMatch(/Adres niet bevestigd\s*1\b/);
    // A session without held places has no such line.
    const fullCard = page.locator('.card', { hasText: 'Volle bijeenkomst' });
    expect(await fullCard.locator('dt', { hasText: 'Adres niet bevestigd' }).count()).toBe(0);

    await page.goto(`${env.consoleUrl}#/sessions/${tbd.id}/registrations`);
    await page.waitForSelector('#search');
    expect(await page.locator('tbody th', { hasText: 'Ivo' }).innerText()).toMatch(/adres niet bevestigd, vrij op /);
    await lookInBothLanguages(page, 'registrations-held', '#search');
    expect(await page.locator('tbody th', { hasText: 'Ivo' }).innerText()).toMatch(/adres niet bevestigd/);
  });

  it('shows every screen on a 390×844 phone, in both languages, without serious accessibility problems', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const screens: Array<[string, string, string]> = [
      ['sessions', '#/sessions', '.cards .card'],
      ['session-edit', `#/sessions/${full.id}/edit`, '#session-form'],
      ['registrations', `#/sessions/${full.id}/registrations`, '#message-form'],
      ['programme', '#/programme', '#settings-form'],
      ['reports', '#/reports', 'table'],
      ['audit', '#/audit', '#erase-find'],
    ];
    for (const [name, hash, ready] of screens) {
      await page.goto(`${env.consoleUrl}${hash}`);
      await lookInBothLanguages(page, `phone-${name}`, ready);
      // Nothing wider than the phone: no sideways scrolling of the page itself.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, name).toBeLessThanOrEqual(0);
    }
    expect(problems).toEqual([]);
  });
});
