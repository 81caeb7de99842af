import { html, type SafeHtml } from '../../../src/html';
import { type Answer, problemText } from '../api';
import type { Ctx } from '../context';

/** A failed call in words, as an alert. */
export function failure(ctx: Ctx, answer: Answer<unknown>): SafeHtml {
  if (answer.ok) return html``;
  const text = answer.offline ? ctx.m.offline : `${ctx.m.failed} ${problemText(answer.problem) || answer.status}`;
  return html`<p class="notice notice--error" role="alert">${text}</p>`;
}

/** The message shown in a form's status area after an action. */
export function setStatus(el: Element | null, text: string, kind: 'ok' | 'error'): void {
  if (!el) return;
  el.className = `notice notice--${kind}`;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  el.textContent = text;
}
