import ical, {
  type ICalAttendeeData,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  type ICalEventData,
  ICalEventStatus,
} from 'ical-generator';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { allDayDate, zonedDateTime } from './calendar-time';
import { localise } from './localise';
import type { Programme, Session } from './model';
import type { Language } from './schemas';
import { formatLocation, provisionalNotice } from './session-format';
import { addDays, localToInstant } from './time';
import { accessibilityHeading, accessibilityLines } from './venue-accessibility';

/**
 * iCalendar files for sessions (RFC 5545, with the iTIP methods of RFC 5546).
 *
 * - One stable UID per session, `<session id>@<uidDomain>`, in every file we ever produce for it, so an
 *   update or cancellation replaces the event already in someone's calendar instead of adding a second one.
 * - SEQUENCE is the session `version`, which rises on every change registrants must hear about.
 * - PUBLISH is for the served feeds (one session or the whole programme); REQUEST is the personal invite and
 *   its updates; CANCEL removes the event (the session was cancelled, or the registrant withdrew).
 * - A session whose time is still to be decided is an all-day event on its date.
 * - Timed events are written in the session's own zone (TZID) with a VTIMEZONE taken from the
 *   timezones-ical-library database, so calendar apps compute the right instant on both sides of a DST change.
 */

/** A session with a start but no end time is put in calendars for this long: the usual length of a session. */
export const DEFAULT_DURATION_MINUTES = 90;

/** A feed subscriber's calendar app is asked to refresh this often. */
const FEED_REFRESH_SECONDS = 60 * 60;

export interface CalendarParty {
  name: string;
  email: string;
}

interface CommonOptions {
  programme: Pick<Programme, 'id' | 'title'>;
  /** The reader's language for summary and description; organiser text falls back to Dutch. */
  language: Language;
  /** The right-hand side of every UID, e.g. the deployment's domain. Must never change once mails went out. */
  uidDomain: string;
  organizer: CalendarParty;
  /** DTSTAMP: when this file is produced. Passed in so the domain stays free of a clock. */
  now: Date;
  /** A link per session: the session page in a feed, the personal manage page in an invite. */
  urlFor?: (s: Session) => string;
}

/** The served feeds: any number of sessions, no attendees. */
export interface PublishOptions extends CommonOptions {
  method: 'PUBLISH';
  sessions: readonly Session[];
  /** A person's own feed: their registration's status per session (withdrawn ones are CANCELLED, waiting TENTATIVE). */
  registrationStatus?: (s: Session) => 'confirmed' | 'waitlisted' | 'offered' | 'cancelled';
}

/**
 * A personal invite (REQUEST) or its withdrawal (CANCEL). iTIP allows one event (one UID) per message,
 * and the message is addressed to one attendee, so both are required here.
 */
export interface SchedulingOptions extends CommonOptions {
  method: 'REQUEST' | 'CANCEL';
  session: Session;
  attendee: CalendarParty;
}

export type CalendarOptions = PublishOptions | SchedulingOptions;

export type CalendarMethod = CalendarOptions['method'];

export const sessionUid = (sessionId: string, uidDomain: string): string => `${sessionId}@${uidDomain}`;

export function buildCalendar(opts: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'Stadsgesprekken', product: 'Registrations', language: opts.language.toUpperCase() },
    method: ICalCalendarMethod[opts.method],
    timezone: { name: null, generator: vtimezoneFor },
  });

  if (opts.method === 'PUBLISH') {
    // The calendar's display name and refresh interval only mean something for a subscribed feed.
    calendar.name(localise(opts.programme.title, opts.language).text);
    calendar.ttl(FEED_REFRESH_SECONDS);
    for (const session of opts.sessions) calendar.createEvent(eventData(session, opts, undefined));
  } else {
    if (opts.method === 'REQUEST' && opts.session.status === 'cancelled') {
      throw new Error(`cannot send an invite for cancelled session ${opts.session.id}`);
    }
    calendar.createEvent(eventData(opts.session, opts, opts.attendee));
  }
  return calendar.toString();
}

function eventData(session: Session, opts: CalendarOptions, attendee: CalendarParty | undefined): ICalEventData {
  const own = opts.method === 'PUBLISH' ? opts.registrationStatus?.(session) : undefined;
  const cancelled = opts.method === 'CANCEL' || session.status === 'cancelled' || own === 'cancelled';
  const url = opts.urlFor?.(session);
  const title = localise(session.title, opts.language).text;
  return {
    id: sessionUid(session.id, opts.uidDomain),
    sequence: session.version,
    stamp: opts.now,
    created: new Date(session.createdAt),
    lastModified: new Date(session.updatedAt),
    ...timing(session),
    summary: session.status === 'cancelled' ? `${cancelledPrefix[opts.language]}${title}` : title,
    description: describe(session, opts, url),
    location: session.location === null ? null : formatLocation(session.location, opts.language),
    url: url ?? null,
    status: cancelled
      ? ICalEventStatus.CANCELLED
      : session.provisional || own === 'waitlisted'
        ? ICalEventStatus.TENTATIVE
        : ICalEventStatus.CONFIRMED,
    organizer: { name: parameterSafe(opts.organizer.name), email: opts.organizer.email },
    attendees: attendee === undefined ? [] : [attendeeData(attendee, opts.method, session)],
  };
}

const cancelledPrefix: Record<Language, string> = { nl: 'Geannuleerd: ', en: 'Cancelled: ' };

/**
 * Registrants don't answer by calendar (RSVP=FALSE): registering was their acceptance, and withdrawing
 * goes through the manage link. A CANCEL for a session that still takes place is the registrant's own
 * withdrawal, hence DECLINED; a CANCEL of the whole session leaves their answer as it was.
 */
