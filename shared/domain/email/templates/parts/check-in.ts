import type { Block } from '../../blocks';
import type { BaseEmailInput } from '../../input';
import { sayer } from './text';

/** The Content-ID the HTML refers to and the composer gives the inline PNG. */
export const CHECK_IN_QR_CID = 'check-in-qr@stadsgesprekken';

/** The QR the volunteer at the door scans, and the code in words for whoever cannot show an image. */
export function checkInBlocks(input: BaseEmailInput): Block[] {
  if (!input.checkInCode || input.registration.status !== 'confirmed') return [];
  const say = sayer(input.language);
  return [
    {
      type: 'image',
      cid: CHECK_IN_QR_CID,
      size: 200,
      alt: say('QR-code om je aan te melden bij de deur', 'QR code to check in at the door'),
      caption: say(
        `Laat deze QR-code zien bij de deur, dan ben je snel binnen. Je code: ${input.checkInCode}`,
        `Show this QR code at the door to check in quickly. Your code: ${input.checkInCode}`,
      ),
    },
  ];
}
