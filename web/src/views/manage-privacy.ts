import type { ViewContext } from '../context';
import { isPlainClick } from '../dom';
import { heading, html, type SafeHtml } from '../html';
import { t } from '../i18n';
import type { ApiErasure, ApiRegistration, ApiSession } from '../types';
import { apiUrl, pageUrl } from '../urls';

/**
 * The manage page's "Your data" section (AVG self-service): download everything held about this
 * registration, and erase it after a confirmation that spells out the consequences. Kept apart from
 * manage.ts, which only renders the section, asks whether the registration was erased, and hands
 * over a callback for a link that turned out to be gone.
 */
type Step =
  | { kind: 'idle' }
  | { kind: 'downloading' }
  | { kind: 'confirming' }
  | { kind: 'erasing' }
  | { kind: 'erased'; erasure: ApiErasure };

export interface PrivacyControls {
  /** The section shown below the registration (ready state). */
  sectionHtml(registration: ApiRegistration, session: ApiSession): SafeHtml;
  /** After a successful erasure the whole view shows this final state instead. */
  readonly erased: boolean;
  erasedHtml(): SafeHtml;
}

export const exportUrl = (apiBase: string, token: string): string => apiUrl(apiBase, 'registrations', token, 'export');

/** Whether erasing would cancel a seat or waiting-list place: the session must still be to come. */
export function erasureCancels(r: ApiRegistration, s: ApiSession, now: Date): boolean {
  if (r.status === 'cancelled' || s.status === 'cancelled') return false;
  // The API decides by the session's end; without a known end time, the end of its day (local to the reader).
  const end = s.endsAt ? Date.parse(s.endsAt) : Date.parse(`${s.date}T23:59:59`);
  return Number.isNaN(end) || now.getTime() < end;
}

/** A file name without anything personal in it. */
const exportFileName = (body: Record<string, unknown>): string => {
  const reg = body.registration as { id?: unknown } | undefined;
  const id = typeof reg?.id === 'string' && /^[\w-]{1,80}$/.test(reg.id) ? reg.id : 'export';
  return `stadsgesprekken-${id}.json`;
};

