import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The production client, with an endpoint override for DynamoDB Local. Locally the credentials
 * are dummies: DynamoDB Local accepts any.
 */
export function createDocumentClient(
  opts: { endpoint?: string | undefined; region?: string } = {},
): DynamoDBDocumentClient {
  const config: DynamoDBClientConfig = { region: opts.region ?? process.env.AWS_REGION ?? 'eu-west-1' };
  if (opts.endpoint) {
    config.endpoint = opts.endpoint;
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
