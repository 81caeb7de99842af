import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConsole } from './build';

export interface ConsoleAsset {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const FILES: Record<string, string> = {
  'console.js': 'text/javascript; charset=utf-8',
  'console.js.map': 'application/json; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'config.js': 'text/javascript; charset=utf-8',
};

/**
 * Local only (hosting serves the built folder itself): the console's files under /console/, and
 * its shell for every other path below it (/console/callback, where sign-in returns). The local
 * issuer may sit on another port of this machine, so the policy lets the page fetch from there.
 */
export function serveConsoleAsset(pathname: string, distDir: string): ConsoleAsset | null {
  if (pathname !== '/console' && !pathname.startsWith('/console/')) return null;
  const dir = join(distDir, 'console');
  if (!existsSync(join(dir, 'console.js'))) buildConsole(dir);
  const name = pathname.slice('/console/'.length);
  const type = FILES[name];
  if (type)
    return {
      status: 200,
      headers: { 'content-type': type, 'cache-control': 'no-cache' },
      body: readFileSync(join(dir, name)),
    };
  if (name.includes('.')) return null;
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'content-security-policy': [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self' http://localhost:* http://127.0.0.1:*",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
    },
    body: readFileSync(join(dir, 'index.html')),
  };
}
