import ICAL from 'ical.js';

/**
 * Reads an iCalendar text back with an independent parser, for assertions. Time zones are resolved only
 * from the VTIMEZONE components inside the file itself, so a wrong or missing VTIMEZONE shows up as a
 * wrong instant instead of being papered over by a built-in zone database.
 */
export interface ParsedEvent {
  uid: string;
  sequence: number;
  status: string | null;
  summary: string;
  description: string | null;
  location: string | null;
  url: string | null;
  /** DTSTART as an instant (ISO, UTC), or the date for an all-day event. */
  start: string;
  end: string;
  allDay: boolean;
  startTzid: string | null;
  organizer: { cn: string | null; value: string } | null;
  attendees: Array<{ cn: string | null; value: string; rsvp: string | null; partstat: string | null }>;
}

export interface ParsedCalendar {
  method: string | null;
  calname: string | null;
  timezones: string[];
  events: ParsedEvent[];
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function parseCalendar(text: string): ParsedCalendar {
  const root = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  const timezones = root.getAllSubcomponents('vtimezone').map((vtz) => {
    const zone = new ICAL.Timezone(vtz);
    ICAL.TimezoneService.register(zone);
    return zone.tzid;
  });
  const events = root.getAllSubcomponents('vevent').map((vevent): ParsedEvent => {
    const event = new ICAL.Event(vevent);
    const dtstart = vevent.getFirstProperty('dtstart');
    const asString = (t: ICAL.Time) => (t.isDate ? t.toString() : t.toJSDate().toISOString());
    const organizer = vevent.getFirstProperty('organizer');
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: str(vevent.getFirstPropertyValue('status')),
      summary: event.summary,
      description: str(vevent.getFirstPropertyValue('description')),
      location: str(vevent.getFirstPropertyValue('location')),
      url: str(vevent.getFirstPropertyValue('url')),
      start: asString(event.startDate),
      end: asString(event.endDate),
      allDay: event.startDate.isDate,
      startTzid: str(dtstart?.getParameter('tzid')),
      organizer:
        organizer === null ? null : { cn: str(organizer.getParameter('cn')), value: String(organizer.getFirstValue()) },
      attendees: vevent.getAllProperties('attendee').map((a) => ({
        cn: str(a.getParameter('cn')),
        value: String(a.getFirstValue()),
        rsvp: str(a.getParameter('rsvp')),
        partstat: str(a.getParameter('partstat')),
      })),
    };
  });
  return {
    method: str(root.getFirstPropertyValue('method')),
    calname: str(root.getFirstPropertyValue('x-wr-calname')),
    timezones,
    events,
  };
}