function offerDownload(ctx: ViewContext, body: Record<string, unknown>): void {
  const blob = new Blob([`${JSON.stringify(body, null, 2)}\n`], { type: 'application/json' });
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = exportFileName(body);
  a.hidden = true;
  ctx.el.append(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

export function createPrivacyControls(
  ctx: ViewContext,
  token: string,
  hooks: { rerender(): void; gone(): void },
): PrivacyControls {
  let step: Step = { kind: 'idle' };
  let error: string | null = null;

  const set = (next: Step, nextError: string | null = null) => {
    step = next;
    error = nextError;
    hooks.rerender();
  };

  const failure = (status: number): string => {
    const m = t(ctx.lang);
    return status === 0 ? m.networkError : status === 429 ? m.rateLimited : m.genericError;
  };

  const showError = (back: Step, status: number) => {
    const message = failure(status);
    set(back, message);
    ctx.focus('sg-privacy-error');
    ctx.announce(message);
  };

  const download = () => {
    if (step.kind !== 'idle' && step.kind !== 'confirming') return;
    const back = step;
    set({ kind: 'downloading' });
    void ctx.api.exportData(token).then((res) => {
      if (res.ok && res.body && typeof res.body === 'object') {
        offerDownload(ctx, res.body);
        set(back.kind === 'confirming' ? back : { kind: 'idle' });
        ctx.announce(t(ctx.lang).downloadStarted);
      } else if (res.status === 404) hooks.gone();
      else showError(back, res.status);
    });
  };

  const erase = () => {
    if (step.kind !== 'confirming') return;
    set({ kind: 'erasing' });
    void ctx.api.erase(token).then((res) => {
      if (res.ok && res.body?.erasure) {
        set({ kind: 'erased', erasure: res.body.erasure });
        ctx.focus('sg-erased-title');
        const m = t(ctx.lang);
        ctx.announce(
          `${m.erasedTitle}. ${res.body.erasure.cancelled > 0 ? `${m.erasedCancelled} ` : ''}${m.erasedBody}`,
        );
      } else if (res.status === 404) hooks.gone();
      else showError({ kind: 'confirming' }, res.status);
    });
  };

  ctx.el.addEventListener('click', (ev) => {
    const target = (ev.target as Element | null)?.closest?.('[data-sg-privacy]');
    if (!target || !ctx.el.contains(target)) return;
    const action = target.getAttribute('data-sg-privacy');
    if (action === 'download') {
      // A new tab or window (or no script at all) follows the link to the API's JSON download.
      if (!isPlainClick(ev)) return;
      ev.preventDefault();
      download();
    } else if (action === 'erase' && step.kind === 'idle') {
      set({ kind: 'confirming' });
      ctx.focus('sg-erase-title');
    } else if (action === 'keep' && step.kind === 'confirming') {
      set({ kind: 'idle' });
      ctx.focus('sg-erase');
    } else if (action === 'confirm-erase') {
      erase();
    }
  });

  return {
    get erased() {
      return step.kind === 'erased';
    },

    sectionHtml(r, s) {
      const m = t(ctx.lang);
      const h = ctx.headingLevel + 1;
      const busy = (on: boolean) => (on ? html` aria-disabled="true"` : '');
      const downloading = step.kind === 'downloading';
      const confirming = step.kind === 'confirming' || step.kind === 'erasing';
      const cancels = erasureCancels(r, s, new Date());
      return html`<section class="sg-privacy" aria-labelledby="sg-privacy-title">
  ${heading(h, m.privacyTitle, html` id="sg-privacy-title"`)}
  <p>${m.privacyIntro}</p>
  ${error ? html`<p class="sg-notice sg-notice--error" id="sg-privacy-error" tabindex="-1">${error}</p>` : ''}
  <div class="sg-actions">
    <a class="sg-link-button" id="sg-download" data-sg-privacy="download" href="${exportUrl(ctx.apiBase, token)}" download${busy(downloading)}>${downloading ? m.loading : m.downloadData} <span class="sg-hint-inline">${m.downloadDataNote}</span></a>
    ${confirming ? '' : html`<button class="sg-button sg-button--secondary" type="button" id="sg-erase" data-sg-privacy="erase">${m.eraseData}</button>`}
  </div>
  ${
    confirming
      ? html`<section class="sg-confirm" aria-labelledby="sg-erase-title">
    ${heading(h + 1, m.confirmEraseTitle, html` id="sg-erase-title" tabindex="-1"`)}
    <p>${m.confirmEraseIntro}</p>
    <ul>
      ${cancels ? html`<li>${r.status === 'waitlisted' ? m.eraseCancelsWaitlisted : m.eraseCancelsConfirmed}</li>` : ''}
      <li>${m.eraseRemovesPersonal}</li>
      <li>${m.eraseNoMoreMail}</li>
      <li>${m.eraseLinkStops}</li>
    </ul>
    <p>${m.eraseKeepsAnonymous}</p>
    <div class="sg-actions">
      <button class="sg-button sg-button--danger" type="button" data-sg-privacy="confirm-erase"${busy(step.kind === 'erasing')}>${step.kind === 'erasing' ? m.erasing : m.confirmErase}</button>
      <button class="sg-button sg-button--secondary" type="button" data-sg-privacy="keep">${m.keepData}</button>
    </div>
  </section>`
      : ''
  }
</section>`;
    },

    erasedHtml() {
      const m = t(ctx.lang);
      const cancelled = step.kind === 'erased' && step.erasure.cancelled > 0;
      return html`<div class="sg-result sg-result--confirmed">
  ${heading(ctx.headingLevel + 1, m.erasedTitle, html` id="sg-erased-title" tabindex="-1"`)}
  ${cancelled ? html`<p>${m.erasedCancelled}</p>` : ''}
  <p>${m.erasedBody}</p>
</div>
<p>${m.erasedAgain} <a href="${pageUrl(ctx.pagesBase, 'index.html', { lang: ctx.lang === 'nl' ? undefined : ctx.lang })}">${m.backToProgramme}</a></p>`;
    },
  };
}
