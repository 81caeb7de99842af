// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the rendered text a reader sees
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { webRegistrationForm } from '../../local/web-forms';
import { RegistrationQuestions } from '../../shared/domain/schemas';
import { buildWeb } from '../../web/build';
import type { ServeWebOptions } from '../../web/serve';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';
import {
  axeScanWithoutOurScript,
  type Browser,
  expectAccessible,
  focusedId,
  launchBrowser,
  requireChromiumOrSkip,
  screenshot,
  seriousOrWorse,
  startWebServer,
  watchForProblems,
} from '../support/web-browser';

/**
 * A programme's own registration questions on the form, against the real local stack: and areas shown in
 * the page's language, filled in by keyboard alone, errors at the right fields, axe-clean.
 */
const run = requireChromiumOrSkip();

const registrationQuestions = RegistrationQuestions.parse([
  {
    id: 'workshop',
    type: 'choice',
    required: true,
    label: { nl: 'Aan welke werkgroep doet u mee?', en: 'Which workshop do you join?' },
    options: [
      { id: 'wonen', label: { nl: 'Wonen', en: 'Housing' } },
      { id: 'zorg', label: { nl: 'Zorg', en: 'Care' } },
    ],
  },
  {
    id: 'diet',
    type: 'text',
    maxLength: 40,
    label: { nl: 'Dieetwensen', en: 'Dietary needs' },
  },
  {
    id: 'access',
    type: 'multi',
    sensitive: true,
    label: { nl: 'Wat heeft u nodig om mee te doen?', en: 'What do you need to take part?' },
    help: { nl: 'Alleen de organisatoren zien dit.', en: 'Only the organisers see this.' },
    options: [
      { id: 'step-free', label: { nl: 'Drempelvrije toegang', en: 'Step-free access' } },
      { id: 'hearing-loop', label: { nl: 'Ringleiding', en: 'Hearing loop' } },
    ],
  },
]);

