import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { buildConsole } from './console/build';

/** What the console's config.js says; hosting writes its own from the stack (infra/stacks/stateless/site-content.ts). */
export { type ConsoleConfig, consoleConfigJs } from './console/shell';

import type { ViewName } from './src/context';
import { pageFiles, pageHtml } from './src/page';
import { pageSheet, widgetSheets } from './src/styles/sheets';

/**
 * Builds the web front-end into web/dist: embed.js (the one script organisers paste), embed.css
 * (for our own plain pages), the four pages and a default config.js. Run: npx tsx web/build.ts
 */
const webDir = dirname(fileURLToPath(import.meta.url));
export const defaultDistDir = join(webDir, 'dist');

/** The default config.js: same-origin API and no privacy notice until the organiser sets one. */
export const configJs = (config: { api?: string; privacyUrl?: string }): string =>
  `window.stadsgesprekkenConfig = ${JSON.stringify(config).replace(/</g, '\\u003c')};\n`;

const readSheets = (names: readonly string[]): string =>
  names.map((name) => readFileSync(join(webDir, 'src', 'styles', name), 'utf8')).join('\n');

export function buildWeb(outdir: string = defaultDistDir, options: { minify?: boolean } = {}): string[] {
  mkdirSync(outdir, { recursive: true });
  const widgetCss = readSheets(widgetSheets);
  buildSync({
    entryPoints: [join(webDir, 'src', 'embed.ts')],
    outfile: join(outdir, 'embed.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
    define: { __WIDGET_CSS__: JSON.stringify(widgetCss) },
    minify: options.minify ?? true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
  writeFileSync(join(outdir, 'embed.css'), readSheets([...widgetSheets, pageSheet]));
  for (const [view, file] of Object.entries(pageFiles) as Array<[ViewName, string]>) {
    writeFileSync(join(outdir, file), pageHtml({ view, lang: 'nl' }));
  }
  writeFileSync(join(outdir, 'config.js'), configJs({}));
  buildConsole(join(outdir, 'console'), options);
  return ['embed.js', 'embed.js.map', 'embed.css', 'config.js', ...Object.values(pageFiles)];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = buildWeb();
  console.log(`web: built ${files.length} files into ${defaultDistDir}`);
}
