import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** Addresses are compared case-insensitively and in Unicode NFC; providers' own aliasing rules are not guessed. */
export const normaliseEmail = (email: string): string => email.trim().normalize('NFC').toLowerCase();

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** The key under which an address is matched (duplicate registrations, suppression). */
export const emailKey = (email: string): string => sha256(`email:${normaliseEmail(email)}`);

/** Manage tokens: 256 random bits, base64url. Only their hash is ever stored. */
export const newManageToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => sha256(`token:${token}`);
export const looksLikeManageToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

export const newRegistrationId = (): string => randomUUID();
