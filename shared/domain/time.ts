import { DateTime } from 'luxon';

/**
 * Local date + local time + IANA zone → instant. Luxon resolves the offset from the zone
 * database, so 16:00 in Amsterdam is +01:00 in March and +02:00 in April.
 * A local time that does not exist (skipped by a DST jump) is moved forward, as calendars do.
 */
export function localToInstant(date: string, time: string, timeZone: string): DateTime {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
  if (!dt.isValid) throw new Error(`invalid local time ${date}T${time} in ${timeZone}: ${dt.invalidExplanation}`);
  return dt;
}

/** ISO 8601 with the zone's offset at that moment, e.g. 2027-03-03T16:00:00+01:00. */
export function localToIso(date: string, time: string, timeZone: string): string {
  return localToInstant(date, time, timeZone).toISO({ suppressMilliseconds: true }) as string;
}

/** The first instant of the day after `date` in `timeZone`. */
export function endOfLocalDay(date: string, timeZone: string): DateTime {
  return DateTime.fromISO(date, { zone: timeZone }).plus({ days: 1 }).startOf('day');
}
