import { afterAll, afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { emailKey } from '../../shared/domain/identity';
import { log } from '../../shared/log';
import { runRetention } from '../../shared/usecases/privacy';
import { registerForSession } from '../../shared/usecases/registrations';
import { createTestDb } from '../support/dynamo';
import { startTestApi, type TestApi } from '../support/http';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

/**
 * Logs may carry ids, routes, statuses and counts, never who someone is. This runs a full flow
 * through the local HTTP stack (the Lambda handlers' middy chain) with logging on, captures every
 * console line, and looks for the registrants' names, addresses, organisations and manage tokens.
 */
const small = aSessionInput({ capacity: 1, date: '2027-03-03' });
const other = aSessionInput({ date: '2027-06-10' });

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** The secrets found in a line, matched case-insensitively (addresses are compared that way too). */
const leaksIn = (line: string, secrets: string[]) =>
  secrets.filter((s) => line.toLowerCase().includes(s.toLowerCase()));

describe('no personal data in logs', () => {
  let api: TestApi;
  let lines: string[];
  let spies: MockInstance[];
  const previousLevel = process.env.LOG_LEVEL;

  beforeAll(async () => {
    api = await startTestApi(
      aProgrammeFile([small, other], { privacyNotice: { url: 'https://example.nl/privacy', version: '1' } }),
    );
  });
  afterAll(async () => {
    await api.stack.stop();
  });
  afterEach(() => {
    for (const s of spies) s.mockRestore();
    if (previousLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = previousLevel;
  });

  const capture = () => {
    process.env.LOG_LEVEL = 'debug';
    lines = [];
    spies = CONSOLE_METHODS.map((m) =>
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? String(a)))).join(' '));
      }),
    );
  };

  it('the detector sees a leak when a line does carry personal data (control)', () => {
    capture();
    log('info', 'request', { path: '/registrations/SECRET-TOKEN', who: 'Anna@Example.org' });
    expect(lines.flatMap((l) => leaksIn(l, ['secret-token', 'anna@example.org']))).toHaveLength(2);
  });

  it('a full flow — register, read, export, cancel, erase, bad input, errors — logs none', async () => {
    capture();
    const anna = aRegistrationRequest({
      name: 'Anna Zwartbroek-Vermeulen',
      email: 'anna.zwartbroek@example.org',
      organisation: 'Stichting Buurtkracht Oost',
      neighbourhood: 'Indische Buurt',
    });
    const bob = aRegistrationRequest({ name: 'Bob Kleinveld', email: 'bob.kleinveld@example.org' });
    const register = (sessionId: string, body: unknown) => api.post(`/sessions/${sessionId}/registrations`, body);

    // Registrations: JSON, a plain form post, a waiting list, a duplicate, a honeypot.
    const a = await register(small.id, anna);
    const b = await register(small.id, bob);
    const form = await api.json(`/sessions/${other.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ name: anna.name, email: anna.email, role: 'teacher', consent: 'on' }),
      redirect: 'manual',
    });
    const dup = await register(small.id, { ...anna, email: anna.email.toUpperCase() });
    await register(other.id, { ...bob, website: 'https://spam.example' });
    // Bad input of every kind, carrying personal data in the wrong places.
    const bad = await register(small.id, { name: anna.name, email: `${anna.name}@`, role: anna.organisation });
    await api.json(`/sessions/${small.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"name": "${anna.name}", "email": "${anna.email}"`,
    });
    await api.json(`/sessions/${small.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: `${anna.name} ${anna.email}`,
    });
    await api.json(`/sessions/${small.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...anna, name: anna.name.repeat(1000) }),
    });
    await api.json(`/sessions/${encodeURIComponent(anna.email)}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(anna),
    });
    // Reading, export and cancellation by token; tokens that do not exist.
    const tokenA = a.body.manageToken as string;
    const tokenB = b.body.manageToken as string;
    await api.json(`/registrations/${tokenA}`);
    await api.json(`/registrations/${tokenA}/export`);
    await api.json(`/registrations/${tokenB}/cancel`, { method: 'POST' });
    await api.json(`/registrations/${tokenB}`, { method: 'DELETE' });
    const unknownToken = 'Z'.repeat(43);
    await api.json(`/registrations/${unknownToken}`);
    await api.json(`/registrations/${unknownToken}/export`);
    // Erasure, then the dead link again; and the retention job over the same data much later.
    await api.json(`/registrations/${tokenA}/erase`, { method: 'POST' });
    await api.json(`/registrations/${tokenA}/erase`, { method: 'POST' });
    await api.json(`/registrations/${tokenA}`);

    const formToken = new URL(form.headers.get('location') ?? '', 'http://x').searchParams.get('token') ?? '';
    expect([a.status, b.status, form.status, dup.status, bad.status]).toEqual([201, 201, 303, 409, 400]);
    expect(formToken).toMatch(/^[\w-]{43}$/);

    const secrets = [
      anna.name,
      anna.email,
      anna.organisation as string,
      bob.name,
      bob.email,
      emailKey(anna.email),
      emailKey(bob.email),
      tokenA,
      tokenB,
      formToken,
      unknownToken,
    ];
    // Every request left a line: the capture works.
    expect(lines.filter((l) => l.includes('"message":"request"')).length).toBeGreaterThanOrEqual(18);
    expect(lines.flatMap((l) => leaksIn(l, secrets).map((s) => `${s} in ${l}`))).toEqual([]);
  });

  it('the retention job logs counts only', async () => {
    const t = await createTestDb(new Date('2027-01-15T10:00:00Z'));
    await t.load(aProgrammeFile([aSessionInput({ date: '2027-02-01' })]));
    const [session] = await t.sessions.list();
    const person = aRegistrationRequest({ name: 'Cor van Dam', organisation: 'Wijkcentrum' });
    await registerForSession(t, session?.id ?? '', person);
    t.clock.set(new Date('2027-09-01T00:00:00Z'));
    capture();

    const run = await runRetention(t);

    expect(run.anonymised).toBe(1);
    expect(lines.some((l) => l.includes('retention run'))).toBe(true);
    expect(
      lines.flatMap((l) => leaksIn(l, [person.name, person.email, 'Wijkcentrum', emailKey(person.email)])),
    ).toEqual([]);
  });
});
