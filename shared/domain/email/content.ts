import { buildCalendar } from '../calendar';
import { type Localised, localise } from '../localise';
import type { Programme, RegistrationStatus, Session } from '../model';
import type { Language } from '../schemas';
import { formatDate, formatLocation, formatWhen, provisionalNotice } from '../session-format';
import { type Block, type Document, type Inline, renderHtml, renderText } from './blocks';

/**
 * The content of every email the system sends: subject, plain text, accessible HTML and, where the reader's
 * calendar must change, the iCalendar attachment. Dutch unless the registrant chose English.
 * Pure: the caller passes links, the time for DTSTAMP and everything else; nothing is read or sent here.
 */

export const emailKinds = [
  'registration-confirmed',
  'registration-waitlisted',
  'registration-promoted',
  'registration-cancelled',
  'already-registered',
  'session-rescheduled',
  'session-time-confirmed',
  'session-location-changed',
  'session-cancelled',
  'reminder',
  'feedback-request',
  'announcement',
] as const;
export type EmailKind = (typeof emailKinds)[number];

/** Absolute URLs (https in production). */
export interface EmailLinks {
  /** The registrant's personal page: view, cancel, calendar. Every email has it. */
  manage: string;
  /** This session's .ics for the registrant's calendar. */
  calendar?: string;
  /** One-click "I can't come" (should land on a confirmation, as link scanners follow links). */
  cancel?: string;
  feedback?: string;
  /** The public session page, to register again. */
  session?: string;
}

export interface EmailRecipient {
  name: string;
  email: string;
  status: RegistrationStatus;
  /** 1-based place on the waiting list while waitlisted. */
  waitlistPosition: number | null;
}

export interface BaseEmailInput {
  language: Language;
  registration: EmailRecipient;
  session: Session;
  programme: Pick<Programme, 'id' | 'title'>;
  links: EmailLinks;
  organiser: { name: string; email: string };
  /** For the attached invite: the UID domain and the DTSTAMP. */
  calendar: { uidDomain: string; now: Date };
  /** A confirmed registrant's check-in code: confirmation and reminder show it as a QR code. */
  checkInCode?: string;
}

type SimpleKind = Exclude<
  EmailKind,
  | 'session-rescheduled'
  | 'session-location-changed'
  | 'session-time-confirmed'
  | 'reminder'
  | 'feedback-request'
  | 'announcement'
>;

/** An organiser's message to a session's registrants, as they wrote it (plain text, not markup). */
export interface AnnouncementText {
  subject: string;
  body: string;
}

export type EmailInput =
  | (BaseEmailInput & { kind: SimpleKind })
  /** `previous` is the session as registrants last heard of it; the email shows what changed. */
  | (BaseEmailInput & { kind: 'session-rescheduled' | 'session-location-changed'; previous: Session })
  | (BaseEmailInput & { kind: 'session-time-confirmed'; previous?: Session })
  | (BaseEmailInput & { kind: 'reminder'; links: EmailLinks & { calendar: string; cancel: string } })
  | (BaseEmailInput & { kind: 'feedback-request'; links: EmailLinks & { feedback: string } })
  | (BaseEmailInput & { kind: 'announcement'; announcement: AnnouncementText });

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
  /** Set when the body shows the check-in QR code: the composer carries it inline as CHECK_IN_QR_CID. */
  checkInQr?: { cid: string; code: string };
}

interface Composed {
  subject: string;
  heading: Inline[];
  blocks: Block[];
  /** Which calendar change to attach, if any. */
  attach?: 'REQUEST' | 'CANCEL';
}

/**
 * A subject is one header line: organiser text (titles, a message's subject) may hold line breaks or
 * other control characters, which would otherwise end the header or smuggle in another.
 */
