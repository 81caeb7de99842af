import {
  type AttributeValue,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CapacityMeter, createCapacityMeter } from './capacity-meter';

/**
 * A model of how real DynamoDB treats concurrent writes to one item, for tests and the bench on
 * DynamoDB Local (which serialises transactions and never reports a conflict). It sits in the SDK
 * client's middleware stack, inside the SDK's retry loop, so every attempt is judged as DynamoDB
 * would judge it and the errors are the SDK's own classes. docs/contention-model.md says what it
 * models, what it does not, and the DynamoDB rules it follows.
 */
export interface ContentionModelOptions {
  /** Write units one item takes per second before writes to it are throttled (a partition's 1,000 WCU/s). */
  writeUnitsPerItemPerSecond?: number;
  /** How long an item stays held after DynamoDB Local answered, to stand for a slower service (0: the round trip only). */
  extraHoldMs?: number;
  /** Key attributes of every table (both of ours: pk, sk). */
  keyAttributes?: readonly string[];
  /** Meter consumed capacity from item sizes (costs extra reads against DynamoDB Local: for measurements only). */
  meterCapacity?: boolean;
}

export interface ContentionStats {
  /** Transactions cancelled with TransactionConflict. */
  cancelledTransactions: number;
  /** Single writes refused with TransactionConflictException. */
  conflictingWrites: number;
  /** Writes refused over the per-item rate. */
  throttled: number;
  /** Attempts per command name (SDK retries included). */
  attempts: Record<string, number>;
}

interface Holders {
  transactions: number;
  writes: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

type Low = Record<string, unknown>;
type TransactEntry = Partial<Record<'Put' | 'Update' | 'Delete' | 'ConditionCheck', Low>>;

const meta = { $metadata: { httpStatusCode: 400 } };

export class ContentionModel {
  readonly stats: ContentionStats = { cancelledTransactions: 0, conflictingWrites: 0, throttled: 0, attempts: {} };
  readonly meter: CapacityMeter | null;
  private readonly held = new Map<string, Holders>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly rate: number;
  private readonly extraHoldMs: number;
  private readonly keyAttributes: readonly string[];

