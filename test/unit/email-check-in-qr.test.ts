import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../shared/domain/email/content';
import { composeRawEmail } from '../../shared/domain/email/mime';
import { anEmailInput } from '../support/builders';

const code = '0b8c4a52-6a8e-4f7e-9d0a-3c2f1e5d7b90.abcdefghijkl';
const from = { name: 'Stadsgesprekken', address: 'noreply@example.org' };
const to = { name: 'Fatima de Vries', address: 'fatima@example.org' };

describe('the check-in QR in mails', () => {
  it('is carried inline as a PNG the HTML refers to by cid (the console journey decodes it)', async () => {
    // Arrange
    const rendered = renderEmail(anEmailInput('registration-confirmed', { checkInCode: code }));

    // Act
    const raw = await composeRawEmail({ from, to, ...rendered });
    const mail = await simpleParser(raw);

    // Assert
    const image = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(image?.cid).toBe(rendered.checkInQr?.cid);
    expect(rendered.html).toContain(`src="cid:${rendered.checkInQr?.cid}"`);
    expect(raw.toString('utf8')).toMatch(/multipart\/related/);
    expect(image?.content.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(mail.text).toContain(code);
  });

  it('is in reminders, and never for someone without a seat or in other mails', () => {
    const reminder = renderEmail(anEmailInput('reminder', { checkInCode: code }));
    const waiting = renderEmail(
      anEmailInput('registration-confirmed', {
        checkInCode: code,
        registration: { name: 'Ali', email: 'ali@example.org', status: 'waitlisted', waitlistPosition: 2 },
      }),
    );
    const announcement = renderEmail(anEmailInput('announcement', { checkInCode: code }));

    expect(reminder.checkInQr?.code).toBe(code);
    expect(waiting.checkInQr).toBeUndefined();
    expect(announcement.checkInQr).toBeUndefined();
    expect(announcement.html).not.toContain('cid:');
  });
});
