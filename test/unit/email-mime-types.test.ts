import * as nodemailers from 'nodemailer/lib/mime-funcs';
import { describe, expect, it } from 'vitest';
import * as ours from '../../shared/domain/email/mime-types.js';

// The mailer's bundle answers nodemailer's `./mime-types.js` import with our small table
// (infra/bundling.ts, `functionExternals`); unbundled code, as here, has nodemailer's own.

const fileNames = [
  'invite.ics',
  'cancellation.ics',
  'ics',
  'ICS',
  'check-in.png',
  'png',
  'txt',
  'html',
  'htm',
  'index.HTML',
  'report.csv',
  'photo.jpg',
  'photo.jpeg',
  'anim.gif',
  'programme.pdf',
  'data.json',
  'message.eml',
  'bin',
  'a/b.c/photo.png',
  'photo.png?size=2',
  'archive.tar.ics',
  'trailing/slash.ics/',
  '.ics',
  'x.',
  'noextension',
  'a.unknownext',
  '',
  undefined,
];

const types = [
  'text/plain',
  'text/html',
  'text/calendar',
  'text/csv',
  'image/png',
  'image/jpeg',
  'image/gif',
  'application/pdf',
  'application/json',
  'message/rfc822',
  'application/octet-stream',
  ' Image/PNG ',
  'text/calendar; charset=utf-8; method=REQUEST',
  'application/ics',
  'text/x-unknown',
  'application/x-unknown',
  '',
  undefined,
];

describe("the mailer's MIME type table", () => {
  it.each(fileNames)('gives %j the type nodemailer’s table gives', (name) => {
    expect(ours.detectMimeType(name)).toBe(nodemailers.detectMimeType(name as string));
  });

  it.each(types)('gives %j the extension nodemailer’s table gives', (type) => {
    expect(ours.detectExtension(type)).toBe(nodemailers.detectExtension(type as string));
  });

  it('falls back as nodemailer does for types it does not list', () => {
    expect(ours.detectMimeType('letter.docx')).toBe('application/octet-stream');
    expect(ours.detectExtension('audio/mpeg')).toBe('bin');
    expect(ours.detectExtension('text/vnd.example')).toBe('txt');
  });
});
