import type { ViewFactory } from '../context';
import { attr, heading, html } from '../html';
import { localised, localisedLang, t } from '../i18n';
import type { ApiProgramme, ApiSession } from '../types';
import { ERROR_SUMMARY_ID, errorSummaryHtml } from '../views/error-summary';
import { sessionDetailsHtml } from '../views/session-summary';
import {
  buildFeedbackPayload,
  describeFeedbackProblem,
  type FeedbackField,
  type FeedbackFormValues,
  type FeedbackProblem,
  MAX_ANSWER,
  validateFeedback,
} from './contract';

type State =
  | { kind: 'loading' }
  | { kind: 'no-token' }
  | { kind: 'unknown' }
  | { kind: 'failed'; networkError: boolean }
  | {
      kind: 'ready';
      session: ApiSession;
      questions: ApiProgramme['feedbackQuestions'];
      problem: FeedbackProblem | null;
      submitting: boolean;
    }
  | { kind: 'closed'; session: ApiSession; message: string }
  | { kind: 'done'; session: ApiSession };

const fieldDomId = (f: FeedbackField): string => `sg-fb-${f.replace(/[^a-z0-9-]/gi, '-')}`;

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
  const form = () => ctx.el.querySelector<HTMLFormElement>('form[data-sg-form="feedback"]');

  const render = () => {
    const current = form();
    if (current) values = readFeedbackForm(current);
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
      case 'closed':
        return ctx.show(
          html`${title}${sessionDetailsHtml(state.session, ctx.lang)}<p class="sg-notice" id="sg-fb-closed" tabindex="-1">${state.message}</p>`,
        );
      case 'done':
        return ctx.show(
          html`${title}${sessionDetailsHtml(state.session, ctx.lang)}<p class="sg-result sg-result--confirmed" id="sg-fb-done" tabindex="-1">${m.feedbackThanks}</p>`,
        );
      case 'ready': {
        const errs = new Map((state.problem?.fieldErrors ?? []).map((e) => [e.field, e.message]));
        const errorText = (f: FeedbackField) =>
          errs.has(f)
            ? html`<p class="sg-field-error" id="${fieldDomId(f)}-error"><span class="sg-visually-hidden">${m.errorPrefix}</span> ${errs.get(f)}</p>`
            : '';
        const aria = (f: FeedbackField) =>
          errs.has(f) ? html` aria-invalid="true" aria-describedby="${fieldDomId(f)}-error"` : html``;
        ctx.show(html`${title}
${sessionDetailsHtml(state.session, ctx.lang)}
<p>${m.feedbackIntro}</p>
${errorSummaryHtml(
  ctx.lang,
  h + 1,
  state.problem?.general,
  [...errs].map(([f, message]) => ({ id: fieldDomId(f), message })),
)}
<form class="sg-form" data-sg-form="feedback" novalidate>
  <fieldset class="sg-field sg-fieldset${errs.has('rating') ? ' sg-field--error' : ''}"${errs.has('rating') ? html` aria-describedby="${fieldDomId('rating')}-error"` : ''}>
    <legend class="sg-label">${m.rating} <span class="sg-req">${m.required}</span></legend>
    ${errorText('rating')}
    <div class="sg-rating">
    ${[1, 2, 3, 4, 5].map(
      (n) => html`<div class="sg-choice">
      <input class="sg-radio" type="radio" name="rating" value="${n}" id="${n === 1 ? fieldDomId('rating') : `sg-fb-rating-${n}`}"${attr('checked', values.rating === String(n))}>
      <label for="${n === 1 ? fieldDomId('rating') : `sg-fb-rating-${n}`}">${m.ratingValue(n)}</label>
    </div>`,
    )}
    </div>
  </fieldset>
  ${state.questions.map((q) => {
    const f: FeedbackField = `answers.${q.id}`;
    return html`<div class="sg-field${errs.has(f) ? ' sg-field--error' : ''}">
    <label class="sg-label" for="${fieldDomId(f)}" lang="${localisedLang(q.text, ctx.lang)}">${localised(q.text, ctx.lang)} <span class="sg-opt" lang="${ctx.lang}">${m.optional}</span></label>
    ${errorText(f)}
    <textarea class="sg-textarea" id="${fieldDomId(f)}" name="answers.${q.id}" rows="4" maxlength="${MAX_ANSWER}"${aria(f)}>${values.answers[q.id] ?? ''}</textarea>
  </div>`;
  })}
  <div class="sg-field${errs.has('comment') ? ' sg-field--error' : ''}">
    <label class="sg-label" for="${fieldDomId('comment')}">${m.comment} <span class="sg-opt">${m.optional}</span></label>
    ${errorText('comment')}
    <textarea class="sg-textarea" id="${fieldDomId('comment')}" name="comment" rows="4" maxlength="${MAX_ANSWER}"${aria('comment')}>${values.comment}</textarea>
  </div>
  <button class="sg-button" type="submit"${state.submitting ? html` aria-disabled="true"` : ''}>${state.submitting ? m.submitting : m.submitFeedback}</button>
</form>`);
        return;
      }
    }
  };

  const showProblem = (problem: FeedbackProblem) => {
    if (state.kind !== 'ready') return;
    state = { ...state, problem, submitting: false };
    render();
    ctx.focus(ERROR_SUMMARY_ID);
    const m = t(ctx.lang);
    ctx.announce(problem.fieldErrors.length ? m.errorsAnnounced(problem.fieldErrors.length) : (problem.general ?? ''));
  };

  ctx.el.addEventListener('submit', (ev) => {
    const f = ev.target as HTMLFormElement;
    if (f.getAttribute('data-sg-form') !== 'feedback' || state.kind !== 'ready') return;
    ev.preventDefault();
    if (state.submitting) return;
    values = readFeedbackForm(f);
    const invalid = validateFeedback(values, ctx.lang);
    if (invalid.fieldErrors.length) return showProblem(invalid);
    const { session, questions } = state;
    state = { ...state, problem: null, submitting: true };
    render();
    void ctx.api.post(buildFeedbackPayload(values, questions), 'feedback', token).then((res) => {
      const m = t(ctx.lang);
      if (res.ok) {
        state = { kind: 'done', session };
        render();
        ctx.focus('sg-fb-done');
        ctx.announce(m.feedbackThanks);
        return;
      }
      const problem = describeFeedbackProblem(res.status, res.ok ? null : res.problem, ctx.lang);
      if (res.status === 409 || res.status === 404) {
        state = { kind: 'closed', session, message: problem.general ?? m.feedbackUnavailable };
        render();
        ctx.focus('sg-fb-closed');
        ctx.announce(state.message);
        return;
      }
      showProblem(problem);
    });
  });

  if (token) {
    void (async () => {
      const reg = await ctx.api.registration(token);
      if (!reg.ok || !reg.body?.session) {
        state = reg.status === 404 ? { kind: 'unknown' } : { kind: 'failed', networkError: reg.status === 0 };
        return render();
      }
      const session = reg.body.session;
      const prog = await ctx.api.get<{ programme: ApiProgramme }>('programmes', session.programmeId);
      // Without the programme's questions the rating and comment still work.
      const questions =
        prog.ok && Array.isArray(prog.body?.programme?.feedbackQuestions) ? prog.body.programme.feedbackQuestions : [];
      state = { kind: 'ready', session, questions, problem: null, submitting: false };
      render();
    })();
  }

  return { render };
};
