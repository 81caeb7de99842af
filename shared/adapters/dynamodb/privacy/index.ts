import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationFailed } from '../../../domain/errors';
import type { ErasureRecord } from '../../../domain/privacy';
import type { PrivacyRepository } from '../../../ports/privacy';
import { isConditionalCheckFailed } from '../conditions';
import { queryAll } from '../query';
import { registrationKeys } from '../registrations';
import { createSuppressionRepository, suppressionKey } from '../suppressions';
import { anonymiser } from './anonymise';
import { privacyRecords } from './records';

/**
 * Privacy items in the registrations table, keys defined once:
 * - erasure record:  ERASURE#<yyyy-mm> / <ISO time>#<id>  (who erased what scope, when; no personal data)
 * - suppression:     the mail pipeline's item (suppressions.ts), with reason 'erased'
 * Registration items gain `privacyNotice`, `personalDataExpiresAt`, `anonymisedAt`, `erasedBy`;
 * guard and token items gain the TTL attribute `expiresAt`.
 */
export const privacyKeys = {
  erasure: (at: string, id: string) => ({ pk: `ERASURE#${at.slice(0, 7)}`, sk: `${at}#${id}` }),
  erasureMonth: (month: string) => `ERASURE#${month}`,
};

export function createPrivacyRepository(
  db: DynamoDBDocumentClient,
  tables: { registrationsTable: string },
): PrivacyRepository {
  const TableName = tables.registrationsTable;
  const suppressions = createSuppressionRepository(db, TableName);
  const records = privacyRecords(db, TableName);
  const { getItem } = records;

  /** Sets an expiry on a guard or token item, if it still belongs to the registration. */
  const extendLink = (Key: Record<string, string>, expiresAt: number, registrationId: string) =>
    db
      .send(
        new UpdateCommand({
          TableName,
          Key,
          UpdateExpression: 'SET expiresAt = :e',
          ConditionExpression: 'registrationId = :id',
          ExpressionAttributeValues: { ':e': expiresAt, ':id': registrationId },
        }),
      )
      .catch((e) => {
        if (!isConditionalCheckFailed(e)) throw e; // released or taken over: not ours to extend
      });

  return {
    ...records.reads,

    anonymise: anonymiser(db, TableName, records),

    unanonymisedInSession: (sessionId) =>
      queryAll(db, {
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
        FilterExpression: 'attribute_not_exists(anonymisedAt)',
        ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':reg': 'REG#' },
        ConsistentRead: true,
      }),

    async extendExpiry(ref, expiresAt) {
      const key = registrationKeys.registration(ref.sessionId, ref.registrationId);
      try {
        await db.send(
          new UpdateCommand({
            TableName,
            Key: key,
            UpdateExpression: 'SET personalDataExpiresAt = :e',
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(anonymisedAt) AND (attribute_not_exists(personalDataExpiresAt) OR personalDataExpiresAt < :e)',
            ExpressionAttributeValues: { ':e': expiresAt },
          }),
        );
      } catch (e) {
        if (isConditionalCheckFailed(e)) return false;
        throw e;
      }
      // The guard and token live as long as the data they lead to.
      const item = await getItem(key);
      if (typeof item?.tokenHash === 'string') {
        await extendLink(registrationKeys.token(item.tokenHash), expiresAt, ref.registrationId);
      }
      const guardHash = item?.addressHash ?? item?.emailHash;
      if (typeof guardHash === 'string') {
        await extendLink(registrationKeys.emailGuard(ref.sessionId, guardHash), expiresAt, ref.registrationId);
      }
      return true;
    },

    suppress: (emailHash, reason, at) => suppressions.suppress(emailHash, reason, new Date(at)),

    async suppression(emailHash) {
      const item = await getItem(suppressionKey(emailHash));
      return item ? { reason: String(item.reason), since: String(item.since) } : null;
    },

    async liftErasureSuppression(emailHash) {
      try {
        await db.send(
          new DeleteCommand({
            TableName,
            Key: suppressionKey(emailHash),
            ConditionExpression: 'reason = :erased',
            ExpressionAttributeValues: { ':erased': 'erased' },
          }),
        );
        return true;
      } catch (e) {
        if (isConditionalCheckFailed(e)) return false; // none, or suppressed for another reason (bounce, complaint)
        throw e;
      }
    },

    async recordErasure(record) {
      await db.send(
        new PutCommand({
          TableName,
          Item: { ...record, ...privacyKeys.erasure(record.at, record.id), type: 'erasure' },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async listErasures(month) {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
        throw new ValidationFailed([{ field: 'month', message: 'must be a month YYYY-MM' }]);
      }
      const items = await queryAll(db, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': privacyKeys.erasureMonth(month) },
        ScanIndexForward: false,
      });
      return items.map((i) => {
        const { pk: _pk, sk: _sk, type: _t, ...rec } = i;
        return rec as unknown as ErasureRecord;
      });
    },
  };
}
