import { attr, html, type SafeHtml } from '../html';
import { localised, localisedLang, t } from '../i18n';
import type { Lang, LocalisedText, RegistrationQuestion } from '../types';

/**
 * The programme's own questions on the registration form, in the page's language. A choice is a
 * group of radio buttons and a multiple choice a group of checkboxes, each a fieldset with its
 * legend, so a screen reader reads the question with every option; errors sit inside the field.
 */
export type AnswerField = `answers.${string}`;
export type AnswerValues = Record<string, string | string[] | boolean>;

const ID_SAFE = /[^a-z0-9-]/g;
export const questionFieldId = (questionId: string, optionId?: string): string =>
  `sg-q-${questionId.replace(ID_SAFE, '')}${optionId ? `--${optionId.replace(ID_SAFE, '')}` : ''}`;
const errorIdOf = (questionId: string) => `${questionFieldId(questionId)}-error`;
const hintIdOf = (questionId: string) => `${questionFieldId(questionId)}-hint`;

/** Where the error summary's link lands: the input, or the first option of a group. */
export function questionFocusId(q: RegistrationQuestion): string {
  const first = q.type === 'choice' || q.type === 'multi' ? q.options[0]?.id : undefined;
  return questionFieldId(q.id, first);
}

const text = (value: LocalisedText, lang: Lang): SafeHtml => {
  const shown = localisedLang(value, lang);
  return shown === lang
    ? html`${localised(value, lang)}`
    : html`<span lang="${shown}">${localised(value, lang)}</span>`;
};

function describedBy(...ids: Array<string | null>): SafeHtml {
  const list = ids.filter((x): x is string => x !== null);
  return list.length ? html` aria-describedby="${list.join(' ')}"` : html``;
}

function questionHtml(q: RegistrationQuestion, lang: Lang, value: AnswerValues[string] | undefined, error?: string) {
  const m = t(lang);
  const marker = q.required
    ? html` <span class="sg-req">${m.required}</span>`
    : html` <span class="sg-opt">${m.optional}</span>`;
  const hintId = q.help ? hintIdOf(q.id) : null;
  const errorId = error ? errorIdOf(q.id) : null;
  const hint = q.help ? html`<p class="sg-hint" id="${hintIdOf(q.id)}">${text(q.help, lang)}</p>` : '';
  const errorText = error
    ? html`<p class="sg-field-error" id="${errorIdOf(q.id)}"><span class="sg-visually-hidden">${m.errorPrefix}</span> ${error}</p>`
    : '';
  const invalid = html`${attr('aria-invalid="true"', error !== undefined)}`;
  const group = `sg-field${error ? ' sg-field--error' : ''}`;
  const name = `answers.${q.id}`;
  switch (q.type) {
    case 'text':
      return html`<div class="${group}">
    <label class="sg-label" for="${questionFieldId(q.id)}">${text(q.label, lang)}${marker}</label>
    ${hint}${errorText}
    <input class="sg-input" id="${questionFieldId(q.id)}" name="${name}" type="text" maxlength="${String(q.maxLength)}" value="${typeof value === 'string' ? value : ''}"${attr('required', q.required)}${invalid}${describedBy(hintId, errorId)}>
  </div>`;
    case 'boolean':
      return html`<div class="${group}">
    ${hint}${errorText}
    <div class="sg-choice">
      <input class="sg-checkbox" id="${questionFieldId(q.id)}" name="${name}" type="checkbox" value="on"${attr('checked', value === true)}${attr('required', q.required)}${invalid}${describedBy(hintId, errorId)}>
      <label for="${questionFieldId(q.id)}">${text(q.label, lang)}${marker}</label>
    </div>
  </div>`;
    case 'choice':
    case 'multi': {
      const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
      const kind = q.type === 'choice' ? 'radio' : 'checkbox';
      return html`<fieldset class="${group} sg-fieldset"${describedBy(hintId, errorId)}>
    <legend class="sg-label">${text(q.label, lang)}${marker}</legend>
    ${hint}${errorText}
    ${q.options.map(
      (o) => html`<div class="sg-choice">
      <input class="sg-${kind}" id="${questionFieldId(q.id, o.id)}" name="${name}" type="${kind}" value="${o.id}"${attr('checked', chosen.includes(o.id))}${invalid}>
      <label for="${questionFieldId(q.id, o.id)}">${text(o.label, lang)}</label>
    </div>`,
    )}
  </fieldset>`;
    }
  }
}

export function questionsHtml(
  questions: readonly RegistrationQuestion[],
  lang: Lang,
  values: AnswerValues,
  errors: ReadonlyMap<string, string>,
): SafeHtml {
  return html`${questions.map((q) => questionHtml(q, lang, values[q.id], errors.get(`answers.${q.id}`)))}`;
}

export function readAnswers(data: FormData, questions: readonly RegistrationQuestion[]): AnswerValues {
  const out: AnswerValues = {};
  for (const q of questions) {
    const all = data.getAll(`answers.${q.id}`).filter((v): v is string => typeof v === 'string');
    if (q.type === 'multi') out[q.id] = all;
    else if (q.type === 'boolean') out[q.id] = all.length > 0;
    else out[q.id] = all[0] ?? '';
  }
  return out;
}

/** What the API is sent: empty answers left out, as the API leaves them out too. */
export function answersPayload(questions: readonly RegistrationQuestion[], values: AnswerValues): AnswerValues {
  const out: AnswerValues = {};
  for (const q of questions) {
    const v = values[q.id];
    if (typeof v === 'string' ? v.trim() !== '' : Array.isArray(v) ? v.length > 0 : v === true) out[q.id] = v as never;
  }
  return out;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the API refuses
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

function requiredMessage(q: RegistrationQuestion, lang: Lang): string {
  const m = t(lang);
  if (q.type === 'boolean') return m.errAnswerTick;
  return q.type === 'text' ? m.errAnswerRequired : m.errAnswerChoose;
}

/** The message for an answer the API refused (the API speaks English). */
export function answerMessage(q: RegistrationQuestion, apiMessage: string, lang: Lang): string {
  if (/required/i.test(apiMessage)) return requiredMessage(q, lang);
  return q.type === 'text' ? t(lang).errAnswerText(q.maxLength) : t(lang).errAnswerChoose;
}

/** The checks the browser would do itself, in our words; the API has the final say. */
export function validateAnswers(
  questions: readonly RegistrationQuestion[],
  values: AnswerValues,
  lang: Lang,
): Array<{ field: AnswerField; message: string }> {
  const errors: Array<{ field: AnswerField; message: string }> = [];
  for (const q of questions) {
    const v = values[q.id];
    const empty = v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0);
    const field: AnswerField = `answers.${q.id}`;
    if (q.type === 'text' && typeof v === 'string' && (v.trim().length > q.maxLength || CONTROL.test(v))) {
      errors.push({ field, message: t(lang).errAnswerText(q.maxLength) });
    } else if (q.required && (empty || (typeof v === 'string' && v.trim() === ''))) {
      errors.push({ field, message: requiredMessage(q, lang) });
    }
  }
  return errors;
}
