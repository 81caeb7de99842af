import type {
  ICalTemporalInstantStub,
  ICalTemporalPlainDateStub,
  ICalTemporalPlainDateTimeStub,
  ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { instantToIso, localDateTimeAt, localToInstant } from './time';

/**
 * Event times as ical-generator reads them, with the runtime's Intl zone data (./time) instead of a
 * date library. ical-generator writes a plain Date's TZID wall time in the zone of the process, so a
 * timed event in the session's zone is handed over as a zoned date-time: the shape of a Temporal
 * `ZonedDateTime`, which the generator accepts (its `ICalTemporal*Stub` types) and writes as the wall
 * clock of its own zone, whatever zone this code runs in.
 */

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = (w: Pick<Wall, 'year' | 'month' | 'day'>) => `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
const isoTime = (w: Wall) => `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;

function wallAt(at: number, timeZone: string): Wall {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(localDateTimeAt(at, timeZone));
  if (m === null) throw new Error(`no wall clock for ${at} in ${timeZone}`);
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { year, month, day, hour, minute, second };
}

function plainDate(w: Wall): ICalTemporalPlainDateStub {
  const text = isoDate(w);
  return { year: w.year, month: w.month, day: w.day, toJSON: () => text, toString: () => text };
}

function plainDateTime(w: Wall): ICalTemporalPlainDateTimeStub {
  const text = `${isoDate(w)}T${isoTime(w)}`;
  return {
    ...w,
    toPlainDate: () => plainDate(w),
    toZonedDateTime: (timeZone) => zonedDateTime(localToInstant(isoDate(w), isoTime(w), timeZone), timeZone),
    toJSON: () => text,
    toString: () => text,
  };
}

function instant(ms: number): ICalTemporalInstantStub {
  const text = new Date(ms).toISOString();
  return {
    epochMilliseconds: ms,
    toZonedDateTimeISO: (timeZone) => zonedDateTime(new Date(ms), timeZone),
    toJSON: () => text,
    toString: () => text,
  };
}

/** An instant with the wall clock of `timeZone` at it. */
export function zonedDateTime(at: Date, timeZone: string): ICalTemporalZonedDateTimeStub {
  const ms = +at;
  const wall = wallAt(ms, timeZone);
  const text = `${instantToIso(ms, timeZone)}[${timeZone}]`;
  return {
    ...wall,
    timeZoneId: timeZone,
    toInstant: () => instant(ms),
    toPlainDateTime: () => plainDateTime(wall),
    withTimeZone: (zone) => zonedDateTime(at, zone),
    toJSON: () => text,
    toString: () => text,
  };
}

/**
 * An all-day event's date: ical-generator writes an all-day Date's UTC calendar date when neither the
 * event nor the calendar names a zone, as for our all-day events, so UTC midnight of the date is the date.
 */
export const allDayDate = (date: string): Date => new Date(`${date}T00:00:00Z`);
