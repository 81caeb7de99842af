/**
 * Local dates and times in IANA zones with the runtime's own Intl time-zone data, which Node ships
 * (full ICU), instead of a date library in every bundle. Dates are `yyyy-MM-dd` strings, times
 * `HH:mm[:ss[.SSS]]`, instants Date objects or epoch milliseconds.
 *
 * The offset of a zone at an instant comes from Intl, so 16:00 in Amsterdam is +01:00 in March and
 * +02:00 in April. A local time that does not exist (skipped by a DST jump) is moved forward by the
 * jump, and one that occurs twice (clocks going back) is the later one, in standard time.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallFormats.set(timeZone, format);
  }
  return format;
}

/** The wall clock in `timeZone` at an instant. */
function wallClockAt(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of wallFormat(timeZone).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year as number,
    month: parts.month as number,
    day: parts.day as number,
    hour: parts.hour as number,
    minute: parts.minute as number,
    second: parts.second as number,
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

const wallAsUtc = (w: WallClock): number =>
  Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);

/** Minutes east of UTC in `timeZone` at an instant. */
const offsetAt = (ms: number, timeZone: string): number =>
  Math.round((wallAsUtc(wallClockAt(ms, timeZone)) - ms) / MINUTE);

function parseLocal(date: string, time: string): WallClock | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?$/.exec(time);
  if (!d || !t) return null;
  const w = {
    year: Number(d[1]),
    month: Number(d[2]),
    day: Number(d[3]),
    hour: Number(t[1]),
    minute: Number(t[2]),
    second: Number(t[3] ?? 0),
    millisecond: Number(t[4] ?? 0),
  };
  const check = new Date(Date.UTC(w.year, w.month - 1, w.day));
  const validDate =
    check.getUTCFullYear() === w.year && check.getUTCMonth() === w.month - 1 && check.getUTCDate() === w.day;
  return validDate && w.hour < 24 && w.minute < 60 && w.second < 60 ? w : null;
}

/** Local date + local time + IANA zone → instant. */
export function localToInstant(date: string, time: string, timeZone: string): Date {
  const wall = parseLocal(date, time);
  if (wall === null) throw new Error(`invalid local time ${date}T${time} in ${timeZone}`);
  const local = wallAsUtc(wall);
  // The offsets a day either side cover any real transition; a wall time fits an offset when the
  // instant it gives has that offset. Two fits: clocks went back; take the later, whatever the date
  // today (Luxon's choice here followed the season the code ran in).
  // None: the time was skipped, read it with the offset before the gap, i.e. moved forward.
  const before = offsetAt(local - DAY, timeZone);
  const after = offsetAt(local + DAY, timeZone);
  const fits = [...new Set([before, after])]
    .map((offset) => local - offset * MINUTE)
    .filter((t) => local - offsetAt(t, timeZone) * MINUTE === t);
  return new Date(fits.length > 0 ? Math.max(...fits) : local - before * MINUTE);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyy-MM-dd` in `timeZone` at an instant. */
export function localDateAt(at: Date | number, timeZone: string): string {
  const w = wallClockAt(+at, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** `yyyy-MM-ddTHH:mm:ss` in `timeZone` at an instant (no offset). */
export function localDateTimeAt(at: Date | number, timeZone: string): string {
  const w = wallClockAt(+at, timeZone);
  return `${localDateAt(at, timeZone)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** `yyyy-MM-dd HH:mm` in `timeZone`, for spreadsheets; the ISO input may carry any offset. */
export const spreadsheetLocalTime = (iso: string, timeZone: string): string =>
  localDateTimeAt(Date.parse(iso), timeZone).slice(0, 16).replace('T', ' ');

const FIXED_UTC = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Universal', 'Zulu']);

/** ISO 8601 with the zone's offset at that moment (milliseconds only when there are any). */
export function instantToIso(at: Date | number, timeZone: string): string {
  const ms = +at;
  const offset = offsetAt(ms, timeZone);
  const fraction = ms % 1000 === 0 ? '' : `.${pad(((ms % 1000) + 1000) % 1000, 3)}`;
  const sign = offset < 0 ? '-' : '+';
  const zone =
    offset === 0 && FIXED_UTC.has(timeZone)
      ? 'Z'
      : `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${localDateTimeAt(ms, timeZone)}${fraction}${zone}`;
}

/** ISO 8601 with the zone's offset at that moment, e.g. 2027-03-03T16:00:00+01:00. */
export function localToIso(date: string, time: string, timeZone: string): string {
  return instantToIso(localToInstant(date, time, timeZone), timeZone);
}

/** A calendar date `days` later (or earlier); no zone is involved. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** A calendar date `months` later, on the last day of the month when the day does not exist (31 Jan → 28 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/** The first instant of the day after `date` in `timeZone`. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return localToInstant(addDays(date, 1), '00:00', timeZone);
}

/** The last millisecond of `date` in `timeZone` (23:59:59.999 local). */
export const lastMomentOfLocalDay = (date: string, timeZone: string): Date =>
  localToInstant(date, '23:59:59.999', timeZone);

/** The local wall time `days` calendar days after an instant, in `timeZone`: 17:30 stays 17:30 across DST. */
export function plusLocalDays(at: Date, days: number, timeZone: string): Date {
  const time = localDateTimeAt(at, timeZone).slice(11);
  const ms = ((+at % 1000) + 1000) % 1000;
  return localToInstant(addDays(localDateAt(at, timeZone), days), ms ? `${time}.${pad(ms, 3)}` : time, timeZone);
}

const dateWords = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar date in words: "3 maart 2027" / "3 March 2027", with the weekday first when asked
 * ("woensdag 3 maart 2027"). Put together from Intl's parts, so the order is ours in every locale.
 */
export function dateInWords(date: string, locale: string, withWeekday = false): string {
  let format = dateWords.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    dateWords.set(locale, format);
  }
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(Date.parse(`${date}T12:00:00Z`))) parts[p.type] = p.value;
  const words = `${parts.day} ${parts.month} ${parts.year}`;
  return withWeekday ? `${parts.weekday} ${words}` : words;
}
