/** What hosting sets per stage; every field defaults to the local stack's value. */
export interface ConsoleConfig {
  /** The OAuth issuer (Cognito's, or the local emulator at the page's origin). */
  issuer?: string;
  clientId?: string;
  /** The managed-login domain (where sign-out goes when discovery cannot be read). */
  signInUrl?: string;
  /** The API's base URL; the page's origin when absent. */
  api?: string;
}

export const consoleConfigJs = (config: ConsoleConfig): string =>
  `window.consoleConfig = ${JSON.stringify(config).replace(/</g, '\\u003c')};\n`;

/** The console's one page: the script renders every screen; without it, a sentence says so. */
export const consoleShellHtml = (): string => `<!DOCTYPE html>
<html lang="nl" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Organisatie · Stadsgesprekken</title>
<link rel="stylesheet" href="/console/console.css">
<script src="/console/config.js"></script>
<script src="/console/console.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Naar de inhoud</a>
<div id="app">
<main id="main" tabindex="-1"><h1>Stadsgesprekken · organisatie</h1>
<noscript><p>Deze pagina heeft JavaScript nodig. / This page needs JavaScript.</p></noscript></main>
</div>
</body>
</html>
`;
