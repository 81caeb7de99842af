import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { type TableSpec, tableSpecs } from '../shared/adapters/dynamodb/table-specs';

export interface TableNames {
  sessionsTable: string;
  registrationsTable: string;
}

export const tableNames = (prefix: string): TableNames => ({
  sessionsTable: `${prefix}sessions`,
  registrationsTable: `${prefix}registrations`,
});

/** CreateTable input built from the same spec the CDK stack uses. */
export function createTableInput(spec: TableSpec, tableName: string) {
  const attrs = new Map<string, AttributeDefinition>();
  const add = (k: { name: string; type: 'S' | 'N' } | undefined) => {
    if (k) attrs.set(k.name, { AttributeName: k.name, AttributeType: k.type });
  };
  add(spec.partitionKey);
  add(spec.sortKey);
  for (const ix of [...spec.globalIndexes, ...spec.localIndexes]) {
    add(ix.partitionKey);
    add(ix.sortKey);
  }
  const keySchema = (pk: { name: string }, sk?: { name: string }) => [
    { AttributeName: pk.name, KeyType: 'HASH' as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attrs.values()],
    KeySchema: keySchema(spec.partitionKey, spec.sortKey),
    ...(spec.globalIndexes.length
      ? {
          GlobalSecondaryIndexes: spec.globalIndexes.map((ix) => ({
            IndexName: ix.indexName,
            KeySchema: keySchema(ix.partitionKey, ix.sortKey),
            Projection: { ProjectionType: ix.projection },
          })),
        }
      : {}),
    ...(spec.localIndexes.length
      ? {
          LocalSecondaryIndexes: spec.localIndexes.map((ix) => ({
            IndexName: ix.indexName,
            KeySchema: keySchema(ix.partitionKey, ix.sortKey),
            Projection: { ProjectionType: ix.projection },
          })),
        }
      : {}),
    StreamSpecification: { StreamEnabled: true, StreamViewType: spec.stream },
  };
}

/** Creates the tables under a name prefix when they do not exist yet; returns their names. */
export async function ensureTables(client: DynamoDBClient, prefix: string): Promise<TableNames> {
  const names = tableNames(prefix);
  for (const spec of tableSpecs) {
    const name = spec.logicalName === 'sessions' ? names.sessionsTable : names.registrationsTable;
    try {
      await client.send(new DescribeTableCommand({ TableName: name }));
      continue;
    } catch (e) {
      if ((e as Error).name !== 'ResourceNotFoundException') throw e;
    }
    await client.send(new CreateTableCommand(createTableInput(spec, name)));
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: spec.ttlAttribute, Enabled: true },
      }),
    );
  }
  return names;
}
