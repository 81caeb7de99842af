import type { AnnouncementText, BaseEmailInput, EmailInput, EmailKind } from '../../shared/domain/email/content';
import type { Programme, Registration, Session } from '../../shared/domain/model';

/**
 * Test data builders: a valid default, and each test overrides only the fields it is about.
 * The defaults are the first session of the demo programme: Wednesday 3 March 2027, 16:00–17:30 Amsterdam.
 */

export function aSession(overrides: Partial<Session> = {}): Session {
  return {
    id: '2027-03-03-reflectie',
    programmeId: 'kennisnetwerk-2027',
    kind: 'reflection',
    title: { nl: 'Reflectiebijeenkomst: zeggenschap en eigenaarschap', en: 'Reflection: say and ownership' },
    description: { nl: 'Wat betekenen zeggenschap en eigenaarschap?', en: 'What do say and ownership mean?' },
    date: '2027-03-03',
    startTime: '16:00',
    endTime: '17:30',
    timeZone: 'Europe/Amsterdam',
    location: { name: 'Pakhuis de Zwijger', address: 'Piet Heinkade 179, Amsterdam' },
    capacity: 40,
    provisional: false,
    status: 'scheduled',
    registrationOpen: true,
    version: 1,
    confirmedCount: 0,
    waitlistCount: 0,
    offeredCount: 0,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    ...overrides,
  };
}

/** The same session with the time still to be decided. */
export const aSessionWithoutTime = (overrides: Partial<Session> = {}): Session =>
  aSession({ id: '2027-04-23-praktijk', date: '2027-04-23', startTime: null, endTime: null, ...overrides });

export function aProgramme(overrides: Partial<Programme> = {}): Programme {
  return {
    id: 'kennisnetwerk-2027',
    title: { nl: 'Jaarprogramma 2027', en: 'Programme 2027' },
    timeZone: 'Europe/Amsterdam',
    feedbackQuestions: [],
    ...overrides,
  };
}

export function aRegistration(overrides: Partial<Registration> = {}): Registration {
  return {
    id: 'reg-1',
    sessionId: '2027-03-03-reflectie',
    status: 'confirmed',
    waitlistSeq: null,
    name: 'Fatima de Vries',
    email: 'fatima@example.org',
    emailHash: 'hash',
    role: 'community-worker',
    organisation: null,
    neighbourhood: null,
    language: 'nl',
    consentAt: '2027-01-10T10:00:00.000Z',
    createdAt: '2027-01-10T10:00:00.000Z',
    updatedAt: '2027-01-10T10:00:00.000Z',
    confirmedAt: '2027-01-10T10:00:00.000Z',
    cancelledAt: null,
    promotedFromWaitlist: false,
    ...overrides,
  };
}

export const anOrganiser = () => ({ name: 'Kennisnetwerk Amsterdam', email: 'stadsgesprekken@example.org' });

/** A complete email input of the given kind for a confirmed Dutch registrant; override what the test is about. */
type EmailOverrides = Partial<BaseEmailInput & { previous: Session; announcement: AnnouncementText }>;

export function anEmailInput(kind: EmailKind, overrides: EmailOverrides = {}): EmailInput {
  const base = {
    kind,
    language: 'nl' as const,
    registration: {
      name: 'Fatima de Vries',
      email: 'fatima@example.org',
      status: 'confirmed' as const,
      waitlistPosition: null,
    },
    session: aSession(),
    previous: aSession({ date: '2027-02-24', location: null, version: 0 }),
    announcement: {
      subject: 'Neem je eigen koffiebeker mee',
      body: 'Beste deelnemers,\n\nWe schenken koffie en thee.\nNeem je eigen beker mee.',
    },
    programme: aProgramme(),
    links: {
      manage: 'https://stadsgesprekken.example.org/manage/tok123',
      calendar: 'https://api.example.org/sessions/2027-03-03-reflectie/calendar.ics',
      cancel: 'https://stadsgesprekken.example.org/manage/tok123/cancel',
      feedback: 'https://stadsgesprekken.example.org/feedback/tok123',
      session: 'https://stadsgesprekken.example.org/sessions/2027-03-03-reflectie',
      confirmAddress: 'https://api.example.org/registrations/tok123/address-confirmation',
      claimOffer: 'https://api.example.org/registrations/tok123/offer',
    },
    holdExpiresAt: '2027-01-17T12:00:00.000Z',
    offerExpiresAt: '2027-03-03T03:00:00.000Z',
    organiser: anOrganiser(),
    calendar: { uidDomain: 'stadsgesprekken.example.org', now: new Date('2027-01-15T12:00:00Z') },
  };
  return { ...base, ...overrides } as EmailInput;
}
