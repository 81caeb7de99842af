import { buildCalendar } from '../calendar';
import { type Document, renderHtml, renderText } from './blocks';
import type { BaseEmailInput } from './input';
import { commonParts } from './templates/common';
import { CHECK_IN_QR_CID } from './templates/parts/check-in';
import { footer, greeting } from './templates/parts/frame';
import { oneLine } from './templates/parts/text';
import { templates } from './templates/registry';
import type { InputOf, Template } from './templates/template';

/**
 * The content of every email the system sends: subject, plain text, accessible HTML and, where the reader's
 * calendar must change, the iCalendar attachment. Dutch unless the registrant chose English.
 * Pure: the caller passes links, the time for DTSTAMP and everything else; nothing is read or sent here.
 */

// Callers (the mailer, the test builders) take the whole email contract from this one module.
export type { BaseEmailInput, EmailLinks, EmailRecipient } from './input';
export type { AnnouncementText } from './templates/announcement';

// A kind exists once its template is filed in the registry; its input is what that template takes.
type Templates = typeof templates;
export type EmailKind = keyof Templates;
export type EmailInput = { [K in EmailKind]: InputOf<Templates[K]> }[EmailKind];
export const emailKinds = Object.keys(templates) as readonly EmailKind[];

export interface EmailCalendar {
  method: 'REQUEST' | 'CANCEL';
  content: string;
  filename: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  calendar?: EmailCalendar;
  /** Set when the body shows the check-in QR code: the composer carries it inline under `cid`. */
  checkInQr?: { cid: string; code: string };
}

export function renderEmail(input: EmailInput): RenderedEmail {
  // The registry pairs each kind with its template, so the input fits the template it selects.
  const template: Template<EmailInput> = templates[input.kind];
  const composed = template.compose(input, commonParts(input));
  const subject = oneLine(composed.subject);
  const doc: Document = {
    language: input.language,
    title: subject,
    blocks: [{ type: 'heading', content: composed.heading }, greeting(input), ...composed.blocks, ...footer(input)],
  };
  const rendered: RenderedEmail = { subject, text: renderText(doc), html: renderHtml(doc) };
  if (composed.attach !== undefined) rendered.calendar = attachment(input, composed.attach);
  if (input.checkInCode && doc.blocks.some((b) => b.type === 'image' && b.cid === CHECK_IN_QR_CID)) {
    rendered.checkInQr = { cid: CHECK_IN_QR_CID, code: input.checkInCode };
  }
  return rendered;
}

function attachment(input: BaseEmailInput, method: 'REQUEST' | 'CANCEL'): EmailCalendar {
  const content = buildCalendar({
    method,
    session: input.session,
    programme: input.programme,
    language: input.language,
    uidDomain: input.calendar.uidDomain,
    now: input.calendar.now,
    organizer: input.organiser,
    attendee: { name: input.registration.name, email: input.registration.email },
    urlFor: () => input.links.manage,
  });
  return { method, content, filename: method === 'REQUEST' ? 'invite.ics' : 'cancellation.ics' };
}
