import { html, raw } from '../../src/html';
import type { ConsoleConfig } from '../shell';
import { createApi } from './api';
import { type AuthConfig, completeSignIn, currentToken, signIn, signOut } from './auth';
import type { Ctx, Screen } from './context';
import { keepDrafts } from './drafts';
import { type Lang, messages, storedLang, storeLang } from './i18n';
import { auditScreen } from './views/audit';
import { doorScreen } from './views/door';
import { programmeScreen } from './views/programme';
import { registrationsScreen } from './views/registrations';
import { reportsScreen } from './views/reports';
import { sessionFormScreen } from './views/session-form';
import { sessionsScreen } from './views/sessions';

declare global {
  interface Window {
    consoleConfig?: ConsoleConfig;
  }
}

const config = window.consoleConfig ?? {};
const auth: AuthConfig = {
  issuer: config.issuer ?? location.origin,
  clientId: config.clientId ?? 'stadsgesprekken-organisers',
  ...(config.signInUrl ? { signInUrl: config.signInUrl } : {}),
};
const RETURN_TO = 'console.return-to';

let lang: Lang = storedLang();
let expired = false;

const routes: Array<[RegExp, Screen]> = [
  [/^#?\/?(sessions)?$/, sessionsScreen],
  [/^#\/sessions\/new$/, (ctx) => sessionFormScreen(ctx, [])],
  [/^#\/sessions\/([a-z0-9-]+)\/edit$/, sessionFormScreen],
  [/^#\/sessions\/([a-z0-9-]+)\/registrations$/, registrationsScreen],
  [/^#\/sessions\/([a-z0-9-]+)\/door$/, doorScreen],
  [/^#\/reports$/, reportsScreen],
  [/^#\/audit$/, auditScreen],
  [/^#\/programme$/, programmeScreen],
];

const app = document.getElementById('app') as HTMLElement;

function layout(signedIn: boolean): HTMLElement {
  const m = messages(lang);
  document.documentElement.lang = lang;
  document.title = m.appTitle;
  const skip = document.querySelector('.skip');
  if (skip) skip.textContent = m.skip;
  const email = currentToken()?.email;
  const current = location.hash || '#/sessions';
  const link = (href: string, label: string) =>
    html`<li><a href="${href}"${raw(current.startsWith(href) ? ' aria-current="page"' : '')}>${label}</a></li>`;
  app.innerHTML = html`<header class="bar">
  <p class="brand">${m.appTitle}</p>
  <div class="bar__tools">
    <button type="button" class="link-button" id="lang" lang="${lang === 'nl' ? 'en' : 'nl'}" aria-label="${m.languageLabel}">${m.language}</button>
    ${signedIn ? html`<button type="button" class="link-button" id="sign-out">${m.signOut}</button>` : ''}
  </div>
  ${
    signedIn
      ? html`<nav aria-label="${m.nav}"><ul>
    ${link('#/sessions', m.navSessions)}${link('#/reports', m.navReports)}${link('#/audit', m.navAudit)}${link('#/programme', m.navProgramme)}
  </ul></nav>`
      : ''
  }
  ${email ? html`<p class="who">${m.signedInAs} ${email}</p>` : ''}
</header>
<main id="main" tabindex="-1"></main>
<div class="sr-only" role="status" aria-live="polite" id="live"></div>`.value;
  document.getElementById('lang')?.addEventListener('click', () => {
    lang = lang === 'nl' ? 'en' : 'nl';
    storeLang(lang);
    void route();
  });
  document.getElementById('sign-out')?.addEventListener('click', () => void signOut(auth));
  return document.getElementById('main') as HTMLElement;
}

function context(main: HTMLElement): Ctx {
  const live = document.getElementById('live') as HTMLElement;
  const api = createApi(config.api ?? '', () => {
    if (expired) return;
    expired = true;
    sessionStorage.setItem(RETURN_TO, location.hash);
    sessionStorage.removeItem('console.tokens');
    void route();
  });
  return {
    lang,
    m: messages(lang),
    api,
    main,
    show(markup, focusId) {
      main.innerHTML = markup.value;
      keepDrafts(main);
      const target = (focusId && document.getElementById(focusId)) || main.querySelector('h1');
      if (target instanceof HTMLElement) {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus();
      }
    },
    announce(text) {
      live.textContent = '';
      setTimeout(() => {
        live.textContent = text;
      }, 50);
    },
    go(r) {
      if (location.hash === r) void route();
      else location.hash = r;
    },
  };
}

function signInScreen(main: HTMLElement, failed: boolean) {
  const m = messages(lang);
  main.innerHTML = html`<h1 tabindex="-1">${m.signInTitle}</h1>
${expired ? html`<p class="notice notice--warn" role="alert">${m.expired}</p>` : ''}
${failed ? html`<p class="notice notice--error" role="alert">${m.signInFailed}</p>` : ''}
<p>${m.signInBody}</p>
<p><button type="button" class="button" id="sign-in">${m.signIn}</button></p>`.value;
  (main.querySelector('h1') as HTMLElement).focus();
  document.getElementById('sign-in')?.addEventListener('click', () => {
    void signIn(auth, sessionStorage.getItem(RETURN_TO) ?? location.hash);
  });
}

async function route(): Promise<void> {
  if (!currentToken()) return signInScreen(layout(false), false);
  expired = false;
  const main = layout(true);
  const hash = location.hash;
  for (const [pattern, screen] of routes) {
    const match = pattern.exec(hash);
    if (match)
      return screen(
        context(main),
        match.slice(1).filter((p): p is string => p !== undefined),
      );
  }
  return sessionsScreen(context(main));
}

async function boot(): Promise<void> {
  if (location.pathname.endsWith('/callback')) {
    try {
      const returnTo = await completeSignIn(auth);
      sessionStorage.removeItem(RETURN_TO);
      location.hash = returnTo || '#/sessions';
    } catch {
      history.replaceState(null, '', '/console/');
      return signInScreen(layout(false), true);
    }
  }
  window.addEventListener('hashchange', () => void route());
  await route();
}

void boot();
