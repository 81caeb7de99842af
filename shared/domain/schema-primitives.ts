import { hasFormatCharacters } from './format-characters';
import * as z from './zod';

/** The text and id schemas every other schema is built from. */

/** Reject text that cannot be stored or mailed safely: lone surrogates and control characters. */
const wellFormed = (s: string) => s.isWellFormed();
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is exactly what we look for
const singleLine = (s: string) => !/[\u0000-\u001f\u007f\u2028\u2029]/.test(s);

export const singleLineText = (max: number) =>
  z.string().check(
    z.trim(),
    z.maxLength(max, { message: `must be at most ${max} characters` }),
    z.refine(wellFormed, { message: 'contains malformed unicode' }),
    z.refine(singleLine, { message: 'must be a single line without control characters' }),
    z.refine((text) => !hasFormatCharacters(text), {
      message: 'must not contain invisible format characters (such as U+200B or U+202E)',
    }),
  );

export const multiLineText = (max: number) =>
  z
    .string()
    .check(
      z.maxLength(max, { message: `must be at most ${max} characters` }),
      z.refine(wellFormed, { message: 'contains malformed unicode' }),
    );

export const localisedText = (max = 5000) =>
  z.object({
    nl: multiLineText(max).check(z.refine((s) => s.trim().length > 0, { message: 'must not be empty' })),
    en: z.optional(multiLineText(max)),
  });
export type LocalisedText = z.infer<ReturnType<typeof localisedText>>;

export const SlugId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { message: 'must be 1-80 lowercase letters, digits or hyphens' }));

export const LocalDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
export const LocalTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time HH:mm' }));
