import type { AttributeValue, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

export const isTransactionCanceled = (e: unknown): e is TransactionCanceledException =>
  (e as Error | undefined)?.name === 'TransactionCanceledException';

export const isConditionalCheckFailed = (e: unknown): boolean =>
  (e as Error | undefined)?.name === 'ConditionalCheckFailedException';

/** The reason code of the n-th item of a cancelled transaction ('None' when that item was fine). */
export const reasonCode = (e: TransactionCanceledException, index: number): string =>
  e.CancellationReasons?.[index]?.Code ?? 'None';

/** The old image of the n-th item when its condition failed (ReturnValuesOnConditionCheckFailure: ALL_OLD). */
export const reasonItem = (e: TransactionCanceledException, index: number): Record<string, unknown> | undefined => {
  const item = e.CancellationReasons?.[index]?.Item as Record<string, AttributeValue> | undefined;
  return item ? unmarshall(item) : undefined;
};

/** Conflicts and throttling are worth another attempt; anything else is not. */
export const isRetryableCancellation = (e: TransactionCanceledException): boolean =>
  (e.CancellationReasons ?? []).some((r) =>
    ['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded'].includes(r.Code ?? ''),
  );

/** Full-jitter exponential backoff, capped, for optimistic-concurrency loops. */
export const backoff = (attempt: number, baseMs = 5, capMs = 250): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(capMs, baseMs * 2 ** attempt)));
