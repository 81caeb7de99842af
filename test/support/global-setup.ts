import '../../local/quiet-warnings';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/engines/dynamodb';

/**
 * One DynamoDB Local per test run (in memory, on a free port). Tests isolate themselves by
 * table-name prefix instead of restarting the engine.
 */
export default async function setup(project: TestProject) {
  process.env.LOG_LEVEL ??= 'silent';
  const dynamo = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
