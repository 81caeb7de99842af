import type { Api } from './api';
import type { SafeHtml } from './html';
import type { Lang } from './types';

export type ViewName = 'programme' | 'register' | 'manage' | 'feedback' | 'programme-register' | 'person';

/** What every view gets from the mounted widget. */
export interface ViewContext {
  readonly lang: Lang;
  readonly api: Api;
  readonly apiBase: string;
  /** Base URL of the plain pages (register.html, manage.html…), ending in '/' or ''. */
  readonly pagesBase: string;
  readonly privacyUrl: string | null;
  /** Level of the view's main heading; sub-headings go one deeper. */
  readonly headingLevel: number;
  /** Embedded: move between views inside the widget instead of loading another page. */
  readonly inPlace: boolean;
  /** The element the view renders into (inside the shadow root). */
  readonly el: HTMLElement;
  /** Replace the view's markup. */
  show(markup: SafeHtml): void;
  /** Say something to screen readers through the widget's polite live region. */
  announce(text: string): void;
  /** Move focus to an element of the view by id (made focusable if it is not). */
  focus(id: string): void;
  navigate(view: ViewName, params: { session?: string; token?: string }, returnFocusTo?: string): void;
}

export interface View {
  /** Render from the view's current state in ctx.lang; called again when the language changes. */
  render(): void;
}

export interface ViewParams {
  session?: string;
  token?: string;
  /** The programme of the programme form (`?programme=`). */
  programme?: string;
  /** The person page opened on the offer of one session (`?take=`): a button takes the seat, the link does not. */
  take?: string;
  /** A plain programme form post by an address already known: its link went by mail. */
  mailed?: boolean;
  /** The person page after everything of the person was erased. */
  erased?: boolean;
  /** The person page after a plain form post asked for the person link. */
  requested?: boolean;
  /** Set when a plain form post was redirected to the manage page after registering. */
  registered?: boolean;
  /** Set when a plain feedback form post was redirected back to the feedback page. */
  saved?: boolean;
  /**
   * The "I can't come" link: show the cancel confirmation straight away. Nothing is cancelled
   * until the person presses the confirm button (a POST), so a mail scanner following the link
   * cancels nothing.
   */
  cancelRequested?: boolean;
  returnFocusTo?: string;
}

export type ViewFactory = (ctx: ViewContext, params: ViewParams) => View;
