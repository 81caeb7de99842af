import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { registrationKeys } from '../../shared/adapters/dynamodb/registrations';
import { emailKey } from '../../shared/domain/identity';
import { changeSession, type PipelineStack, startPipelineStack, storedSession } from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';

/**
 * Finding 8 of the security review (issue 18): a filled honeypot is answered exactly as the real
 * request would be answered at that moment — same status, same problem body, same registration
 * fields — for every outcome a registration can have, and stores nothing.
 */
describe('the honeypot mirrors every real outcome', () => {
  let stack: PipelineStack;
  const open = aSessionInput({ capacity: 10 });
  const full = aSessionInput({ capacity: 1 });
  const closed = aSessionInput({ registrationOpen: false });
  const cancelled = aSessionInput();
  const address = () => `${uniqueId('h')}@example.org`;

  const register = async (sessionId: string, email: string, bot = false) => {
    const res = await fetch(`${stack.apiUrl}/sessions/${sessionId}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Noor',
        email,
        role: 'teacher',
        consent: true,
        ...(bot ? { website: 'https://spam.example' } : {}),
      }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  /** What a client can compare between two answers: status, problem body, the registration's shape. */
  const visible = (answer: { status: number; body: Record<string, unknown> }) => {
    const reg = answer.body.registration as Record<string, unknown> | undefined;
    if (!reg) return answer;
    return {
      status: answer.status,
      keys: Object.keys(answer.body).sort(),
      registrationKeys: Object.keys(reg).sort(),
      state: { status: reg.status, waitlistPosition: reg.waitlistPosition },
    };
  };
  const guardOf = async (sessionId: string, email: string) => {
    const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
    try {
      const r = await db.send(
        new GetCommand({
          TableName: stack.tables.registrationsTable,
          Key: registrationKeys.emailGuard(sessionId, emailKey(email)),
          ConsistentRead: true,
        }),
      );
      return r.Item;
    } finally {
      db.destroy();
    }
  };

  beforeAll(async () => {
    stack = await startPipelineStack(aProgrammeFile([open, full, closed, cancelled]));
    await changeSession(stack, cancelled.id, await storedSession(stack, cancelled.id), { status: 'cancelled' });
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('a free seat: confirmed, as for a real registrant', async () => {
    const bot = await register(open.id, address(), true);
    const real = await register(open.id, address());
    expect(visible(bot)).toEqual(visible(real));
    expect(visible(real)).toMatchObject({ status: 201, state: { status: 'confirmed' } });
  });

  it('a full session: waitlisted with the position the next real registrant gets', async () => {
    expect((await register(full.id, address())).status).toBe(201);
    const bot = await register(full.id, address(), true);
    const real = await register(full.id, address());
    expect(visible(bot)).toEqual(visible(real));
    expect(visible(real)).toMatchObject({ status: 201, state: { status: 'waitlisted', waitlistPosition: 1 } });
  });

  it('an address already registered: the same 409 already-registered, and no reminder is stamped', async () => {
    const email = address();
    expect((await register(open.id, email)).status).toBe(201);
    const bot = await register(open.id, email, true);
    expect(await guardOf(open.id, email)).not.toHaveProperty('lastDuplicateAttemptAt');
    const real = await register(open.id, email);
    expect(bot).toEqual(real);
    expect(real).toMatchObject({ status: 409, body: { type: '/problems/already-registered' } });
  });

  it('an address whose registration was cancelled may register again, bot answer alike', async () => {
    const email = address();
    const first = await register(open.id, email);
    const cancel = await fetch(`${stack.apiUrl}/registrations/${first.body.manageToken}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    const bot = await register(open.id, email, true);
    const real = await register(open.id, email);
    expect(visible(bot)).toEqual(visible(real));
    expect(real.status).toBe(201);
  });

  it.each([
    ['registration closed', () => closed.id, '/problems/registration-closed'],
    ['a cancelled session', () => cancelled.id, '/problems/session-cancelled'],
    ['an unknown session', () => uniqueId('no-such-session'), '/problems/not-found'],
  ])('%s: the same problem answer', async (_what, sessionId, type) => {
    const bot = await register(sessionId(), address(), true);
    const real = await register(sessionId(), address());
    expect(bot).toEqual(real);
    expect(real.body.type).toBe(type);
  });

  it('stores nothing for a bot: its address holds no registration afterwards', async () => {
    const email = address();
    expect((await register(open.id, email, true)).status).toBe(201);
    expect(await guardOf(open.id, email)).toBeUndefined();
    expect((await register(open.id, email)).status).toBe(201);
  });
});
