import '../../local/quiet-warnings';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/engines/dynamodb';
import { startSesEmulator } from '../../local/engines/ses';

/**
 * One DynamoDB Local per test run (in memory, on a free port). Tests isolate themselves by
 * table-name prefix instead of restarting the engine.
 */
export default async function setup(project: TestProject) {
  process.env.LOG_LEVEL ??= 'silent';
  const dynamo = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  // One SES emulator too; its store is global, so tests tell their mail apart by recipient.
  const ses = await startSesEmulator({ port: 0 });
  project.provide('sesEndpoint', ses.endpoint);
  project.provide('sesStoreUrl', `${ses.endpoint}/store`);
  return async () => {
    await ses.stop();
    await dynamo.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesEndpoint: string;
    sesStoreUrl: string;
  }
}
