import { describe, expect, it } from 'vitest';
import { roles } from '../../shared/domain/schemas';
import { escapeHtml, html } from '../../web/src/html';
import { roleOrder } from '../../web/src/i18n';
import { resolveOptions } from '../../web/src/options';
import { apiUrl, normaliseApiBase, pageUrl, registrationActionUrl, sessionCalendarUrl } from '../../web/src/urls';
import { registrationFormHtml } from '../../web/src/views/register-form';

describe('registrationActionUrl', () => {
  it('is relative for a same-origin API', () => {
    expect(registrationActionUrl('', '2027-03-03-reflectie')).toBe('/sessions/2027-03-03-reflectie/registrations');
  });

  it('joins an absolute API base with or without a trailing slash and a stage prefix', () => {
    expect(registrationActionUrl('https://api.example.org/prod/', 'a')).toBe(
      'https://api.example.org/prod/sessions/a/registrations',
    );
    expect(registrationActionUrl('https://api.example.org', 'a')).toBe(
      'https://api.example.org/sessions/a/registrations',
    );
  });

  it('encodes ids, so a crafted one cannot change the path', () => {
    expect(registrationActionUrl('', '../admin?x=1')).toBe('/sessions/..%2Fadmin%3Fx%3D1/registrations');
    expect(apiUrl('', 'registrations', 'a/b c')).toBe('/registrations/a%2Fb%20c');
  });

  it('builds calendar and page links', () => {
    expect(sessionCalendarUrl('https://api.example.org', 's1')).toBe(
      'https://api.example.org/sessions/s1/calendar.ics',
    );
    expect(sessionCalendarUrl('', 's1', 'en')).toBe('/sessions/s1/calendar.ics?lang=en');
    expect(pageUrl('https://web.example.org/', 'register.html', { session: 's 1', lang: undefined })).toBe(
      'https://web.example.org/register.html?session=s+1',
    );
    expect(pageUrl('', 'index.html', {})).toBe('index.html');
    expect(normaliseApiBase('  ')).toBe('');
  });
});

describe('html', () => {
  it('escapes interpolated text and trusts nested html', () => {
    const name = '<img src=x onerror=alert(1)>"';
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=alert(1)&gt;&quot;">&lt;img src=x onerror=alert(1)&gt;&quot;</p>',
    );
    expect(html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(escapeHtml(`'&`)).toBe('&#39;&amp;');
  });
});

describe('the registration form markup', () => {
  const form = (o: Partial<Parameters<typeof registrationFormHtml>[0]> = {}) =>
    registrationFormHtml({ lang: 'nl', action: '/sessions/s1/registrations', privacyUrl: null, headingLevel: 2, ...o })
      .value;

  it('is a plain urlencoded POST to the session’s registrations', () => {
    const markup = form();
    expect(markup).toContain('<form class="sg-form" method="post" action="/sessions/s1/registrations"');
    expect(markup).not.toContain('enctype');
    for (const name of ['name', 'email', 'role', 'organisation', 'neighbourhood', 'language', 'consent', 'website']) {
      expect(markup).toContain(`name="${name}"`);
    }
    expect(markup).toContain('autocomplete="email"');
    expect(markup).toContain('<div class="sg-hp" hidden>');
  });

  it('offers every role of the domain, with localised labels', () => {
    expect([...roleOrder].sort()).toEqual([...roles].sort());
    expect(form({ lang: 'en' })).toContain('<option value="police-officer">Neighbourhood police officer</option>');
  });

  it('marks fields with errors and links the summary to them', () => {
    const markup = form({ fieldErrors: [{ field: 'email', message: 'Vul een geldig e-mailadres in.' }] });
    expect(markup).toContain('aria-invalid="true" aria-describedby="sg-email-hint sg-email-error"');
    expect(markup).toContain('<a href="#sg-email" data-sg-focus="sg-email">Vul een geldig e-mailadres in.</a>');
    expect(markup).not.toMatch(/id="sg-name"[^>]*aria-invalid/);
  });

  it('links the privacy notice when one is configured', () => {
    expect(form({ privacyUrl: 'https://example.org/privacy' })).toContain('href="https://example.org/privacy"');
    expect(form()).not.toContain('sg-privacy');
  });
});

describe('resolveOptions', () => {
  const base = { config: {}, search: '', scriptSrc: 'https://web.example.org/js/embed.js', documentLang: '' };

  it('reads data attributes first, then config.js, then the page URL', () => {
    const o = resolveOptions({
      ...base,
      data: { view: 'register', api: 'https://api.example.org', session: 's1', lang: 'en' },
      config: { api: 'https://other.example.org', privacyUrl: 'https://example.org/privacy' },
    });
    expect(o).toMatchObject({
      view: 'register',
      apiBase: 'https://api.example.org',
      session: 's1',
      lang: 'en',
      privacyUrl: 'https://example.org/privacy',
      pagesBase: 'https://web.example.org/js/',
      headingLevel: 2,
      page: false,
    });
  });

  it('takes token, language and the registered flag from the link in an email', () => {
    const o = resolveOptions({
      ...base,
      data: { view: 'manage', page: 'true' },
      search: '?token=abc&lang=en&registered=1',
    });
    expect(o).toMatchObject({
      view: 'manage',
      token: 'abc',
      lang: 'en',
      registered: true,
      headingLevel: 1,
      page: true,
    });
  });

  it('defaults to the Dutch programme and refuses non-http privacy links', () => {
    const o = resolveOptions({
      ...base,
      data: { view: 'nonsense', privacyUrl: 'javascript:alert(1)', api: 'javascript:alert(1)//' },
    });
    expect(o).toMatchObject({ view: 'programme', lang: 'nl', privacyUrl: null, apiBase: '' });
  });
});
