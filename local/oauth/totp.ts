import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * RFC 6238 time-based one-time passwords (SHA-1, 30-second steps, 6 digits): what an
 * authenticator app shows and what Cognito checks for software-token MFA.
 */
const STEP_SECONDS = 30;
const DIGITS = 6;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0');
}

/** The code for the given moment (default now) of a base32 secret. */
export function totpCode(secret: string, at: Date = new Date()): string {
  return hotp(base32Decode(secret), Math.floor(at.getTime() / 1000 / STEP_SECONDS));
}

/** Accepts the current step and one either side, as clocks on phones drift. */
export function verifyTotp(secret: string, code: string, at: Date = new Date()): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const key = base32Decode(secret);
  const step = Math.floor(at.getTime() / 1000 / STEP_SECONDS);
  return [step - 1, step, step + 1].some((s) => timingSafeEqual(Buffer.from(hotp(key, s)), Buffer.from(code)));
}

/** The URI an authenticator app scans (or takes pasted) to add the account. */
export function otpauthUri(secret: string, account: string, issuer: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
