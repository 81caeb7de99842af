import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createRegistrationRepository } from '../shared/adapters/dynamodb/registrations';
import { deriveManageToken, emailKey, hashToken, newRegistrationId } from '../shared/domain/identity';
import type { TableNames } from './tables';

/**
 * Seeds confirmed registrations straight into the tables (the same conditional transaction the
 * public API uses), for the fan-out test and benchmark. With the stream trigger off (pipeline
 * option `streams: false`) the seed mails nobody; only what the measurement fires is sent.
 */
export async function seedConfirmedRegistrations(opts: {
  db: DynamoDBDocumentClient;
  tables: TableNames;
  sessionId: string;
  count: number;
  manageTokenSecret: string;
  now: Date;
  emailOf: (i: number) => string;
  concurrency?: number;
}): Promise<Array<{ id: string; email: string }>> {
  const repo = createRegistrationRepository(opts.db, opts.tables);
  const at = opts.now.toISOString();
  const out: Array<{ id: string; email: string }> = new Array(opts.count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < opts.count; i = next++) {
      const id = newRegistrationId();
      const email = opts.emailOf(i);
      const reg = await repo.place(
        {
          id,
          sessionId: opts.sessionId,
          name: `Deelnemer ${i + 1}`,
          email,
          emailHash: emailKey(email),
          role: 'resident',
          organisation: null,
          neighbourhood: null,
          language: 'nl',
          consentAt: at,
          createdAt: at,
          updatedAt: at,
          tokenHash: hashToken(deriveManageToken(opts.manageTokenSecret, id)),
        },
        opts.now,
      );
      if (reg.status !== 'confirmed') throw new Error(`seeded registration ${i} was ${reg.status}`);
      out[i] = { id, email };
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 8 }, worker));
  return out;
}

/**
 * The largest number of sends in any window of `windowMs` (a sliding window anchored at each
 * send), from the send times. Used to check the mailer kept to its rate by counting sends, not by
 * timing the test.
 */
export function maxSendsPerWindow(times: number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < t.length; end++) {
    while ((t[end] as number) - (t[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
