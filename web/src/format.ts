import { locales } from './i18n';
import type { ApiSession, Lang } from './types';

/**
 * Dates and times as a registrant reads them. Times are shown in the session's own zone (where it
 * takes place), never the viewer's. Pure: Intl only, no clock.
 */
type Timed = Pick<ApiSession, 'date' | 'startTime' | 'endTime' | 'startsAt' | 'endsAt' | 'timeZone'>;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "woensdag 3 maart 2027" / "Wednesday 3 March 2027". */
export function formatSessionDate(s: Pick<Timed, 'date' | 'startsAt' | 'timeZone'>, lang: Lang): string {
  const dateOpts: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
  if (s.startsAt) {
    const instant = new Date(s.startsAt);
    if (!Number.isNaN(instant.getTime())) {
      return stripComma(new Intl.DateTimeFormat(locales[lang], { ...dateOpts, timeZone: s.timeZone }).format(instant));
    }
  }
  const m = LOCAL_DATE.exec(s.date);
  if (!m) return s.date;
  // A calendar date has no zone: format noon UTC of that date in UTC so no offset can shift the day.
  const noon = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return stripComma(new Intl.DateTimeFormat(locales[lang], { ...dateOpts, timeZone: 'UTC' }).format(noon));
}

// en-GB writes "Wednesday, 3 March 2027"; the comma-free form reads better in a sentence.
const stripComma = (s: string): string => s.replace(/^(\p{L}+),\s/u, '$1 ');

function clock(instant: string | null, local: string | null, timeZone: string, lang: Lang): string | null {
  if (instant) {
    const d = new Date(instant);
    if (!Number.isNaN(d.getTime())) {
      return new Intl.DateTimeFormat(locales[lang], {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      }).format(d);
    }
  }
  return local && LOCAL_TIME.test(local) ? local : null;
}

/** "16:00–17:30", "16:00", or null when the time is not known yet. */
export function formatSessionTime(s: Timed, lang: Lang): string | null {
  const start = clock(s.startsAt, s.startTime, s.timeZone, lang);
  if (start === null) return null;
  const end = clock(s.endsAt, s.endTime, s.timeZone, lang);
  return end === null ? start : `${start}–${end}`;
}

/** The machine-readable value for <time datetime>: the instant when known, else the date. */
export const dateTimeAttribute = (s: Pick<Timed, 'date' | 'startsAt'>): string => s.startsAt ?? s.date;

/**
 * An instant as a reader sees it in the session's zone: "31 maart 2099 om 17:30" / "31 March 2099 at 17:30".
 * Returns the input unchanged when it is not a valid instant.
 */
export function formatInstant(iso: string, timeZone: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const zone = { timeZone };
  const date = new Intl.DateTimeFormat(locales[lang], { ...zone, day: 'numeric', month: 'long', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locales[lang], {
    ...zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${date.format(d)} ${lang === 'nl' ? 'om' : 'at'} ${time.format(d)}`;
}
