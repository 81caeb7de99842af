import type { ApiPerson, SessionOutcome } from '../api';
import type { ViewFactory } from '../context';
import { attr, heading, html } from '../html';
import { localised, statusLabels, t } from '../i18n';
import { problemSlug } from '../problems';
import type { ApiSession } from '../types';
import { apiUrl } from '../urls';
import { refusalText } from './programme-register';
import { whenHtml } from './session-summary';

type State =
  | { kind: 'loading' }
  | { kind: 'no-token' }
  | { kind: 'unknown' }
  | { kind: 'failed'; networkError: boolean }
  | { kind: 'ready'; person: ApiPerson; confirming: string | null; busy: boolean; outcomes: SessionOutcome[] };

const open = (s: ApiSession) => s.status === 'scheduled' && s.registrationOpen;

/**
 * "My programme": every registration of the person in the programme with its status, cancel per
 * session (after a confirmation), add sessions, the calendar feed, following. A `?take=<session>`
 * link (the mail about a new session) shows a button to take the seat: the GET itself takes
 * nothing, as mail scanners follow links.
 */
export const personView: ViewFactory = (ctx, params) => {
  const token = params.token ?? '';
  let state: State = token ? { kind: 'loading' } : { kind: 'no-token' };
  let note: string | null = null;

  const feedUrl = () => apiUrl(ctx.apiBase, 'people', token, 'calendar.ics');
  const webcal = () => {
    const url = new URL(feedUrl(), globalThis.location?.href ?? 'http://localhost/');
    return `webcal://${url.host}${url.pathname}`;
  };

  const render = () => {
    const m = t(ctx.lang);
    const h = ctx.headingLevel;
    const title = heading(h, m.personTitle, html` id="sg-view-title" tabindex="-1"`);
    if (state.kind === 'loading') return ctx.show(html`${title}<p>${m.loading}</p>`);
    if (state.kind === 'no-token' || state.kind === 'unknown')
      return ctx.show(html`${title}<p class="sg-notice sg-notice--error">${m.unknownPerson}</p>`);
    if (state.kind === 'failed')
      return ctx.show(
        html`${title}<p class="sg-notice sg-notice--error">${state.networkError ? m.networkError : m.genericError}</p>`,
      );
    const { person, confirming, busy, outcomes } = state;
    const live = new Set(
      person.registrations.filter((r) => r.registration.status !== 'cancelled').map((r) => r.session.id),
    );
    const addable = person.sessions.filter((s) => open(s) && !live.has(s.id));
    const offered = params.take
      ? person.sessions.find((s) => s.id === params.take && open(s) && !live.has(s.id))
      : undefined;
    const titleOf = (id: string) => localised(person.sessions.find((s) => s.id === id)?.title ?? { nl: id }, ctx.lang);
    ctx.show(html`${title}
${params.registered ? html`<p class="sg-notice">${m.personRegisteredTitle}</p>` : ''}
${note ? html`<p class="sg-notice" id="sg-person-note" tabindex="-1">${note}</p>` : ''}
${outcomes.filter((o) => o.problem).map((o) => html`<p class="sg-notice sg-notice--error">${m.refusedFor(titleOf(o.sessionId), refusalText(problemSlug(o.problem), ctx.lang))}</p>`)}
<p>${m.personIntro}</p>
${
  offered
    ? html`<section class="sg-confirm" aria-labelledby="sg-take-title">
  ${heading(h + 1, m.takeSeatTitle(localised(offered.title, ctx.lang)), html` id="sg-take-title"`)}
  <p>${whenHtml(offered, ctx.lang)}</p><p>${m.takeSeatBody}</p>
  <button class="sg-button" type="button" data-sg-action="take" data-sg-session="${offered.id}"${attr('aria-disabled="true"', busy)}>${m.takeSeatSubmit}</button>
</section>`
    : ''
}
${
  person.registrations.length === 0
    ? html`<p>${m.noRegistrations}</p>`
    : html`<ul class="sg-person-list">${person.registrations.map(({ registration: r, session: s }) => {
        const name = localised(s.title, ctx.lang);
        const status =
          r.status === 'waitlisted' && r.waitlistPosition !== null
            ? `${statusLabels.waitlisted[ctx.lang]} (${m.waitlistPosition.toLowerCase()}: ${r.waitlistPosition})`
            : statusLabels[r.status][ctx.lang];
        return html`<li class="sg-person-item" id="sg-reg-${s.id}">
  ${heading(h + 1, name)}
  <p>${whenHtml(s, ctx.lang)}</p>
  <p class="sg-status sg-status--${r.status}"><strong>${m.status}:</strong> ${status}</p>
  ${
    r.status === 'cancelled' || s.status === 'cancelled'
      ? ''
      : confirming === s.id
        ? html`<div class="sg-confirm"><p id="sg-confirm-${s.id}">${m.confirmCancelSession(name)}</p><div class="sg-actions">
    <button class="sg-button sg-button--danger" type="button" data-sg-action="confirm-cancel" data-sg-session="${s.id}" aria-describedby="sg-confirm-${s.id}"${attr('aria-disabled="true"', busy)}>${m.confirmCancel}</button>
    <button class="sg-button sg-button--secondary" type="button" data-sg-action="keep" data-sg-session="${s.id}">${m.keepRegistration}</button></div></div>`
        : html`<p><button class="sg-button sg-button--secondary" type="button" data-sg-action="cancel" data-sg-session="${s.id}" id="sg-cancel-${s.id}">${m.cancelSession(name)}</button></p>`
  }
</li>`;
      })}</ul>`
}
<section aria-labelledby="sg-add-title">
  ${heading(h + 1, m.addSessionsTitle, html` id="sg-add-title"`)}
  ${
    addable.length === 0
      ? html`<p>${m.nothingToAdd}</p>`
      : html`<form class="sg-form" data-sg-form="add-sessions"><fieldset class="sg-fieldset"><legend class="sg-label">${m.chooseSessions}</legend>
    ${addable.map(
      (
        s,
      ) => html`<div class="sg-choice"><input class="sg-checkbox" id="sg-add-${s.id}" name="sessions" type="checkbox" value="${s.id}">
      <label for="sg-add-${s.id}">${localised(s.title, ctx.lang)} — ${whenHtml(s, ctx.lang)}</label></div>`,
    )}</fieldset>
    <button class="sg-button" type="submit"${attr('aria-disabled="true"', busy)}>${m.addSessionsSubmit}</button></form>`
  }
</section>
<section aria-labelledby="sg-feed-title">
  ${heading(h + 1, m.feedTitle, html` id="sg-feed-title"`)}
  <p>${m.feedIntro}</p>
  <p><a class="sg-link-button" id="sg-feed-subscribe" href="${webcal()}">${m.feedSubscribe}</a>
  <a class="sg-link" id="sg-feed-download" href="${feedUrl()}" download="mijn-programma.ics">${m.feedDownload}</a></p>
</section>
<section aria-labelledby="sg-follow-title">
  ${heading(h + 1, m.followTitle, html` id="sg-follow-title"`)}
  <p>${person.following ? m.followOn : m.followOff}</p>
  <p><button class="sg-button sg-button--secondary" type="button" data-sg-action="follow"${attr('aria-disabled="true"', busy)}>${person.following ? m.followStop : m.followStart}</button></p>
</section>`);
  };

  const load = async (announce?: string, focusId = 'sg-person-note') => {
    const res = await ctx.api.person(token);
    if (res.ok && res.body?.registrations) {
      const outcomes = state.kind === 'ready' ? state.outcomes : [];
      state = { kind: 'ready', person: res.body, confirming: null, busy: false, outcomes };
    } else if (res.status === 404) state = { kind: 'unknown' };
    else state = { kind: 'failed', networkError: res.status === 0 };
    note = announce ?? note;
    render();
    if (announce) {
      ctx.focus(focusId);
      ctx.announce(announce);
    }
  };

  const add = async (sessions: string[]) => {
    if (state.kind !== 'ready' || state.busy || sessions.length === 0) return;
    state = { ...state, busy: true };
    render();
    const res = await ctx.api.addSessions(token, sessions);
    if (state.kind === 'ready') state.outcomes = res.ok ? res.body.registrations : [];
    params.take = undefined;
    await load(res.ok ? t(ctx.lang).sessionsAdded : t(ctx.lang).genericError);
  };

  ctx.el.addEventListener('click', (ev) => {
    const button = (ev.target as Element | null)?.closest?.('button[data-sg-action]');
    if (!button || state.kind !== 'ready') return;
    const action = button.getAttribute('data-sg-action');
    const sessionId = button.getAttribute('data-sg-session') ?? '';
    if (action === 'cancel') {
      state = { ...state, confirming: sessionId };
      render();
      return ctx.focus(`sg-confirm-${sessionId}`);
    }
    if (action === 'keep') {
      state = { ...state, confirming: null };
      render();
      return ctx.focus(`sg-cancel-${sessionId}`);
    }
    if (state.busy) return;
    if (action === 'confirm-cancel') {
      const name = localised(
        state.person.sessions.find((s) => s.id === sessionId)?.title ?? { nl: sessionId },
        ctx.lang,
      );
      state = { ...state, busy: true };
      render();
      void ctx.api.cancelForPerson(token, sessionId).then((res) => {
        void load(res.ok ? t(ctx.lang).sessionCancelled(name) : t(ctx.lang).genericError);
      });
    } else if (action === 'take') {
      void add([sessionId]);
    } else if (action === 'follow') {
      const next = !state.person.following;
      state = { ...state, busy: true };
      render();
      void ctx.api.setFollowing(token, next).then((res) => {
        void load(res.ok ? (next ? t(ctx.lang).followOn : t(ctx.lang).followOff) : t(ctx.lang).genericError);
      });
    }
  });

  ctx.el.addEventListener('submit', (ev) => {
    const f = ev.target as HTMLFormElement;
    if (f.getAttribute('data-sg-form') !== 'add-sessions') return;
    ev.preventDefault();
    void add(new FormData(f).getAll('sessions').map(String));
  });

  if (token) void load();
  return { render };
};
