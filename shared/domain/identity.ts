import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';

/** Addresses are compared case-insensitively and in Unicode NFC; providers' own aliasing rules are not guessed. */
export const normaliseEmail = (email: string): string => email.trim().normalize('NFC').toLowerCase();

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** The key under which an address is matched (duplicate registrations, suppression). */
export const emailKey = (email: string): string => sha256(`email:${normaliseEmail(email)}`);

/** Manage tokens: 256 random bits, base64url. Only their hash is ever stored. */
export const newManageToken = (): string => randomBytes(32).toString('base64url');
/**
 * A manage token derived from the registration id with a deployment secret (HMAC-SHA256, 256
 * bits, base64url: the same shape as a random one). The mailer, which only ever sees ids, can
 * then put the holder's link in every mail, while the table still stores only the token's hash.
 */
export const deriveManageToken = (secret: string, registrationId: string): string =>
  createHmac('sha256', secret).update(`manage:${registrationId}`, 'utf8').digest('base64url');
export const hashToken = (token: string): string => sha256(`token:${token}`);
export const looksLikeManageToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

export const newRegistrationId = (): string => randomUUID();
