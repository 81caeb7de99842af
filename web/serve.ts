import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWeb, configJs, defaultDistDir } from './build';
import { serveConsoleAsset } from './console/serve';
import { DEFAULT_LIMITS, emptyFeedbackValues, type FeedbackQuestion } from './src/feedback/contract';
import { feedbackFormHtml } from './src/feedback/feedback-form';
import { heading, html, type SafeHtml } from './src/html';
import { isLang, t } from './src/i18n';
import { pageHtml } from './src/page';
import { describeRegistrationProblem } from './src/problems';
import type { ApiSession, Lang, ProblemDetails, RegistrationQuestion } from './src/types';
import { apiUrl, feedbackActionUrl, pageUrl, registrationActionUrl } from './src/urls';
import { exportUrl } from './src/views/manage-privacy';
import { followFieldHtml, SESSIONS_FIELD_ID, sessionsFieldsetHtml } from './src/views/programme-register';
import type { FormAreas } from './src/views/register-area';
import { registrationFormHtml } from './src/views/register-form';

/**
 * Serves the web front-end from web/dist for the local HTTP adapter (API routes take precedence):
 *   /, /index.html, /register.html, /manage.html, /feedback.html, /embed.js(.map), /embed.css, /config.js
 * Returns null for any other path so the caller answers 404 (or tries its API routes). Only for
 * GET and HEAD; the caller checks the method. Builds dist on first use when it is missing.
 *
 * /register.html?session=<id> is rendered here rather than read from dist: the form's action must
 * name the session so that the page works without JavaScript, as a plain urlencoded POST to the API.
 * For the same reason /manage.html?token=<t> (a download link for the registrant's data) and
 * /feedback.html?token=<t> (a plain feedback form, when the programme's questions are given) are
 * rendered here. No API call is made: what the page needs without JavaScript comes from the options.
 */
export interface WebAssetResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface ServeWebOptions {
  distDir?: string;
  /** Absolute API origin (+ optional path); omit when the API is on the same origin as the pages. */
  apiBaseUrl?: string;
  /** The organiser's privacy notice, linked next to the consent checkbox. */
  privacyUrl?: string;
  /** The notice's version, shown next to the link on the server-rendered register page. */
  privacyVersion?: string;
  /** The programme's feedback questions, for the server-rendered feedback form (no JavaScript). */
  feedbackQuestions?: readonly FeedbackQuestion[];
  /**
   * The programme's registration questions and areas (as `GET /programmes/{id}` gives them), for
   * the server-rendered registration form (no JavaScript).
   */
  registrationQuestions?: readonly RegistrationQuestion[];
  areas?: FormAreas | null;
  /** The programme and its sessions, for the server-rendered programme registration form. */
  programmeForm?: { id: string; sessions: readonly ApiSession[] };
}

