import type { ViewContext } from '../context';
import { heading, html, type SafeHtml } from '../html';
import { t } from '../i18n';
import type { Lang } from '../types';

export const ERROR_SUMMARY_ID = 'sg-error-summary';

/**
 * The box at the top of a form after a failed attempt: a heading, a message not tied to one field,
 * and a link to each field in error (the widget moves focus on those links, see app.ts). The view
 * moves focus to the box itself so a screen reader reads it first.
 */
export function errorSummaryHtml(
  lang: Lang,
  headingLevel: number,
  general: string | null | undefined,
  fields: Array<{ id: string; message: string }>,
  autofocus = false,
): SafeHtml {
  if (!general && fields.length === 0) return html``;
  return html`<div class="sg-error-summary" id="${ERROR_SUMMARY_ID}" tabindex="-1"${autofocus ? html` autofocus` : ''} role="group" aria-labelledby="sg-error-summary-title">
  ${heading(headingLevel, t(lang).errorSummaryTitle, html` id="sg-error-summary-title"`)}
  ${general ? html`<p>${general}</p>` : ''}
  ${fields.length ? html`<ul>${fields.map((f) => html`<li><a href="#${f.id}" data-sg-focus="${f.id}">${f.message}</a></li>`)}</ul>` : ''}
</div>`;
}

/** After a failed attempt: focus on the summary, and say how many fields need attention (or what went wrong). */
export function announceProblem(
  ctx: Pick<ViewContext, 'lang' | 'focus' | 'announce'>,
  problem: { fieldErrors: readonly unknown[]; general: string | null },
): void {
  ctx.focus(ERROR_SUMMARY_ID);
  const m = t(ctx.lang);
  ctx.announce(problem.fieldErrors.length ? m.errorsAnnounced(problem.fieldErrors.length) : (problem.general ?? ''));
}
