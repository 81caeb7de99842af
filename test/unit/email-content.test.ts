import { describe, expect, it } from 'vitest';
import { emailKinds, renderEmail } from '../../shared/domain/email/content';
import { escapeHtml, safeHref } from '../../shared/domain/email/escape';
import { anEmailInput, aSession, aSessionWithoutTime } from '../support/builders';
import { parseCalendar } from '../support/ical';

const languages = ['nl', 'en'] as const;
const hostileName = '<img src=x onerror=alert(1)>';

describe('renderEmail: every kind in both languages', () => {
  for (const kind of emailKinds) {
    for (const language of languages) {
      it(`renders ${kind} in ${language}`, () => {
        const email = renderEmail(anEmailInput(kind, { language }));

        expect(email.subject.length).toBeGreaterThan(5);
        expect(email.subject).not.toMatch(/\n/);
        expect(email.html).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html lang="${language}"`));
        expect(email.html).toContain(`<title>${escapeHtml(email.subject)}</title>`);
        expect(email.text).toContain(language === 'nl' ? 'Beste Fatima de Vries,' : 'Dear Fatima de Vries,');
        expect(email.html).toContain('<h1 ');
        expect(email.html).not.toContain('<img');
        for (const part of [email.subject, email.text, email.html]) {
          expect(part).not.toMatch(/undefined|\[object|NaN/);
        }
      });
    }

    it(`words ${kind} differently in Dutch and English`, () => {
      const nl = renderEmail(anEmailInput(kind, { language: 'nl' }));
      const en = renderEmail(anEmailInput(kind, { language: 'en' }));

      // An organiser message keeps the organiser's own subject; the text around it is translated.
      if (kind === 'announcement') expect(nl.subject).toBe(en.subject);
      else expect(nl.subject).not.toBe(en.subject);
      expect(nl.text).toContain('Vragen? Mail Kennisnetwerk Amsterdam via stadsgesprekken@example.org.');
      expect(en.text).toContain('Questions? Email Kennisnetwerk Amsterdam');
    });
  }
});

describe('renderEmail: calendar attachments', () => {
  const expected = {
    'registration-confirmed': 'REQUEST',
    'registration-waitlisted': undefined,
    'registration-promoted': 'REQUEST',
    'registration-cancelled': 'CANCEL',
    'already-registered': undefined,
    'session-rescheduled': 'REQUEST',
    'session-time-confirmed': 'REQUEST',
    'session-location-changed': 'REQUEST',
    'session-cancelled': 'CANCEL',
    reminder: undefined,
    'feedback-request': undefined,
    announcement: undefined,
    'address-confirmation': undefined,
    'hold-released': undefined,
    'waitlist-offer': undefined,
    'waitlist-offer-lapsed': undefined,
    'waitlist-closed': undefined,
  } as const;

  for (const kind of emailKinds) {
    it(`${kind} for a registrant with a seat attaches ${expected[kind] ?? 'no calendar'}`, () => {
      const session =
        kind === 'session-cancelled' ? aSession({ status: 'cancelled', version: 3 }) : aSession({ version: 3 });

      const email = renderEmail(anEmailInput(kind, { session }));

      expect(email.calendar?.method).toBe(expected[kind]);
      if (email.calendar !== undefined) {
        const parsed = parseCalendar(email.calendar.content);
        expect(parsed.method).toBe(expected[kind]);
        expect(parsed.events).toHaveLength(1);
        expect(parsed.events[0]?.uid).toBe('2027-03-03-reflectie@stadsgesprekken.example.org');
        expect(parsed.events[0]?.sequence).toBe(3);
        expect(parsed.events[0]?.attendees[0]?.value).toBe('MAILTO:fatima@example.org');
        expect(parsed.events[0]?.url).toBe('https://stadsgesprekken.example.org/manage/tok123');
        expect(email.calendar.filename).toBe(expected[kind] === 'REQUEST' ? 'invite.ics' : 'cancellation.ics');
      }
    });
  }

  it('sends no invite or cancellation to someone on the waiting list when the session changes', () => {
    const registration = { name: 'Wim', email: 'wim@example.org', status: 'waitlisted' as const, waitlistPosition: 2 };
    for (const kind of ['session-rescheduled', 'session-time-confirmed', 'session-location-changed'] as const) {
      const email = renderEmail(anEmailInput(kind, { registration }));
      expect(email.calendar).toBeUndefined();
      expect(email.text).toContain('Je staat nog op de wachtlijst.');
    }
    const cancelled = renderEmail(
      anEmailInput('session-cancelled', { registration, session: aSession({ status: 'cancelled' }) }),
    );
    expect(cancelled.calendar).toBeUndefined();
    expect(cancelled.text).toContain('Je stond op de wachtlijst; die vervalt.');
  });

  it('writes the attached calendar in the reader language', () => {
    const email = renderEmail(anEmailInput('registration-confirmed', { language: 'en' }));

    expect(parseCalendar(email.calendar?.content ?? '').events[0]?.summary).toBe('Reflection: say and ownership');
  });
});

describe('renderEmail: dates, times and provisional sessions', () => {
  it('formats date and time in the session zone in Dutch and English', () => {
    const session = aSession({ date: '2027-03-03', startTime: '16:00', endTime: '17:30' });

    const nl = renderEmail(anEmailInput('registration-confirmed', { session }));
    const en = renderEmail(anEmailInput('registration-confirmed', { session, language: 'en' }));

    expect(nl.text).toContain('Wanneer: woensdag 3 maart 2027, 16.00–17.30 uur');
    expect(en.text).toContain('When: Wednesday 3 March 2027, 16:00–17:30');
    expect(nl.html).toContain('<dt style="margin:0;font-weight:bold;">Wanneer</dt>');
  });

  it('says the time is still to be decided', () => {
    const session = aSessionWithoutTime({ date: '2027-04-23' });

    const nl = renderEmail(anEmailInput('registration-confirmed', { session }));
    const en = renderEmail(anEmailInput('registration-confirmed', { session, language: 'en' }));

    expect(nl.text).toContain('Wanneer: vrijdag 23 april 2027, tijd nog niet bekend');
    expect(en.text).toContain('When: Friday 23 April 2027, time to be decided');
  });

  it('says plainly when date and time are provisional, and not when they are definite', () => {
    const provisional = aSession({ provisional: true });

    const nl = renderEmail(anEmailInput('reminder', { session: provisional }));
    const en = renderEmail(anEmailInput('reminder', { session: provisional, language: 'en' }));
    const definite = renderEmail(anEmailInput('reminder', { session: aSession({ provisional: false }) }));

    expect(nl.text).toContain('Datum en tijd onder voorbehoud.');
    expect(nl.html).toContain('<strong>Datum en tijd onder voorbehoud.');
    expect(en.text).toContain('Date and time are provisional.');
    expect(definite.text).not.toContain('onder voorbehoud');
  });

  it('shows what changed when a session is rescheduled', () => {
    const previous = aSession({ date: '2027-03-03', startTime: '16:00', endTime: '17:30' });
    const session = aSession({ date: '2027-04-02', startTime: '15:00', endTime: '16:30', version: 2 });

    const email = renderEmail(anEmailInput('session-rescheduled', { previous, session }));

    expect(email.subject).toBe(
      'Nieuwe datum of tijd: Reflectiebijeenkomst: zeggenschap en eigenaarschap, vrijdag 2 april 2027',
    );
    expect(email.text).toContain('Datum en tijd, was: woensdag 3 maart 2027, 16.00–17.30 uur');
    expect(email.text).toContain('Datum en tijd, nu: vrijdag 2 april 2027, 15.00–16.30 uur');
  });

  it('shows the old and new location', () => {
    const previous = aSession({ location: null });
    const session = aSession({ location: { name: 'OBA Oosterdok' } });

    const email = renderEmail(anEmailInput('session-location-changed', { previous, session, language: 'en' }));

    expect(email.text).toContain('Location, before: location to be announced');
    expect(email.text).toContain('Location, now: OBA Oosterdok');
  });

  it('tells a waitlisted registrant their position', () => {
    const registration = { name: 'Wim', email: 'wim@example.org', status: 'waitlisted' as const, waitlistPosition: 3 };

    const nl = renderEmail(anEmailInput('registration-waitlisted', { registration }));
    const en = renderEmail(anEmailInput('registration-waitlisted', { registration, language: 'en' }));

    expect(nl.text).toContain('Je staat op plaats 3 van de wachtlijst.');
    expect(nl.html).toContain('<strong>plaats 3</strong>');
    expect(en.text).toContain('You are number 3 on the waiting list.');
  });
});

describe('renderEmail: links', () => {
  it('gives every link a label that says where it goes', () => {
    const email = renderEmail(anEmailInput('reminder', { language: 'en' }));

    expect(email.html).toMatch(
      /<a href="https:\/\/api\.example\.org\/sessions\/2027-03-03-reflectie\/calendar\.ics"[^>]*>Add the session to your calendar<\/a>/,
    );
    expect(email.html).toMatch(
      /<a href="https:\/\/stadsgesprekken\.example\.org\/manage\/tok123\/cancel"[^>]*>I can&#39;t come<\/a>/,
    );
    expect(email.text).toContain("I can't come:\nhttps://stadsgesprekken.example.org/manage/tok123/cancel");
  });

  it('links the feedback form from the feedback request', () => {
    const email = renderEmail(anEmailInput('feedback-request'));

    expect(email.html).toMatch(
      /<a href="https:\/\/stadsgesprekken\.example\.org\/feedback\/tok123"[^>]*>Beantwoord de vragen<\/a>/,
    );
  });

  it('links the manage page from the confirmation', () => {
    const email = renderEmail(anEmailInput('registration-confirmed'));

    expect(email.text).toContain(
      'Bekijk je aanmelding of meld je af:\nhttps://stadsgesprekken.example.org/manage/tok123',
    );
  });

  it('refuses links that are not http(s) or mailto', () => {
    const links = { manage: 'javascript:alert(1)' };

    expect(() => renderEmail(anEmailInput('registration-confirmed', { links }))).toThrow(/javascript:/);
    expect(() => safeHref('/relative/path')).toThrow(/absolute/);
  });
});

describe('renderEmail: user-supplied text is escaped', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  for (const kind of emailKinds) {
    it(`never puts markup from names, titles, places or descriptions raw into the ${kind} html`, () => {
      const session = aSession({
        title: { nl: '<script>alert("titel")</script>', en: '<script>alert("title")</script>' },
        description: { nl: '<iframe src="//evil">', en: '<iframe src="//evil">' },
        location: { name: '"><svg onload=alert(1)>', address: "O'Brien & Zn" },
        status: kind === 'session-cancelled' ? 'cancelled' : 'scheduled',
      });
      const registration = {
        name: hostileName,
        email: 'x@example.org',
        status: 'confirmed' as const,
        waitlistPosition: null,
      };
      const organiser = { name: 'Team <b>Stad</b>', email: 'team@example.org' };
      const programme = { id: 'p', title: { nl: '<style>body{display:none}</style>' } };

      const email = renderEmail(anEmailInput(kind, { session, registration, organiser, programme }));

      for (const raw of [hostileName, '<script>', '<iframe', '<svg', '<b>', '<style>']) {
        expect(email.html).not.toContain(raw);
      }
      expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(email.text).toContain(`Beste ${hostileName},`);
    });
  }

  it('marks organiser text that falls back to Dutch inside an English email', () => {
    const session = aSession({ title: { nl: 'Alleen in het Nederlands' } });

    const email = renderEmail(anEmailInput('registration-confirmed', { session, language: 'en' }));

    expect(email.html).toContain('<span lang="nl">Alleen in het Nederlands</span>');
    expect(email.subject).toBe('Registration confirmed: Alleen in het Nederlands');
  });

  it('keeps a multi-line title out of the subject line breaks', () => {
    const session = aSession({ title: { nl: 'Regel een\nRegel twee' } });

    expect(renderEmail(anEmailInput('reminder', { session })).subject).toBe(
      'Herinnering: Regel een Regel twee, woensdag 3 maart 2027',
    );
  });
});

describe('renderEmail: organiser messages (announcement)', () => {
  const announcement = {
    subject: 'Neem je eigen koffiebeker mee',
    body: 'Beste deelnemers,\n\nWe schenken koffie en thee.\nNeem je eigen beker mee.\n\nTot dan!',
  };

  it('carries the organiser subject and body, paragraphs and line breaks kept, with the session summary (Dutch)', () => {
    const email = renderEmail(anEmailInput('announcement', { announcement }));

    expect(email.subject).toBe('Neem je eigen koffiebeker mee');
    expect(email.calendar).toBeUndefined();
    expect(email.text).toContain(
      'Kennisnetwerk Amsterdam stuurt je dit bericht over Reflectiebijeenkomst: zeggenschap en eigenaarschap:',
    );
    expect(email.text).toContain(
      'Beste deelnemers,\n\nWe schenken koffie en thee.\nNeem je eigen beker mee.\n\nTot dan!',
    );
    expect(email.text).toContain('Wanneer: woensdag 3 maart 2027, 16.00–17.30 uur');
    expect(email.text).toContain('Je hebt een plek bij deze bijeenkomst.');
    expect(email.text).toContain(
      'Bekijk je aanmelding of meld je af:\nhttps://stadsgesprekken.example.org/manage/tok123',
    );
    expect(email.html).toContain(
      '<h1 style="margin:0 0 16px;font-size:24px;line-height:1.25;color:#1a1a1a;">Neem je eigen koffiebeker mee</h1>',
    );
    expect(email.html).toContain('>Beste deelnemers,</p>');
    expect(email.html).toContain('>We schenken koffie en thee.<br>Neem je eigen beker mee.</p>');
    expect(email.html).toContain('>Tot dan!</p>');
  });

  it('writes everything around the message in English for an English registrant', () => {
    const email = renderEmail(
      anEmailInput('announcement', {
        language: 'en',
        announcement: { subject: 'Bring your own mug', body: 'Dear all,\r\n\r\nWe serve coffee.\r\nBring a mug.' },
        registration: { name: 'Wim', email: 'wim@example.org', status: 'waitlisted', waitlistPosition: 2 },
      }),
    );

    expect(email.subject).toBe('Bring your own mug');
    expect(email.text).toContain('Kennisnetwerk Amsterdam sends you this message about Reflection: say and ownership:');
    expect(email.text).toContain('Dear all,\n\nWe serve coffee.\nBring a mug.');
    expect(email.text).not.toContain('\r');
    expect(email.text).toContain('When: Wednesday 3 March 2027, 16:00–17:30');
    expect(email.text).toContain('You are number 2 on the waiting list.');
    expect(email.text).toContain(
      'View or cancel your registration:\nhttps://stadsgesprekken.example.org/manage/tok123',
    );
    expect(email.html).toContain('>We serve coffee.<br>Bring a mug.</p>');
    expect(email.html).toMatch(/^<!DOCTYPE html>\n<html lang="en"/);
  });

  it('never puts markup from the subject or body raw into the html', () => {
    const hostile = {
      subject: '<script>alert("onderwerp")</script> & "meer"',
      body: 'Hallo <img src=x onerror=alert(1)>\n\n<a href="javascript:alert(2)">klik</a>\n</p><h1>nep</h1>',
    };

    const email = renderEmail(anEmailInput('announcement', { announcement: hostile }));

    for (const raw of ['<script>', '<img', '<a href="javascript', '</p><h1>nep']) expect(email.html).not.toContain(raw);
    expect(email.html).toContain('&lt;script&gt;alert(&quot;onderwerp&quot;)&lt;/script&gt; &amp; &quot;meer&quot;');
    expect(email.html).toContain('Hallo &lt;img src=x onerror=alert(1)&gt;');
    expect(email.html).toContain('&lt;/p&gt;&lt;h1&gt;nep&lt;/h1&gt;');
    expect(email.html).not.toMatch(/href="javascript/);
    // Plain text is shown as text by mail clients: it keeps the organiser's characters.
    expect(email.subject).toBe('<script>alert("onderwerp")</script> & "meer"');
    expect(email.text).toContain('Hallo <img src=x onerror=alert(1)>');
  });

  it('keeps the subject one header line: line breaks and control characters cannot add a header', () => {
    const injected = {
      subject: 'Nieuws\r\nBcc: iedereen@example.org\nX-Evil: 1\u0085\u2028einde\u0000',
      body: 'Tekst',
    };

    const email = renderEmail(anEmailInput('announcement', { announcement: injected }));

    expect(email.subject).toBe('Nieuws Bcc: iedereen@example.org X-Evil: 1 einde');
    expect(email.subject).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
    expect(email.html).toContain('<title>Nieuws Bcc: iedereen@example.org X-Evil: 1 einde</title>');
  });

  it('drops control characters from the body but keeps its line breaks and tabs', () => {
    const email = renderEmail(
      anEmailInput('announcement', {
        announcement: { subject: 'Test', body: 'Een\u0000\u001b[31m\tregel\u0007\ntwee' },
      }),
    );

    expect(email.text).toContain('Een[31m\tregel\ntwee');
    expect(email.html).toContain('Een[31m\tregel<br>twee');
  });
});
