import type { Session } from './model';
import type { Language, Location } from './schemas';
import { dateInWords } from './time';

/**
 * How sessions read in emails and calendar descriptions, in the reader's language and always in the
 * session's own zone (a reader abroad still sees the local time of the meeting, which is what the
 * invitation is about; their calendar app converts the attached event itself).
 */

const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** "woensdag 3 maart 2027" / "Wednesday 3 March 2027". */
export function formatDate(s: Pick<Session, 'date' | 'timeZone'>, language: Language): string {
  return dateInWords(s.date, locales[language], true);
}

const clock = (time: string, language: Language): string => (language === 'nl' ? time.replace(':', '.') : time);

/** "16.00–17.30 uur" / "16:00–17:30"; "16.00 uur" when no end is known; "tijd nog niet bekend" when no start. */
export function formatTime(s: Pick<Session, 'startTime' | 'endTime'>, language: Language): string {
  if (s.startTime === null) return language === 'nl' ? 'tijd nog niet bekend' : 'time to be decided';
  const range =
    s.endTime === null ? clock(s.startTime, language) : `${clock(s.startTime, language)}–${clock(s.endTime, language)}`;
  return language === 'nl' ? `${range} uur` : range;
}

/** "woensdag 3 maart 2027, 16.00–17.30 uur" / "Wednesday 3 March 2027, 16:00–17:30". */
export function formatWhen(
  s: Pick<Session, 'date' | 'startTime' | 'endTime' | 'timeZone'>,
  language: Language,
): string {
  return `${formatDate(s, language)}, ${formatTime(s, language)}`;
}

/** "Naam, Adres", or the "not known yet" wording. */
export function formatLocation(location: Location | null, language: Language): string {
  if (location === null) return language === 'nl' ? 'locatie nog niet bekend' : 'location to be announced';
  return location.address === undefined || location.address === ''
    ? location.name
    : `${location.name}, ${location.address}`;
}

export function provisionalNotice(language: Language): string {
  return language === 'nl' ? 'Datum en tijd onder voorbehoud.' : 'Date and time are provisional.';
}
