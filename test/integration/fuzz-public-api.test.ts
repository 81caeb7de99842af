import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createRegistrationRepository } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import { RegistrationRequest, roles } from '../../shared/domain/schemas';
import { publicApi } from '../../shared/http/api-routes';
import { startTestApi, type TestApi } from '../support/http';
import { aProgrammeFile, aSessionInput } from '../support/programme-builders';

/**
 * Property-based fuzzing of every public route over real HTTP (local stack, DynamoDB Local):
 * hostile bodies, content types, encodings, path parameters and headers. Whatever comes in, the
 * answer is never a 5xx, every 4xx is a problem document, a 201 only follows a body that is valid
 * per RegistrationRequest (and reads back the same), and a refused request stores nothing.
 */

interface Answer {
  status: number;
  contentType: string;
  body: string;
  location: string;
}

/** Raw HTTP, so that bodies, paths and headers go out byte for byte, unnormalised. */
function send(base: string, method: string, path: string, headers: Record<string, string>, body?: Buffer) {
  const url = new URL(base);
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
            location: String(res.headers.location ?? ''),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Every 4xx is RFC 9457 problem details; a 400 names its fields. */
function expectProblem(a: Answer, htmlExpected = false): void {
  expect(a.status, a.body).toBeLessThan(500);
  if (a.status < 400) return;
  if (htmlExpected) {
    expect(a.contentType).toContain('text/html');
    return;
  }
  expect(a.contentType).toContain('application/problem+json');
  const p = JSON.parse(a.body) as Record<string, unknown>;
  expect(p).toMatchObject({ status: a.status });
  expect(typeof p.type).toBe('string');
  expect(typeof p.title).toBe('string');
  expect(typeof p.detail).toBe('string');
  if (a.status === 400) {
    const errors = p.errors as Array<{ field: unknown; message: unknown }>;
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(typeof e.field).toBe('string');
      expect(typeof e.message).toBe('string');
    }
  }
}

// Strings that have broken systems before: lone surrogates, bidi overrides, joiners, combining
// marks, emoji sequences, NUL and other controls, look-alikes, and very long runs.
const nasty = fc.constantFrom(
  '\uD800',
  'a\uDC00b',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  'Zo\u200Dë',
  'e\u0301\u0301\u0301',
  '👩🏽‍🚀',
  '🏳️‍🌈',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  'line\nbreak',
  '\u2028',
  '\uFEFF',
  '\uFFFD',
  'ﬃ',
  'İ',
  '\u00A0',
  ' ',
  '',
  'x'.repeat(201),
  'x'.repeat(5000),
  '<script>alert(1)</script>',
  "Robert'); DROP TABLE registrations;--",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal lookup string is the point
  '${jndi:ldap://x}',
  '__proto__',
);
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  nasty,
  fc.tuple(fc.string({ maxLength: 20 }), nasty, fc.string({ maxLength: 20 })).map((p) => p.join('')),
);
const emailLike = fc.oneof(
  fc.emailAddress(),
  fc.tuple(anyText, fc.emailAddress()).map(([a, e]) => `${a}${e}`),
  fc.tuple(fc.emailAddress(), nasty).map(([e, n]) => `${e}${n}`),
  fc.tuple(nasty, fc.domain()).map(([n, d]) => `${n}@${d}`),
  anyText,
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);
const field = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: wrongType }, { weight: 1, arbitrary: anyText });

/** Bodies close to valid, so that both sides of the oracle are exercised. */
const registrationLike = fc.record(
  {
    name: field(fc.oneof(fc.constantFrom('Anna de Vries', '  Ömer  ', 'José Ñúñez', '李小龙'), anyText)),
    email: field(emailLike),
    role: field(fc.constantFrom(...roles, 'mayor', 'TEACHER')),
    organisation: field(fc.oneof(fc.constant('Buurtteam'), anyText)),
    neighbourhood: field(anyText),
    language: field(fc.constantFrom('nl', 'en', 'fr', 'NL')),
    consent: field(fc.constantFrom(true, false, 'on', 'true', 'off', '1', 'yes')),
    website: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: anyText }),
    extra: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.jsonValue() }),
  },
  { requiredKeys: [] },
);

