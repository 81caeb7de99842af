import { attr, html, type SafeHtml } from '../html';
import { localised, localisedLang, t } from '../i18n';
import type { Lang, LocalisedText } from '../types';

/**
 * The area field of programmes that list their areas: a select instead of free text, a text field
 * for "other", and the postcode's 4 digits when the programme asks. All optional.
 */
export interface FormAreas {
  options: Array<{ id: string; label: LocalisedText }>;
  askPostcode: boolean;
}

export type AreaField = 'area' | 'areaOther' | 'postcode';
export interface AreaValues {
  area?: string;
  areaOther?: string;
  postcode?: string;
}

type Field = (f: AreaField) => { group: string; error: SafeHtml | ''; invalid: SafeHtml; errorRef: string | null };

function describedBy(...ids: Array<string | null>): SafeHtml {
  const list = ids.filter((x): x is string => x !== null);
  return list.length ? html` aria-describedby="${list.join(' ')}"` : html``;
}

export function areaFieldsHtml(areas: FormAreas, lang: Lang, v: AreaValues, field: Field): SafeHtml {
  const m = t(lang);
  const opt = html` <span class="sg-opt">${m.optional}</span>`;
  const area = field('area');
  const other = field('areaOther');
  const postcode = field('postcode');
  return html`<div class="${area.group}">
    <label class="sg-label" for="sg-area">${m.fieldArea}${opt}</label>
    ${area.error}
    <select class="sg-select" id="sg-area" name="area"${area.invalid}${describedBy(area.errorRef)}>
      <option value="">${m.chooseArea}</option>
      ${areas.options.map(
        (o) =>
          html`<option value="${o.id}"${attr('selected', v.area === o.id)}${localisedLang(o.label, lang) === lang ? '' : html` lang="nl"`}>${localised(o.label, lang)}</option>`,
      )}
    </select>
  </div>
  <div class="${other.group}">
    <label class="sg-label" for="sg-areaOther">${m.fieldAreaOther}${opt}</label>
    <p class="sg-hint" id="sg-areaOther-hint">${m.fieldAreaOtherHint}</p>
    ${other.error}
    <input class="sg-input" id="sg-areaOther" name="areaOther" type="text" maxlength="200" value="${v.areaOther ?? ''}"${other.invalid}${describedBy('sg-areaOther-hint', other.errorRef)}>
  </div>
  ${
    areas.askPostcode
      ? html`<div class="${postcode.group}">
    <label class="sg-label" for="sg-postcode">${m.fieldPostcode}${opt}</label>
    <p class="sg-hint" id="sg-postcode-hint">${m.fieldPostcodeHint}</p>
    ${postcode.error}
    <input class="sg-input" id="sg-postcode" name="postcode" type="text" inputmode="numeric" maxlength="4" value="${v.postcode ?? ''}"${postcode.invalid}${describedBy('sg-postcode-hint', postcode.errorRef)}>
  </div>`
      : ''
  }`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the API refuses
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

export function validateArea(
  areas: FormAreas,
  v: AreaValues,
  lang: Lang,
): Array<{ field: AreaField; message: string }> {
  const m = t(lang);
  const errors: Array<{ field: AreaField; message: string }> = [];
  const other = (v.areaOther ?? '').trim();
  if (other !== '' && (v.area !== 'other' || other.length > 200 || CONTROL.test(other))) {
    errors.push({ field: 'areaOther', message: m.errAreaOther });
  }
  const digits = (v.postcode ?? '').replace(/\s/g, '');
  if (areas.askPostcode && digits !== '' && !/^[1-9]\d{3}$/.test(digits)) {
    errors.push({ field: 'postcode', message: m.errPostcode });
  }
  return errors;
}
