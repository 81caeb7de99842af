import type { ViewFactory } from '../context';
import { formatInstant } from '../format';
import { heading, html, type SafeHtml } from '../html';
import { localised, localisedLang, t } from '../i18n';
import type { ApiFeedbackPage, FeedbackRefusalSlug } from '../types';
import { feedbackActionUrl } from '../urls';
import { announceProblem } from '../views/error-summary';
import { sessionDetailsHtml } from '../views/session-summary';
import {
  buildFeedbackPayload,
  describeFeedbackFailure,
  type FeedbackFormValues,
  type FeedbackProblem,
  refusalText,
  validateFeedback,
  valuesFromFeedback,
} from './contract';
import { feedbackFormHtml } from './feedback-form';

type State =
  | { kind: 'loading' }
  | { kind: 'no-token' }
  | { kind: 'unknown' }
  | { kind: 'failed'; networkError: boolean }
  | {
      kind: 'ready';
      page: ApiFeedbackPage;
      problem: FeedbackProblem | null;
      submitting: boolean;
      /** Set after a save: the first submission, a change, or a plain form post that came back (?saved=1). */
      saved: 'created' | 'updated' | null;
      /** A refusal a submission ran into that GET did not know yet (e.g. the window closed meanwhile). */
      refusedUnknown: boolean;
    };

function readFeedbackForm(form: HTMLFormElement): FeedbackFormValues {
  const data = new FormData(form);
  const answers: Record<string, string> = {};
  for (const [k, v] of data.entries()) {
    if (k.startsWith('answers.') && typeof v === 'string') answers[k.slice('answers.'.length)] = v;
  }
  const rating = data.get('rating');
  const comment = data.get('comment');
  return {
    rating: typeof rating === 'string' ? rating : '',
    answers,
    comment: typeof comment === 'string' ? comment : '',
  };
}

