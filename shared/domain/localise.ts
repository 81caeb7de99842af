import type { Language, LocalisedText } from './schemas';

/** A piece of organiser-written text and the language it is actually in. */
export interface Localised {
  text: string;
  language: Language;
}

/**
 * The text in the reader's language, falling back to Dutch (the one language every text must have).
 * The language is returned too, so HTML can mark a Dutch fallback inside an English email with `lang="nl"`.
 */
export function localise(text: LocalisedText, language: Language): Localised {
  const wanted = text[language];
  if (wanted !== undefined && wanted.trim() !== '') return { text: wanted, language };
  return { text: text.nl, language: 'nl' };
}
