/**
 * A cell an office suite would evaluate as a formula (= + - @, or a leading tab / carriage
 * return some strip first) gets a leading apostrophe, so it is shown as the text it is.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
