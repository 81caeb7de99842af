import type { ViewFactory } from '../context';
import { heading, html } from '../html';
import { statusLabels, t } from '../i18n';
import type { ApiRegistration, ApiSession } from '../types';
import { sessionCalendarUrl } from '../urls';
import { checkInHtml } from './manage-check-in';
import { createOfferControls } from './manage-offer';
import { createPrivacyControls } from './manage-privacy';
import { sessionDetailsHtml } from './session-summary';

type State =
  | { kind: 'loading' }
  | { kind: 'no-token' }
  | { kind: 'unknown' }
  | { kind: 'failed'; networkError: boolean }
  | {
      kind: 'ready';
      registration: ApiRegistration;
      session: ApiSession;
      checkInCode: string | null;
      step: 'idle' | 'confirming' | 'cancelling';
      error: string | null;
    };

export const manageView: ViewFactory = (ctx, params) => {
  const token = params.token ?? '';
  let state: State = token ? { kind: 'loading' } : { kind: 'no-token' };
  // A link that turns out to be gone shows as unknown.
  const gone = () => {
    state = { kind: 'unknown' };
    render();
    ctx.focus('sg-view-title');
    ctx.announce(t(ctx.lang).unknownToken);
  };
  // "Your data": download and erasure.
  const privacy = createPrivacyControls(ctx, token, { rerender: () => render(), gone });
  // A seat offered from the waiting list: until when, and taking it. Afterwards the registration as the
  // API has it now (a confirmed one with its check-in code); if that cannot be read, what the claim said.
  const offer = createOfferControls(ctx, token, {
    rerender: () => render(),
    gone,
    changed: async (registration) => {
      if (state.kind !== 'ready') return;
      if (registration) state = { ...state, registration, step: 'idle', error: null };
      const res = await ctx.api.registration(token);
      if (state.kind === 'ready' && res.ok && res.body?.registration && res.body.session) {
        const { registration: r, session: s, checkInCode } = res.body;
        await offer.load(r);
        if (state.kind === 'ready') state = { ...state, registration: r, session: s, checkInCode: checkInCode ?? null };
      }
      render();
    },
  });

  const render = () => {
    const m = t(ctx.lang);
    const h = ctx.headingLevel;
    const title = heading(h, m.manageTitle, html` id="sg-view-title" tabindex="-1"`);
    if (privacy.erased) return ctx.show(html`${title}${privacy.erasedHtml()}`);
    switch (state.kind) {
      case 'loading':
        return ctx.show(html`${title}<p>${m.loading}</p>`);
      case 'no-token':
        return ctx.show(html`${title}<p class="sg-notice sg-notice--error">${m.noToken}</p>`);
      case 'unknown':
        return ctx.show(html`${title}<p class="sg-notice sg-notice--error">${m.unknownToken}</p>`);
      case 'failed':
        return ctx.show(
          html`${title}<p class="sg-notice sg-notice--error">${state.networkError ? m.networkError : m.genericError}</p>`,
        );
      case 'ready': {
        const { registration: r, session: s, step } = state;
        const active = r.status !== 'cancelled';
        const status =
          r.status === 'waitlisted' && r.waitlistPosition !== null
            ? `${statusLabels.waitlisted[ctx.lang]} (${m.waitlistPosition.toLowerCase()}: ${r.waitlistPosition})`
            : statusLabels[r.status][ctx.lang];
        const welcome =
          params.registered && active
            ? html`<div class="sg-result ${r.status === 'waitlisted' ? 'sg-result--waitlisted' : 'sg-result--confirmed'}">
  ${heading(h + 1, r.status === 'waitlisted' ? m.waitlistedTitle : m.confirmedTitle)}
  <p>${r.status === 'waitlisted' ? m.waitlistedBody(r.waitlistPosition) : m.confirmedBody}</p>
</div>`
            : '';
        ctx.show(html`${title}
${welcome}
<p class="sg-status sg-status--${r.status}" id="sg-status"><strong>${m.status}:</strong> ${status}</p>
${offer.sectionHtml(r, s)}
${sessionDetailsHtml(s, ctx.lang)}
${
  active && s.status !== 'cancelled'
    ? html`<p><a class="sg-link-button" href="${sessionCalendarUrl(ctx.apiBase, s.id, ctx.lang)}" download="${s.id}.ics">${m.addToCalendar} <span class="sg-hint-inline">${m.addToCalendarNote}</span></a></p>`
    : ''
}
${r.status === 'confirmed' && s.status !== 'cancelled' ? checkInHtml(state.checkInCode, ctx.lang, h + 1) : ''}
${state.error ? html`<p class="sg-notice sg-notice--error" id="sg-manage-error" tabindex="-1">${state.error}</p>` : ''}
${
  !active
    ? ''
    : step === 'idle'
      ? html`<p><button class="sg-button sg-button--secondary" type="button" data-sg-action="cancel" id="sg-cancel">${m.cancelRegistration}</button></p>`
      : html`<section class="sg-confirm" aria-labelledby="sg-confirm-title">
  ${heading(h + 1, m.confirmCancelTitle, html` id="sg-confirm-title" tabindex="-1"`)}
  <p>${m.confirmCancelBody}</p>
  <div class="sg-actions">
    <button class="sg-button sg-button--danger" type="button" data-sg-action="confirm-cancel"${step === 'cancelling' ? html` aria-disabled="true"` : ''}>${step === 'cancelling' ? m.submitting : m.confirmCancel}</button>
    <button class="sg-button sg-button--secondary" type="button" data-sg-action="keep">${m.keepRegistration}</button>
  </div>
</section>`
}
${privacy.sectionHtml(r, s)}`);
        return;
      }
    }
  };

  ctx.el.addEventListener('click', (ev) => {
    const button = (ev.target as Element | null)?.closest?.('button[data-sg-action]');
    if (!button || state.kind !== 'ready') return;
    const action = button.getAttribute('data-sg-action');
    if (action === 'cancel') {
      state = { ...state, step: 'confirming', error: null };
      render();
      ctx.focus('sg-confirm-title');
    } else if (action === 'keep') {
      state = { ...state, step: 'idle', error: null };
      render();
      ctx.focus('sg-cancel');
    } else if (action === 'confirm-cancel' && state.step === 'confirming') {
      state = { ...state, step: 'cancelling' };
      render();
      void ctx.api.cancel(token).then((res) => {
        if (state.kind !== 'ready') return;
        const m = t(ctx.lang);
        if (res.ok && res.body?.registration) {
          state = { ...state, registration: res.body.registration, step: 'idle', error: null };
          render();
          ctx.focus('sg-status');
          ctx.announce(m.cancelledDone);
        } else if (res.status === 404) {
          state = { kind: 'unknown' };
          render();
          ctx.focus('sg-view-title');
          ctx.announce(m.unknownToken);
        } else {
          const error = res.status === 0 ? m.networkError : res.status === 429 ? m.rateLimited : m.genericError;
          state = { ...state, step: 'confirming', error };
          render();
          ctx.focus('sg-manage-error');
          ctx.announce(error);
        }
      });
    }
  });

  if (token) {
    void ctx.api.registration(token).then(async (res) => {
      let confirming = false;
      if (res.ok && res.body?.registration && res.body.session) {
        await offer.load(res.body.registration);
        confirming =
          params.cancelRequested === true &&
          res.body.registration.status !== 'cancelled' &&
          res.body.session.status !== 'cancelled';
        state = {
          kind: 'ready',
          registration: res.body.registration,
          session: res.body.session,
          checkInCode: res.body.checkInCode ?? null,
          step: confirming ? 'confirming' : 'idle',
          error: null,
        };
      } else if (res.status === 404) state = { kind: 'unknown' };
      else state = { kind: 'failed', networkError: res.status === 0 };
      render();
      if (confirming) ctx.focus('sg-confirm-title');
    });
  }

  return { render };
};
