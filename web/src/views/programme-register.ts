import type { ProgrammeRegistered } from '../api';
import type { ViewFactory } from '../context';
import { attr, heading, html, type SafeHtml } from '../html';
import { localised, statusLabels, t } from '../i18n';
import { describeRegistrationProblem, type FieldError, type FormProblem, problemSlug } from '../problems';
import type { ApiSession, Lang, RegistrationQuestion } from '../types';
import { apiUrl } from '../urls';
import { validateRegistration } from '../validate';
import { announceProblem } from './error-summary';
import { readRegistrationForm } from './register';
import { type FormAreas, validateArea } from './register-area';
import { type RegistrationFormValues, registrationFormHtml } from './register-form';
import { answersPayload, validateAnswers } from './register-questions';
import { whenHtml } from './session-summary';

type State =
  | { kind: 'loading' }
  | { kind: 'no-programme' }
  | { kind: 'failed'; networkError: boolean }
  | {
      kind: 'ready';
      sessions: ApiSession[];
      chosen: Set<string>;
      problem: FormProblem | null;
      sessionsError: boolean;
      submitting: boolean;
      privacyUrl: string | null;
      questions: RegistrationQuestion[];
      areas: FormAreas | null;
    }
  | { kind: 'done'; sessions: ApiSession[]; result: ProgrammeRegistered };

const SESSIONS_ID = 'sg-sessions';
const open = (s: ApiSession) => s.status === 'scheduled' && s.registrationOpen;

/** Why one session of a programme registration was refused, in the reader's language. */
export function refusalText(slug: string | null, lang: Lang): string {
  const m = t(lang);
  if (slug === 'already-registered') return m.alreadyRegistered;
  if (slug === 'registration-closed') return m.registrationClosedError;
  if (slug === 'session-cancelled') return m.sessionCancelledError;
  return m.genericError;
}

/** One checkbox per session of the programme; a closed one is shown, disabled. Pure, shared with serve.ts. */
export function sessionsFieldsetHtml(
  sessions: readonly ApiSession[],
  chosen: ReadonlySet<string>,
  sessionsError: boolean,
  lang: Lang,
): SafeHtml {
  const m = t(lang);
  return html`<fieldset class="sg-field sg-fieldset${sessionsError ? ' sg-field--error' : ''}" id="${SESSIONS_ID}" tabindex="-1"${sessionsError ? html` aria-describedby="sg-sessions-error"` : ''}>
  <legend class="sg-label">${m.chooseSessions} <span class="sg-req">${m.required}</span></legend>
  ${sessionsError ? html`<p class="sg-field-error" id="sg-sessions-error"><span class="sg-visually-hidden">${m.errorPrefix}</span> ${m.errSessions}</p>` : ''}
  ${sessions.map(
    (session) => html`<div class="sg-choice">
    <input class="sg-checkbox" id="sg-session-${session.id}" name="sessions" type="checkbox" value="${session.id}"${attr('checked', chosen.has(session.id))}${attr('disabled', !open(session))}>
    <label for="sg-session-${session.id}">${localised(session.title, lang)} — ${whenHtml(session, lang)}${open(session) ? '' : html` <span class="sg-hint-inline">${m.sessionClosedNote}</span>`}</label>
  </div>`,
  )}
</fieldset>`;
}

/** "Keep me informed about new sessions", just before the consent. */
export const followFieldHtml = (lang: Lang): SafeHtml => {
  const m = t(lang);
  return html`<div class="sg-field"><div class="sg-choice">
    <input class="sg-checkbox" id="sg-follow" name="follow" type="checkbox" value="on" aria-describedby="sg-follow-hint">
    <label for="sg-follow">${m.fieldFollow}</label>
  </div><p class="sg-hint" id="sg-follow-hint">${m.fieldFollowHint}</p></div>`;
};

export const SESSIONS_FIELD_ID = SESSIONS_ID;

