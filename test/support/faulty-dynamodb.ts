import {
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A document client on DynamoDB Local whose calls fail where a test says, injected in the SDK
 * client's own middleware stack (inside the retry loop, where a real service error surfaces), so
 * the SDK's retries, our adapters' retries and the error classes are all the real ones.
 */
export type DynamoFault =
  | 'throttling'
  | 'provisioned-throughput'
  | 'request-limit'
  | 'transaction-conflict'
  /** TransactWriteItems cancelled because another transaction held an item. */
  | 'transaction-cancelled-conflict'
  /** The function dies at this call: no answer, no retry by the SDK, nothing after it runs. */
  | 'crash';

/** Stands for the process dying at a call: not an SDK error, so nothing retries or handles it. */
export class SimulatedCrash extends Error {
  constructor(readonly at: string) {
    super(`simulated crash at ${at}`);
    this.name = 'SimulatedCrash';
  }
}

export interface InjectedCall {
  command: string;
  call: number;
  fault: DynamoFault;
}

const meta = { $metadata: { httpStatusCode: 400 } };

/** The error DynamoDB answers for a fault, as the SDK deserialises it: an instance of its class. */
export function faultError(fault: Exclude<DynamoFault, 'crash'>): Error {
  switch (fault) {
    case 'throttling':
      return new ThrottlingException({ message: 'Rate of requests exceeds the allowed throughput.', ...meta });
    case 'provisioned-throughput':
      return new ProvisionedThroughputExceededException({
        message: 'The level of configured provisioned throughput for the table was exceeded.',
        ...meta,
      });
    case 'request-limit':
      return new RequestLimitExceeded({ message: 'Throughput exceeds the current throughput limit.', ...meta });
    case 'transaction-conflict':
      return new TransactionConflictException({
        message: 'Transaction is ongoing for the item',
        ...meta,
      });
    case 'transaction-cancelled-conflict':
      return new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
        ...meta,
        CancellationReasons: [{ Code: 'TransactionConflict' }],
      });
  }
}

/** What to do with one attempt: fail it with a fault, or let it through after a delay (a slow answer). */
export type Decision = DynamoFault | { delayMs: number } | null;

/**
 * `decide(command, call, input)` is asked before every attempt of every command (retries
 * included); `call` counts the attempts of that command name from 0; `input` is the low-level
 * command input (e.g. an UpdateItem's Key and UpdateExpression).
 */
export function faultyDocumentClient(
  endpoint: string,
  decide: (command: string, call: number, input: Record<string, unknown>) => Decision,
  opts: { maxAttempts?: number } = {},
) {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: opts.maxAttempts ?? 3,
  });
  const injected: InjectedCall[] = [];
  const calls = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = (context.commandName ?? '').replace(/Command$/, '');
      const call = calls.get(command) ?? 0;
      calls.set(command, call + 1);
      const decision = decide(command, call, (args.input ?? {}) as Record<string, unknown>);
      if (!decision) return next(args);
      if (typeof decision === 'object') {
        await new Promise((r) => setTimeout(r, decision.delayMs));
        return next(args);
      }
      injected.push({ command, call, fault: decision });
      throw decision === 'crash' ? new SimulatedCrash(command) : faultError(decision);
    },
    { step: 'deserialize', name: 'injectDynamoFaults', priority: 'low' },
  );
  const db = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { db, injected, callsOf: (command: string) => calls.get(command) ?? 0, destroy: () => client.destroy() };
}
