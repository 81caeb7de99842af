import { describe, expect, it } from 'vitest';
import { base32Decode, otpauthUri, totpCode, verifyTotp } from '../../local/oauth/totp';

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890" (the last six of its eight digits).
const SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP (RFC 6238)', () => {
  it('decodes base32', () => {
    expect(base32Decode(SEED).toString('ascii')).toBe('12345678901234567890');
  });

  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s gives %s', (seconds, code) => {
    expect(totpCode(SEED, new Date(seconds * 1000))).toBe(code);
  });

  it('accepts one step of clock drift either way, not two', () => {
    const at = new Date(1234567890 * 1000);
    const code = totpCode(SEED, at);
    expect(verifyTotp(SEED, code, new Date(at.getTime() + 30_000))).toBe(true);
    expect(verifyTotp(SEED, code, new Date(at.getTime() - 30_000))).toBe(true);
    expect(verifyTotp(SEED, code, new Date(at.getTime() + 61_000))).toBe(false);
    expect(verifyTotp(SEED, 'abcdef', at)).toBe(false);
    expect(verifyTotp(SEED, '12345', at)).toBe(false);
  });

  it('gives the otpauth URI an authenticator app takes', () => {
    expect(otpauthUri(SEED, 'a@example.org', 'Stadsgesprekken')).toBe(
      `otpauth://totp/Stadsgesprekken%3Aa%40example.org?secret=${SEED}&issuer=Stadsgesprekken&algorithm=SHA1&digits=6&period=30`,
    );
  });
});
