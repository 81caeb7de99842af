import { describe, expect, it } from 'vitest';
import { pageCsp, programmeRegisterPageHtml, type ServeWebOptions, serveWebAsset } from '../../web/serve';

// Only the answers that need no files: API paths, the rendered register page, an overridden config.js.
describe('serveWebAsset', () => {
  it('leaves API routes and unknown paths to the caller', () => {
    expect(serveWebAsset('/sessions')).toBeNull();
    expect(serveWebAsset('/sessions/a/calendar.ics')).toBeNull();
    expect(serveWebAsset('/../package.json')).toBeNull();
    expect(serveWebAsset('/web/dist/embed.js')).toBeNull();
  });

  it('renders the register page with a form that posts to the chosen session, without JavaScript', () => {
    const res = serveWebAsset('/register.html?session=2027-03-03-reflectie&lang=en', {
      apiBaseUrl: 'https://api.example.org',
      privacyUrl: 'https://example.org/privacy',
    });
    const body = String(res?.body);
    expect(res?.status).toBe(200);
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('action="https://api.example.org/sessions/2027-03-03-reflectie/registrations"');
    expect(body).toContain('href="https://example.org/privacy"');
    expect(body).toContain('<a class="sg-lang-switch" lang="nl" href="register.html?session=2027-03-03-reflectie">');
  });

  it('does not put a malformed session id into the page', () => {
    const body = String(serveWebAsset('/register.html?session=%22%3E%3Cscript%3E')?.body);
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('<form');
    expect(body).toContain('Er is geen bijeenkomst gekozen.');
  });

  it('shows the reason when a failed plain post comes back with ?error=', () => {
    const body = String(serveWebAsset('/register.html?session=s1&error=already-registered')?.body);
    expect(body).toContain('Er is een probleem');
    expect(body).toContain('al aangemeld');
  });

  const questions: NonNullable<ServeWebOptions['registrationQuestions']> = [
    {
      id: 'workshop',
      type: 'choice',
      required: true,
      sensitive: false,
      label: { nl: 'Welke werkgroep?', en: 'Which workshop?' },
      help: { nl: 'Kies er een.', en: 'Pick one.' },
      options: [
        { id: 'wonen', label: { nl: 'Wonen', en: 'Housing' } },
        { id: 'zorg', label: { nl: 'Zorg' } },
      ],
    },
    { id: 'diet', type: 'text', required: false, sensitive: false, maxLength: 40, label: { nl: 'Dieet' } },
  ];
  const areas = { options: [{ id: 'noord', label: { nl: 'Noord' } }], askPostcode: true };

  it("renders the programme's questions and areas on the plain form, in the page's language", () => {
    const en = String(
      serveWebAsset('/register.html?session=s1&lang=en', { registrationQuestions: questions, areas })?.body,
    );
    expect(en).toContain('<legend class="sg-label">Which workshop? <span class="sg-req">(required)</span></legend>');
    expect(en).toContain('<fieldset class="sg-field sg-fieldset" aria-describedby="sg-q-workshop-hint">');
    expect(en).toContain('name="answers.workshop" type="radio" value="wonen"');
    expect(en).toContain('<label for="sg-q-workshop--zorg"><span lang="nl">Zorg</span></label>');
    expect(en).toContain('<label class="sg-label" for="sg-q-diet"><span lang="nl">Dieet</span>');
    expect(en).toContain('<select class="sg-select" id="sg-area" name="area">');
    expect(en).toContain('id="sg-postcode" name="postcode"');
    expect(en).not.toContain('name="neighbourhood"');
    expect(en).toContain('<input type="hidden" name="lang" value="en">');
    const nl = String(serveWebAsset('/register.html?session=s1', { registrationQuestions: questions, areas })?.body);
    expect(nl).toContain('Welke werkgroep? <span class="sg-req">(verplicht)</span>');
  });

  it('marks the fields a failed plain post names in ?invalid=, and drops anything malformed', () => {
    const body = String(
      serveWebAsset('/register.html?session=s1&invalid=answers.workshop:required,consent:required,%3Cb%3E:x', {
        registrationQuestions: questions,
      })?.body,
    );
    expect(body).toContain('<div class="sg-error-summary" id="sg-error-summary" tabindex="-1" autofocus');
    expect(body).toContain(
      '<a href="#sg-q-workshop--wonen" data-sg-focus="sg-q-workshop--wonen">Kies een van de mogelijkheden.</a>',
    );
    expect(body).toContain('aria-describedby="sg-q-workshop-hint sg-q-workshop-error"');
    expect(body).toContain(
      'id="sg-q-workshop--wonen" name="answers.workshop" type="radio" value="wonen" aria-invalid="true"',
    );
    expect(body).toContain('id="sg-consent-error"');
    expect(body).toContain('Wat u had ingevuld is niet bewaard');
    expect(body).not.toContain('<b>');
  });

  it('renders the programme form without JavaScript only for the programme it is given', () => {
    const session = {
      id: 's1',
      title: { nl: 'Werkplaats', en: 'Workshop' },
      status: 'scheduled',
      registrationOpen: true,
      date: '2099-05-28',
      startTime: null,
      endTime: null,
    } as unknown as NonNullable<ServeWebOptions['programmeForm']>['sessions'][number];
    const options: ServeWebOptions = {
      programmeForm: { id: 'p1', sessions: [session] },
      registrationQuestions: questions,
    };
    const body = String(
      serveWebAsset('/register-programme.html?programme=p1&lang=en&invalid=sessions:required', options)?.body,
    );
    expect(body).toContain('action="/programmes/p1/registrations"');
    expect(body).toContain('name="sessions" type="checkbox" value="s1"');
    expect(body).toContain('<a href="#sg-sessions" data-sg-focus="sg-sessions">');
    expect(body).toContain('Which workshop?');
    expect(body).toContain('id="sg-follow"');
    // Another programme: the script's shell from dist, no form.
    expect(programmeRegisterPageHtml(new URLSearchParams('programme=other'), options)).toBeNull();
  });

  it('sends pages uncached, with a strict CSP and no referrer', () => {
    const headers = serveWebAsset('/register.html?session=s1', { apiBaseUrl: 'https://api.example.org/prod' })?.headers;
    expect(headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
    expect(headers?.['content-security-policy']).toBe(pageCsp('https://api.example.org/prod'));
  });

  it('writes config.js from the options when given', () => {
    const res = serveWebAsset('/config.js', {
      apiBaseUrl: 'https://api.example.org',
      privacyUrl: 'https://x.org/p</script>',
    });
    expect(res?.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(String(res?.body)).toBe(
      'window.stadsgesprekkenConfig = {"api":"https://api.example.org","privacyUrl":"https://x.org/p\\u003c/script>"};\n',
    );
  });
});

describe('pageCsp', () => {
  it('allows scripts and styles from the pages’ origin only, and the API origin for calls and posts', () => {
    const csp = pageCsp('https://api.example.org/prod');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self' https://api.example.org");
    expect(csp).toContain("form-action 'self' https://api.example.org");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(pageCsp(undefined)).toContain("connect-src 'self';");
  });

  const token = 'A'.repeat(43);

  it('shows the programme notice’s version next to the configured link on the plain register page', () => {
    const body = String(
      serveWebAsset('/register.html?session=s1', { privacyUrl: 'https://example.org/p', privacyVersion: '2027-01' })
        ?.body,
    );
    expect(body).toContain('<span class="sg-privacy-version">(versie 2027-01)</span>');
  });

  it('offers the data download on the manage page without JavaScript, and nothing for a malformed token', () => {
    const body = String(
      serveWebAsset(`/manage.html?token=${token}&lang=en`, { apiBaseUrl: 'https://api.example.org' })?.body,
    );
    expect(body).toContain(`href="https://api.example.org/registrations/${token}/export" download`);
    expect(body).toContain('Download my data');
    expect(body).toContain(`<a class="sg-lang-switch" lang="nl" href="manage.html?token=${token}">`);
    const bad = String(serveWebAsset('/manage.html?token=%22%3E%3Cx', { apiBaseUrl: 'https://api.example.org' })?.body);
    expect(bad).not.toContain('/export');
    expect(bad).not.toContain('<x');
  });

  it('renders a plain feedback form with the programme’s questions, posting to the API', () => {
    const questions = [{ id: 'impact', text: { nl: 'Hoe maken we samen impact?', en: 'How do we make impact?' } }];
    const body = String(
      serveWebAsset(`/feedback.html?token=${token}&saved=1`, {
        apiBaseUrl: 'https://api.example.org',
        feedbackQuestions: questions,
      })?.body,
    );
    expect(body).toContain(`method="post" action="https://api.example.org/feedback/${token}"`);
    expect(body).toContain('name="answers.impact"');
    expect(body).toContain('name="rating" value="5"');
    expect(body).toContain('Uw terugkoppeling is opgeslagen.');
    // Without the questions (a static host) the page is the script's shell only.
    expect(String(serveWebAsset(`/feedback.html?token=${token}`)?.body)).not.toContain('<form');
  });
});
