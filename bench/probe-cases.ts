import { createHash, generateKeyPairSync } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { LocalAuth } from '../local/auth';

/** base64url of a JSON value, as a JWT segment. */
const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** Swaps one character in the middle of a segment so the bytes really change. */
const flip = (s: string) => {
  const i = Math.floor(s.length / 2);
  return `${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
};

/**
 * The kinds of bad organiser credential the security review sent to every admin route: each is an
 * Authorization header value (undefined: no header). None may reach a 2xx.
 */
export async function badTokens(auth: LocalAuth): Promise<Array<[kind: string, header: string | undefined]>> {
  const good = await auth.signToken();
  const [header, payload, signature] = good.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const kid = (JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string }).kid;
  const staff = await auth.signToken({ groups: ['staff'] });
  const [staffHeader, , staffSignature] = staff.split('.') as [string, string, string];

  const publicJwk = auth.publicJwks().keys[0];
  const otherKey = await generateKeyPair('ES256');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const hmac = (key: Uint8Array, extra: Record<string, unknown> = {}) =>
    new SignJWT({ ...claims, ...extra }).setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' }).sign(key);
  const unsigned = (alg: string) => `${segment({ alg, typ: 'JWT', kid })}.${payload}.`;
  const bearer = (t: string) => `Bearer ${t}`;

  return [
    ['no Authorization header', undefined],
    ['empty header', ''],
    ['"Bearer" alone', 'Bearer'],
    ['"Bearer " and spaces', 'Bearer    '],
    ['Basic scheme', `Basic ${Buffer.from('organiser:organiser').toString('base64')}`],
    ['the token without a scheme', good],
    ['garbage', bearer('not-a-token')],
    ['two segments', bearer(`${header}.${payload}`)],
    ['four segments', bearer(`${good}.${signature}`)],
    ['segments not base64url', bearer('%%%.@@@.***')],
    ['header not JSON', bearer(`${Buffer.from('{alg:').toString('base64url')}.${payload}.${signature}`)],
    ['alg none, no signature', bearer(unsigned('none'))],
    ['alg "None", no signature', bearer(unsigned('None'))],
    ['alg none, the real signature kept', bearer(`${unsigned('none')}${signature}`)],
    ['HS256 keyed with the public JWK', bearer(await hmac(Buffer.from(JSON.stringify(publicJwk))))],
    [
      'HS256 keyed with the public key PEM',
      bearer(await hmac(Buffer.from(rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string))),
    ],
    ['HS256 keyed with "secret"', bearer(await hmac(Buffer.from('secret')))],
    [
      'ES256 by another key, same kid',
      bearer(await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(otherKey.privateKey)),
    ],
    [
      'RS256 by another key with its own JWK embedded',
      bearer(
        await new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', typ: 'JWT', jwk: await exportJWK(rsa.publicKey) })
          .sign(rsa.privateKey),
      ),
    ],
    ['unknown kid', bearer(`${segment({ alg: 'ES256', typ: 'JWT', kid: 'no-such-key' })}.${payload}.${signature}`)],
    ['tampered signature', bearer(`${header}.${payload}.${flip(signature)}`)],
    [
      'payload changed to organisers, staff signature kept',
      bearer(`${staffHeader}.${segment({ ...claims, 'cognito:groups': ['organisers'] })}.${staffSignature}`),
    ],
    ['expired', bearer(await auth.signToken({ issuedAt: now() - 86_400, expiresAt: now() - 60 }))],
    ['not yet valid (nbf in an hour)', bearer(await auth.signClaims({ ...claims, nbf: now() + 3600 }))],
    ['no exp', bearer(await auth.signClaims({ ...claims, exp: undefined }))],
    ['wrong issuer', bearer(await auth.signToken({ issuer: 'https://evil.example' }))],
    ['wrong audience', bearer(await auth.signToken({ audience: 'some-other-client' }))],
    [
      'wrong client_id, no aud',
      bearer(await auth.signClaims({ ...claims, aud: undefined, client_id: 'some-other-client' })),
    ],
    ['no sub', bearer(await auth.signClaims({ ...claims, sub: undefined }))],
    ['no groups', bearer(await auth.signToken({ groups: [] }))],
    ['group staff', bearer(staff)],
    ['group "staff,organisers"', bearer(await auth.signToken({ groups: ['staff,organisers'] }))],
    ['group "\\"organisers\\""', bearer(await auth.signToken({ groups: ['"organisers"'] }))],
    ['group "[organisers]"', bearer(await auth.signToken({ groups: ['[organisers]'] }))],
    ['group "Organisers"', bearer(await auth.signToken({ groups: ['Organisers'] }))],
    ['group "organisers-x"', bearer(await auth.signToken({ groups: ['organisers-x'] }))],
    ['groups as a plain string', bearer(await auth.signClaims({ ...claims, 'cognito:groups': 'organisers' }))],
    ['groups as an object', bearer(await auth.signClaims({ ...claims, 'cognito:groups': { organisers: true } }))],
    ['an opaque hash for a token', bearer(createHash('sha256').update(good).digest('hex'))],
  ];
}

const KIB = 1024;

/**
 * Hostile values for path and query parameters, up to 16 KiB, each as it goes into the URL:
 * percent-encoded text, and a few byte sequences that are no UTF-8 at all.
 */
export const hostileValues = (): Array<[kind: string, encoded: string]> => [
  ...hostileText.map(([kind, value]) => [kind, encodeURIComponent(value)] as [string, string]),
  ['lone surrogate (CESU bytes)', '%ED%A0%80'],
  ['invalid UTF-8 byte', '%FF%FE'],
  ['overlong slash', '%C0%AF'],
  ['double-encoded traversal', '%252e%252e%252fetc'],
];

const hostileText: Array<[kind: string, value: string]> = [
  ['path traversal', '../../../../etc/passwd'],
  ['encoded traversal', '..%2f..%2f..%2fetc%2fpasswd'],
  ['NUL', 'a\u0000b'],
  ['CRLF header injection', 'x\r\nSet-Cookie: a=b'],
  ['right-to-left override', 'abc\u202Edef'],
  ['zero-width space', '\u200B'],
  ['emoji and combining marks', '🏳️‍🌈e\u0301'],
  ['SQL', "' OR '1'='1' --"],
  ['NoSQL operator', '{"$gt":""}'],
  ['DynamoDB expression', 'pk = :pk OR attribute_exists(sk)'],
  ['HTML', '<script>alert(1)</script>'],
  ['format string', '%s%s%s%n'],
  ['only spaces', '   '],
  ['empty', ''],
  ['2,100 characters', 'a'.repeat(2100)],
  ['16 KiB', 'b'.repeat(16 * KIB)],
  ['16 KiB of multibyte', 'é'.repeat(8 * KIB)],
];

/** Names that must come out escaped (HTML), guarded (CSV) or refused (400), never raw. */
export const hostileNames: string[] = [
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '=HYPERLINK("https://evil.example","klik")',
  '+1+1',
  '@SUM(A1:A2)',
  '-2+3',
  '\u200B=1+1',
  'Noor\u202Egnp.exe',
  "Robert'); DROP TABLE registrations;--",
  '{"$ne": null}',
  'Line\r\nBcc: victim@example.org',
  '&lt;b&gt;already escaped&lt;/b&gt;',
];

/** The markup that must never appear unescaped in an HTML output. */
export const rawMarkup = ['<script>alert', '<img src=x', '<svg onload'];
