/**
 * Where things live. `apiBase` is '' for same origin, else an absolute origin with optional path
 * prefix (e.g. https://api.example.org/prod). Path segments from data are always encoded.
 */
export function normaliseApiBase(base: string | null | undefined): string {
  const trimmed = (base ?? '').trim();
  if (trimmed === '') return '';
  return trimmed.replace(/\/+$/, '');
}

export const apiUrl = (apiBase: string, ...segments: string[]): string =>
  `${normaliseApiBase(apiBase)}/${segments.map(encodeURIComponent).join('/')}`;

/** The action of the registration form; the API accepts application/x-www-form-urlencoded here. */
export const registrationActionUrl = (apiBase: string, sessionId: string): string =>
  apiUrl(apiBase, 'sessions', sessionId, 'registrations');

/** The feedback form's action; the API accepts application/x-www-form-urlencoded here too. */
export const feedbackActionUrl = (apiBase: string, token: string): string => apiUrl(apiBase, 'feedback', token);

/** The session's calendar file; `?lang=en` gets the English event text (Dutch is the default). */
export const sessionCalendarUrl = (apiBase: string, sessionId: string, lang: 'nl' | 'en' = 'nl'): string =>
  `${apiUrl(apiBase, 'sessions', sessionId, 'calendar.ics')}${lang === 'en' ? '?lang=en' : ''}`;

/** A link to one of the plain pages, relative to `pagesBase` ('' = same directory). */
export function pageUrl(pagesBase: string, page: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, v);
  const qs = query.toString();
  return `${pagesBase}${page}${qs ? `?${qs}` : ''}`;
}
