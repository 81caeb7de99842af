import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retrying } from '../../reliability/retry';

/**
 * The production client, with an endpoint override for DynamoDB Local. Locally the credentials
 * are dummies (DynamoDB Local accepts any), and a call that DynamoDB Local times out on its own
 * lock is tried again: see `isLocalLockTimeout`.
 */
export function createDocumentClient(
  opts: { endpoint?: string | undefined; region?: string } = {},
): DynamoDBDocumentClient {
  const config: DynamoDBClientConfig = { region: opts.region ?? process.env.AWS_REGION ?? 'eu-west-1' };
  if (opts.endpoint) {
    config.endpoint = opts.endpoint;
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  if (opts.endpoint) retryLocalLockTimeouts(db);
  return db;
}

/**
 * DynamoDB Local keeps its tables in one SQLite database, and under many concurrent writes a call
 * can give up waiting for SQLite's lock: a 500 `InternalServerError` whose message says "too long
 * waiting for a lock" and that "this request will succeed in actual DynamoDB". Nothing was written
 * (the call never got the lock), so trying it again is safe. Real DynamoDB has no such error; the
 * deployed client never sees this wrapper. Only this message is retried: every other error,
 * including the faults tests inject, behaves exactly as before.
 */
export function isLocalLockTimeout(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown } | null;
  return e?.name === 'InternalServerError' && typeof e.message === 'string' && e.message.includes('waiting for a lock');
}

/** Up to eight attempts more, 20 ms doubling to at most 500 ms, fully jittered: about 2 s at worst. */
export const LOCAL_LOCK_RETRY = { maxAttempts: 9, policy: { baseMs: 20, capMs: 500, jitter: 'full' as const } };

function retryLocalLockTimeouts(db: DynamoDBDocumentClient): void {
  // A command can be sent again: the document client marshals from the command's own input each time.
  const send = db.send.bind(db) as (command: unknown, options?: unknown) => Promise<unknown>;
  const retried = (command: unknown, options?: unknown) =>
    retrying(() => send(command, options), { ...LOCAL_LOCK_RETRY, retryable: isLocalLockTimeout });
  db.send = retried as DynamoDBDocumentClient['send'];
}