  constructor(client: DynamoDBClient, endpoint: string | undefined, options: ContentionModelOptions = {}) {
    this.rate = options.writeUnitsPerItemPerSecond ?? 1000;
    this.extraHoldMs = options.extraHoldMs ?? 0;
    this.keyAttributes = options.keyAttributes ?? ['pk', 'sk'];
    this.meter = options.meterCapacity ? createCapacityMeter(endpoint, this.keyAttributes) : null;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = (context.commandName ?? '').replace(/Command$/, '');
        this.stats.attempts[command] = (this.stats.attempts[command] ?? 0) + 1;
        const input = (args.input ?? {}) as Low;
        const run = async () => {
          const before = this.meter ? await this.meter.before(command, input) : null;
          const out = await next(args);
          if (this.meter) await this.meter.after(command, input, (out as { output?: Low }).output ?? {}, before);
          return out;
        };
        if (command === 'TransactWriteItems') return this.transaction(input, run);
        if (command === 'PutItem' || command === 'UpdateItem' || command === 'DeleteItem') {
          return this.singleWrite(input, run);
        }
        return run();
      },
      { step: 'deserialize', name: 'dynamoContentionModel', priority: 'low' },
    );
  }

  /** The item's identity: table and key values. */
  private keyOf(table: unknown, keyOrItem: Record<string, AttributeValue> | undefined): string {
    const parts = this.keyAttributes.map((k) => {
      const v = keyOrItem?.[k];
      return v ? (v.S ?? v.N ?? '') : '';
    });
    return `${String(table)}\u0000${parts.join('\u0000')}`;
  }

  private itemKey(action: Low): string {
    const key = (action.Key ?? action.Item) as Record<string, AttributeValue> | undefined;
    return this.keyOf(action.TableName, key);
  }

  /** Takes `units` from the item's bucket, refilled at the per-item rate; false when it would overdraw. */
  private take(key: string, units: number): boolean {
    const now = performance.now();
    const b = this.buckets.get(key) ?? { tokens: this.rate, at: now };
    b.tokens = Math.min(this.rate, b.tokens + ((now - b.at) / 1000) * this.rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < units) return false;
    b.tokens -= units;
    return true;
  }

  private holders(key: string): Holders {
    let h = this.held.get(key);
    if (!h) {
      h = { transactions: 0, writes: 0 };
      this.held.set(key, h);
    }
    return h;
  }

  private release(keys: string[], field: keyof Holders): Promise<void> | void {
    const done = () => {
      for (const k of keys) {
        const h = this.holders(k);
        h[field]--;
        if (h.transactions === 0 && h.writes === 0) this.held.delete(k);
      }
    };
    if (this.extraHoldMs <= 0) return done();
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        done();
        resolve();
      }, this.extraHoldMs),
    );
  }

  private cancel(keys: string[], failing: Set<string>, code: string): never {
    throw new TransactionCanceledException({
      message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${keys
        .map((k) => (failing.has(k) ? code : 'None'))
        .join(', ')}]`,
      ...meta,
      CancellationReasons: keys.map((k) =>
        failing.has(k)
          ? {
              Code: code,
              Message:
                code === 'TransactionConflict'
                  ? 'Transaction is ongoing for the item'
                  : 'Throughput exceeds the current capacity for one or more of the items',
            }
          : { Code: 'None' },
      ),
    });
  }

  private async transaction<T>(input: Low, run: () => Promise<T>): Promise<T> {
    const entries = (input.TransactItems ?? []) as TransactEntry[];
    const keys = entries.map((e) => this.itemKey((e.Put ?? e.Update ?? e.Delete ?? e.ConditionCheck) as Low));
    // Another transaction or a single write on one of the items is in flight: DynamoDB cancels.
    const busy = new Set(keys.filter((k) => this.held.has(k)));
    if (busy.size > 0) {
      this.stats.cancelledTransactions++;
      this.cancel(keys, busy, 'TransactionConflict');
    }
    // Transactional writes cost twice the units of a plain write (one per phase).
    const over = new Set(keys.filter((k) => !this.take(k, 2)));
    if (over.size > 0) {
      this.stats.throttled++;
      this.cancel(keys, over, 'ThrottlingError');
    }
    for (const k of keys) this.holders(k).transactions++;
    try {
      return await run();
    } finally {
      await this.release(keys, 'transactions');
    }
  }

  private async singleWrite<T>(input: Low, run: () => Promise<T>): Promise<T> {
    const key = this.itemKey(input);
    if ((this.held.get(key)?.transactions ?? 0) > 0) {
      this.stats.conflictingWrites++;
      throw new TransactionConflictException({ message: 'Transaction is ongoing for the item', ...meta });
    }
    if (!this.take(key, 1)) {
      this.stats.throttled++;
      throw new ProvisionedThroughputExceededException({
        message: 'The level of configured provisioned throughput for the table was exceeded.',
        ...meta,
      });
    }
    this.holders(key).writes++;
    try {
      return await run();
    } finally {
      await this.release([key], 'writes');
    }
  }
}

/** A document client on `endpoint` (DynamoDB Local) with the contention model in its middleware stack. */
export function contendedDocumentClient(
  endpoint: string,
  options: ContentionModelOptions & { maxAttempts?: number } = {},
): { db: DynamoDBDocumentClient; model: ContentionModel; destroy(): void } {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    // The SDK's default 50 sockets; a rush queues behind them on purpose, without a warning a minute.
    requestHandler: { socketAcquisitionWarningTimeout: 600_000 },
  });
  const model = new ContentionModel(client, endpoint, options);
  const db = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return {
    db,
    model,
    destroy: () => {
      client.destroy();
      model.meter?.destroy();
    },
  };
}
