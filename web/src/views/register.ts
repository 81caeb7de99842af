import type { Registered } from '../api';
import type { ViewContext, ViewFactory } from '../context';
import { isPlainClick } from '../dom';
import { heading, html, type SafeHtml } from '../html';
import { t } from '../i18n';
import { describeRegistrationProblem, type FieldError, type FormProblem } from '../problems';
import type { ApiSession, RegistrationQuestion } from '../types';
import { pageUrl, registrationActionUrl } from '../urls';
import { validateRegistration } from '../validate';
import { announceProblem } from './error-summary';
import { type FormAreas, validateArea } from './register-area';
import { type RegistrationFormValues, registrationFormHtml } from './register-form';
import { answersPayload, readAnswers, validateAnswers } from './register-questions';
import { sessionDetailsHtml } from './session-summary';

type State =
  | { kind: 'loading' }
  | { kind: 'no-session' }
  | { kind: 'not-found' }
  | { kind: 'failed'; networkError: boolean }
  | {
      kind: 'ready';
      session: ApiSession;
      problem: FormProblem | null;
      submitting: boolean;
      /** The programme's privacy notice when the API has one, else the configured URL (no version). */
      privacy: PrivacyLink | null;
      /** The programme's own questions (none when it asks none or the call failed). */
      questions: RegistrationQuestion[];
      areas: FormAreas | null;
    }
  | { kind: 'done'; session: ApiSession; result: Registered };

interface PrivacyLink {
  url: string;
  version: string | null;
}

