import { describe, expect, it } from 'vitest';
import { buildCalendar, type CalendarOptions, DEFAULT_DURATION_MINUTES } from '../../shared/domain/calendar';
import type { Session } from '../../shared/domain/model';
import { anOrganiser, aProgramme, aSession, aSessionWithoutTime } from '../support/builders';
import { type ParsedEvent, parseCalendar } from '../support/ical';

const now = new Date('2027-01-15T12:00:00Z');
const attendee = { name: 'Fatima de Vries', email: 'fatima@example.org' };
const common = {
  programme: aProgramme(),
  language: 'nl' as const,
  uidDomain: 'stadsgesprekken.example.org',
  organizer: anOrganiser(),
  now,
};

const invite = (session: Session, extra: Partial<CalendarOptions> = {}) =>
  buildCalendar({ ...common, method: 'REQUEST', session, attendee, ...extra } as CalendarOptions);
const cancellation = (session: Session) => buildCalendar({ ...common, method: 'CANCEL', session, attendee });
const feed = (sessions: Session[], extra: Partial<CalendarOptions> = {}) =>
  buildCalendar({ ...common, method: 'PUBLISH', sessions, ...extra } as CalendarOptions);

function onlyEvent(ics: string): ParsedEvent {
  const events = parseCalendar(ics).events;
  expect(events).toHaveLength(1);
  const [event] = events;
  if (event === undefined) throw new Error('no event');
  return event;
}

describe('buildCalendar: identity and versioning', () => {
  it('uses one stable UID per session in invites, updates, cancellations and the feed', () => {
    // Arrange
    const session = aSession({ version: 1 });
    const moved = aSession({ version: 2, date: '2027-03-10' });
    const cancelled = aSession({ version: 3, status: 'cancelled' });

    // Act
    const uids = [
      onlyEvent(invite(session)).uid,
      onlyEvent(invite(moved)).uid,
      onlyEvent(cancellation(cancelled)).uid,
      onlyEvent(feed([cancelled])).uid,
    ];

    // Assert
    expect(new Set(uids)).toEqual(new Set(['2027-03-03-reflectie@stadsgesprekken.example.org']));
  });

  it('writes the session version as SEQUENCE', () => {
    expect(onlyEvent(invite(aSession({ version: 1 }))).sequence).toBe(1);
    expect(onlyEvent(invite(aSession({ version: 7 }))).sequence).toBe(7);
  });

  it('stamps the file with the given time', () => {
    expect(invite(aSession())).toContain('DTSTAMP:20270115T120000Z');
  });
});

describe('buildCalendar: methods and status', () => {
  it('is a REQUEST with the registrant as attendee who is not asked to RSVP', () => {
    const ics = invite(aSession());
    const parsed = parseCalendar(ics);
    const event = onlyEvent(ics);

    expect(parsed.method).toBe('REQUEST');
    expect(event.organizer).toEqual({ cn: 'Kennisnetwerk Amsterdam', value: 'mailto:stadsgesprekken@example.org' });
    expect(event.attendees).toEqual([
      { cn: 'Fatima de Vries', value: 'MAILTO:fatima@example.org', rsvp: 'FALSE', partstat: 'ACCEPTED' },
    ]);
  });

  it('marks a provisional session TENTATIVE and a definite one CONFIRMED', () => {
    expect(onlyEvent(invite(aSession({ provisional: true }))).status).toBe('TENTATIVE');
    expect(onlyEvent(invite(aSession({ provisional: false }))).status).toBe('CONFIRMED');
  });

  it('cancels a withdrawn registration with METHOD:CANCEL, STATUS:CANCELLED and a declined attendee', () => {
    const ics = cancellation(aSession());
    const event = onlyEvent(ics);

    expect(parseCalendar(ics).method).toBe('CANCEL');
    expect(event.status).toBe('CANCELLED');
    expect(event.attendees[0]?.partstat).toBe('DECLINED');
    expect(event.summary).toBe('Reflectiebijeenkomst: zeggenschap en eigenaarschap');
  });

  it('cancels a cancelled session and says so in the summary', () => {
    const event = onlyEvent(cancellation(aSession({ status: 'cancelled', version: 4 })));

    expect(event.status).toBe('CANCELLED');
    expect(event.sequence).toBe(4);
    expect(event.summary).toBe('Geannuleerd: Reflectiebijeenkomst: zeggenschap en eigenaarschap');
    expect(event.description).toContain('Deze bijeenkomst gaat niet door.');
  });

  it('refuses to invite anyone to a cancelled session', () => {
    expect(() => invite(aSession({ status: 'cancelled' }))).toThrow(/cancelled session/);
  });

  it('publishes the feed with the programme as calendar name, every session and no attendees', () => {
    const sessions = [aSession(), aSessionWithoutTime(), aSession({ id: 'gone', status: 'cancelled' })];

    const parsed = parseCalendar(feed(sessions));

    expect(parsed.method).toBe('PUBLISH');
    expect(parsed.calname).toBe('Jaarprogramma 2027');
    expect(parsed.events.map((e) => e.uid)).toEqual([
      '2027-03-03-reflectie@stadsgesprekken.example.org',
      '2027-04-23-praktijk@stadsgesprekken.example.org',
      'gone@stadsgesprekken.example.org',
    ]);
    expect(parsed.events.map((e) => e.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'CANCELLED']);
    expect(parsed.events.every((e) => e.attendees.length === 0)).toBe(true);
  });
});