const SESSION_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
/** Manage tokens are 256 bits in base64url; anything else never reaches a page. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const ASSET = /^\/([a-z0-9-]+\.(?:html|js|css|js\.map))$/;

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
};

/** CSP for our pages: nothing inline, scripts and styles from this origin, API calls and posts to the API. */
export function pageCsp(apiBaseUrl: string | undefined): string {
  let api = '';
  if (apiBaseUrl) {
    try {
      api = ` ${new URL(apiBaseUrl).origin}`;
    } catch {
      api = '';
    }
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${api}`,
    `form-action 'self'${api}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

function headersFor(file: string, options: ServeWebOptions): Record<string, string> {
  const ext = file.endsWith('.js.map') ? 'map' : (file.split('.').pop() ?? '');
  const headers: Record<string, string> = {
    'content-type': contentTypes[ext] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
  };
  if (ext === 'html') {
    // Pages carry tokens in their URL: never cache them in shared caches, never leak them as referrer.
    headers['cache-control'] = 'no-store';
    headers['content-security-policy'] = pageCsp(options.apiBaseUrl);
    headers['referrer-policy'] = 'no-referrer';
  } else {
    // Organisers embed a fixed URL (no content hash), so keep caching short and revalidate.
    headers['cache-control'] = file === 'config.js' ? 'no-cache' : 'public, max-age=300, must-revalidate';
    // The embed script is loaded by other sites' pages.
    headers['cross-origin-resource-policy'] = 'cross-origin';
  }
  return headers;
}

function langOf(query: URLSearchParams): Lang {
  const l = query.get('lang');
  return isLang(l) ? l : 'nl';
}

const INVALID = /^([A-Za-z][A-Za-z0-9]{0,40}(?:\.[a-z0-9][a-z0-9-]{0,63})?):(required|long|invalid)$/;
/** The API's words for each kind, as `describeRegistrationProblem` reads them. */
const kindMessages: Record<string, string> = {
  required: 'is required',
  long: 'must be at most the allowed characters',
  invalid: 'is invalid',
};

/** `?invalid=` as the API's field errors; malformed entries are dropped. */
function invalidFields(raw: string | null): NonNullable<ProblemDetails['errors']> {
  const out: NonNullable<ProblemDetails['errors']> = [];
  for (const entry of (raw ?? '').split(',').slice(0, 40)) {
    const m = INVALID.exec(entry);
    if (m?.[1] && m[2]) out.push({ field: m[1], message: kindMessages[m[2]] ?? 'is invalid' });
  }
  return out;
}

/** The register page with a working form for `session`, in the asked language. */
export function registerPageHtml(query: URLSearchParams, options: ServeWebOptions): string {
  const lang = langOf(query);
  const session = query.get('session') ?? '';
  const m = t(lang);
  const other: Lang = lang === 'nl' ? 'en' : 'nl';
  const switchHref = pageUrl('', 'register.html', {
    session: session || undefined,
    lang: other === 'nl' ? undefined : other,
  });
  if (!SESSION_ID.test(session)) {
    return pageHtml({
      view: 'register',
      lang,
      switchHref,
      fallback: html`<h1>${m.registerTitle}</h1><p>${m.noSessionChosen}</p><p><a href="index.html">${m.chooseFromProgramme}</a></p>`,
    });
  }
  // A no-JavaScript post that failed comes back here with ?error=<problem slug> (a refusal) or
  // ?invalid=<field>:<kind>,… (a 400: the fields to mark, never what was typed).
  const questions = options.registrationQuestions ?? [];
  const errorSlug = query.get('error');
  const invalid = invalidFields(query.get('invalid'));
  const problem = invalid.length
    ? describeRegistrationProblem(400, { errors: invalid }, lang, questions)
    : errorSlug
      ? describeRegistrationProblem(400, { type: errorSlug }, lang)
      : null;
  return pageHtml({
    view: 'register',
    lang,
    switchHref,
    fallback: html`<p class="sg-back"><a href="${pageUrl('', 'index.html', { lang: lang === 'nl' ? undefined : lang })}">${m.backToProgramme}</a></p>
<h1>${m.registerTitle}</h1>
${registrationFormHtml({
  lang,
  action: registrationActionUrl(options.apiBaseUrl ?? '', session),
  privacyUrl: options.privacyUrl ?? null,
  privacyVersion: options.privacyUrl ? (options.privacyVersion ?? null) : null,
  headingLevel: 2,
  general: problem?.general ?? null,
  fieldErrors: problem?.fieldErrors ?? [],
  noScriptErrors: invalid.length > 0,
  questions,
  areas: options.areas ?? null,
})}`,
  });
}

/**
 * The programme registration page: the sessions to tick and the person's details once, as a plain
 * form posting to the API (which redirects to the person page, or back here with `?mailed=1` or
 * with `?invalid=` after a 400). Only for the programme in the options.
 */
export function programmeRegisterPageHtml(query: URLSearchParams, options: ServeWebOptions): string | null {
  const form = options.programmeForm;
  const programmeId = query.get('programme') ?? '';
  if (!form || programmeId !== form.id || !SESSION_ID.test(programmeId)) return null;
  const lang = langOf(query);
  const m = t(lang);
  const switchHref = switchFor('register-programme.html', query, lang, ['programme', 'mailed']);
  if (query.get('mailed') === '1') {
    return pageHtml({
      view: 'programme-register',
      lang,
      switchHref,
      fallback: html`${heading(1, m.mailedTitle)}<p>${m.mailedBody}</p>`,
    });
  }
  const questions = options.registrationQuestions ?? [];
  const invalid = invalidFields(query.get('invalid'));
  const sessionsError = invalid.some((e) => e.field === 'sessions');
  const others = invalid.filter((e) => e.field !== 'sessions');
  const problem = others.length ? describeRegistrationProblem(400, { errors: others }, lang, questions) : null;
  return pageHtml({
    view: 'programme-register',
    lang,
    switchHref,
    fallback: html`${heading(1, m.programmeRegisterTitle)}<p>${m.programmeRegisterIntro}</p>
${registrationFormHtml({
  lang,
  action: apiUrl(options.apiBaseUrl ?? '', 'programmes', programmeId, 'registrations'),
  privacyUrl: options.privacyUrl ?? null,
  privacyVersion: options.privacyUrl ? (options.privacyVersion ?? null) : null,
  headingLevel: 2,
  general: problem?.general ?? null,
  fieldErrors: problem?.fieldErrors ?? [],
  noScriptErrors: invalid.length > 0,
  questions,
  areas: options.areas ?? null,
  lead: sessionsFieldsetHtml(form.sessions, new Set(), sessionsError, lang),
  beforeConsent: followFieldHtml(lang),
  submitLabel: m.submitProgramme,
  extraErrors: sessionsError ? [{ id: SESSIONS_FIELD_ID, message: m.errSessions }] : [],
})}`,
  });
}

const needsScript = (lang: Lang): SafeHtml => html`<p class="sg-notice">${t(lang).noScriptIntro}</p>`;

const switchFor = (page: string, query: URLSearchParams, lang: Lang, keep: string[]): string => {
  const params: Record<string, string | undefined> = {};
  for (const k of keep) params[k] = query.get(k) ?? undefined;
  return pageUrl('', page, { ...params, lang: lang === 'nl' ? 'en' : undefined });
};

/**
 * The manage page: without JavaScript it can still offer the registrant's data as a download (the
 * API sends it as an attachment). Viewing, cancelling and erasing need the script.
 */
export function managePageHtml(query: URLSearchParams, options: ServeWebOptions): string {
  const lang = langOf(query);
  const token = query.get('token') ?? '';
  const m = t(lang);
  if (!TOKEN.test(token)) return pageHtml({ view: 'manage', lang });
  return pageHtml({
    view: 'manage',
    lang,
    switchHref: switchFor('manage.html', query, lang, ['token']),
    fallback: html`${heading(1, m.manageTitle)}
<noscript>
${needsScript(lang)}
<p><a class="sg-link-button" href="${exportUrl(options.apiBaseUrl ?? '', token)}" download>${m.downloadData} <span class="sg-hint-inline">${m.downloadDataNote}</span></a></p>
<p>${m.noScriptManageLimits}</p>
</noscript>`,
  });
}

/**
 * The feedback page: a plain form posting to the API (which redirects back here with ?saved=1),
 * when the programme's questions are known. It cannot show an earlier submission or the window
 * without asking the API; the script does both.
 */
export function feedbackPageHtml(query: URLSearchParams, options: ServeWebOptions): string {
  const lang = langOf(query);
  const token = query.get('token') ?? '';
  const m = t(lang);
  if (!TOKEN.test(token) || !options.feedbackQuestions) return pageHtml({ view: 'feedback', lang });
  const saved = query.get('saved') === '1';
  return pageHtml({
    view: 'feedback',
    lang,
    switchHref: switchFor('feedback.html', query, lang, ['token', 'saved']),
    fallback: html`${heading(1, m.feedbackTitle)}
${saved ? html`<div class="sg-result sg-result--confirmed" id="sg-fb-saved"><p><strong>${m.feedbackThanks}</strong> ${m.feedbackSavedPlain}</p></div>` : ''}
<p>${m.feedbackIntro}</p>
<p class="sg-hint">${m.feedbackPlainReplaces}</p>
${feedbackFormHtml({
  lang,
  action: feedbackActionUrl(options.apiBaseUrl ?? '', token),
  questions: options.feedbackQuestions,
  limits: DEFAULT_LIMITS,
  headingLevel: 2,
  values: emptyFeedbackValues(),
  problem: null,
  submitLabel: m.submitFeedback,
})}`,
  });
}

export function serveWebAsset(path: string, options: ServeWebOptions = {}): WebAssetResponse | null {
  const url = new URL(path, 'http://local.invalid');
  if (url.pathname.startsWith('/console')) return serveConsoleAsset(url.pathname, options.distDir ?? defaultDistDir);
  const pathname = url.pathname === '/' ? '/index.html' : url.pathname;
  const file = ASSET.exec(pathname)?.[1];
  if (!file) return null;

  if (file === 'register.html') {
    return { status: 200, headers: headersFor(file, options), body: registerPageHtml(url.searchParams, options) };
  }
  if (file === 'register-programme.html') {
    const body = programmeRegisterPageHtml(url.searchParams, options);
    if (body !== null) return { status: 200, headers: headersFor(file, options), body };
  }
  if (file === 'manage.html' && url.searchParams.has('token')) {
    return { status: 200, headers: headersFor(file, options), body: managePageHtml(url.searchParams, options) };
  }
  if (file === 'feedback.html' && url.searchParams.has('token')) {
    return { status: 200, headers: headersFor(file, options), body: feedbackPageHtml(url.searchParams, options) };
  }
  if (file === 'config.js' && (options.apiBaseUrl || options.privacyUrl)) {
    return {
      status: 200,
      headers: headersFor(file, options),
      body: configJs({ api: options.apiBaseUrl, privacyUrl: options.privacyUrl }),
    };
  }

  const distDir = options.distDir ?? defaultDistDir;
  if (!existsSync(join(distDir, 'embed.js'))) buildWeb(distDir);
  const full = join(distDir, file);
  if (!existsSync(full)) return null;
  return { status: 200, headers: headersFor(file, options), body: readFileSync(full) };
}