function attendeeData(attendee: CalendarParty, method: CalendarMethod, session: Session): ICalAttendeeData {
  const withdrew = method === 'CANCEL' && session.status === 'scheduled';
  return {
    name: parameterSafe(attendee.name),
    email: attendee.email,
    rsvp: false,
    role: ICalAttendeeRole.REQ,
    status: withdrew ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
  };
}

function timing(session: Session): Pick<ICalEventData, 'start' | 'end' | 'allDay' | 'timezone'> {
  if (session.startTime === null) {
    // "Time to be decided": an all-day event on its date, the session's local date whatever zone this
    // code runs in.
    return { start: allDayDate(session.date), end: allDayDate(addDays(session.date, 1)), allDay: true, timezone: null };
  }
  const start = localToInstant(session.date, session.startTime, session.timeZone);
  // A default length is elapsed time: 90 minutes after a start just before a DST jump end after it.
  const end =
    session.endTime === null
      ? new Date(+start + DEFAULT_DURATION_MINUTES * 60_000)
      : localToInstant(session.date, session.endTime, session.timeZone);
  // Without a VTIMEZONE for the zone the instants are written in UTC, which every client reads correctly.
  if (vtimezoneFor(session.timeZone) === null) return { start, end, allDay: false, timezone: null };
  // Zoned date-times (./calendar-time): written as TZID wall times of the session's zone.
  return {
    start: zonedDateTime(start, session.timeZone),
    end: zonedDateTime(end, session.timeZone),
    allDay: false,
    timezone: session.timeZone,
  };
}

function describe(session: Session, opts: CalendarOptions, url: string | undefined): string {
  const { language } = opts;
  const nl = language === 'nl';
  const parts: string[] = [];
  if (session.status === 'cancelled') {
    parts.push(nl ? 'Deze bijeenkomst gaat niet door.' : 'This session has been cancelled.');
  } else if (
    opts.method === 'CANCEL' ||
    (opts.method === 'PUBLISH' && opts.registrationStatus?.(session) === 'cancelled')
  ) {
    parts.push(nl ? 'Je hebt je voor deze bijeenkomst afgemeld.' : 'You have cancelled your registration.');
  } else if (opts.method === 'PUBLISH' && opts.registrationStatus?.(session) === 'waitlisted') {
    parts.push(
      nl ? 'Je staat op de wachtlijst voor deze bijeenkomst.' : 'You are on the waiting list for this session.',
    );
  }
  if (session.description !== null) parts.push(localise(session.description, language).text);
  const access = accessibilityLines(session.location?.accessibility, language);
  if (access.length > 0 && session.status === 'scheduled') {
    parts.push(`${accessibilityHeading(language)}:\n${access.map((l) => `- ${l}`).join('\n')}`);
  }
  if (session.status === 'scheduled') {
    if (session.provisional) parts.push(provisionalNotice(language));
    if (session.startTime === null) {
      parts.push(
        nl
          ? 'De tijd is nog niet bekend. Zodra die vaststaat, wordt deze afspraak bijgewerkt.'
          : 'The time is still to be decided. This event will be updated as soon as it is set.',
      );
    }
  }
  parts.push(localise(opts.programme.title, language).text);
  if (url !== undefined) {
    const label =
      opts.method === 'PUBLISH'
        ? nl
          ? 'Meer informatie en aanmelden'
          : 'More information and registration'
        : nl
          ? 'Je aanmelding bekijken of afmelden'
          : 'View or cancel your registration';
    parts.push(`${label}: ${url}`);
  }
  return parts.join('\n\n');
}

/**
 * Parameter values (CN) are quoted strings in which RFC 5545 allows neither DQUOTE nor an escape for it, and
 * the generator would write `\"`, which strict parsers reject. A name is display text, so quotes become
 * apostrophes and backslashes and control characters are dropped.
 */
function parameterSafe(name: string): string {
  return (
    name
      .replaceAll('"', "'")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\\\u0000-\u001f\u007f]/g, '')
      .trim()
  );
}

// Read from the library on the first calendar built, not at every cold start of the functions that import this.
let knownZones: Set<string> | undefined;
const isKnownZone = (timeZone: string): boolean => {
  if (knownZones === undefined) {
    const zones = tzlib_get_timezones();
    knownZones = new Set<string>(Array.isArray(zones) ? zones : []);
  }
  return knownZones.has(timeZone);
};
const vtimezoneCache = new Map<string, string | null>();

/**
 * The VTIMEZONE for an IANA zone, or null for UTC (no VTIMEZONE needed) and zones the library lacks.
 * The library answers an alias (Europe/Amsterdam) with the zone it links to (Europe/Brussels, same rules);
 * the events say TZID=<the session's zone>, so the block is renamed to match them.
 */
function vtimezoneFor(timeZone: string): string | null {
  const cached = vtimezoneCache.get(timeZone);
  if (cached !== undefined) return cached;
  let result: string | null = null;
  if (timeZone !== 'UTC' && timeZone !== 'Etc/UTC' && isKnownZone(timeZone)) {
    const block = tzlib_get_ical_block(timeZone);
    const canonical = Array.isArray(block) ? block[1]?.replace(/^TZID=/, '') : undefined;
    if (Array.isArray(block) && block[0] !== undefined && canonical !== undefined) {
      result = block[0]
        .split(/\r?\n/)
        .map((line) =>
          line === `TZID:${canonical}`
            ? `TZID:${timeZone}`
            : line === `X-LIC-LOCATION:${canonical}`
              ? `X-LIC-LOCATION:${timeZone}`
              : line,
        )
        .join('\r\n');
    }
  }
  vtimezoneCache.set(timeZone, result);
  return result;
}
