import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { SuppressionRepository } from '../../ports/suppressions';
import { pause } from '../../reliability/retry';

/**
 * Suppressed addresses (hard bounces, complaints), keyed by emailKey(address) so no address is
 * stored here. In the registrations table:  SUPPRESSED#<emailKey> / SUPPRESSION
 */
export const suppressionKey = (emailHash: string) => ({ pk: `SUPPRESSED#${emailHash}`, sk: 'SUPPRESSION' });

const BATCH_GET_LIMIT = 100;
/** Keys BatchGetItem left unprocessed (throttling) are asked for again after this wait. */
const UNPROCESSED_BACKOFF = { baseMs: 20, capMs: 1000, jitter: 'none' } as const;

export function createSuppressionRepository(
  db: DynamoDBDocumentClient,
  registrationsTable: string,
): SuppressionRepository {
  return {
    async suppress(emailHash, reason, at) {
      await db.send(
        new UpdateCommand({
          TableName: registrationsTable,
          Key: suppressionKey(emailHash),
          UpdateExpression:
            'SET #type = :type, emailHash = :h, reason = :reason, since = if_not_exists(since, :at), lastEventAt = :at',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': 'suppression',
            ':h': emailHash,
            ':reason': reason,
            ':at': at.toISOString(),
          },
        }),
      );
    },

    async isSuppressed(emailHash) {
      const r = await db.send(
        new GetCommand({ TableName: registrationsTable, Key: suppressionKey(emailHash), ConsistentRead: true }),
      );
      return r.Item !== undefined;
    },

    async suppressedAmong(emailHashes) {
      const unique = [...new Set(emailHashes)];
      const found = new Set<string>();
      for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
        let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + BATCH_GET_LIMIT).map(suppressionKey);
        for (let attempt = 0; keys && keys.length > 0; attempt++) {
          const r: BatchGetCommandOutput = await db.send(
            new BatchGetCommand({
              RequestItems: { [registrationsTable]: { Keys: keys, ProjectionExpression: 'emailHash' } },
            }),
          );
          for (const item of r.Responses?.[registrationsTable] ?? []) found.add(String(item.emailHash));
          keys = r.UnprocessedKeys?.[registrationsTable]?.Keys;
          if (keys?.length) await pause(attempt, UNPROCESSED_BACKOFF);
        }
      }
      return found;
    },
  };
}
