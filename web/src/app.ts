import { createApi } from './api';
import type { View, ViewContext, ViewFactory, ViewName, ViewParams } from './context';
import { feedbackView } from './feedback/feedback-view';
import { html, type SafeHtml } from './html';
import { languageNames, t } from './i18n';
import type { ResolvedOptions } from './options';
import type { Lang } from './types';
import { normaliseApiBase } from './urls';
import { manageView } from './views/manage';
import { personView } from './views/person';
import { programmeView } from './views/programme';
import { programmeRegisterView } from './views/programme-register';
import { registerView } from './views/register';

/** What the widget is mounted with: the options resolved from the script tag, and its CSS. */
export type MountOptions = Omit<ResolvedOptions, 'target'> & { css: string };

const views: Record<ViewName, ViewFactory> = {
  programme: programmeView,
  register: registerView,
  manage: manageView,
  feedback: feedbackView,
  'programme-register': programmeRegisterView,
  person: personView,
};

const pageTitles = (lang: Lang): Record<ViewName, string> => {
  const m = t(lang);
  return {
    programme: m.programmeTitle,
    register: m.registerTitle,
    manage: m.manageTitle,
    feedback: m.feedbackTitle,
    'programme-register': m.programmeRegisterTitle,
    person: m.personTitle,
  };
};

function adoptStyles(root: ShadowRoot, css: string): void {
  // Constructed sheets need no inline <style>, so a strict style-src CSP on the host page still holds.
  if (
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet !== 'undefined' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
}

/** Render the widget into `host`, inside a shadow root so the host page's CSS and ours stay apart. */
export function mount(host: HTMLElement, options: MountOptions): void {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  host.replaceChildren();
  root.replaceChildren();
  adoptStyles(root, options.css);

  const wrapper = document.createElement('div');
  wrapper.className = 'sg';
  const bar = document.createElement('div');
  bar.className = 'sg-bar';
  const viewEl = document.createElement('div');
  const live = document.createElement('div');
  live.className = 'sg-visually-hidden';
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  live.setAttribute('aria-atomic', 'true');
  wrapper.append(bar, viewEl, live);
  root.append(wrapper);

  const apiBase = normaliseApiBase(options.apiBase);
  const api = createApi(apiBase);
  let lang = options.lang;
  let current: { name: ViewName; view: View; ctx: ViewContext } | null = null;

  const setMarkup = (el: HTMLElement, markup: SafeHtml) => {
    // Every value in `markup` was escaped by `html`; parsing through a template keeps scripts inert.
    const template = document.createElement('template');
    template.innerHTML = markup.value;
    el.replaceChildren(template.content);
  };

  const renderBar = () => {
    const other: Lang = lang === 'nl' ? 'en' : 'nl';
    setMarkup(
      bar,
      html`<button type="button" class="sg-lang-switch" lang="${other}" data-sg-lang="${other}">${languageNames[other]}</button>`,
    );
  };

  const applyLang = () => {
    wrapper.lang = lang;
    host.lang = lang;
    if (options.page && current) {
      document.documentElement.lang = lang;
      document.title = `${pageTitles(lang)[current.name]} – ${t(lang).appName}`;
      const url = new URL(window.location.href);
      if (lang === 'nl') url.searchParams.delete('lang');
      else url.searchParams.set('lang', lang);
      window.history.replaceState(window.history.state, '', url);
    }
  };

  const focusById = (id: string) => {
    const target = root.getElementById(id) as HTMLElement | null;
    if (!target) return;
    if (!target.matches('a[href], button, input, select, textarea, [tabindex]')) target.setAttribute('tabindex', '-1');
    target.focus();
  };

  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  const announce = (text: string) => {
    // Clear first, then set after a tick, so repeating the same message is announced again.
    live.textContent = '';
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      live.textContent = text;
    }, 50);
  };

  const open = (name: ViewName, params: ViewParams, moveFocus: boolean) => {
    const el = document.createElement('div');
    el.className = 'sg-view';
    viewEl.replaceChildren(el);
    const ctx: ViewContext = {
      get lang() {
        return lang;
      },
      api,
      apiBase,
      pagesBase: options.pagesBase,
      privacyUrl: options.privacyUrl,
      headingLevel: options.headingLevel,
      inPlace: !options.page,
      el,
      show: (markup) => {
        // Re-rendering replaces the elements; keep focus where it was when that element is still there.
        const active = root.activeElement;
        const keep = active && el.contains(active) && active.id ? active.id : null;
        setMarkup(el, markup);
        if (keep) focusById(keep);
      },
      announce,
      focus: focusById,
      navigate: (next, nextParams, returnFocusTo) => open(next, { ...nextParams, returnFocusTo }, true),
    };
    const view = views[name](ctx, params);
    current = { name, view, ctx };
    view.render();
    applyLang();
    if (moveFocus) focusById('sg-view-title');
  };

  // Error summaries link to their fields; fragment links do not reach into a shadow root.
  viewEl.addEventListener('click', (ev) => {
    const link = (ev.target as Element | null)?.closest?.('a[data-sg-focus]');
    if (!link) return;
    ev.preventDefault();
    focusById(link.getAttribute('data-sg-focus') ?? '');
  });

  bar.addEventListener('click', (ev) => {
    const button = (ev.target as Element | null)?.closest?.('button[data-sg-lang]');
    const next = button?.getAttribute('data-sg-lang');
    if (next !== 'nl' && next !== 'en') return;
    lang = next;
    renderBar();
    current?.view.render();
    applyLang();
    root.querySelector<HTMLButtonElement>('button[data-sg-lang]')?.focus();
  });

  renderBar();
  open(
    options.view,
    {
      session: options.session,
      token: options.token,
      programme: options.programme,
      take: options.take,
      mailed: options.mailed,
      erased: options.erased,
      requested: options.requested,
      registered: options.registered,
      saved: options.saved,
      cancelRequested: options.cancelRequested,
    },
    false,
  );
}