describe.skipIf(!run)('registration questions on the form (real local stack)', () => {
  const session = aSessionInput({ id: uniqueId('vragen'), date: '2099-05-28', capacity: 30 });
  const programme = aProgrammeFile([session], { registrationQuestions, areas: { askPostcode: true } });
  // The plain (no-JavaScript) form gets the questions and areas as the local stack passes them.
  const web: ServeWebOptions = { ...webRegistrationForm(programme) };
  let webServer: { url: string; stop(): Promise<void> };
  let stack: LocalStack;
  let browser: Browser;
  let noScript: Browser;

  beforeAll(async () => {
    buildWeb();
    webServer = await startWebServer(web);
    stack = await startLocalStack({
      dynamoDbEndpoint: inject('dynamoEndpoint'),
      tablePrefix: uniqueId('webq'),
      programme,
      publicBaseUrl: webServer.url,
    });
    web.apiBaseUrl = stack.apiUrl;
    // The programme form's sessions as GET /sessions lists them (the local stack reads them from its tables).
    const listed = (await (await fetch(`${stack.apiUrl}/sessions`)).json()) as {
      sessions: NonNullable<ServeWebOptions['programmeForm']>['sessions'];
    };
    web.programmeForm = { id: programme.id, sessions: listed.sessions.filter((s) => s.programmeId === programme.id) };
    browser = await launchBrowser();
    noScript = await launchBrowser({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
    await noScript?.close();
    await stack?.stop();
    await webServer?.stop();
  });

  const storedAnswers = async (name: string) => {
    const token = await stack.auth.signToken({ sub: 'organiser-1', email: 'org@example.org' });
    const res = await fetch(`${stack.apiUrl}/admin/sessions/${session.id}/registrations`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as {
      registrations: Array<{ name: string; answers: unknown; area: string | null; postcode: string | null }>;
    };
    const r = body.registrations.find((x) => x.name === name);
    return r && { answers: r.answers, area: r.area, postcode: r.postcode };
  };

  /** From the error summary's first link: every field by Tab, choices by Space and the arrow keys. */
  const fillByKeyboard = async (page: Page, name: string) => {
    await page.locator('#sg-error-summary a').first().focus();
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('sg-name');
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(`${uniqueId('p')}@example.org`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab'); // organisation
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-area');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // Centrum, Nieuw-West, Noord
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-areaOther');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-postcode');
    await page.keyboard.type('1094');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toMatch(/^sg-language/);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-q-workshop--wonen');
    await page.keyboard.press('ArrowDown');
    expect(await focusedId(page)).toBe('sg-q-workshop--zorg');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-q-diet');
    await page.keyboard.type('Vegetarisch');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-q-access--hearing-loop');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-consent');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
  };

  for (const lang of ['nl', 'en'] as const) {
    it(`asks the programme's questions in ${lang === 'nl' ? 'Dutch' : 'English'}, by keyboard alone`, async () => {
      const page = await browser.context.newPage();
      const problems = watchForProblems(page);
      await page.goto(`${webServer.url}/register.html?session=${session.id}${lang === 'en' ? '&lang=en' : ''}`);
      await expect.poll(() => page.locator('form[data-sg-form="register"]').count()).toBe(1);

      // The questions, in the page's language, each group a fieldset with its legend.
      const legends = await page.locator('form legend').allInnerTexts();
      expect(legends).toEqual(
        lang === 'nl'
          ? [
              'Taal van de e-mails',
              'Aan welke werkgroep doet u mee? (verplicht)',
              'Wat heeft u nodig om mee te doen? (niet verplicht)',
            ]
          : [
              'Language of the emails',
              'Which workshop do you join? (required)',
              'What do you need to take part? (optional)',
            ],
      );
      expect(await page.getByLabel(lang === 'nl' ? 'Ringleiding' : 'Hearing loop').count()).toBe(1);
      // Areas instead of free text: the list, "other" last, no free-text neighbourhood.
      const areas = await page.locator('#sg-area option').allInnerTexts();
      expect(areas.slice(-3)).toEqual(
        lang === 'nl'
          ? ['Buiten Amsterdam', 'Zeg ik liever niet', 'Anders']
          : ['Outside Amsterdam', 'Rather not say', 'Other'],
      );
      expect(await page.locator('#sg-neighbourhood').count()).toBe(0);
      await expectAccessible(page, `form with questions (${lang})`);
      await screenshot(page, `questions-form-${lang}`);

      // Submitting empty: the summary names the unanswered question and links to its first option.
      await page.getByRole('button', { name: lang === 'nl' ? 'Aanmelden' : 'Register', exact: true }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => focusedId(page)).toBe('sg-error-summary');
      const summary = await page.locator('#sg-error-summary li').allInnerTexts();
      const choose = lang === 'nl' ? 'Kies een van de mogelijkheden.' : 'Choose one of the options.';
      expect(summary).toHaveLength(5);
      expect(summary[3]).toBe(choose);
      const group = page.locator('fieldset', { has: page.locator('#sg-q-workshop--wonen') });
      expect(await group.getAttribute('aria-describedby')).toBe('sg-q-workshop-error');
      expect(await page.locator('#sg-q-workshop-error').innerText()).toContain(choose);
      expect(await page.locator('#sg-q-workshop--wonen').getAttribute('aria-invalid')).toBe('true');
      await page.locator('#sg-error-summary a').nth(3).focus();
      await page.keyboard.press('Enter');
      expect(await focusedId(page)).toBe('sg-q-workshop--wonen');
      await expectAccessible(page, `form with question errors (${lang})`);
      await screenshot(page, `questions-errors-${lang}`);

      // Filled in by keyboard: registered, and the answers stored as given.
      const name = lang === 'nl' ? 'Sanne de Vries' : 'Sam Jones';
      await fillByKeyboard(page, name);
      // The first write to a fresh local stack can take a few seconds.
      await expect.poll(() => page.locator('.sg-result').count(), { timeout: 15_000 }).toBe(1);
      await expectAccessible(page, `registered (${lang})`);
      await screenshot(page, `questions-registered-${lang}`);
      expect(await storedAnswers(name)).toEqual({
        answers: { workshop: 'zorg', diet: 'Vegetarisch', access: ['hearing-loop'] },
        area: 'noord',
        postcode: '1094',
      });
      expect(problems).toEqual([]);
      await page.close();
    });
  }
  const expectAccessibleWithoutScript = async (url: string, label: string) => {
    const violations = seriousOrWorse(await axeScanWithoutOurScript(browser.context, url));
    expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  };

  /**
   * Without JavaScript: the server-rendered form, by keyboard alone from the name field, the required
   * workshop question left open. The API sends the browser back with the fields to mark; then fixed.
   */
  const fillPlainByKeyboard = async (page: Page, name: string, email: string, opts: { workshop: boolean }) => {
    await page.locator('#sg-name').focus();
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // the first role
    await page.keyboard.press('Tab'); // organisation
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-area');
    for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowDown'); // … Buiten Amsterdam
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-postcode');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toMatch(/^sg-language/);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-q-workshop--wonen');
    if (opts.workshop) await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-q-diet');
    await page.keyboard.type('Halal');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-q-access--step-free');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // hearing loop too
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sg-consent');
    await page.keyboard.press('Space');
  };

  for (const lang of ['nl', 'en'] as const) {
    it(`shows the questions and areas without JavaScript (${lang === 'nl' ? 'Dutch' : 'English'}), marks an unanswered one, stores the answers`, async () => {
      const page = await noScript.context.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      const formUrl = `${webServer.url}/register.html?session=${session.id}${lang === 'en' ? '&lang=en' : ''}`;
      await page.goto(formUrl);
      expect(await page.locator('form.sg-form').getAttribute('action')).toBe(
        `${stack.apiUrl}/sessions/${session.id}/registrations`,
      );
      const legends = await page.locator('form legend').allInnerTexts();
      expect(legends.slice(1)).toEqual(
        lang === 'nl'
          ? ['Aan welke werkgroep doet u mee? (verplicht)', 'Wat heeft u nodig om mee te doen? (niet verplicht)']
          : ['Which workshop do you join? (required)', 'What do you need to take part? (optional)'],
      );
      const access = page.locator('fieldset', { has: page.locator('#sg-q-access--step-free') });
      expect(await access.getAttribute('aria-describedby')).toBe('sg-q-access-hint');
      expect(await page.locator('#sg-q-access-hint').innerText()).toBe(
        lang === 'nl' ? 'Alleen de organisatoren zien dit.' : 'Only the organisers see this.',
      );
      expect(await page.getByLabel(lang === 'nl' ? 'Dieetwensen' : 'Dietary needs').count()).toBe(1);
      const areas = await page.locator('#sg-area option').allInnerTexts();
      expect(areas.slice(-3)).toEqual(
        lang === 'nl'
          ? ['Buiten Amsterdam', 'Zeg ik liever niet', 'Anders']
          : ['Outside Amsterdam', 'Rather not say', 'Other'],
      );
      expect(await page.locator('#sg-postcode').count()).toBe(1);
      expect(await page.locator('#sg-neighbourhood').count()).toBe(0);
      await expectAccessibleWithoutScript(page.url(), `plain form with questions (${lang})`);
      await screenshot(page, `questions-plain-form-390-${lang}`);

      // The required choice left open: back on the form, the problem at that question, focus on the summary.
      const name = lang === 'nl' ? 'Mees Bakker' : 'Max Baker';
      const email = `${uniqueId('plain')}@example.org`;
      await fillPlainByKeyboard(page, name, email, { workshop: false });
      await Promise.all([page.waitForURL(/register\.html\?.*invalid=/), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).searchParams.get('invalid')).toBe('answers.workshop:required');
      expect(page.url()).not.toContain(encodeURIComponent(email));
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      const choose = lang === 'nl' ? 'Kies een van de mogelijkheden.' : 'Choose one of the options.';
      expect(await page.locator('#sg-error-summary li').allInnerTexts()).toEqual([choose]);
      const workshop = page.locator('fieldset', { has: page.locator('#sg-q-workshop--wonen') });
      expect(await workshop.getAttribute('aria-describedby')).toBe('sg-q-workshop-error');
      expect(await page.locator('#sg-q-workshop-error').innerText()).toContain(choose);
      expect(await page.locator('#sg-q-workshop--wonen').getAttribute('aria-invalid')).toBe('true');
      expect(await focusedId(page)).toBe('sg-error-summary');
      await expectAccessibleWithoutScript(page.url(), `plain form with a question error (${lang})`);
      await screenshot(page, `questions-plain-error-390-${lang}`);

      // The summary's link goes to the question (a plain anchor); fixed and sent: the manage page.
      await page.locator('#sg-error-summary a').focus();
      await page.keyboard.press('Enter');
      expect(new URL(page.url()).hash).toBe('#sg-q-workshop--wonen');
      await fillPlainByKeyboard(page, name, email, { workshop: true });
      await Promise.all([
        page.waitForURL(/\/manage\.html\?token=[^&]+&registered=1$/, { timeout: 15_000 }),
        page.keyboard.press('Enter'),
      ]);
      expect(await storedAnswers(name)).toEqual({
        answers: { workshop: 'wonen', diet: 'Halal', access: ['step-free', 'hearing-loop'] },
        area: 'outside-amsterdam',
        postcode: null,
      });
      await page.close();
    });
  }
  it('asks the questions on the programme form without JavaScript, marks an unanswered one, stores the answers', async () => {
    const page = await noScript.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${webServer.url}/register-programme.html?programme=${programme.id}`);
    expect(await page.locator('form.sg-form').getAttribute('action')).toBe(
      `${stack.apiUrl}/programmes/${programme.id}/registrations`,
    );
    const legends = await page.locator('form legend').allInnerTexts();
    expect(legends[0]).toBe('Bijeenkomsten (verplicht)');
    expect(legends).toContain('Aan welke werkgroep doet u mee? (verplicht)');
    expect(await page.locator('#sg-area option').count()).toBeGreaterThan(3);
    await expectAccessibleWithoutScript(page.url(), 'plain programme form');
    await screenshot(page, 'questions-plain-programme-390-nl');

    const name = 'Noor Visser';
    const email = `${uniqueId('prog')}@example.org`;
    const fill = async (workshop: boolean) => {
      await page.getByLabel(/^Kennisbijeenkomst/).check();
      await page.getByLabel(/^Naam/).fill(name);
      await page.getByLabel(/^E-mailadres/).fill(email);
      await page.getByLabel(/^Uw rol/).selectOption('resident');
      if (workshop) await page.getByLabel('Zorg').check();
      await page.getByLabel('Ringleiding').check();
      await page.getByLabel(/Ik geef toestemming/).check();
    };
    await fill(false);
    await Promise.all([
      page.waitForURL(/register-programme\.html\?.*invalid=/),
      page.locator('button[type="submit"]').click(),
    ]);
    expect(new URL(page.url()).searchParams.get('invalid')).toBe('answers.workshop:required');
    expect(await page.locator('#sg-q-workshop--wonen').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#sg-q-workshop-error').innerText()).toContain('Kies een van de mogelijkheden.');
    expect(await focusedId(page)).toBe('sg-error-summary');
    await expectAccessibleWithoutScript(page.url(), 'plain programme form with a question error');
    await screenshot(page, 'questions-plain-programme-error-390-nl');

    await fill(true);
    await Promise.all([
      page.waitForURL(/my-programme\.html\?token=[^&]+&registered=1$|register-programme\.html\?mailed=1/, {
        timeout: 15_000,
      }),
      page.locator('button[type="submit"]').click(),
    ]);
    expect(await storedAnswers(name)).toMatchObject({ answers: { workshop: 'zorg', access: ['hearing-loop'] } });
    await page.close();
  });
});
