import type { ViewFactory } from '../context';
import { isPlainClick } from '../dom';
import { heading, html } from '../html';
import { kindLabels, localised, t } from '../i18n';
import type { ApiSession } from '../types';
import { pageUrl } from '../urls';
import { availabilityText, localisedSpan, locationHtml, whenHtml } from './session-summary';

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: 'loadFailed' | 'networkError' }
  | { kind: 'ready'; sessions: ApiSession[] };

/** Sessions in date order; the API orders them, we sort again so an embed never depends on it. */
const byDate = (a: ApiSession, b: ApiSession): number =>
  a.date.localeCompare(b.date) || (a.startTime ?? '99:99').localeCompare(b.startTime ?? '99:99');

export const programmeView: ViewFactory = (ctx, params) => {
  let state: State = { kind: 'loading' };

  const render = () => {
    const m = t(ctx.lang);
    const h = ctx.headingLevel;
    const title = heading(h, m.programmeTitle, html` id="sg-view-title" tabindex="-1"`);
    if (state.kind === 'loading') return ctx.show(html`${title}<p>${m.loading}</p>`);
    if (state.kind === 'failed')
      return ctx.show(html`${title}<p class="sg-notice sg-notice--error">${m[state.message]}</p>`);
    const sessions = [...state.sessions].sort(byDate);
    if (sessions.length === 0) return ctx.show(html`${title}<p>${m.noSessions}</p>`);
    ctx.show(html`${title}
${sessions.some((s) => s.provisional) ? html`<p class="sg-hint">${m.provisionalNote}</p>` : ''}
<ol class="sg-sessions">
${sessions.map((s, i) => {
  const cancelled = s.status === 'cancelled';
  const titleId = `sg-session-${i}`;
  let action = html``;
  if (cancelled) {
    action = html`<p class="sg-notice sg-notice--cancelled"><strong>${m.cancelledSession}.</strong> ${m.cancelledSessionNote}</p>`;
  } else if (!s.registrationOpen) {
    action = html`<p class="sg-notice">${m.registrationClosed}</p>`;
  } else {
    action = html`<p><a class="sg-button" id="sg-register-${i}" data-sg-register="${s.id}" href="${pageUrl(ctx.pagesBase, 'register.html', { session: s.id, lang: ctx.lang === 'nl' ? undefined : ctx.lang })}">${m.registerFor}<span class="sg-visually-hidden">: ${localised(s.title, ctx.lang)}</span></a></p>`;
  }
  return html`<li class="sg-session${cancelled ? ' sg-session--cancelled' : ''}">
  <article aria-labelledby="${titleId}">
    ${heading(h + 1, html`${cancelled ? html`<span class="sg-tag sg-tag--cancelled">${m.cancelledSession}</span> ` : ''}${localisedSpan(s.title, ctx.lang)}`, html` id="${titleId}"`)}
    <p class="sg-kind">${kindLabels[s.kind][ctx.lang]}</p>
    <p class="sg-when">${whenHtml(s, ctx.lang)}</p>
    <p class="sg-where"><span class="sg-visually-hidden">${m.location}: </span>${locationHtml(s, ctx.lang)}</p>
    ${s.description ? html`<p class="sg-description">${localisedSpan(s.description, ctx.lang)}</p>` : ''}
    ${cancelled ? '' : html`<p class="sg-availability">${availabilityText(s, ctx.lang)}</p>`}
    ${action}
  </article>
</li>`;
})}
</ol>`);
    if (params.returnFocusTo) {
      ctx.focus(params.returnFocusTo);
      params.returnFocusTo = undefined;
    }
  };

  ctx.el.addEventListener('click', (ev) => {
    if (!ctx.inPlace) return;
    const link = (ev.target as Element | null)?.closest?.('a[data-sg-register]');
    if (!link || !ctx.el.contains(link)) return;
    // Let the browser open a new tab or window as asked; only a plain click stays in the widget.
    if (!isPlainClick(ev)) return;
    ev.preventDefault();
    ctx.navigate('register', { session: link.getAttribute('data-sg-register') ?? '' }, link.id);
  });

  void ctx.api.sessions().then((res) => {
    if (res.ok && Array.isArray(res.body?.sessions)) state = { kind: 'ready', sessions: res.body.sessions };
    else state = { kind: 'failed', message: res.status === 0 ? 'networkError' : 'loadFailed' };
    render();
  });

  return { render };
};
