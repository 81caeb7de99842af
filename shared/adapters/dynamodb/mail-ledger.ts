import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MailLedger } from '../../ports/mail-ledger';
import { conditionFailedItem, isConditionalCheckFailed } from './conditions';

/**
 * The send ledger: one item per (registration, email kind, occasion), in the registrations table.
 *   MAIL#<registrationId> / <kind>#<occasion>   status pending → sent
 * The occasion is the session version for session changes, `once` for the steps of a
 * registration's life (each happens at most once per registration) and the attempt time for
 * duplicate-registration reminders.
 */
export const mailLedgerKey = (registrationId: string, entry: string) => ({ pk: `MAIL#${registrationId}`, sk: entry });

/** Ledger entries outlive every redelivery (SQS keeps messages at most 14 days) by far. */
const KEEP_DAYS = 400;

export function createMailLedger(db: DynamoDBDocumentClient, registrationsTable: string): MailLedger {
  return {
    async claim(registrationId, entry, now, leaseMs) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: registrationsTable,
            Key: mailLedgerKey(registrationId, entry),
            UpdateExpression:
              'SET #type = :type, #status = :pending, leaseUntil = :lease, claimedAt = :at, expiresAt = :expires ADD attempts :one',
            ConditionExpression: 'attribute_not_exists(pk) OR (#status = :pending AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
            ExpressionAttributeValues: {
              ':type': 'mail-ledger',
              ':pending': 'pending',
              ':lease': now.getTime() + leaseMs,
              ':now': now.getTime(),
              ':at': now.toISOString(),
              ':expires': Math.floor(now.getTime() / 1000) + KEEP_DAYS * 86_400,
              ':one': 1,
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return 'claimed';
      } catch (e) {
        if (!isConditionalCheckFailed(e)) throw e;
        return conditionFailedItem(e)?.status === 'sent' ? 'already-sent' : 'in-progress';
      }
    },

    async markSent(registrationId, entry, messageId, now) {
      await db.send(
        new UpdateCommand({
          TableName: registrationsTable,
          Key: mailLedgerKey(registrationId, entry),
          UpdateExpression: 'SET #status = :sent, sentAt = :at, messageId = :id REMOVE leaseUntil',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':at': now.toISOString(), ':id': messageId },
        }),
      );
    },

    async release(registrationId, entry) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: registrationsTable,
            Key: mailLedgerKey(registrationId, entry),
            UpdateExpression: 'SET leaseUntil = :zero',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':zero': 0, ':pending': 'pending' },
          }),
        );
      } catch (e) {
        if (!isConditionalCheckFailed(e)) throw e;
      }
    },
  };
}
