import type { Language } from '../../../schemas';
import type { Block, Inline } from '../../blocks';

/** Picks the Dutch or the English wording; every sentence of an email is written in both, side by side. */
export type Say = (nl: string, en: string) => string;
export const sayer =
  (language: Language): Say =>
  (nl, en) =>
    language === 'nl' ? nl : en;

export const p = (...content: Inline[]): Block => ({ type: 'paragraph', content });

/**
 * A subject is one header line: organiser text (titles, a message's subject) may hold line breaks or
 * other control characters, which would otherwise end the header or smuggle in another.
 */
export const oneLine = (text: string): string => text.replace(/[\s\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim();

/**
 * An organiser message body as plain text: one kind of line break, and no control characters other
 * than line breaks and tabs (they mean nothing in a mail and some clients show them as boxes).
 */
export const messageBody = (body: string): string =>
  body.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n').replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ''));
