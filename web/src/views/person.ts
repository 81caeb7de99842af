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
  | { kind: 'erased' }
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
  let state: State = params.erased ? { kind: 'erased' } : token ? { kind: 'loading' } : { kind: 'no-token' };
  let note: string | null = null;
  /** The "your data" section: idle, asking before erasing, or told the link is scoped. */
  let dataStep: 'idle' | 'confirming' | 'scoped' = 'idle';
  let linkRequested = params.requested === true;

  /** Asking for the person link by mail: shown where no valid link was given, and to a scoped one. */
  const requestFormHtml = () => {
    const m = t(ctx.lang);
    if (!params.programme) return '';
    if (linkRequested) return html`<p class="sg-notice" id="sg-link-requested" tabindex="-1">${m.requestLinkSent}</p>`;
    return html`<section aria-labelledby="sg-request-title">
  ${heading(ctx.headingLevel + 1, m.requestLinkTitle, html` id="sg-request-title"`)}
  <p>${m.requestLinkIntro}</p>
  <form class="sg-form" data-sg-form="request-link" method="post" action="${apiUrl(ctx.apiBase, 'people', 'requests')}">
    <input type="hidden" name="programmeId" value="${params.programme}">
    <label class="sg-label" for="sg-request-email">${m.requestLinkEmail}</label>
    <input class="sg-input" id="sg-request-email" name="email" type="email" autocomplete="email" required>
    <button class="sg-button" type="submit">${m.requestLinkSubmit}</button>
  </form>
</section>`;
  };

  const dataSectionHtml = () => {
    const m = t(ctx.lang);
    const h = ctx.headingLevel + 1;
    return html`<section class="sg-privacy" aria-labelledby="sg-person-data-title">
  ${heading(h, m.personDataTitle, html` id="sg-person-data-title"`)}
  <p>${m.personDataIntro}</p>
  ${dataStep === 'scoped' ? html`<p class="sg-notice sg-notice--error" id="sg-person-data-scoped" tabindex="-1">${m.personDataScoped}</p>` : ''}
  <div class="sg-actions">
    <a class="sg-link-button" id="sg-person-download" href="${apiUrl(ctx.apiBase, 'people', token, 'export')}" download>${m.personDataDownload}</a>
    ${dataStep === 'idle' ? html`<button class="sg-button sg-button--secondary" type="button" id="sg-person-erase" data-sg-action="erase-all">${m.personDataErase}</button>` : ''}
  </div>
  ${
    dataStep === 'confirming'
      ? html`<div class="sg-confirm"><p id="sg-person-erase-confirm" tabindex="-1">${m.personDataConfirm}</p><div class="sg-actions">
    <button class="sg-button sg-button--danger" type="button" data-sg-action="confirm-erase-all" aria-describedby="sg-person-erase-confirm">${m.personDataConfirmErase}</button>
    <button class="sg-button sg-button--secondary" type="button" data-sg-action="keep-all">${m.personDataKeep}</button></div></div>`
      : ''
  }
  ${dataStep === 'scoped' ? requestFormHtml() : ''}
</section>`;
  };

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
    if (state.kind === 'erased')
      return ctx.show(html`${title}<p class="sg-notice" id="sg-person-erased" tabindex="-1">${m.personErased}</p>`);
    if (state.kind === 'no-token' || state.kind === 'unknown')
      return ctx.show(html`${title}<p class="sg-notice sg-notice--error">${m.unknownPerson}</p>${requestFormHtml()}`);
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
</section>
${dataSectionHtml()}`);
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
    if (action === 'erase-all' || action === 'keep-all') {
      dataStep = action === 'erase-all' ? 'confirming' : 'idle';
      render();
      return ctx.focus(action === 'erase-all' ? 'sg-person-erase-confirm' : 'sg-person-erase');
    }
    if (action === 'confirm-erase-all' && !state.busy) {
      state = { ...state, busy: true };
      render();
      void ctx.api.erasePerson(token).then((res) => {
        if (res.ok) state = { kind: 'erased' };
        else if (res.status === 403) {
          dataStep = 'scoped';
          if (state.kind === 'ready') state = { ...state, busy: false };
        } else if (res.status === 404) state = { kind: 'unknown' };
        else note = t(ctx.lang).genericError;
        if (state.kind === 'ready' && res.status !== 403) state = { ...state, busy: false };
        render();
        const focus =
          state.kind === 'erased'
            ? 'sg-person-erased'
            : dataStep === 'scoped'
              ? 'sg-person-data-scoped'
              : 'sg-view-title';
        ctx.focus(focus);
        ctx.announce(
          state.kind === 'erased'
            ? t(ctx.lang).personErased
            : dataStep === 'scoped'
              ? t(ctx.lang).personDataScoped
              : t(ctx.lang).genericError,
        );
      });
      return;
    }
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
    if (f.getAttribute('data-sg-form') === 'request-link') {
      ev.preventDefault();
      const data = new FormData(f);
      void ctx.api
        .requestPersonLink(String(data.get('email') ?? ''), String(data.get('programmeId') ?? ''))
        .then(() => {
          // The answer is the same for every address; a bad one is caught by the browser's own check.
          linkRequested = true;
          render();
          ctx.focus('sg-link-requested');
          ctx.announce(t(ctx.lang).requestLinkSent);
        });
      return;
    }
    if (f.getAttribute('data-sg-form') !== 'add-sessions') return;
    ev.preventDefault();
    void add(new FormData(f).getAll('sessions').map(String));
  });

  if (token) void load();
  return { render };
};