export const feedbackView: ViewFactory = (ctx, params) => {
  const token = params.token ?? '';
  let state: State = token ? { kind: 'loading' } : { kind: 'no-token' };
  let values: FeedbackFormValues = { rating: '', answers: {}, comment: '' };
  /** Set when `values` were just taken from the API, so the form on screen must not overwrite them. */
  let valuesFresh = false;
  const form = () => ctx.el.querySelector<HTMLFormElement>('form[data-sg-form="feedback"]');

  /** The saved feedback, read-only: shown when it can no longer be changed. */
  const savedFeedbackHtml = (page: ApiFeedbackPage): SafeHtml => {
    const f = page.feedback;
    if (!f) return html``;
    const m = t(ctx.lang);
    return html`<section aria-labelledby="sg-fb-saved-title">
  ${heading(ctx.headingLevel + 1, m.feedbackYourAnswers, html` id="sg-fb-saved-title"`)}
  <dl class="sg-answers">
    <div><dt>${m.rating}</dt><dd>${m.ratingValue(f.rating)}</dd></div>
    ${page.questions.map(
      (q) =>
        html`<div><dt lang="${localisedLang(q.text, ctx.lang)}">${localised(q.text, ctx.lang)}</dt><dd class="sg-pre">${f.answers[q.id] ?? m.feedbackNoAnswer}</dd></div>`,
    )}
    <div><dt>${m.comment}</dt><dd class="sg-pre">${f.comment ?? m.feedbackNoAnswer}</dd></div>
  </dl>
</section>`;
  };

  const render = () => {
    const current = form();
    if (current && !valuesFresh) values = readFeedbackForm(current);
    valuesFresh = false;
    const m = t(ctx.lang);
    const h = ctx.headingLevel;
    const title = heading(h, m.feedbackTitle, html` id="sg-view-title" tabindex="-1"`);
    const notice = (text: string) => ctx.show(html`${title}<p class="sg-notice sg-notice--error">${text}</p>`);
    switch (state.kind) {
      case 'loading':
        return ctx.show(html`${title}<p>${m.loading}</p>`);
      case 'no-token':
        return notice(m.noToken);
      case 'unknown':
        return notice(m.unknownToken);
      case 'failed':
        return notice(state.networkError ? m.networkError : m.genericError);
      case 'ready': {
        const { page, saved } = state;
        const zone = page.session.timeZone;
        const closes = formatInstant(page.window.closesAt, zone, ctx.lang);
        const savedBox = saved
          ? html`<div class="sg-result sg-result--confirmed" id="sg-fb-saved" tabindex="-1">
  <p><strong>${m.feedbackThanks}</strong> ${saved === 'updated' ? m.feedbackUpdated(closes) : m.feedbackSaved(closes)}</p>
</div>`
          : '';
        if (!page.accepting) {
          const text =
            page.refusal && !state.refusedUnknown
              ? refusalText(page.refusal.slug, page.window, zone, ctx.lang)
              : m.feedbackUnavailable;
          return ctx.show(html`${title}
${sessionDetailsHtml(page.session, ctx.lang)}
${savedBox}
<p class="sg-notice" id="sg-fb-closed" tabindex="-1">${text}</p>
${savedFeedbackHtml(page)}`);
        }
        const status = saved
          ? ''
          : page.feedback
            ? html`<p class="sg-notice" id="sg-fb-status">${m.feedbackEarlier(formatInstant(page.feedback.updatedAt, zone, ctx.lang), closes)}</p>`
            : html`<p class="sg-hint" id="sg-fb-status">${m.feedbackWindowOpen(closes)}</p>`;
        ctx.show(html`${title}
${sessionDetailsHtml(page.session, ctx.lang)}
${savedBox}
<p>${m.feedbackIntro}</p>
${status}
${feedbackFormHtml({
  lang: ctx.lang,
  action: feedbackActionUrl(ctx.apiBase, token),
  questions: page.questions,
  limits: page.limits,
  headingLevel: h + 1,
  values,
  problem: state.problem,
  submitLabel: page.feedback ? m.saveChanges : m.submitFeedback,
  submitting: state.submitting,
})}`);
        // The script checks and explains errors itself; without it the browser's checks apply.
        const f = form();
        if (f) f.noValidate = true;
        return;
      }
    }
  };

  const showProblem = (problem: FeedbackProblem) => {
    if (state.kind !== 'ready') return;
    state = { ...state, problem, submitting: false };
    render();
    announceProblem(ctx, problem);
  };

  const refuse = (slug: FeedbackRefusalSlug | null) => {
    if (state.kind !== 'ready') return;
    const page: ApiFeedbackPage = {
      ...state.page,
      accepting: false,
      refusal: slug ? { slug, detail: '' } : state.page.refusal,
    };
    state = { ...state, page, problem: null, submitting: false, saved: null, refusedUnknown: slug === null };
    render();
    ctx.focus('sg-fb-closed');
    ctx.announce(ctx.el.querySelector('#sg-fb-closed')?.textContent ?? '');
  };

  ctx.el.addEventListener('submit', (ev) => {
    const f = ev.target as HTMLFormElement;
    if (f.getAttribute('data-sg-form') !== 'feedback' || state.kind !== 'ready') return;
    ev.preventDefault();
    if (state.submitting) return;
    values = readFeedbackForm(f);
    const invalid = validateFeedback(values, ctx.lang, state.page.limits);
    if (invalid.fieldErrors.length) return showProblem(invalid);
    state = { ...state, problem: null, submitting: true };
    render();
    void ctx.api.submitFeedback(token, buildFeedbackPayload(values, state.page.questions)).then((res) => {
      if (state.kind !== 'ready') return;
      if (res.ok && res.body?.feedback) {
        const feedback = res.body.feedback;
        state = {
          ...state,
          page: { ...state.page, feedback },
          problem: null,
          submitting: false,
          saved: res.status === 201 ? 'created' : 'updated',
        };
        values = valuesFromFeedback(feedback);
        valuesFresh = true;
        render();
        ctx.focus('sg-fb-saved');
        ctx.announce(ctx.el.querySelector('#sg-fb-saved')?.textContent?.trim() ?? '');
        return;
      }
      const failure = describeFeedbackFailure(res.status, res.ok ? null : res.problem, ctx.lang);
      if (failure.kind === 'refused') return refuse(failure.slug);
      if (failure.kind === 'unknown') {
        state = { kind: 'unknown' };
        render();
        ctx.focus('sg-view-title');
        ctx.announce(t(ctx.lang).unknownToken);
        return;
      }
      showProblem(failure.problem);
    });
  });

  if (token) {
    void ctx.api.feedbackPage(token).then((res) => {
      if (res.ok && res.body?.session && res.body.window) {
        const page = res.body;
        values = valuesFromFeedback(page.feedback);
        valuesFresh = true;
        // Back from a plain form post: say it was saved (the page shows what the API holds now).
        const saved = params.saved && page.feedback ? 'created' : null;
        state = { kind: 'ready', page, problem: null, submitting: false, saved, refusedUnknown: false };
      } else if (res.status === 404) state = { kind: 'unknown' };
      else state = { kind: 'failed', networkError: res.status === 0 };
      render();
    });
  }

  return { render };
};
