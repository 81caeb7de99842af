import type { Api } from './api';
import type { Lang, Messages } from './i18n';

/** What every screen gets: the language, the API, where to render, how to move and announce. */
export interface Ctx {
  lang: Lang;
  m: Messages;
  api: Api;
  main: HTMLElement;
  /** Renders the screen and moves focus to its heading (a new page for screen readers). */
  show(markup: { value: string }, focusId?: string): void;
  /** Polite live-region message. */
  announce(text: string): void;
  go(route: string): void;
}

export type Screen = (ctx: Ctx, params: string[]) => Promise<void> | void;

export const enc = encodeURIComponent;
