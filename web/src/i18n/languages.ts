import type { Lang } from '../types';

export const isLang = (v: unknown): v is Lang => v === 'nl' || v === 'en';

/** BCP 47 locale used for Intl formatting; 24-hour clock in both. */
export const locales: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/** The name of each language in itself, for the switch. */
export const languageNames: Record<Lang, string> = { nl: 'Nederlands', en: 'English' };
