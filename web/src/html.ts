/**
 * A tiny HTML builder: every interpolated value is escaped unless it is itself the result of
 * `html` (or `raw`). The same strings render on the server (serve.ts) and in the browser, so the
 * no-JavaScript form and the enhanced one are one piece of markup.
 */
const SAFE = Symbol('safe-html');

export interface SafeHtml {
  readonly [SAFE]: true;
  readonly value: string;
}

export const raw = (value: string): SafeHtml => ({ [SAFE]: true, value });

const isSafe = (v: unknown): v is SafeHtml => typeof v === 'object' && v !== null && SAFE in v;

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

const renderPart = (p: Part): string => {
  if (p === null || p === undefined || p === false) return '';
  if (Array.isArray(p)) return p.map(renderPart).join('');
  if (isSafe(p)) return p.value;
  return escapeHtml(String(p));
};

export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += renderPart(v) + (strings[i + 1] ?? '');
  });
  return raw(out);
}

/** An attribute that is present or absent, e.g. attr('disabled', isDisabled). */
export const attr = (name: string, on: boolean): SafeHtml => raw(on ? ` ${name}` : '');

/** <h1>…<h6>, the level clamped; `attrs` must itself be built with `html`. */
export function heading(level: number, content: Part, attrs: SafeHtml = raw('')): SafeHtml {
  const n = Math.min(Math.max(Math.trunc(level), 1), 6);
  return raw(`<h${n}${attrs.value}>${renderPart(content)}</h${n}>`);
}
