/**
 * Unicode format characters (general category Cf): invisible, yet they reorder text (U+202E
 * right-to-left override makes `exe.txt` read `txt.exe`), hide text (U+200B zero-width space) or
 * hide a spreadsheet formula behind them. Single-line fields refuse them, except the two joiners
 * between letters or emoji, which writing needs: U+200D in emoji sequences (👩🏽‍🚀) and Indic
 * conjuncts, U+200C in Persian and Indic words.
 */
const JOINER_IN_WORD =
  /(?<=(?:[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Modifier}]|\uFE0F))[\u200C\u200D](?=[\p{L}\p{M}\p{N}\p{Extended_Pictographic}])/gu;

export const hasFormatCharacters = (text: string): boolean => /\p{Cf}/u.test(text.replace(JOINER_IN_WORD, ''));

/** The text without any format character, as a spreadsheet or a reader would see what follows. */
export const withoutFormatCharacters = (text: string): string => text.replace(/\p{Cf}/gu, '');
