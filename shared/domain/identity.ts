import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** Addresses are compared case-insensitively and in Unicode NFC; providers' own aliasing rules are not guessed. */
export const normaliseEmail = (email: string): string => email.trim().normalize('NFC').toLowerCase();

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** The key under which an address is matched (duplicate registrations, suppression). */
export const emailKey = (email: string): string => sha256(`email:${normaliseEmail(email)}`);

/** `name+tag@host` → `name@host`: a sub-address reaches the same mailbox. */
export function withoutSubAddress(email: string): string {
  const e = normaliseEmail(email);
  const at = e.lastIndexOf('@');
  if (at <= 0) return e;
  const local = e.slice(0, at);
  const plus = local.indexOf('+');
  return plus > 0 ? `${local.slice(0, plus)}${e.slice(at)}` : e;
}

/**
 * The key of the one-registration-per-session guard: the address without its sub-address, so
 * `anna+1@` and `anna+2@` are one person. Equal to `emailKey` for an address without a tag.
 */
export const addressKey = (email: string): string => emailKey(withoutSubAddress(email));

/** Manage tokens: 256 random bits, base64url. Only their hash is ever stored. */
export const newManageToken = (): string => randomBytes(32).toString('base64url');
/**
 * A manage token derived from the registration id with a deployment secret (HMAC-SHA256, 256
 * bits, base64url: the same shape as a random one). The mailer, which only ever sees ids, can
 * then put the holder's link in every mail, while the table still stores only the token's hash.
 */
export const deriveManageToken = (secret: string, registrationId: string): string =>
  createHmac('sha256', secret).update(`manage:${registrationId}`, 'utf8').digest('base64url');

const feedbackMac = (secret: string, registrationId: string): string =>
  createHmac('sha256', secret).update(`feedback:${registrationId}`, 'utf8').digest('base64url');

/**
 * The token of a feedback link: the registration id and an HMAC of it under the manage-token key
 * for the distinct purpose `feedback`, so it opens the feedback form and nothing else (no manage
 * page, export, cancellation or erasure) and cannot be turned into the manage token. It is checked
 * by recomputing the HMAC; nothing about it is stored.
 */
export const deriveFeedbackToken = (secret: string, registrationId: string): string =>
  `${registrationId}.${feedbackMac(secret, registrationId)}`;

const FEEDBACK_TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** The registration a feedback token was issued for, or null when it is not one of ours. */
export function registrationIdOfFeedbackToken(secret: string, token: string): string | null {
  const match = FEEDBACK_TOKEN.exec(token);
  if (!match) return null;
  const [, id = '', mac = ''] = match;
  const expected = Buffer.from(feedbackMac(secret, id), 'utf8');
  const given = Buffer.from(mac, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

export const hashToken = (token: string): string => sha256(`token:${token}`);
export const looksLikeManageToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

export const newRegistrationId = (): string => randomUUID();
