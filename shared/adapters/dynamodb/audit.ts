import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit';
import { ValidationFailed } from '../../domain/errors';
import type { AuditLog } from '../../ports/audit';

/**
 * The audit trail, in the sessions table: one partition per month, newest last in sort order.
 * Key: AUDIT#<yyyy-mm> / <ISO time>#<entry id>. A month holds at most a few thousand entries
 * at this programme's scale, well within one partition.
 */
export const auditKeys = {
  entry: (at: string, id: string) => ({ pk: `AUDIT#${at.slice(0, 7)}`, sk: `${at}#${id}` }),
  month: (month: string) => `AUDIT#${month}`,
};

type AuditItem = AuditEntry & { pk: string; sk: string; type: 'audit' };

const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

function decodeCursor(cursor: string, month: string): Record<string, unknown> {
  const bad = () => new ValidationFailed([{ field: 'cursor', message: 'is not a cursor of this month' }]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const k = key as Record<string, unknown> | null;
  if (!k || typeof k !== 'object' || k.pk !== auditKeys.month(month) || typeof k.sk !== 'string') throw bad();
  return { pk: k.pk, sk: k.sk };
}

const fromItem = (i: Record<string, unknown>): AuditEntry => {
  const { pk: _pk, sk: _sk, type: _type, ...entry } = i as unknown as AuditItem;
  return entry;
};

export function createAuditLog(db: DynamoDBDocumentClient, tableName: string): AuditLog {
  return {
    async record(entry) {
      const item: AuditItem = { ...entry, ...auditKeys.entry(entry.at, entry.id), type: 'audit' };
      await db.send(
        new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    },
    async list(month, limit, cursor) {
      const r = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': auditKeys.month(month) },
          ScanIndexForward: false,
          Limit: limit,
          ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor, month) } : {}),
        }),
      );
      return {
        entries: (r.Items ?? []).map(fromItem),
        nextCursor: r.LastEvaluatedKey ? encodeCursor(r.LastEvaluatedKey) : null,
      };
    },
  };
}
