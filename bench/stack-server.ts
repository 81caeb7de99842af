import '../local/quiet-warnings';
import { type LocalStack, startLocalStack } from '../local/stack';
import type { ProgrammeFile } from '../shared/domain/schemas';

/**
 * The local stack in a process of its own, so that the load generator and the server under test
 * do not share an event loop. Started by the bench with an IPC channel: it receives where DynamoDB
 * Local is and which programme to load, answers with the API's URL, and stops when told to (or
 * when the bench goes away).
 */
interface StartMessage {
  dynamoDbEndpoint: string;
  tablePrefix: string;
  programme: ProgrammeFile;
}

let stack: LocalStack | undefined;

const stop = async () => {
  await stack?.stop().catch(() => undefined);
  process.exit(0);
};

process.on('message', async (msg: { start?: StartMessage; stop?: true }) => {
  if (msg.stop) return stop();
  if (!msg.start) return;
  try {
    stack = await startLocalStack({ ...msg.start, port: 0 });
    process.send?.({ ready: { apiUrl: stack.apiUrl, tables: stack.tables } });
  } catch (e) {
    process.send?.({ failed: (e as Error).stack ?? String(e) });
  }
});
process.on('disconnect', () => void stop());
