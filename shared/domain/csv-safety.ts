import { withoutFormatCharacters } from './format-characters';

/**
 * A cell an office suite would evaluate as a formula gets a leading apostrophe, so it is shown as
 * the text it is. Judged on what is left after the invisible format characters and leading spaces
 * (`"\u200B=1+1"`, `" =1+1"`), and written without those format characters: a suite that ignores
 * them would otherwise still run the formula behind them. A leading tab or carriage return counts
 * as a formula start, as some suites strip them first.
 */
export function neutraliseFormula(value: string): string {
  const visible = withoutFormatCharacters(value);
  return /^[\t\r ]*[=+\-@\t\r]/.test(visible) ? `'${visible}` : visible;
}
