import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A check-in code is the registration id and a short HMAC of it (72 bits, base64url). The server
 * verifies one by recomputing the HMAC, so no code is stored and the registration hot path writes
 * nothing extra. The HMAC input is labelled `check-in:`, the manage token's `manage:`: holding a
 * code (a photo of someone's QR) never yields the manage token that cancels or erases.
 */
const MAC_LENGTH = 12;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const macOf = (secret: string, registrationId: string): string =>
  createHmac('sha256', secret).update(`check-in:${registrationId}`, 'utf8').digest('base64url').slice(0, MAC_LENGTH);

export const checkInCode = (secret: string, registrationId: string): string =>
  `${registrationId}.${macOf(secret, registrationId)}`;

/** The registration id a genuine code names, or null for anything forged, mistyped or malformed. */
export function registrationIdOfCheckInCode(secret: string, code: string): string | null {
  const [id, mac, ...rest] = code.trim().split('.');
  if (rest.length > 0 || id === undefined || mac === undefined || mac.length !== MAC_LENGTH) return null;
  if (!UUID.test(id)) return null;
  const expected = Buffer.from(macOf(secret, id));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