/** Only http(s) links from the API are followed; anything else is not rendered as a link. */
const safeHttpUrl = (u: string | undefined): string | null => {
  if (!u) return null;
  try {
    const parsed = new URL(u, 'http://placeholder.invalid');
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
};

export function readRegistrationForm(
  form: HTMLFormElement,
  questions: readonly RegistrationQuestion[] = [],
): RegistrationFormValues & { website: string } {
  const data = new FormData(form);
  const text = (k: string) => {
    const v = data.get(k);
    return typeof v === 'string' ? v : '';
  };
  return {
    name: text('name'),
    email: text('email'),
    role: text('role'),
    organisation: text('organisation'),
    neighbourhood: text('neighbourhood'),
    area: text('area'),
    areaOther: text('areaOther'),
    postcode: text('postcode'),
    language: text('language') || undefined,
    consent: data.get('consent') !== null,
    website: text('website'),
    answers: readAnswers(data, questions),
  };
}

function backLink(ctx: ViewContext): SafeHtml {
  const m = t(ctx.lang);
  return html`<p class="sg-back"><a href="${pageUrl(ctx.pagesBase, 'index.html', { lang: ctx.lang === 'nl' ? undefined : ctx.lang })}" data-sg-back>${m.backToProgramme}</a></p>`;
}

export const registerView: ViewFactory = (ctx, params) => {
  const sessionId = params.session ?? '';
  let state: State = sessionId ? { kind: 'loading' } : { kind: 'no-session' };
  let values: RegistrationFormValues = {};
  let renderedLang = ctx.lang;

  const form = () => ctx.el.querySelector<HTMLFormElement>('form[data-sg-form="register"]');

  const render = () => {
    const current = form();
    if (current) values = readRegistrationForm(current, state.kind === 'ready' ? state.questions : []);
    // The mail language follows the page's language until the registrant picks one that differs.
    if (ctx.lang !== renderedLang && values.language === renderedLang) values.language = undefined;
    renderedLang = ctx.lang;
    const m = t(ctx.lang);
    const h = ctx.headingLevel;
    const title = (text: string) => heading(h, text, html` id="sg-view-title" tabindex="-1"`);
    switch (state.kind) {
      case 'loading':
        return ctx.show(html`${backLink(ctx)}${title(m.registerTitle)}<p>${m.loading}</p>`);
      case 'no-session':
        return ctx.show(
          html`${title(m.registerTitle)}<p>${m.noSessionChosen}</p><p><a href="${pageUrl(ctx.pagesBase, 'index.html', {})}" data-sg-back>${m.chooseFromProgramme}</a></p>`,
        );
      case 'not-found':
        return ctx.show(
          html`${backLink(ctx)}${title(m.registerTitle)}<p class="sg-notice sg-notice--error">${m.sessionNotFound}</p>`,
        );
      case 'failed':
        return ctx.show(
          html`${backLink(ctx)}${title(m.registerTitle)}<p class="sg-notice sg-notice--error">${state.networkError ? m.networkError : m.genericError}</p>`,
        );
      case 'ready': {
        const s = state.session;
        const closed = s.status === 'cancelled' || !s.registrationOpen;
        ctx.show(html`${backLink(ctx)}${title(m.registerTitle)}
${sessionDetailsHtml(s, ctx.lang)}
${
  closed
    ? s.status === 'cancelled'
      ? ''
      : html`<p class="sg-notice">${m.registrationClosed}</p>`
    : registrationFormHtml({
        lang: ctx.lang,
        action: registrationActionUrl(ctx.apiBase, s.id),
        privacyUrl: state.privacy?.url ?? null,
        privacyVersion: state.privacy?.version ?? null,
        headingLevel: h + 1,
        values,
        fieldErrors: state.problem?.fieldErrors ?? [],
        general: state.problem?.general ?? null,
        questions: state.questions,
        areas: state.areas,
      })
}`);
        const f = form();
        if (f) {
          // The script checks and explains errors itself; without it the browser's checks apply.
          f.noValidate = true;
          const button = f.querySelector<HTMLButtonElement>('button[type="submit"]');
          if (button && state.submitting) {
            button.setAttribute('aria-disabled', 'true');
            button.textContent = m.submitting;
          }
        }
        return;
      }
      case 'done': {
        const { registration, manageUrl } = state.result;
        const waitlisted = registration.status === 'waitlisted';
        const link = safeHttpUrl(manageUrl);
        ctx.show(html`${backLink(ctx)}
<div class="sg-result ${waitlisted ? 'sg-result--waitlisted' : 'sg-result--confirmed'}">
  ${title(waitlisted ? m.waitlistedTitle : m.confirmedTitle)}
  <p>${waitlisted ? m.waitlistedBody(registration.waitlistPosition) : m.confirmedBody}</p>
  ${link ? html`<p><a href="${link}">${m.manageLink}</a></p>` : ''}
</div>
${sessionDetailsHtml(state.session, ctx.lang)}`);
        return;
      }
    }
  };

  const showProblem = (problem: FormProblem) => {
    if (state.kind !== 'ready') return;
    state = { ...state, problem, submitting: false };
    render();
    announceProblem(ctx, problem);
  };

  ctx.el.addEventListener('click', (ev) => {
    const back = (ev.target as Element | null)?.closest?.('a[data-sg-back]');
    if (back && ctx.inPlace && isPlainClick(ev)) {
      ev.preventDefault();
      ctx.navigate('programme', {}, params.returnFocusTo);
    }
  });

  ctx.el.addEventListener('submit', (ev) => {
    const f = ev.target as HTMLFormElement;
    if (f.getAttribute('data-sg-form') !== 'register' || state.kind !== 'ready') return;
    ev.preventDefault();
    if (state.submitting) return;
    const questions = state.questions;
    const v = readRegistrationForm(f, questions);
    values = v;
    const fieldErrors: FieldError[] = [
      ...validateRegistration(v, ctx.lang),
      ...(state.areas ? validateArea(state.areas, v, ctx.lang) : []),
      ...validateAnswers(questions, v.answers ?? {}, ctx.lang),
    ];
    if (fieldErrors.length) return showProblem({ fieldErrors, general: null });
    state = { ...state, problem: null, submitting: true };
    render();
    ctx.announce(t(ctx.lang).submitting);
    const session = state.session;
    void ctx.api
      .register(session.id, {
        name: v.name ?? '',
        email: v.email ?? '',
        role: v.role ?? '',
        organisation: v.organisation || undefined,
        neighbourhood: v.neighbourhood || undefined,
        ...(state.areas
          ? {
              area: v.area || undefined,
              areaOther: v.areaOther?.trim() || undefined,
              postcode: v.postcode?.trim() || undefined,
            }
          : {}),
        language: v.language ?? ctx.lang,
        consent: v.consent === true,
        website: v.website,
        ...(questions.length > 0 ? { answers: answersPayload(questions, v.answers ?? {}) } : {}),
      })
      .then((res) => {
        if (res.ok && res.body?.registration) {
          state = { kind: 'done', session, result: res.body };
          values = {};
          render();
          ctx.focus('sg-view-title');
          const m = t(ctx.lang);
          const r = res.body.registration;
          ctx.announce(
            r.status === 'waitlisted'
              ? `${m.waitlistedTitle}. ${m.waitlistedBody(r.waitlistPosition)}`
              : `${m.confirmedTitle}. ${m.confirmedBody}`,
          );
          return;
        }
        const problem =
          res.status === 0
            ? { fieldErrors: [], general: t(ctx.lang).networkError }
            : describeRegistrationProblem(res.status, res.ok ? null : res.problem, ctx.lang, questions);
        showProblem(problem);
      });
  });

  /**
   * The notice of the session's programme (GET /programmes/{id}), the configured URL when it has
   * none or the call fails; and the programme's own questions and areas.
   */
  const programmeFor = async (
    session: ApiSession,
  ): Promise<{ privacy: PrivacyLink | null; questions: RegistrationQuestion[]; areas: FormAreas | null }> => {
    const res = await ctx.api.programme(session.programmeId);
    const programme = res.ok ? res.body?.programme : null;
    const questions = Array.isArray(programme?.registrationQuestions) ? programme.registrationQuestions : [];
    const areas = programme?.areas && Array.isArray(programme.areas.options) ? programme.areas : null;
    const notice = programme?.privacyNotice;
    const url = safeHttpUrl(notice?.url);
    const privacy =
      notice && url
        ? { url, version: typeof notice.version === 'string' ? notice.version : null }
        : ctx.privacyUrl
          ? { url: ctx.privacyUrl, version: null }
          : null;
    return { privacy, questions, areas };
  };

  if (sessionId) {
    void (async () => {
      const res = await ctx.api.session(sessionId);
      if (res.ok && res.body?.id) {
        // The form is shown once, complete: re-rendering it while someone types would be worse than the wait.
        state = {
          kind: 'ready',
          session: res.body,
          problem: null,
          submitting: false,
          ...(await programmeFor(res.body)),
        };
      } else if (res.status === 404) state = { kind: 'not-found' };
      else state = { kind: 'failed', networkError: res.status === 0 };
      render();
    })();
  }

  return { render };
};
