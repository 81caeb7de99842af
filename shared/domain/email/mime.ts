import MailComposer from 'nodemailer/lib/mail-composer';
import type { EmailCalendar } from './content';
import { qrPng } from './qr-png';

/**
 * A complete RFC 5322 message, ready for SES SendRawEmail. The structure is built by MailComposer:
 *
 *   multipart/mixed
 *   ├─ multipart/alternative
 *   │  ├─ text/plain
 *   │  ├─ text/html
 *   │  └─ text/calendar; method=REQUEST|CANCEL   (so mail clients show the invite with its buttons)
 *   └─ application/ics, attachment (the same calendar, for clients that only offer attachments)
 *
 * Without a calendar it is a plain multipart/alternative. Non-ASCII subjects and display names are
 * encoded by the composer (RFC 2047), bodies as quoted-printable or base64 as needed.
 */

export interface Mailbox {
  name: string;
  address: string;
}

export interface RawEmail {
  from: Mailbox;
  to: Mailbox;
  replyTo?: Mailbox;
  subject: string;
  text: string;
  html: string;
  calendar?: EmailCalendar;
  /** Extra headers, e.g. an idempotency reference or List-Unsubscribe. */
  headers?: Record<string, string>;
  /** The Date header; the composer uses the current time when it is left out. */
  date?: Date;
  /** A check-in code the HTML shows as `cid:` image: carried inline as a PNG (multipart/related). */
  checkInQr?: { cid: string; code: string };
}

export async function composeRawEmail(email: RawEmail): Promise<Buffer> {
  const qr = email.checkInQr;
  const composer = new MailComposer({
    from: email.from,
    to: email.to,
    ...(email.replyTo === undefined ? {} : { replyTo: email.replyTo }),
    subject: email.subject,
    text: email.text,
    html: email.html,
    ...(email.calendar === undefined
      ? {}
      : {
          icalEvent: {
            method: email.calendar.method,
            filename: email.calendar.filename,
            content: email.calendar.content,
          },
        }),
    ...(email.headers === undefined ? {} : { headers: email.headers }),
    ...(email.date === undefined ? {} : { date: email.date }),
    ...(qr === undefined
      ? {}
      : {
          attachments: [
            {
              filename: 'check-in.png',
              content: qrPng(qr.code),
              contentType: 'image/png',
              cid: qr.cid,
              contentDisposition: 'inline' as const,
            },
          ],
        }),
  });
  return composer.compile().build();
}
