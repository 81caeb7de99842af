import { attr, html, type SafeHtml } from '../html';
import { languageNames, roleLabels, roleOrder, t } from '../i18n';
import type { FieldError, RegistrationField } from '../problems';
import type { Lang, RegistrationQuestion } from '../types';
import { errorSummaryHtml } from './error-summary';
import { type AreaValues, areaFieldsHtml, type FormAreas } from './register-area';
import { type AnswerValues, questionFocusId, questionsHtml } from './register-questions';

/**
 * The registration form as markup. Pure, so the server renders exactly this for browsers without
 * JavaScript (a plain urlencoded POST to the API) and the script renders it again with values and
 * errors after a failed attempt.
 */
export interface RegistrationFormValues extends AreaValues {
  name?: string;
  email?: string;
  role?: string;
  organisation?: string;
  neighbourhood?: string;
  language?: string;
  consent?: boolean;
  answers?: AnswerValues;
}

export interface RegistrationFormOptions {
  lang: Lang;
  action: string;
  privacyUrl: string | null;
  /** The notice's version, shown next to the link when known. */
  privacyVersion?: string | null;
  /** Heading level of the error summary title. */
  headingLevel: number;
  values?: RegistrationFormValues;
  fieldErrors?: FieldError[];
  /** A message not tied to one field (409, 429, network). */
  general?: string | null;
  /** The programme's own questions, shown before the consent. */
  questions?: readonly RegistrationQuestion[];
  /** The programme's areas to choose from; without them, the free-text neighbourhood. */
  areas?: FormAreas | null;
  /** Fields before the person's own (the programme form's session checkboxes). */
  lead?: SafeHtml;
  /** Fields just before the consent (the programme form's "follow"). */
  beforeConsent?: SafeHtml;
  /** The submit button's text; "Register" when absent. */
  submitLabel?: string;
  /** Field errors the form shows itself, listed first in the summary (id to focus, message). */
  extraErrors?: Array<{ id: string; message: string }>;
  /**
   * Server-rendered after a failed post without JavaScript: the error summary takes focus on load
   * (`autofocus`, as the script moves focus there) and says that the values were not kept.
   */
  noScriptErrors?: boolean;
}

export const fieldId = (field: RegistrationField | 'website'): string => `sg-${field}`;
export const errorId = (field: RegistrationField): string => `sg-${field}-error`;
// The error summary links to the field's id; for the language radios that is the first one.
const languageId = (l: Lang): string => (l === 'nl' ? fieldId('language') : 'sg-language-en');

function describedBy(...ids: Array<string | false | null | undefined>): SafeHtml {
  const list = ids.filter((x): x is string => typeof x === 'string' && x !== '');
  return list.length ? html` aria-describedby="${list.join(' ')}"` : html``;
}

