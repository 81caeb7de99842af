import type { Localised } from '../localise';
import type { Language } from '../schemas';
import { escapeHtml, safeHref } from './escape';

/**
 * An email body as a small document model. Each kind of email is written once as blocks; the plain-text
 * and the HTML part are both rendered from them, so the two never drift apart, and all escaping happens
 * in one renderer instead of in every template.
 */

export type Inline =
  | string
  /** Organiser text, which may be in another language than the email (a Dutch fallback in an English mail). */
  | Localised
  | { strong: string }
  | { href: string; text: string };

export type Block =
  | { type: 'heading'; content: Inline[] }
  | { type: 'paragraph'; content: Inline[] }
  /** Labelled facts: what, when, where; or before and after a change. */
  | { type: 'details'; items: Array<{ term: string; value: Inline[] }> }
  /** Something the reader must not miss, such as "date and time are provisional". */
  | { type: 'notice'; content: Inline[] }
  /** A prominent link with a self-explaining label. */
  | { type: 'action'; href: string; label: string }
  /** Multi-line organiser text (a session description). */
  | { type: 'text'; content: Localised }
  /** An image the mail carries inline (`cid:`), with its meaning also in words for the text part. */
  | { type: 'image'; cid: string; alt: string; caption: string; size: number };

export interface Document {
  language: Language;
  /** The subject, also the HTML title. */
  title: string;
  blocks: Block[];
}

const inlineText = (i: Inline): string => {
  if (typeof i === 'string') return i;
  if ('strong' in i) return i.strong;
  if ('href' in i) {
    // A link whose text already is its address (an email address) is not repeated in brackets.
    const href = safeHref(i.href);
    return href === i.text || href === `mailto:${i.text}` ? i.text : `${i.text} (${href})`;
  }
  return i.text;
};

const line = (content: Inline[]) => content.map(inlineText).join('');

export function renderText(doc: Document): string {
  return `${doc.blocks.map(blockText).join('\n\n')}\n`;
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'heading': {
      const text = line(block.content);
      return `${text}\n${'='.repeat(Math.min(text.length, 72))}`;
    }
    case 'paragraph':
    case 'notice':
      return line(block.content);
    case 'details':
      return block.items.map((item) => `${item.term}: ${line(item.value)}`).join('\n');
    case 'action':
      return `${block.label}:\n${safeHref(block.href)}`;
    case 'text':
      return block.content.text.trim();
    case 'image':
      return block.caption;
  }
}

// Colours: body text #1a1a1a on white (17:1), links and button #0b57a4 (7:1 with white), notice text on
// a pale amber background (over 15:1). Nothing depends on images or colour alone.
const style = {
  body: 'margin:0;padding:0;background-color:#f2f2f2;',
  article:
    'max-width:600px;margin:0 auto;padding:24px;background-color:#ffffff;color:#1a1a1a;' +
    'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;',
  h1: 'margin:0 0 16px;font-size:24px;line-height:1.25;color:#1a1a1a;',
  p: 'margin:0 0 16px;',
  link: 'color:#0b57a4;text-decoration:underline;',
  dl: 'margin:0 0 16px;padding:12px 16px;border:1px solid #d0d0d0;',
  dt: 'margin:0;font-weight:bold;',
  dd: 'margin:0 0 8px;',
  notice: 'margin:0 0 16px;padding:12px 16px;border-left:4px solid #a35200;background-color:#fff4e5;color:#1a1a1a;',
  button:
    'display:inline-block;padding:12px 20px;background-color:#0b57a4;color:#ffffff;font-weight:bold;' +
    'text-decoration:underline;border-radius:4px;',
} as const;

function inlineHtml(i: Inline, docLanguage: Language): string {
  if (typeof i === 'string') return escapeHtml(i);
  if ('strong' in i) return `<strong>${escapeHtml(i.strong)}</strong>`;
  if ('href' in i) return `<a href="${escapeHtml(safeHref(i.href))}" style="${style.link}">${escapeHtml(i.text)}</a>`;
  const text = escapeHtml(i.text);
  return i.language === docLanguage ? text : `<span lang="${i.language}">${text}</span>`;
}

/** Paragraphs at blank lines, line breaks kept, marked with their language when it differs from the email. */
function multiline(content: Localised, docLanguage: Language): string {
  const langAttr = content.language === docLanguage ? '' : ` lang="${content.language}"`;
  return content.text
    .trim()
    .split(/\n\s*\n/)
    .map((para) => `<p${langAttr} style="${style.p}">${para.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}

function blockHtml(block: Block, lang: Language): string {
  const inl = (content: Inline[]) => content.map((i) => inlineHtml(i, lang)).join('');
  switch (block.type) {
    case 'heading':
      return `<h1 style="${style.h1}">${inl(block.content)}</h1>`;
    case 'paragraph':
      return `<p style="${style.p}">${inl(block.content)}</p>`;
    case 'notice':
      return `<p style="${style.notice}"><strong>${inl(block.content)}</strong></p>`;
    case 'details': {
      const items = block.items.map(
        (item) =>
          `<dt style="${style.dt}">${escapeHtml(item.term)}</dt><dd style="${style.dd}">${inl(item.value)}</dd>`,
      );
      return `<dl style="${style.dl}">\n${items.join('\n')}\n</dl>`;
    }
    case 'action':
      return `<p style="${style.p}"><a href="${escapeHtml(safeHref(block.href))}" style="${style.button}">${escapeHtml(block.label)}</a></p>`;
    case 'text':
      return multiline(block.content, lang);
    case 'image':
      return (
        `<p style="${style.p}"><img src="cid:${escapeHtml(block.cid)}" alt="${escapeHtml(block.alt)}" ` +
        `width="${block.size}" height="${block.size}" style="display:block;border:0;"></p>\n` +
        `<p style="${style.p}">${escapeHtml(block.caption)}</p>`
      );
  }
}

const roleDescription: Record<Language, string> = { nl: 'e-mail', en: 'email' };

export function renderHtml(doc: Document): string {
  const lang = doc.language;
  const body = doc.blocks.map((block) => blockHtml(block, lang)).join('\n');
  const title = escapeHtml(doc.title);
  return `<!DOCTYPE html>
<html lang="${lang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${title}</title>
</head>
<body style="${style.body}">
<div role="article" aria-roledescription="${roleDescription[lang]}" aria-label="${title}" lang="${lang}" style="${style.article}">
${body}
</div>
</body>
</html>
`;
}
