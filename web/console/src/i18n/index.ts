import { en } from './en';
import { type Messages, nl } from './nl';

export type Lang = 'nl' | 'en';
export type { Messages };

export const messages = (lang: Lang): Messages => (lang === 'en' ? en : nl);

const LANG = 'console.lang';
export const storedLang = (): Lang => (localStorage.getItem(LANG) === 'en' ? 'en' : 'nl');
export const storeLang = (lang: Lang) => localStorage.setItem(LANG, lang);

/** Organiser text in the chosen language, Dutch when there is no translation. */
export const pick = (text: { nl: string; en?: string } | null | undefined, lang: Lang): string =>
  text ? (lang === 'en' && text.en ? text.en : text.nl) : '';
