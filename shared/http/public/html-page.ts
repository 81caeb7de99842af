import { escapeHtml } from '../../domain/email/escape';
import type { HttpResponse } from '../types';
import { NO_STORE } from './deps';

export type PageLanguage = 'nl' | 'en';
export const say = (lang: PageLanguage, nl: string, en: string) => (lang === 'en' ? en : nl);

/** Readable on a phone without the site's stylesheet: these pages are the API's own. */
const STYLE =
  'body{font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1a1a1a;background:#fff}' +
  'main{max-width:36rem;margin:0 auto;padding:1.25rem}h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}' +
  'dl{margin:0 0 1rem}dt{font-weight:600}dd{margin:0 0 .5rem}' +
  'button{font:inherit;font-weight:600;min-height:2.75rem;padding:.6rem 1.2rem;border:0;border-radius:.375rem;background:#004699;color:#fff;cursor:pointer;width:100%;max-width:20rem}' +
  'button:focus-visible,a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}a{color:#004699}';

/**
 * A small server-rendered page of the public API (address confirmation, take-seat), in the
 * person's language; `body` is HTML the caller escaped. Not cached, no referrer (the URL holds a token).
 */
export function htmlPage(lang: PageLanguage, title: string, body: string, status = 200): HttpResponse {
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return {
    status,
    text: html,
    contentType: 'text/html; charset=utf-8',
    headers: { ...NO_STORE, 'referrer-policy': 'no-referrer' },
  };
}
