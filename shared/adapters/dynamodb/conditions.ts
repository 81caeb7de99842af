import type { AttributeValue, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { BackoffPolicy } from '../../reliability/retry';

/**
 * Conditional writes and transactions, read the same way by every adapter: a failed condition is
 * an answer (the item is not as expected), and a cancelled transaction says per item why.
 */

export const isConditionalCheckFailed = (e: unknown): boolean =>
  (e as Error | undefined)?.name === 'ConditionalCheckFailedException';

export const isTransactionCanceled = (e: unknown): e is TransactionCanceledException =>
  (e as Error | undefined)?.name === 'TransactionCanceledException';

/** Marshalled images (the document client leaves error payloads as DynamoDB sent them), as plain objects. */
const plain = (item: Record<string, AttributeValue> | undefined): Record<string, unknown> | undefined =>
  item ? unmarshall(item) : undefined;

/** The item as it was when a single write's condition failed (ReturnValuesOnConditionCheckFailure: ALL_OLD). */
export const conditionFailedItem = (e: unknown): Record<string, unknown> | undefined =>
  plain((e as { Item?: Record<string, AttributeValue> }).Item);

const RETRYABLE_CODES = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

/** A cancelled transaction that conflicts or throttling caused is worth another attempt; anything else is not. */
export const isRetryableCancellation = (e: unknown): boolean =>
  isTransactionCanceled(e) && (e.CancellationReasons ?? []).some((r) => RETRYABLE_CODES.has(r.Code ?? ''));

/** Optimistic-concurrency loops back off briefly: contenders are spread, not made to wait. */
export const CONTENTION_BACKOFF: BackoffPolicy = { baseMs: 5, capMs: 250, jitter: 'full' };

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction's items by name; a null item is left out of this transaction. */
export type NamedItems<K extends string> = Record<K, TransactItem | null>;

/** Why a transaction was cancelled, item by item, by the names the items were written under. */
export class Cancellation<K extends string> {
  constructor(
    readonly error: TransactionCanceledException,
    private readonly names: readonly K[],
  ) {}

  /** The item's reason code ('None' when that item was fine). */
  code(name: K): string {
    const i = this.names.indexOf(name);
    return i < 0 ? 'None' : (this.error.CancellationReasons?.[i]?.Code ?? 'None');
  }

  /** True when this item's condition did not hold. */
  failed(name: K): boolean {
    return this.code(name) === 'ConditionalCheckFailed';
  }

  /** The item as it was, for an item written with ReturnValuesOnConditionCheckFailure ALL_OLD whose condition failed. */
  oldItem(name: K): Record<string, unknown> | undefined {
    const i = this.names.indexOf(name);
    return i < 0 ? undefined : plain(this.error.CancellationReasons?.[i]?.Item as Record<string, AttributeValue>);
  }

  get retryable(): boolean {
    return isRetryableCancellation(this.error);
  }
}

/**
 * Writes the named items as one transaction. Resolves null when it went through and a
 * Cancellation when DynamoDB cancelled it; any other error is thrown.
 */
export async function writeTransaction<K extends string>(
  db: DynamoDBDocumentClient,
  items: NamedItems<K>,
): Promise<Cancellation<K> | null> {
  const entries = (Object.entries(items) as Array<[K, TransactItem | null]>).filter(
    (entry): entry is [K, TransactItem] => entry[1] !== null,
  );
  try {
    await db.send(new TransactWriteCommand({ TransactItems: entries.map(([, item]) => item) }));
    return null;
  } catch (e) {
    if (!isTransactionCanceled(e)) throw e;
    return new Cancellation(
      e,
      entries.map(([name]) => name),
    );
  }
}
