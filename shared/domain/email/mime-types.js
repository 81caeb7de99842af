/**
 * The MIME type table nodemailer's MIME functions import as `./mime-types.js`, for the mailer's
 * bundle: infra/bundling.ts leaves that import out of the bundle (`functionExternals`) and deploys
 * this file beside it (`functionAssets`), instead of nodemailer's own table of about a thousand types
 * (74 KB of the bundle). Plain JavaScript because it is loaded as it is, next to the bundle.
 *
 * The same two functions as nodemailer's, with the same answers for the types in the tables below:
 * the ones our mails carry (text, HTML, the calendar invite, the check-in QR) and a few common ones.
 * Any other extension is `application/octet-stream`, any other type `txt` (text/*) or `bin`, which is
 * nodemailer's own fallback; the composer only asks when a part names no type, and ours all do.
 * test/unit/email-mime-types.test.ts compares both tables; test/infra/mailer-mime-types.test.ts
 * composes every kind of mail with either and compares the messages.
 */

const DEFAULT_TYPE = 'application/octet-stream';
const DEFAULT_EXTENSION = 'bin';

const typeByExtension = new Map([
  ['txt', 'text/plain'],
  ['html', 'text/html'],
  ['htm', 'text/html'],
  ['ics', 'text/calendar'],
  ['csv', 'text/csv'],
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['gif', 'image/gif'],
  ['pdf', 'application/pdf'],
  ['json', 'application/json'],
  ['eml', 'message/rfc822'],
  ['bin', DEFAULT_TYPE],
]);

const extensionByType = new Map([
  ['text/plain', 'txt'],
  ['text/html', 'html'],
  ['text/calendar', 'ics'],
  ['text/csv', 'csv'],
  ['image/png', 'png'],
  ['image/jpeg', 'jpeg'],
  ['image/gif', 'gif'],
  ['application/pdf', 'pdf'],
  ['application/json', 'json'],
  ['message/rfc822', 'eml'],
  // nodemailer's table says so too.
  [DEFAULT_TYPE, '*'],
]);

/** The type of a file name, a path or a bare extension ("invite.ics", "ics"), as nodemailer's `path.parse` reads it. */
export function detectMimeType(filename) {
  if (!filename) return DEFAULT_TYPE;
  const base = String(filename).replace(/\/+$/, '').split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  const name = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot + 1) : '';
  const extension = (ext || name).split('?')[0].trim().toLowerCase();
  return typeByExtension.get(extension) ?? DEFAULT_TYPE;
}

/** The extension of a MIME type ("image/png" → "png"). */
export function detectExtension(mimeType) {
  if (!mimeType) return DEFAULT_EXTENSION;
  const parts = mimeType.toLowerCase().trim().split('/');
  const rootType = parts.shift().trim();
  const subType = parts.join('/').trim();
  return extensionByType.get(`${rootType}/${subType}`) ?? (rootType === 'text' ? 'txt' : DEFAULT_EXTENSION);
}