/** Valid bodies with unusual but legitimate names, so that the 201 side is exercised often. */
const validRegistration = fc.record({
  name: fc.oneof(
    fc.constantFrom('Zo\u200Dë', 'e\u0301va', '👩🏽‍🚀 Astrid', '\u202Eevil', 'ﬃ İ', ' Ömer '),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 }),
  ),
  // Ordinary addresses (the schema's address check is deliberately narrower than RFC 5322), in any case.
  email: fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9._+-]{0,18}[A-Za-z0-9])?$/), fc.domain())
    .map(([local, domain]) => `${local}@${domain}`),
  role: fc.constantFrom(...roles),
  language: fc.constantFrom('nl', 'en'),
  consent: fc.constantFrom(true, 'on', 'true'),
});

/** Nesting up to well below the body limit. */
const deepJson = fc.integer({ min: 1, max: 5000 }).chain((depth) =>
  fc.constantFrom('[', '{"a":').map((open) => {
    const close = open === '[' ? ']' : '}';
    return `${open.repeat(depth)}1${close.repeat(depth)}`;
  }),
);

describe('fuzzing the public API (fast-check, over HTTP)', () => {
  let api: TestApi;
  const session = aSessionInput({ capacity: null });
  let counts: () => Promise<{ seats: number; waiting: number; stored: number }>;

  beforeAll(async () => {
    api = await startTestApi(aProgrammeFile([session]));
    const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
    const sessions = createSessionRepository(db, api.stack.tables.sessionsTable);
    const registrations = createRegistrationRepository(db, api.stack.tables);
    counts = async () => {
      const s = await sessions.get(session.id);
      const stored = (await registrations.listForSession(session.id)).length;
      return { seats: s?.confirmedCount ?? -1, waiting: s?.waitlistCount ?? -1, stored };
    };
  });
  afterAll(async () => {
    await api.stack.stop();
  });

  const registrationsPath = () => `/sessions/${session.id}/registrations`;

  /**
   * The oracle for a registration post whose decoded body the test knows: 201 exactly when the
   * body is valid, and then it reads back; otherwise a problem and nothing stored.
   */
  async function checkRegistration(decoded: unknown, answer: Answer, before: Awaited<ReturnType<typeof counts>>) {
    expectProblem(answer);
    const expected = RegistrationRequest.safeParse(decoded);
    const after = await counts();
    if (answer.status === 201) {
      expect(expected.success, `201 for an invalid body: ${JSON.stringify(decoded)}`).toBe(true);
      if (!expected.success) return;
      const body = JSON.parse(answer.body) as { manageToken: string };
      const read = await send(api.stack.apiUrl, 'GET', `/registrations/${body.manageToken}`, {});
      if (expected.data.website && expected.data.website.trim() !== '') {
        // The honeypot: a normal-looking answer, nothing stored.
        expect(read.status).toBe(404);
        expect(after).toEqual(before);
        return;
      }
      expect(read.status).toBe(200);
      const stored = (JSON.parse(read.body) as { registration: { name: string; email: string } }).registration;
      expect(stored).toMatchObject({ name: expected.data.name, email: expected.data.email });
      expect(after.seats + after.waiting).toBe(before.seats + before.waiting + 1);
      expect(after.stored).toBe(before.stored + 1);
    } else {
      expect(after).toEqual(before);
      if (answer.status === 400) expect(expected.success && answer.body.includes('validation-error')).toBe(false);
    }
  }

  it('registration posts with near-valid and hostile JSON bodies', async () => {
    const seen = { created: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(registrationLike, validRegistration), async (body) => {
        const before = await counts();
        const raw = JSON.stringify(body);
        const answer = await send(
          api.stack.apiUrl,
          'POST',
          registrationsPath(),
          { 'content-type': 'application/json' },
          Buffer.from(raw, 'utf8'),
        );
        // What the server decoded is what JSON.parse gives back (lone surrogates become U+FFFD on the wire).
        await checkRegistration(JSON.parse(Buffer.from(raw, 'utf8').toString('utf8')), answer, before);
        if (answer.status === 201) seen.created++;
        else seen.refused++;
      }),
      { numRuns: 200 },
    );
    // Both sides of the oracle were exercised, so a green run means something.
    expect(seen.created).toBeGreaterThan(10);
    expect(seen.refused).toBeGreaterThan(10);
  });

  it('registration posts with arbitrary JSON values, deep nesting and huge strings', async () => {
    const bodies = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
      deepJson,
      fc.integer({ min: 1, max: 40_000 }).map((n) => JSON.stringify({ name: 'ä'.repeat(n) })),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (raw) => {
        const before = await counts();
        const bytes = Buffer.from(raw, 'utf8');
        const answer = await send(
          api.stack.apiUrl,
          'POST',
          registrationsPath(),
          { 'content-type': 'application/json; charset=utf-8' },
          bytes,
        );
        if (bytes.length > 16 * 1024) expect(answer.status).toBe(413);
        let decoded: unknown;
        try {
          decoded = JSON.parse(bytes.toString('utf8'));
        } catch {
          decoded = Symbol('not JSON');
        }
        await checkRegistration(decoded, answer, before);
      }),
      { numRuns: 150 },
    );
  });

  it('registration posts as random form-encoded bodies, for API clients and for browsers', async () => {
    const formFields = fc.dictionary(
      fc.oneof(fc.constantFrom('name', 'email', 'role', 'consent', 'language', 'website', 'organisation'), anyText),
      fc.oneof(anyText, fc.constantFrom('on', 'teacher', 'resident', 'nl', 'a@example.org')),
      { maxKeys: 8 },
    );
    await fc.assert(
      fc.asyncProperty(formFields, fc.boolean(), async (fields, browser) => {
        const before = await counts();
        // Lone surrogates cannot be percent-encoded; URLSearchParams turns them into U+FFFD, as a browser would.
        const form = new URLSearchParams(fields).toString();
        const answer = await send(
          api.stack.apiUrl,
          'POST',
          registrationsPath(),
          {
            'content-type': 'application/x-www-form-urlencoded',
            ...(browser ? { accept: 'text/html,application/xhtml+xml' } : {}),
          },
          Buffer.from(form, 'utf8'),
        );
        const decoded = Object.fromEntries(new URLSearchParams(form));
        if (browser) {
          // A browser's form post gets a 303 to its manage page; a refused one a 303 back to the
          // form naming the fields or the refusal (never what was typed), or an HTML problem page.
          expectProblem(answer, true);
          const valid = RegistrationRequest.safeParse(decoded).success;
          const registered = answer.status === 303 && /\/manage\.html\?/.test(answer.location);
          expect(registered).toBe(valid);
          if (!registered) {
            if (answer.status === 303) expect(answer.location).toMatch(/\/register\.html\?.*(invalid|error)=/);
            expect(await counts()).toEqual(before);
          }
          return;
        }
        await checkRegistration(decoded, answer, before);
      }),
      { numRuns: 150 },
    );
  });

  it('registration posts with garbage bytes, invalid UTF-8, base64 junk and random content types', async () => {
    const mediaTypes = fc.oneof(
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset="UTF-8"',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'application/problem+json',
        'application/x-www-form-urlencoded',
        'application/x-www-form-urlencoded; charset=shift_jis',
        'text/plain',
        'text/html',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        'application/xml',
        '*/*',
        ';;;',
        'application/json;;charset=',
        'APPLICATION/JSON',
      ),
      fc.stringMatching(
        /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}\/[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}(; ?[a-z]{1,8}=[ -~]{0,10})?$/,
      ),
    );
    const invalidUtf8 = fc.constantFrom(
      Buffer.from([0xc3, 0x28]),
      Buffer.from([0xa0, 0xa1]),
      Buffer.from([0xe2, 0x28, 0xa1]),
      Buffer.from([0xf0, 0x28, 0x8c, 0xbc]),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from([0xff, 0xfe, 0x00, 0x00]),
      Buffer.from([0xc0, 0xaf]),
    );
    const bodies = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.base64String({ maxLength: 200 }).map((s) => Buffer.from(s)),
      fc
        .tuple(invalidUtf8, fc.emailAddress())
        .map(([bad, email]) =>
          Buffer.concat([
            Buffer.from(`{"name":"`),
            bad,
            Buffer.from(`","email":"${email}","role":"teacher","consent":true}`),
          ]),
        ),
      fc
        .tuple(invalidUtf8, fc.emailAddress())
        .map(([bad, email]) =>
          Buffer.concat([Buffer.from('name='), bad, Buffer.from(`&email=${email}&role=resident&consent=on`)]),
        ),
    );
    await fc.assert(
      fc.asyncProperty(mediaTypes, bodies, async (contentType, bytes) => {
        const before = await counts();
        const answer = await send(
          api.stack.apiUrl,
          'POST',
          registrationsPath(),
          { 'content-type': contentType },
          bytes,
        );
        expectProblem(answer);
        const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
        const ours =
          type === 'application/json' || type.endsWith('+json') || type === 'application/x-www-form-urlencoded';
        if (!ours) expect(answer.status).toBe(415);
        if (answer.status === 201) {
          // Invalid UTF-8 arrives as U+FFFD, which is well-formed text: the stored name shows it, nothing else.
          const text = bytes.toString('utf8');
          const decoded = type.endsWith('json') ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
          await checkRegistration(decoded, answer, before);
        } else {
          expect(await counts()).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('every route with random path parameters, query strings and headers', async () => {
    const segment = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }).map(encodeURIComponent),
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '..%2F..%2Fetc%2Fpasswd',
        '%00',
        '%',
        '%zz',
        '%C0%AF',
        '%ED%A0%80',
        '%F0%9F%92%A9',
      ),
      fc.integer({ min: 100, max: 2000 }).map((n) => 'a'.repeat(n)),
      fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      fc.constant(session.id),
    );
    const routes = fc.constantFrom(
      ['GET', (p: string) => `/sessions/${p}`],
      ['GET', (p: string) => `/sessions/${p}/calendar.ics`],
      ['POST', (p: string) => `/sessions/${p}/registrations`],
      ['GET', (p: string) => `/registrations/${p}`],
      ['POST', (p: string) => `/registrations/${p}/cancel`],
      ['DELETE', (p: string) => `/registrations/${p}`],
      ['GET', () => '/sessions'],
      ['GET', () => '/calendar.ics'],
      ['GET', () => '/openapi.json'],
    ) as fc.Arbitrary<[string, (p: string) => string]>;
    const query = fc.dictionary(
      fc.constantFrom('lang', 'programme', 'x', '__proto__'),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      { maxKeys: 3 },
    );
    const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,30}$/;
    const headers = fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          'accept',
          'accept-language',
          'x-forwarded-proto',
          'authorization',
          'cookie',
          'origin',
          'accept-charset',
        ),
        fc
          .stringMatching(token)
          .filter(
            (h) =>
              ![
                'content-length',
                'transfer-encoding',
                'host',
                'connection',
                'expect',
                'upgrade',
                'content-type',
              ].includes(h.toLowerCase()),
          ),
      ),
      fc.stringMatching(/^[ -~]{0,80}$/).map((v) => v.trim()),
      { maxKeys: 6 },
    );
    await fc.assert(
      fc.asyncProperty(routes, segment, query, headers, async ([method, path], param, q, h) => {
        const before = await counts();
        const qs = new URLSearchParams(q).toString();
        const answer = await send(api.stack.apiUrl, method, `${path(param)}${qs ? `?${qs}` : ''}`, h);
        expectProblem(answer);
        if (method !== 'GET') expect(await counts()).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('every route of the route objects with path and query parameters up to 16 KiB', async () => {
    // Derived from the route objects: a new route is fuzzed without touching this test.
    const routes = publicApi.map((r) => ({ method: r.method, path: r.path, query: Object.keys(r.query.shape) }));
    const long = fc
      .integer({ min: 1, max: 16 * 1024 })
      .chain((n) =>
        fc
          .constantFrom('a', '%C3%A4', '-', '%00', '%E2%80%AE', '%22')
          .map((unit) => unit.repeat(Math.ceil(n / unit.length))),
      );
    const value = fc.oneof(long, fc.string({ unit: 'grapheme', maxLength: 60 }).map(encodeURIComponent));
    const seen = { refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), value, value, fc.boolean(), async (route, p, q, extraKey) => {
        const before = await counts();
        const path = route.path.replace(/\{\w+\}/g, p.slice(0, 16 * 1024));
        const keys = [...route.query, ...(extraKey ? ['x'] : [])];
        const qs = keys.map((k) => `${k}=${q}`).join('&');
        const answer = await send(api.stack.apiUrl, route.method, `${path}${qs ? `?${qs}` : ''}`, {});
        expectProblem(answer);
        if (answer.status >= 400) seen.refused++;
        if (route.method !== 'GET') expect(await counts()).toEqual(before);
      }),
      { numRuns: 150 },
    );
    expect(seen.refused).toBeGreaterThan(10);
  });

  it('GET /calendar.ics?programme= with 2,100+ characters is a 400 naming the parameter', async () => {
    const answer = await send(api.stack.apiUrl, 'GET', `/calendar.ics?programme=${'a'.repeat(2100)}`, {});
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ errors: [{ field: 'programme' }] });
  });
});