export const oneLine = (text: string): string => text.replace(/[\s\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim();

export const CHECK_IN_QR_CID = 'check-in-qr@stadsgesprekken';

/** The QR the volunteer at the door scans; the code in words for whoever cannot show an image. */
function checkInBlocks(input: EmailInput): Block[] {
  if (!input.checkInCode || input.registration.status !== 'confirmed') return [];
  const say = sayer(input.language);
  return [
    {
      type: 'image',
      cid: CHECK_IN_QR_CID,
      size: 200,
      alt: say('QR-code om je aan te melden bij de deur', 'QR code to check in at the door'),
      caption: say(
        `Laat deze QR-code zien bij de deur, dan ben je snel binnen. Je code: ${input.checkInCode}`,
        `Show this QR code at the door to check in quickly. Your code: ${input.checkInCode}`,
      ),
    },
  ];
}

export function renderEmail(input: EmailInput): RenderedEmail {
  const composed = compose(input);
  const subject = oneLine(composed.subject);
  const doc: Document = {
    language: input.language,
    title: subject,
    blocks: [{ type: 'heading', content: composed.heading }, greeting(input), ...composed.blocks, ...footer(input)],
  };
  const rendered: RenderedEmail = { subject, text: renderText(doc), html: renderHtml(doc) };
  if (composed.attach !== undefined) rendered.calendar = attachment(input, composed.attach);
  if (doc.blocks.some((b) => b.type === 'image') && input.checkInCode) {
    rendered.checkInQr = { cid: CHECK_IN_QR_CID, code: input.checkInCode };
  }
  return rendered;
}

function attachment(input: EmailInput, method: 'REQUEST' | 'CANCEL'): EmailCalendar {
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

type Say = (nl: string, en: string) => string;
const sayer =
  (language: Language): Say =>
  (nl, en) =>
    language === 'nl' ? nl : en;

function compose(input: EmailInput): Composed {
  const { language, session, registration, links } = input;
  const say = sayer(language);
  const title = localise(session.title, language);
  const titleText = title.text;
  const programme = localise(input.programme.title, language);
  const date = formatDate(session, language);
  const hasSeat = registration.status === 'confirmed';
  const details = sessionDetails(session, language);
  const provisional = provisionalBlocks(session, language);
  const manage = manageAction(links.manage, language);

  switch (input.kind) {
    case 'registration-confirmed':
      return {
        subject: say(`Aanmelding bevestigd: ${titleText}`, `Registration confirmed: ${titleText}`),
        heading: [say('Je bent aangemeld', 'You are registered')],
        blocks: [
          p(
            say('Je bent aangemeld voor ', 'You are registered for '),
            title,
            say(', onderdeel van ', ', part of '),
            programme,
            '.',
          ),
          details,
          ...provisional,
          ...description(session, language),
          p(
            say(
              'De uitnodiging voor je agenda zit als bijlage bij deze e-mail. Verandert er iets, dan krijg je bericht en wordt de afspraak in je agenda bijgewerkt.',
              'The invitation for your calendar is attached to this email. If anything changes, you will hear from us and the event in your calendar will be updated.',
            ),
          ),
          p(
            say(
              'Kun je toch niet komen? Meld je dan af, zodat iemand anders je plek kan krijgen.',
              'If you can no longer come, please cancel so that someone else can have your seat.',
            ),
          ),
          ...checkInBlocks(input),
          manage,
        ],
        attach: 'REQUEST',
      };

    case 'registration-waitlisted':
      return {
        subject: say(`Je staat op de wachtlijst: ${titleText}`, `You are on the waiting list: ${titleText}`),
        heading: [say('Je staat op de wachtlijst', 'You are on the waiting list')],
        blocks: [
          p(
            say('De bijeenkomst ', 'The session '),
            title,
            say(' is vol. We hebben je op de wachtlijst gezet.', ' is full. We have put you on the waiting list.'),
          ),
          ...waitlistPosition(registration, language),
          details,
          ...provisional,
          p(
            say(
              'Komt er een plek vrij, dan krijg je die automatisch, in volgorde van de wachtlijst. Je krijgt dan een e-mail met de uitnodiging voor je agenda. Je hoeft zelf niets te doen.',
              'When a seat becomes available, it goes to the next person on the waiting list automatically. You will then get an email with the invitation for your calendar. You do not need to do anything.',
            ),
          ),
          p(
            say(
              'Wil je niet langer op de wachtlijst staan? Meld je dan af.',
              'No longer interested? You can leave the waiting list.',
            ),
          ),
          manage,
        ],
      };

    case 'registration-promoted':
      return {
        subject: say(`Er is een plek voor je: ${titleText}`, `A seat has become available for you: ${titleText}`),
        heading: [say('Er is een plek voor je vrijgekomen', 'A seat has become available for you')],
        blocks: [
          p(
            say('Goed nieuws: er is een plek vrijgekomen bij ', 'Good news: a seat has become available for '),
            title,
            say(' en die is voor jou. Je bent nu aangemeld.', ' and it is yours. You are now registered.'),
          ),
          details,
          ...provisional,
          p(
            say(
              'De uitnodiging voor je agenda zit als bijlage bij deze e-mail.',
              'The invitation for your calendar is attached to this email.',
            ),
          ),
          p(
            say(
              'Kun je niet meer komen? Meld je dan af, zodat de volgende op de wachtlijst je plek krijgt.',
              'If you can no longer come, please cancel so that the next person on the waiting list gets your seat.',
            ),
          ),
          manage,
        ],
        attach: 'REQUEST',
      };

    case 'registration-cancelled':
      return {
        subject: say(`Afmelding ontvangen: ${titleText}`, `Cancellation received: ${titleText}`),
        heading: [say('Je bent afgemeld', 'Your registration is cancelled')],
        blocks: [
          p(
            say('We hebben je afmelding voor ', 'We have received your cancellation for '),
            title,
            say(' ontvangen.', '.'),
          ),
          details,
          p(
            say(
              'Met de bijlage bij deze e-mail verdwijnt de afspraak uit je agenda.',
              'The attachment to this email removes the event from your calendar.',
            ),
          ),
          ...(links.session === undefined
            ? []
            : [
                p(say('Toch weer zin om te komen? ', 'Changed your mind? '), {
                  href: links.session,
                  text: say('Meld je opnieuw aan voor deze bijeenkomst', 'Register again for this session'),
                }),
              ]),
        ],
        attach: 'CANCEL',
      };

    case 'already-registered':
      return {
        subject: say(`Je bent al aangemeld: ${titleText}`, `You are already registered: ${titleText}`),
        heading: [say('Je bent al aangemeld', 'You are already registered')],
        blocks: [
          p(
            say(
              'We kregen opnieuw een aanmelding met dit e-mailadres voor ',
              'We received another registration with this email address for ',
            ),
            title,
            say(
              '. Je was al aangemeld, dus er is niets veranderd.',
              '. You were already registered, so nothing has changed.',
            ),
          ),
          ...(registration.status === 'confirmed'
            ? [p(say('Je hebt een plek bij deze bijeenkomst.', 'You have a seat at this session.'))]
            : registration.status === 'waitlisted'
              ? [
                  p(say('Je staat op de wachtlijst.', 'You are on the waiting list.')),
                  ...waitlistPosition(registration, language),
                ]
              : []),
          details,
          ...provisional,
          p(
            say(
              'Via je persoonlijke pagina kun je je aanmelding bekijken, de afspraak in je agenda zetten of je afmelden.',
              'On your personal page you can view your registration, add it to your calendar or cancel.',
            ),
          ),
          manage,
          p(
            say(
              'Heb je je niet zelf opnieuw aangemeld? Dan kun je deze e-mail negeren.',
              'If you did not register again yourself, you can ignore this email.',
            ),
          ),
        ],
      };

    case 'session-rescheduled': {
      const when = formatWhen(session, language);
      return {
        subject: say(`Nieuwe datum of tijd: ${titleText}, ${date}`, `New date or time: ${titleText}, ${date}`),
        heading: [say('De bijeenkomst is verplaatst', 'The session has moved')],
        blocks: [
          p(title, say(' vindt op een ander moment plaats.', ' will take place at a different time.')),
          change(say('Datum en tijd', 'Date and time'), formatWhen(input.previous, language), when, language),
          details,
          ...provisional,
          ...updateNote(registration, language),
          p(
            say(
              'Kun je op het nieuwe moment niet? Meld je dan af, zodat iemand anders je plek kan krijgen.',
              'If you cannot make the new time, please cancel so that someone else can have your seat.',
            ),
          ),
          manage,
        ],
        ...(hasSeat ? { attach: 'REQUEST' as const } : {}),
      };
    }

    case 'session-time-confirmed': {
      const previous = input.previous;
      const dateMoved = previous !== undefined && previous.date !== session.date;
      return {
        subject: say(
          `Tijd bekend: ${titleText}, ${formatWhen(session, language)}`,
          `Time set: ${titleText}, ${formatWhen(session, language)}`,
        ),
        heading: [say('De tijd is bekend', 'The time has been set')],
        blocks: [
          p(say('De tijd van ', 'The time of '), title, say(' staat nu vast.', ' has now been set.')),
          ...(dateMoved && previous !== undefined
            ? [
                change(
                  say('Datum en tijd', 'Date and time'),
                  formatWhen(previous, language),
                  formatWhen(session, language),
                  language,
                ),
              ]
            : []),
          details,
          ...provisional,
          ...updateNote(registration, language),
          manage,
        ],
        ...(hasSeat ? { attach: 'REQUEST' as const } : {}),
      };
    }

    case 'session-location-changed':
      return {
        subject: say(`Nieuwe locatie: ${titleText}`, `New location: ${titleText}`),
        heading: [say('De locatie is gewijzigd', 'The location has changed')],
        blocks: [
          p(title, say(' vindt op een andere plek plaats.', ' will take place somewhere else.')),
          change(
            say('Locatie', 'Location'),
            formatLocation(input.previous.location, language),
            formatLocation(session.location, language),
            language,
          ),
          details,
          ...provisional,
          ...updateNote(registration, language),
          manage,
        ],
        ...(hasSeat ? { attach: 'REQUEST' as const } : {}),
      };

    case 'session-cancelled':
      return {
        subject: say(`Geannuleerd: ${titleText}, ${date}`, `Cancelled: ${titleText}, ${date}`),
        heading: [say('De bijeenkomst gaat niet door', 'The session has been cancelled')],
        blocks: [
          p(
            say('Helaas gaat ', 'We are sorry: '),
            title,
            say(` op ${date} niet door.`, ` on ${date} has been cancelled.`),
          ),
          details,
          hasSeat
            ? p(
                say(
                  'Met de bijlage bij deze e-mail verdwijnt de afspraak uit je agenda. Je hoeft je niet af te melden.',
                  'The attachment to this email removes the event from your calendar. You do not need to cancel.',
                ),
              )
            : p(
                say(
                  'Je stond op de wachtlijst; die vervalt. Je hoeft niets te doen.',
                  'You were on the waiting list, which no longer applies. You do not need to do anything.',
                ),
              ),
          p(
            say('Bekijk de andere bijeenkomsten van ', 'Have a look at the other sessions of '),
            programme,
            say('; je bent van harte welkom.', '; you are most welcome.'),
          ),
        ],
        ...(hasSeat ? { attach: 'CANCEL' as const } : {}),
      };

    case 'reminder':
      return {
        subject: say(`Herinnering: ${titleText}, ${date}`, `Reminder: ${titleText}, ${date}`),
        heading: [say('Tot binnenkort', 'See you soon')],
        blocks: [
          p(
            say('Dit is een herinnering aan ', 'This is a reminder of '),
            title,
            say('. Fijn dat je komt!', '. We look forward to seeing you.'),
          ),
          details,
          ...provisional,
          {
            type: 'action',
            href: input.links.calendar,
            label: say('Zet de bijeenkomst in je agenda', 'Add the session to your calendar'),
          },
          p(
            say(
              'Kun je toch niet komen? Laat het ons weten, dan geven we je plek aan iemand op de wachtlijst.',
              'If you cannot come after all, let us know and we will give your seat to someone on the waiting list.',
            ),
          ),
          ...checkInBlocks(input),
          { type: 'action', href: input.links.cancel, label: say('Ik kan niet komen', "I can't come") },
        ],
      };

    case 'feedback-request':
      return {
        subject: say(`Wat vond je van ${titleText}?`, `How was ${titleText}?`),
        heading: [say('Bedankt voor je komst', 'Thank you for coming')],
        blocks: [
          p(say('Bedankt dat je bij ', 'Thank you for joining '), title, say(' was.', '.')),
          p(
            say(
              'Wil je een paar vragen beantwoorden? Je antwoorden nemen we mee naar de laatste bijeenkomst van het jaar, waar alle uitkomsten samenkomen. Het kost een paar minuten.',
              'Would you answer a few questions? We take your answers to the final session of the year, where all outcomes come together. It takes a few minutes.',
            ),
          ),
          { type: 'action', href: input.links.feedback, label: say('Beantwoord de vragen', 'Answer the questions') },
        ],
      };

    case 'announcement': {
      const subject = oneLine(input.announcement.subject);
      return {
        // The organiser's own words; the session is named in the body.
        subject: subject === '' ? titleText : subject,
        heading: [subject === '' ? titleText : subject],
        blocks: [
          p(input.organiser.name, say(' stuurt je dit bericht over ', ' sends you this message about '), title, ':'),
          // Written for this message's readers, so in their language (a language-bound message only
          // reaches registrants who chose that language).
          { type: 'text', content: { text: messageBody(input.announcement.body), language } },
          details,
          ...(registration.status === 'confirmed'
            ? [p(say('Je hebt een plek bij deze bijeenkomst.', 'You have a seat at this session.'))]
            : registration.status === 'waitlisted'
              ? [
                  p(say('Je staat op de wachtlijst.', 'You are on the waiting list.')),
                  ...waitlistPosition(registration, language),
                ]
              : []),
          manage,
        ],
      };
    }
  }
}

/**
 * An organiser message body as plain text: one kind of line break, and no control characters other
 * than line breaks and tabs (they mean nothing in a mail and some clients show them as boxes).
 */
const messageBody = (body: string): string =>
  body.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n').replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ''));

const p = (...content: Inline[]): Block => ({ type: 'paragraph', content });

function greeting(input: EmailInput): Block {
  return p(sayer(input.language)('Beste ', 'Dear '), input.registration.name, ',');
}

function sessionDetails(session: Session, language: Language): Block {
  const say = sayer(language);
  return {
    type: 'details',
    items: [
      { term: say('Bijeenkomst', 'Session'), value: [localise(session.title, language)] },
      { term: say('Wanneer', 'When'), value: [formatWhen(session, language)] },
      { term: say('Waar', 'Where'), value: [formatLocation(session.location, language)] },
    ],
  };
}

function provisionalBlocks(session: Session, language: Language): Block[] {
  if (session.status !== 'scheduled') return [];
  const say = sayer(language);
  const blocks: Block[] = [];
  if (session.provisional) {
    blocks.push({
      type: 'notice',
      content: [
        provisionalNotice(language),
        say(' Verandert er iets, dan hoor je het van ons.', ' If anything changes, we will let you know.'),
      ],
    });
  }
  if (session.startTime === null) {
    blocks.push(
      p(
        say(
          'De tijd is nog niet bekend. Je krijgt bericht zodra die vaststaat.',
          'The time is still to be decided. You will hear from us as soon as it is set.',
        ),
      ),
    );
  }
  return blocks;
}

function description(session: Session, language: Language): Block[] {
  return session.description === null ? [] : [{ type: 'text', content: localise(session.description, language) }];
}

function waitlistPosition(registration: EmailRecipient, language: Language): Block[] {
  if (registration.waitlistPosition === null) return [];
  const n = String(registration.waitlistPosition);
  return [
    p(
      sayer(language)('Je staat op ', 'You are number '),
      { strong: sayer(language)(`plaats ${n}`, n) },
      sayer(language)(' van de wachtlijst.', ' on the waiting list.'),
    ),
  ];
}

function change(term: string, before: string, after: string, language: Language): Block {
  const say = sayer(language);
  return {
    type: 'details',
    items: [
      { term: `${term}, ${say('was', 'before')}`, value: [before] },
      { term: `${term}, ${say('nu', 'now')}`, value: [{ strong: after }] },
    ],
  };
}

/** What a change means for this reader: an updated invite with a seat, or their place in the queue. */
function updateNote(registration: EmailRecipient, language: Language): Block[] {
  const say = sayer(language);
  if (registration.status === 'confirmed') {
    return [
      p(
        say(
          'De bijgewerkte uitnodiging zit als bijlage bij deze e-mail; daarmee wordt de afspraak in je agenda aangepast.',
          'The updated invitation is attached to this email; it updates the event in your calendar.',
        ),
      ),
    ];
  }
  if (registration.status === 'waitlisted') {
    return [
      p(say('Je staat nog op de wachtlijst.', 'You are still on the waiting list.')),
      ...waitlistPosition(registration, language),
    ];
  }
  return [];
}

function manageAction(href: string, language: Language): Block {
  const say = sayer(language);
  return { type: 'action', href, label: say('Bekijk je aanmelding of meld je af', 'View or cancel your registration') };
}

function footer(input: EmailInput): Block[] {
  const say = sayer(input.language);
  const programme: Localised = localise(input.programme.title, input.language);
  return [
    p(
      say('Vragen? Mail ', 'Questions? Email '),
      input.organiser.name,
      say(' via ', ' at '),
      {
        href: `mailto:${input.organiser.email}`,
        text: input.organiser.email,
      },
      '.',
    ),
    p(
      say(
        'Je krijgt deze e-mail omdat je je met dit e-mailadres hebt aangemeld voor ',
        'You are receiving this email because this address was used to register for ',
      ),
      programme,
      say(
        '. De links in deze e-mail zijn persoonlijk; stuur hem daarom niet door.',
        '. The links in this email are personal, so please do not forward it.',
      ),
    ),
  ];
}
