import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

type Query = Omit<QueryCommandInput, 'ExclusiveStartKey'>;

/** Every item a query matches, following LastEvaluatedKey across pages. */
export async function queryAll(db: DynamoDBDocumentClient, input: Query): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const r = await db.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...(r.Items ?? []));
    ExclusiveStartKey = r.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** How many items a query matches (Select COUNT), across pages. */
export async function countAll(db: DynamoDBDocumentClient, input: Query): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const r = await db.send(new QueryCommand({ ...input, Select: 'COUNT', ExclusiveStartKey }));
    count += r.Count ?? 0;
    ExclusiveStartKey = r.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}
