import type { ViewName } from './context';
import { heading, html, raw, type SafeHtml } from './html';
import { languageNames, t } from './i18n';
import type { Lang } from './types';

/**
 * Our plain pages (index, register, manage, feedback): a shell that loads config.js and embed.js,
 * with content for browsers without JavaScript. Pure, used by web/build.ts and web/serve.ts.
 */
export const pageFiles: Record<ViewName, string> = {
  programme: 'index.html',
  register: 'register.html',
  manage: 'manage.html',
  feedback: 'feedback.html',
  'programme-register': 'register-programme.html',
  person: 'my-programme.html',
};

const needsScript: Record<Lang, string> = {
  nl: 'Deze pagina heeft JavaScript nodig. Zet JavaScript aan in uw browser, of gebruik de link uit uw e-mail opnieuw.',
  en: 'This page needs JavaScript. Turn JavaScript on in your browser, or open the link from your email again.',
};

export interface PageOptions {
  view: ViewName;
  lang: Lang;
  /** Content shown until (or without) the script; default: a heading and a "needs JavaScript" note. */
  fallback?: SafeHtml;
  /** The other language's URL, offered as a plain link when there is a server-rendered fallback. */
  switchHref?: string;
}

export function pageHtml(o: PageOptions): string {
  const m = t(o.lang);
  const titles: Record<ViewName, string> = {
    programme: m.programmeTitle,
    register: m.registerTitle,
    manage: m.manageTitle,
    feedback: m.feedbackTitle,
    'programme-register': m.programmeRegisterTitle,
    person: m.personTitle,
  };
  const other: Lang = o.lang === 'nl' ? 'en' : 'nl';
  const fallback =
    o.fallback ??
    html`${heading(1, titles[o.view])}<noscript><p class="sg-notice">${needsScript[o.lang]}</p></noscript>`;
  return html`<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${titles[o.view]} – ${m.appName}</title>
<link rel="stylesheet" href="embed.css">
<script src="config.js"></script>
<script src="embed.js" data-view="${o.view}" data-target="#sg-app" data-page="true" data-heading-level="1" defer></script>
</head>
<body>
<main>
<div id="sg-app">
<div class="sg" lang="${o.lang}">
${o.switchHref ? html`<div class="sg-bar"><a class="sg-lang-switch" lang="${other}" href="${o.switchHref}">${languageNames[other]}</a></div>` : raw('')}
${fallback}
</div>
</div>
</main>
</body>
</html>
`.value;
}