describe('buildCalendar: times', () => {
  it('writes local times with TZID and a VTIMEZONE that gets both sides of the DST change right', () => {
    // Arrange: 16:00 in Amsterdam is +01:00 on 3 March 2027 and +02:00 on 2 April 2027 (DST starts 28 March).
    const march = aSession({ id: 'march', date: '2027-03-03', startTime: '16:00', endTime: '17:30' });
    const april = aSession({ id: 'april', date: '2027-04-02', startTime: '16:00', endTime: '17:30' });

    // Act
    const ics = feed([march, april]);
    const parsed = parseCalendar(ics);

    // Assert
    expect(parsed.timezones).toEqual(['Europe/Amsterdam']);
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20270303T160000');
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20270402T160000');
    const [m, a] = parsed.events;
    expect(m?.startTzid).toBe('Europe/Amsterdam');
    expect(m?.start).toBe('2027-03-03T15:00:00.000Z');
    expect(m?.end).toBe('2027-03-03T16:30:00.000Z');
    expect(a?.start).toBe('2027-04-02T14:00:00.000Z');
    expect(a?.end).toBe('2027-04-02T15:30:00.000Z');
  });

  it('gets the autumn change right too (31 October 2027)', () => {
    const before = aSession({ id: 'before', date: '2027-10-29', startTime: '16:00', endTime: null });
    const after = aSession({ id: 'after', date: '2027-11-02', startTime: '16:00', endTime: null });

    const [b, a] = parseCalendar(feed([before, after])).events;

    expect(b?.start).toBe('2027-10-29T14:00:00.000Z');
    expect(a?.start).toBe('2027-11-02T15:00:00.000Z');
  });

  it('works for other zones than Amsterdam', () => {
    const ny = aSession({ timeZone: 'America/New_York', date: '2027-07-01', startTime: '09:00', endTime: '10:00' });

    const parsed = parseCalendar(invite(ny));

    expect(parsed.timezones).toEqual(['America/New_York']);
    expect(parsed.events[0]?.start).toBe('2027-07-01T13:00:00.000Z');
  });

  it(`gives a session without end time a default length of ${DEFAULT_DURATION_MINUTES} minutes`, () => {
    const event = onlyEvent(invite(aSession({ startTime: '16:00', endTime: null })));

    expect(event.start).toBe('2027-03-03T15:00:00.000Z');
    expect(event.end).toBe('2027-03-03T16:30:00.000Z');
  });

  it('makes a session whose time is to be decided an all-day event on its date', () => {
    const ics = invite(aSessionWithoutTime({ date: '2027-04-23' }));
    const event = onlyEvent(ics);

    expect(ics).toContain('DTSTART;VALUE=DATE:20270423');
    expect(ics).toContain('DTEND;VALUE=DATE:20270424');
    expect(event.allDay).toBe(true);
    expect(event.start).toBe('2027-04-23');
    expect(event.end).toBe('2027-04-24');
    expect(event.description).toContain('De tijd is nog niet bekend.');
  });

  it('writes UTC times for a UTC session, without a VTIMEZONE', () => {
    const ics = invite(aSession({ timeZone: 'UTC' }));

    expect(parseCalendar(ics).timezones).toEqual([]);
    expect(ics).toContain('DTSTART:20270303T160000Z');
  });
});

describe('buildCalendar: text', () => {
  it('describes the session in Dutch with the provisional wording, location and manage link', () => {
    const session = aSession({ provisional: true });

    const event = onlyEvent(invite(session, { urlFor: (s) => `https://example.org/manage/tok?s=${s.id}` }));

    expect(event.location).toBe('Pakhuis de Zwijger, Piet Heinkade 179, Amsterdam');
    expect(event.url).toBe('https://example.org/manage/tok?s=2027-03-03-reflectie');
    expect(event.description).toContain('Wat betekenen zeggenschap en eigenaarschap?');
    expect(event.description).toContain('Datum en tijd onder voorbehoud.');
    expect(event.description).toContain(
      'Je aanmelding bekijken of afmelden: https://example.org/manage/tok?s=2027-03-03-reflectie',
    );
  });

  it('describes the session in English, falling back to Dutch where the organiser wrote no English', () => {
    const session = aSession({ provisional: true, title: { nl: 'Alleen Nederlands' } });

    const ics = invite(session, { language: 'en' });
    const event = onlyEvent(ics);

    expect(event.summary).toBe('Alleen Nederlands');
    expect(event.description).toContain('What do say and ownership mean?');
    expect(event.description).toContain('Date and time are provisional.');
  });

  it('leaves LOCATION out while the location is unknown', () => {
    expect(onlyEvent(invite(aSession({ location: null }))).location).toBeNull();
  });

  it('round-trips hostile text exactly: commas, semicolons, backslashes, newlines and markup', () => {
    const title = 'Wonen; werken, "leven" \\ <script>alert(1)</script>';
    const description = 'Regel 1\nRegel 2; met, tekens';
    const session = aSession({ title: { nl: title }, description: { nl: description } });

    const event = onlyEvent(invite(session));

    expect(event.summary).toBe(title);
    expect(event.description?.startsWith(`${description}\n\n`)).toBe(true);
  });

  it('keeps quotes in names from breaking the CN parameter', () => {
    const ics = buildCalendar({
      ...common,
      method: 'REQUEST',
      session: aSession(),
      attendee: { name: 'Jan "Jantje" de\\Boer', email: 'jan@example.org' },
    });

    expect(onlyEvent(ics).attendees[0]?.cn).toBe("Jan 'Jantje' deBoer");
  });
});
