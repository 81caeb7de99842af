import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveFeedbackToken } from '../../shared/domain/identity';
import { type PipelineStack, startPipelineStack } from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';

/** Findings 8 of the security review (issue 18), over HTTP on the local stack. */
describe('smaller leaks closed', () => {
  let stack: PipelineStack;
  const full = aSessionInput({ capacity: 1 });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.apiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const person = (website?: string) => ({
    name: 'Noor',
    email: `${uniqueId('n')}@example.org`,
    role: 'teacher',
    consent: true,
    ...(website ? { website } : {}),
  });

  beforeAll(async () => {
    stack = await startPipelineStack(aProgrammeFile([full]));
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('answers a filled honeypot on a full session as a real registration: waitlisted, with the next place', async () => {
    expect((await post(`/sessions/${full.id}/registrations`, person())).status).toBe(201);
    const real = (await (await post(`/sessions/${full.id}/registrations`, person())).json()) as {
      registration: Record<string, unknown>;
    };
    const bot = (await (await post(`/sessions/${full.id}/registrations`, person('https://spam.example'))).json()) as {
      registration: Record<string, unknown>;
    };
    expect(real.registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(bot.registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect(Object.keys(bot.registration).sort()).toEqual(Object.keys(real.registration).sort());
  });

  it('names the configured API URL in the OpenAPI document, whatever Host and X-Forwarded-Proto say', async () => {
    const res = await fetch(`${stack.apiUrl}/openapi.json`, {
      headers: { 'x-forwarded-proto': 'javascript', 'x-forwarded-host': 'evil.example' },
    });
    const doc = JSON.stringify(await res.json());
    expect(doc).not.toContain('javascript://');
    expect(doc).not.toContain('evil.example');
    expect(doc).toContain(stack.apiUrl);
  });

  it('opens the feedback form with a feedback token, which opens nothing else', async () => {
    const res = await post(`/sessions/${full.id}/registrations`, person());
    const { registration } = (await res.json()) as { registration: { id: string } };
    const token = deriveFeedbackToken('pipeline-test-secret', registration.id);
    expect((await fetch(`${stack.apiUrl}/feedback/${token}`)).status).toBe(200);
    expect((await fetch(`${stack.apiUrl}/registrations/${token}`)).status).toBe(404);
    expect((await fetch(`${stack.apiUrl}/registrations/${token}/export`)).status).toBe(404);
    expect((await fetch(`${stack.apiUrl}/registrations/${token}/cancel`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${stack.apiUrl}/registrations/${token}/erase`, { method: 'POST' })).status).toBe(404);
    const forged = deriveFeedbackToken('another-secret', registration.id);
    expect((await fetch(`${stack.apiUrl}/feedback/${forged}`)).status).toBe(404);
  });
});
