import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { log } from '../../log';
import type { SuppressionRepository } from '../../ports/suppressions';
import { pause } from '../../reliability/retry';
import { isConditionalCheckFailed } from './conditions';

/**
 * Suppressed addresses (hard bounces, complaints, erasures), keyed by emailKey(address) so no
 * address is stored here. In the registrations table:  SUPPRESSED#<emailKey> / SUPPRESSION
 */
export const suppressionKey = (emailHash: string) => ({ pk: `SUPPRESSED#${emailHash}`, sk: 'SUPPRESSION' });

const BATCH_GET_LIMIT = 100;
/** Keys BatchGetItem left unprocessed (throttling) are asked for again after this wait. */
const UNPROCESSED_BACKOFF = { baseMs: 20, capMs: 1000, jitter: 'none' } as const;

export function createSuppressionRepository(
  db: DynamoDBDocumentClient,
  registrationsTable: string,
): SuppressionRepository {
  async function isSuppressed(emailHash: string, consentAt?: string): Promise<boolean> {
    const r = await db.send(
      new GetCommand({ TableName: registrationsTable, Key: suppressionKey(emailHash), ConsistentRead: true }),
    );
    const item = r.Item;
    if (!item) return false;
    const erasedAt = item.reason === 'erased' && typeof item.lastEventAt === 'string' ? item.lastEventAt : null;
    if (consentAt === undefined || erasedAt === null || !(erasedAt < consentAt)) return true;
    // Consent given after the erasure: lifted, unless the item changed since it was read (a
    // bounce, or another erasure); then it is judged again as it stands.
    try {
      await db.send(
        new DeleteCommand({
          TableName: registrationsTable,
          Key: suppressionKey(emailHash),
          ConditionExpression: 'reason = :erased AND lastEventAt = :seen',
          ExpressionAttributeValues: { ':erased': 'erased', ':seen': erasedAt },
        }),
      );
      log('info', 'erasure suppression lifted: consent given again');
      return false;
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw e;
      return isSuppressed(emailHash);
    }
  }

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

    isSuppressed,

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
