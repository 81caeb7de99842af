import type { Context } from 'aws-lambda';

/** The parts of a Lambda context our middy chains and Powertools' logger look at, for local invocations. */
export const lambdaContext = (functionName: string): Context =>
  ({
    functionName,
    awsRequestId: `local-${Date.now().toString(36)}`,
    getRemainingTimeInMillis: () => 30_000,
  }) as Partial<Context> as Context;
