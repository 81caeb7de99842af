import { type ParsedMail, simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../shared/domain/email/content';
import { composeRawEmail, type RawEmail } from '../../shared/domain/email/mime';
import { anEmailInput, aSession } from '../support/builders';
import { parseCalendar } from '../support/ical';

// mailparser is a pure parser over a Buffer: no I/O, so this belongs with the unit tests.

const from = { name: 'Stadsgesprekken – Kennisnetwerk Amsterdam', address: 'noreply@stadsgesprekken.example.org' };

function messageFor(overrides: Partial<RawEmail> & Pick<RawEmail, 'subject' | 'text' | 'html'>): RawEmail {
  return {
    from,
    to: { name: 'Zoë "Zo" Çelik', address: 'zoe@example.org' },
    replyTo: { name: 'Kennisnetwerk Amsterdam', address: 'stadsgesprekken@example.org' },
    date: new Date('2027-01-15T12:00:00Z'),
    ...overrides,
  };
}

async function roundTrip(message: RawEmail): Promise<{ raw: string; mail: ParsedMail }> {
  const raw = await composeRawEmail(message);
  return { raw: raw.toString('utf8'), mail: await simpleParser(raw) };
}

describe('composeRawEmail', () => {
  it('builds text, html, a text/calendar alternative and an invite.ics attachment for an invite', async () => {
    // Arrange
    const rendered = renderEmail(anEmailInput('registration-confirmed', { session: aSession({ version: 2 }) }));

    // Act
    const { raw, mail } = await roundTrip(messageFor(rendered));

    // Assert
    expect(mail.subject).toBe('Aanmelding bevestigd: Reflectiebijeenkomst: zeggenschap en eigenaarschap');
    expect(mail.text).toContain('Beste Fatima de Vries,');
    expect(mail.html).toContain('<html lang="nl"');
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    const attachment = mail.attachments.find((a) => a.filename === 'invite.ics');
    expect(attachment?.contentType).toBe('application/ics');
    expect(attachment?.contentDisposition).toBe('attachment');
    const calendar = parseCalendar(attachment?.content.toString('utf8') ?? '');
    expect(calendar.method).toBe('REQUEST');
    expect(calendar.events[0]?.uid).toBe('2027-03-03-reflectie@stadsgesprekken.example.org');
    expect(calendar.events[0]?.sequence).toBe(2);
  });

  it('marks the calendar alternative METHOD=CANCEL for a cancellation', async () => {
    const rendered = renderEmail(anEmailInput('session-cancelled', { session: aSession({ status: 'cancelled' }) }));

    const { raw, mail } = await roundTrip(messageFor(rendered));

    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=CANCEL/);
    const attachment = mail.attachments.find((a) => a.filename === 'cancellation.ics');
    expect(parseCalendar(attachment?.content.toString('utf8') ?? '').events[0]?.status).toBe('CANCELLED');
  });

  it('sends a plain multipart/alternative without calendar parts when there is no calendar', async () => {
    const rendered = renderEmail(anEmailInput('registration-waitlisted'));

    const { raw, mail } = await roundTrip(messageFor(rendered));

    expect(raw).not.toMatch(/text\/calendar|application\/ics/);
    expect(raw).toMatch(/^Content-Type: multipart\/alternative/m);
    expect(mail.attachments).toEqual([]);
    expect(mail.text).toContain('Je staat op de wachtlijst');
  });

  it('encodes non-ASCII subjects and display names so they decode back exactly', async () => {
    const subject = 'Aanmelding bevestigd: café ’s avonds — “Zeggenschap” 😀';

    const { raw, mail } = await roundTrip(messageFor({ subject, text: 'tekst', html: '<p>tekst</p>' }));

    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(mail.subject).toBe(subject);
    expect(mail.from?.value).toEqual([{ name: from.name, address: from.address }]);
    const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
    expect(to?.value).toEqual([{ name: 'Zoë "Zo" Çelik', address: 'zoe@example.org' }]);
    const replyTo = mail.replyTo?.value[0];
    expect(replyTo?.address).toBe('stadsgesprekken@example.org');
    expect(mail.date?.toISOString()).toBe('2027-01-15T12:00:00.000Z');
  });

  it('cannot be made to inject headers through the subject', async () => {
    const subject = 'Hallo\r\nBcc: victim@example.org';

    const { mail } = await roundTrip(messageFor({ subject, text: 'x', html: '<p>x</p>' }));

    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.has('bcc')).toBe(false);
  });

  it('adds the extra headers it is given', async () => {
    const { mail } = await roundTrip(
      messageFor({ subject: 's', text: 'x', html: '<p>x</p>', headers: { 'X-Stadsgesprekken-Send-Id': 'send-123' } }),
    );

    expect(mail.headers.get('x-stadsgesprekken-send-id')).toBe('send-123');
  });

  it('keeps a hostile name escaped in the html part after MIME encoding', async () => {
    const registration = {
      name: '<img src=x onerror=alert(1)>',
      email: 'x@example.org',
      status: 'confirmed' as const,
      waitlistPosition: null,
    };
    const rendered = renderEmail(anEmailInput('registration-confirmed', { registration, language: 'en' }));

    const { mail } = await roundTrip(messageFor(rendered));

    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('Dear &lt;img src=x onerror=alert(1)&gt;,');
  });
});
