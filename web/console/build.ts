import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { consoleConfigJs, consoleShellHtml } from './shell';

const consoleDir = dirname(fileURLToPath(import.meta.url));

/**
 * The organiser console into `<outdir>`: index.html (the shell, also served for /console/callback),
 * console.js (+ map), console.css and a default config.js (issuer = the page's origin). Hosting
 * serves this folder under /console/ and replaces config.js with the stage's issuer and client id.
 */
/** The console's style sheets: design tokens and layout; cards, forms and tables; the door and the charts. */
const CONSOLE_STYLE_SHEETS = ['base.css', 'content.css', 'door-and-reports.css'];

export function buildConsole(outdir: string, options: { minify?: boolean } = {}): string[] {
  mkdirSync(outdir, { recursive: true });
  buildSync({
    entryPoints: [join(consoleDir, 'src', 'main.ts')],
    outfile: join(outdir, 'console.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
    minify: options.minify ?? true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
  // One style sheet for the page, joined from its parts in this order (the cascade depends on it).
  writeFileSync(
    join(outdir, 'console.css'),
    CONSOLE_STYLE_SHEETS.map((f) => readFileSync(join(consoleDir, 'styles', f), 'utf8')).join(''),
  );
  writeFileSync(join(outdir, 'index.html'), consoleShellHtml());
  writeFileSync(join(outdir, 'config.js'), consoleConfigJs({}));
  return ['index.html', 'console.js', 'console.js.map', 'console.css', 'config.js'];
}