/**
 * The programme form: one checkbox per session and the person's details once. Each session is
 * registered on its own (a closed one is refused alone); the answer lists every session.
 */
export const programmeRegisterView: ViewFactory = (ctx, params) => {
  const programmeId = params.programme ?? '';
  let state: State = programmeId ? { kind: 'loading' } : { kind: 'no-programme' };
  let values: RegistrationFormValues = {};
  const form = () => ctx.el.querySelector<HTMLFormElement>('form[data-sg-form="register"]');

  const sessionsFieldset = (s: Extract<State, { kind: 'ready' }>) =>
    sessionsFieldsetHtml(s.sessions, s.chosen, s.sessionsError, ctx.lang);

  const render = () => {
    const current = form();
    if (current && state.kind === 'ready') {
      values = readRegistrationForm(current, state.questions);
      state.chosen = new Set(new FormData(current).getAll('sessions').map(String));
    }
    const m = t(ctx.lang);
    const h = ctx.headingLevel;
    const title = heading(h, m.programmeRegisterTitle, html` id="sg-view-title" tabindex="-1"`);
    if (params.mailed) {
      return ctx.show(
        html`${heading(h, m.mailedTitle, html` id="sg-view-title" tabindex="-1"`)}<p>${m.mailedBody}</p>`,
      );
    }
    switch (state.kind) {
      case 'loading':
        return ctx.show(html`${title}<p>${m.loading}</p>`);
      case 'no-programme':
        return ctx.show(html`${title}<p class="sg-notice sg-notice--error">${m.noProgramme}</p>`);
      case 'failed':
        return ctx.show(
          html`${title}<p class="sg-notice sg-notice--error">${state.networkError ? m.networkError : m.genericError}</p>`,
        );
      case 'done': {
        const { result, sessions } = state;
        const titleOf = (id: string) => localised(sessions.find((s) => s.id === id)?.title ?? { nl: id }, ctx.lang);
        return ctx.show(html`${heading(h, m.personRegisteredTitle, html` id="sg-view-title" tabindex="-1"`)}
<ul class="sg-outcomes">
${result.registrations.map((e) =>
  e.problem
    ? html`<li>${m.refusedFor(titleOf(e.sessionId), refusalText(problemSlug(e.problem), ctx.lang))}</li>`
    : html`<li>${titleOf(e.sessionId)}: ${statusLabels[e.status ?? 'confirmed'][ctx.lang]}${e.status === 'waitlisted' && e.waitlistPosition ? ` (${e.waitlistPosition})` : ''}</li>`,
)}
</ul>
${
  result.personUrl
    ? html`<p><a class="sg-link-button" id="sg-person-link" href="${result.personUrl}${ctx.lang === 'en' ? '&lang=en' : ''}">${m.personTitle}</a></p>`
    : html`<div class="sg-notice">${heading(h + 1, m.mailedTitle)}<p>${m.mailedBody}</p></div>`
}`);
      }
      case 'ready': {
        ctx.show(html`${title}<p>${m.programmeRegisterIntro}</p>
${registrationFormHtml({
  lang: ctx.lang,
  action: apiUrl(ctx.apiBase, 'programmes', programmeId, 'registrations'),
  privacyUrl: state.privacyUrl,
  headingLevel: h + 1,
  values,
  fieldErrors: state.problem?.fieldErrors ?? [],
  general: state.problem?.general ?? null,
  questions: state.questions,
  areas: state.areas,
  lead: sessionsFieldset(state),
  beforeConsent: followFieldHtml(ctx.lang),
  submitLabel: state.submitting ? m.submitting : m.submitProgramme,
  extraErrors: state.sessionsError ? [{ id: SESSIONS_ID, message: m.errSessions }] : [],
})}`);
        const f = form();
        if (f) f.noValidate = true;
        return;
      }
    }
  };

  ctx.el.addEventListener('submit', (ev) => {
    const f = ev.target as HTMLFormElement;
    if (f.getAttribute('data-sg-form') !== 'register' || state.kind !== 'ready') return;
    ev.preventDefault();
    if (state.submitting) return;
    const ready = state;
    const v = readRegistrationForm(f, ready.questions);
    const data = new FormData(f);
    const sessions = data.getAll('sessions').map(String);
    values = v;
    ready.chosen = new Set(sessions);
    const fieldErrors: FieldError[] = [
      ...validateRegistration(v, ctx.lang),
      ...(ready.areas ? validateArea(ready.areas, v, ctx.lang) : []),
      ...validateAnswers(ready.questions, v.answers ?? {}, ctx.lang),
    ];
    const show = (problem: FormProblem | null, sessionsError: boolean) => {
      state = { ...ready, problem, sessionsError, submitting: false };
      render();
      if (problem || sessionsError) {
        const fieldErrors = [...(problem?.fieldErrors ?? []), ...(sessionsError ? ['sessions'] : [])];
        announceProblem(ctx, { fieldErrors, general: problem?.general ?? null });
      }
    };
    if (fieldErrors.length > 0 || sessions.length === 0) {
      return show(fieldErrors.length ? { fieldErrors, general: null } : null, sessions.length === 0);
    }
    state = { ...ready, problem: null, sessionsError: false, submitting: true };
    render();
    ctx.announce(t(ctx.lang).submitting);
    void ctx.api
      .registerProgramme(programmeId, {
        name: v.name ?? '',
        email: v.email ?? '',
        role: v.role ?? '',
        organisation: v.organisation || undefined,
        neighbourhood: v.neighbourhood || undefined,
        ...(ready.areas ? { area: v.area || undefined, areaOther: v.areaOther?.trim() || undefined } : {}),
        ...(ready.areas?.askPostcode ? { postcode: v.postcode?.trim() || undefined } : {}),
        language: v.language ?? ctx.lang,
        consent: v.consent === true,
        website: v.website,
        ...(ready.questions.length > 0 ? { answers: answersPayload(ready.questions, v.answers ?? {}) } : {}),
        sessions,
        follow: data.get('follow') !== null,
      })
      .then((res) => {
        if (res.ok && res.body?.registrations) {
          state = { kind: 'done', sessions: ready.sessions, result: res.body };
          values = {};
          render();
          ctx.focus('sg-view-title');
          ctx.announce(t(ctx.lang).personRegisteredTitle);
          return;
        }
        if (res.status === 0) return show({ fieldErrors: [], general: t(ctx.lang).networkError }, false);
        const problem = res.ok ? null : res.problem;
        const sessionsError = (problem?.errors ?? []).some((e) => e.field.startsWith('sessions'));
        const described = describeRegistrationProblem(res.status, problem, ctx.lang, ready.questions);
        show(sessionsError && described.fieldErrors.length === 0 ? null : described, sessionsError);
      });
  });

  if (programmeId) {
    void (async () => {
      const [sessions, programme] = await Promise.all([ctx.api.sessions(), ctx.api.programme(programmeId)]);
      if (!sessions.ok || !programme.ok) {
        const status = sessions.ok ? programme.status : sessions.status;
        state = status === 404 ? { kind: 'no-programme' } : { kind: 'failed', networkError: status === 0 };
        return render();
      }
      const p = programme.body.programme;
      const notice = p.privacyNotice?.url;
      state = {
        kind: 'ready',
        sessions: sessions.body.sessions.filter((s) => s.programmeId === programmeId),
        chosen: new Set(),
        problem: null,
        sessionsError: false,
        submitting: false,
        privacyUrl: notice && /^https?:/.test(notice) ? notice : ctx.privacyUrl,
        questions: Array.isArray(p.registrationQuestions) ? p.registrationQuestions : [],
        areas: p.areas && Array.isArray(p.areas.options) ? p.areas : null,
      };
      render();
    })();
  }

  return { render };
};
