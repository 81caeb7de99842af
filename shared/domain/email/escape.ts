/**
 * Escaping for everything that ends up in an HTML email. All text goes through `escapeHtml`, including text
 * we wrote ourselves, so there is no way to forget it for text someone else wrote (names, titles, places).
 */

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content and in double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

const allowedProtocols = new Set(['https:', 'http:', 'mailto:']);

/**
 * A link target that is safe to put in an href: an absolute http(s) or mailto URL, normalised.
 * Anything else (javascript:, data:, relative paths) is a programming error upstream and is refused.
 */
export function safeHref(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`not an absolute URL: ${JSON.stringify(url)}`);
  }
  if (!allowedProtocols.has(parsed.protocol)) throw new Error(`refusing a ${parsed.protocol} link in an email`);
  return parsed.href;
}
