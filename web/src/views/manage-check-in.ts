import { heading, html, raw, type SafeHtml } from '../html';
import { qrSvg } from '../qr-svg';
import type { Lang } from '../types';

const text = {
  nl: {
    title: 'Aanmelden bij de deur',
    body: 'Laat deze QR-code zien bij de deur. Lukt scannen niet, noem dan je naam.',
    qr: 'QR-code om je aan te melden bij de deur',
  },
  en: {
    title: 'Checking in at the door',
    body: 'Show this QR code at the door. If scanning fails, just give your name.',
    qr: 'QR code to check in at the door',
  },
} as const;

/** The check-in QR of a confirmed registration (the API only gives a code to a confirmed one). */
export function checkInHtml(code: string | null | undefined, lang: Lang, level: number): SafeHtml | '' {
  if (!code) return '';
  const m = text[lang];
  return html`<section class="sg-check-in" aria-labelledby="sg-check-in-title">
  ${heading(level, m.title, html` id="sg-check-in-title"`)}
  <p>${m.body}</p>
  <div class="sg-check-in__qr">${raw(qrSvg(code, m.qr))}</div>
</section>`;
}
