import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createRegistrationRepository } from '../../shared/adapters/dynamodb/registrations';
import { ContentionExhausted } from '../../shared/domain/errors';
import type { NewRegistration } from '../../shared/ports/registrations';

/**
 * DynamoDB Local never raises TransactionConflict, so it is injected here through a fake client:
 * the repository must retry it, and give up cleanly (a 503-class error, not a crash) if it never ends.
 */
const conflict = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }],
  });

function fakeClient(conflicts: number) {
  const calls: string[] = [];
  let left = conflicts;
  const client = {
    send: async (command: { constructor: { name: string } }) => {
      const name = command.constructor.name;
      calls.push(name);
      if (name === 'TransactWriteCommand' && left-- > 0) throw conflict();
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, calls };
}

const reg: NewRegistration = {
  id: 'r1',
  sessionId: 's1',
  name: 'A',
  email: 'a@example.org',
  emailHash: 'h',
  role: 'teacher',
  organisation: null,
  neighbourhood: null,
  language: 'nl',
  consentAt: '2027-01-01T00:00:00Z',
  createdAt: '2027-01-01T00:00:00Z',
  updatedAt: '2027-01-01T00:00:00Z',
  tokenHash: 't',
};
const tables = { sessionsTable: 'S', registrationsTable: 'R' };

describe('transaction conflicts', () => {
  it('retries a conflicting registration transaction until it goes through', async () => {
    const { client, calls } = fakeClient(3);
    const repo = createRegistrationRepository(client, tables);

    const placed = await repo.place(reg, new Date('2027-01-01T00:00:00Z'));

    expect(placed.status).toBe('confirmed');
    expect(calls.filter((c) => c === 'TransactWriteCommand')).toHaveLength(4);
  });

  it('gives up with a retryable error when conflicts never end', async () => {
    const { client } = fakeClient(Number.POSITIVE_INFINITY);
    const repo = createRegistrationRepository(client, tables, { maxAttempts: 3 });

    await expect(repo.place(reg, new Date())).rejects.toBeInstanceOf(ContentionExhausted);
  });
});
