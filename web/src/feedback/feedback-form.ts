import { attr, html, type SafeHtml } from '../html';
import { localised, localisedLang, t } from '../i18n';
import type { Lang } from '../types';
import { errorSummaryHtml } from '../views/error-summary';
import type { FeedbackField, FeedbackFormValues, FeedbackLimits, FeedbackProblem, FeedbackQuestion } from './contract';

/**
 * The feedback form as markup. Pure, so the server can render the same form for browsers without
 * JavaScript: a plain urlencoded POST to the API (answers as `answers.<questionId>` fields), which
 * the API answers with a redirect back to the page.
 */
export interface FeedbackFormOptions {
  lang: Lang;
  action: string;
  questions: readonly FeedbackQuestion[];
  limits: FeedbackLimits;
  /** Heading level of the error summary title. */
  headingLevel: number;
  values: FeedbackFormValues;
  problem: FeedbackProblem | null;
  submitLabel: string;
  submitting?: boolean;
}

export const feedbackFieldId = (f: FeedbackField): string => `sg-fb-${f.replace(/[^a-z0-9-]/gi, '-')}`;
const ratingId = (n: number) => (n === 1 ? feedbackFieldId('rating') : `sg-fb-rating-${n}`);

export function feedbackFormHtml(o: FeedbackFormOptions): SafeHtml {
  const m = t(o.lang);
  const errs = new Map((o.problem?.fieldErrors ?? []).map((e) => [e.field, e.message]));
  const errorText = (f: FeedbackField) =>
    errs.has(f)
      ? html`<p class="sg-field-error" id="${feedbackFieldId(f)}-error"><span class="sg-visually-hidden">${m.errorPrefix}</span> ${errs.get(f)}</p>`
      : '';
  const aria = (f: FeedbackField) =>
    errs.has(f) ? html` aria-invalid="true" aria-describedby="${feedbackFieldId(f)}-error"` : html``;
  const group = (f: FeedbackField) => `sg-field${errs.has(f) ? ' sg-field--error' : ''}`;
  return html`${errorSummaryHtml(
    o.lang,
    o.headingLevel,
    o.problem?.general,
    [...errs].map(([f, message]) => ({ id: feedbackFieldId(f), message })),
  )}
<form class="sg-form" method="post" action="${o.action}" accept-charset="utf-8" data-sg-form="feedback">
  <fieldset class="${group('rating')} sg-fieldset"${errs.has('rating') ? html` aria-describedby="${feedbackFieldId('rating')}-error"` : ''}>
    <legend class="sg-label">${m.rating} <span class="sg-req">${m.required}</span></legend>
    ${errorText('rating')}
    <div class="sg-rating">
    ${[1, 2, 3, 4, 5].map(
      (n) => html`<div class="sg-choice">
      <input class="sg-radio" type="radio" name="rating" value="${n}" id="${ratingId(n)}" required${attr('checked', o.values.rating === String(n))}>
      <label for="${ratingId(n)}">${m.ratingValue(n)}</label>
    </div>`,
    )}
    </div>
  </fieldset>
  ${o.questions.map((q) => {
    const f: FeedbackField = `answers.${q.id}`;
    return html`<div class="${group(f)}">
    <label class="sg-label" for="${feedbackFieldId(f)}" lang="${localisedLang(q.text, o.lang)}">${localised(q.text, o.lang)} <span class="sg-opt" lang="${o.lang}">${m.optional}</span></label>
    ${errorText(f)}
    <textarea class="sg-textarea" id="${feedbackFieldId(f)}" name="answers.${q.id}" rows="4" maxlength="${o.limits.answer}"${aria(f)}>${o.values.answers[q.id] ?? ''}</textarea>
  </div>`;
  })}
  <div class="${group('comment')}">
    <label class="sg-label" for="${feedbackFieldId('comment')}">${m.comment} <span class="sg-opt">${m.optional}</span></label>
    ${errorText('comment')}
    <textarea class="sg-textarea" id="${feedbackFieldId('comment')}" name="comment" rows="4" maxlength="${o.limits.comment}"${aria('comment')}>${o.values.comment}</textarea>
  </div>
  <button class="sg-button" type="submit" id="sg-fb-submit"${o.submitting ? html` aria-disabled="true"` : ''}>${o.submitting ? m.submitting : o.submitLabel}</button>
</form>`;
}
