/**
 * The local managed-login pages: plain HTML forms, no script, so they work without JavaScript
 * and a test (or the CLI's local driver) can fill them in with two form posts.
 */
export type Lang = 'nl' | 'en';

const TEXT = {
  nl: {
    title: 'Inloggen — Stadsgesprekken (lokaal)',
    heading: 'Inloggen als organisator',
    local: 'Dit is de lokale nabootsing van de aanmeldpagina; alleen de testorganisator kan hier inloggen.',
    username: 'E-mailadres',
    password: 'Wachtwoord',
    submit: 'Inloggen',
    mfaHeading: 'Tweede stap: code uit je authenticator-app',
    mfaHint: 'Voer de zescijferige code in die je app nu toont.',
    code: 'Code',
    verify: 'Bevestigen',
    badPassword: 'E-mailadres of wachtwoord klopt niet.',
    badCode: 'Deze code klopt niet of is verlopen. Probeer de code die je app nu toont.',
    expired: 'Deze aanmelding is verlopen. Begin opnieuw vanuit de app waarmee je wilde inloggen.',
    other: { lang: 'en', label: 'English' },
    errorHeading: 'Inloggen kan zo niet',
  },
  en: {
    title: 'Sign in — Stadsgesprekken (local)',
    heading: 'Sign in as an organiser',
    local: 'This is the local stand-in for the sign-in page; only the test organiser can sign in here.',
    username: 'Email address',
    password: 'Password',
    submit: 'Sign in',
    mfaHeading: 'Second step: code from your authenticator app',
    mfaHint: 'Enter the six-digit code your app shows now.',
    code: 'Code',
    verify: 'Verify',
    badPassword: 'Email address or password is incorrect.',
    badCode: 'That code is wrong or has expired. Try the code your app shows now.',
    expired: 'This sign-in has expired. Start again from the app you wanted to sign in to.',
    other: { lang: 'nl', label: 'Nederlands' },
    errorHeading: 'Sign-in is not possible like this',
  },
} as const;

export const signInText = (lang: Lang) => TEXT[lang];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(lang: Lang, title: string, body: string): string {
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body><main>${body}</main></body></html>`,
  ].join('\n');
}

function errorSummary(message: string | undefined, fieldId: string): string {
  return message ? `<p id="${fieldId}-error" role="alert"><strong>${escapeHtml(message)}</strong></p>` : '';
}

export function passwordPage(o: { lang: Lang; requestId: string; username?: string; error?: string }): string {
  const t = TEXT[o.lang];
  const invalid = o.error ? ` aria-invalid="true" aria-describedby="password-error"` : '';
  return page(
    o.lang,
    t.title,
    `<h1>${t.heading}</h1>
<p>${t.local}</p>
<p><a href="/login?request=${encodeURIComponent(o.requestId)}&amp;lang=${t.other.lang}" lang="${t.other.lang}" hreflang="${t.other.lang}">${t.other.label}</a></p>
${errorSummary(o.error, 'password')}
<form method="post" action="/login">
<input type="hidden" name="request" value="${escapeHtml(o.requestId)}">
<p><label for="username">${t.username}</label><br>
<input id="username" name="username" type="email" autocomplete="username" required value="${escapeHtml(o.username ?? '')}"${invalid}></p>
<p><label for="password">${t.password}</label><br>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}></p>
<p><button type="submit">${t.submit}</button></p>
</form>`,
  );
}

export function mfaPage(o: { lang: Lang; requestId: string; error?: string }): string {
  const t = TEXT[o.lang];
  const invalid = o.error ? ` aria-invalid="true" aria-describedby="code-error"` : ' aria-describedby="code-hint"';
  return page(
    o.lang,
    t.title,
    `<h1>${t.mfaHeading}</h1>
${errorSummary(o.error, 'code')}
<form method="post" action="/login/mfa">
<input type="hidden" name="request" value="${escapeHtml(o.requestId)}">
<p><label for="code">${t.code}</label><br>
<span id="code-hint">${t.mfaHint}</span><br>
<input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required${invalid}></p>
<p><button type="submit">${t.verify}</button></p>
</form>`,
  );
}

export function errorPage(o: { lang: Lang; detail: string }): string {
  const t = TEXT[o.lang];
  return page(o.lang, t.title, `<h1>${t.errorHeading}</h1>\n<p role="alert">${escapeHtml(o.detail)}</p>`);
}