export function registrationFormHtml(o: RegistrationFormOptions): SafeHtml {
  const m = t(o.lang);
  const v = o.values ?? {};
  const errs = new Map<string, string>((o.fieldErrors ?? []).map((e) => [e.field, e.message]));
  const err = (f: RegistrationField) => errs.get(f);
  const questions = o.questions ?? [];
  // The summary lists errors in the order of the form, each linking to its field.
  const summaryOrder: Array<{ field: string; id: string }> = [
    ...(
      ['name', 'email', 'role', 'organisation', 'neighbourhood', 'area', 'areaOther', 'postcode', 'language'] as const
    ).map((f) => ({
      field: f,
      id: fieldId(f),
    })),
    ...questions.map((q) => ({ field: `answers.${q.id}`, id: questionFocusId(q) })),
    { field: 'consent', id: fieldId('consent') },
  ];
  const invalid = (f: RegistrationField) => html`${attr('aria-invalid="true"', errs.has(f))}`;
  const errorText = (f: RegistrationField) => {
    const msg = err(f);
    return msg
      ? html`<p class="sg-field-error" id="${errorId(f)}"><span class="sg-visually-hidden">${m.errorPrefix}</span> ${msg}</p>`
      : '';
  };
  const errorRef = (f: RegistrationField) => (errs.has(f) ? errorId(f) : null);
  const group = (f: RegistrationField) => `sg-field${errs.has(f) ? ' sg-field--error' : ''}`;
  const mailLang = v.language === 'en' || v.language === 'nl' ? v.language : o.lang;

  return html`
${errorSummaryHtml(
  o.lang,
  o.headingLevel,
  o.noScriptErrors ? [o.general, m.noScriptNotKept].filter(Boolean).join(' ') : o.general,
  [
    ...(o.extraErrors ?? []),
    ...summaryOrder.flatMap(({ field, id }) => {
      const message = errs.get(field);
      return message ? [{ id, message }] : [];
    }),
  ],
  o.noScriptErrors === true,
)}
<form class="sg-form" method="post" action="${o.action}" accept-charset="utf-8" data-sg-form="register">
  <p class="sg-hint">${m.requiredHint}</p>
  <input type="hidden" name="lang" value="${o.lang}">
  ${o.lead ?? ''}
  <div class="${group('name')}">
    <label class="sg-label" for="${fieldId('name')}">${m.fieldName} <span class="sg-req">${m.required}</span></label>
    ${errorText('name')}
    <input class="sg-input" id="${fieldId('name')}" name="name" type="text" autocomplete="name" required maxlength="200" value="${v.name ?? ''}"${invalid('name')}${describedBy(errorRef('name'))}>
  </div>
  <div class="${group('email')}">
    <label class="sg-label" for="${fieldId('email')}">${m.fieldEmail} <span class="sg-req">${m.required}</span></label>
    <p class="sg-hint" id="sg-email-hint">${m.fieldEmailHint}</p>
    ${errorText('email')}
    <input class="sg-input" id="${fieldId('email')}" name="email" type="email" autocomplete="email" spellcheck="false" required maxlength="254" value="${v.email ?? ''}"${invalid('email')}${describedBy('sg-email-hint', errorRef('email'))}>
  </div>
  <div class="${group('role')}">
    <label class="sg-label" for="${fieldId('role')}">${m.fieldRole} <span class="sg-req">${m.required}</span></label>
    ${errorText('role')}
    <select class="sg-select" id="${fieldId('role')}" name="role" autocomplete="organization-title" required${invalid('role')}${describedBy(errorRef('role'))}>
      <option value="">${m.chooseRole}</option>
      ${roleOrder.map((r) => html`<option value="${r}"${attr('selected', v.role === r)}>${roleLabels[r][o.lang]}</option>`)}
    </select>
  </div>
  <div class="${group('organisation')}">
    <label class="sg-label" for="${fieldId('organisation')}">${m.fieldOrganisation} <span class="sg-opt">${m.optional}</span></label>
    ${errorText('organisation')}
    <input class="sg-input" id="${fieldId('organisation')}" name="organisation" type="text" autocomplete="organization" maxlength="200" value="${v.organisation ?? ''}"${invalid('organisation')}${describedBy(errorRef('organisation'))}>
  </div>
  ${
    o.areas
      ? areaFieldsHtml(o.areas, o.lang, v, (f) => ({
          group: group(f),
          error: errorText(f),
          invalid: invalid(f),
          errorRef: errorRef(f),
        }))
      : html`<div class="${group('neighbourhood')}">
    <label class="sg-label" for="${fieldId('neighbourhood')}">${m.fieldNeighbourhood} <span class="sg-opt">${m.optional}</span></label>
    ${errorText('neighbourhood')}
    <input class="sg-input" id="${fieldId('neighbourhood')}" name="neighbourhood" type="text" autocomplete="address-level3" maxlength="200" value="${v.neighbourhood ?? ''}"${invalid('neighbourhood')}${describedBy(errorRef('neighbourhood'))}>
  </div>`
  }
  <fieldset class="${group('language')} sg-fieldset"${describedBy(errorRef('language'))}>
    <legend class="sg-label">${m.fieldLanguage}</legend>
    ${errorText('language')}
    ${(['nl', 'en'] as const).map(
      (l) => html`<div class="sg-choice">
      <input class="sg-radio" id="${languageId(l)}" name="language" type="radio" value="${l}"${attr('checked', mailLang === l)}>
      <label for="${languageId(l)}" lang="${l}">${languageNames[l]}</label>
    </div>`,
    )}
  </fieldset>
  ${questionsHtml(questions, o.lang, v.answers ?? {}, errs)}
  ${o.beforeConsent ?? ''}
  <div class="${group('consent')}">
    ${errorText('consent')}
    <div class="sg-choice">
      <input class="sg-checkbox" id="${fieldId('consent')}" name="consent" type="checkbox" value="on" required${attr('checked', v.consent === true)}${invalid('consent')}${describedBy(errorRef('consent'), o.privacyUrl ? 'sg-privacy' : null)}>
      <label for="${fieldId('consent')}">${m.fieldConsent} <span class="sg-req">${m.required}</span></label>
    </div>
    ${
      o.privacyUrl
        ? html`<p class="sg-hint" id="sg-privacy"><a href="${o.privacyUrl}" target="_blank" rel="noopener">${m.privacyLink} <span class="sg-visually-hidden">${m.newWindow}</span></a>${o.privacyVersion ? html` <span class="sg-privacy-version">(${m.privacyVersion(o.privacyVersion)})</span>` : ''}</p>`
        : ''
    }
  </div>
  <div class="sg-hp" hidden>
    <label for="${fieldId('website')}">${m.honeypot}</label>
    <input id="${fieldId('website')}" name="website" type="text" tabindex="-1" autocomplete="off" value="">
  </div>
  <button class="sg-button" type="submit">${o.submitLabel ?? m.submitRegistration}</button>
</form>`;
}
