import type { Lang } from './i18n';
import type { AdminSession } from './types';

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'nl-NL');

export const formatDate = (date: string, lang: Lang): string =>
  new Intl.DateTimeFormat(locale(lang), {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));

export const sessionWhen = (s: AdminSession, lang: Lang, tbd: string): string =>
  `${formatDate(s.date, lang)}, ${s.startTime ? `${s.startTime}${s.endTime ? `–${s.endTime}` : ''}` : tbd}`;

export const formatInstant = (iso: string, lang: Lang): string =>
  new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
