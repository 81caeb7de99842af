import type { Lang, LocalisedText } from '../types';

/** Localised API text: the requested language when present, else Dutch (always present). */
export const localised = (text: LocalisedText | null | undefined, lang: Lang): string =>
  text ? (lang === 'en' && text.en ? text.en : text.nl) : '';

/** Whether `localised` fell back to Dutch, so the element can carry lang="nl". */
export const localisedLang = (text: LocalisedText | null | undefined, lang: Lang): Lang =>
  lang === 'en' && text?.en ? 'en' : 'nl';
