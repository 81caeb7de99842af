import { mount } from './app';
import { resolveOptions, type WidgetConfig } from './options';

/**
 * The one script an organiser pastes into a page:
 *   <script src="https://…/embed.js" data-api="https://api…" data-lang="nl" data-view="register"
 *           data-session="…" async></script>
 * It renders next to itself, or into `data-target` (a CSS selector). Our own plain pages load it
 * too, with data-page="true", after config.js has set window.stadsgesprekkenConfig.
 */
declare global {
  interface Window {
    stadsgesprekkenConfig?: WidgetConfig;
  }
}

function start(script: HTMLScriptElement): void {
  const opts = resolveOptions({
    data: { ...script.dataset },
    config: window.stadsgesprekkenConfig ?? {},
    search: window.location.search,
    scriptSrc: script.src,
    documentLang: document.documentElement.lang,
  });
  let host: HTMLElement | null = opts.target ? document.querySelector<HTMLElement>(opts.target) : null;
  if (!host) {
    host = document.createElement('div');
    // A CMS that moves scripts into <head> would hide a container placed next to it.
    if (script.parentElement && script.parentElement !== document.head) script.after(host);
    else document.body.append(host);
  }
  host.classList.add('stadsgesprekken');
  mount(host, { ...opts, css: __WIDGET_CSS__ });
}

const script = document.currentScript;
if (script instanceof HTMLScriptElement) {
  if (document.readyState === 'loading' && script.dataset.target) {
    document.addEventListener('DOMContentLoaded', () => start(script), { once: true });
  } else {
    start(script);
  }
}
