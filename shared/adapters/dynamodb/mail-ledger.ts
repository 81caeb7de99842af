import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from './retry';

/**
 * The send ledger: one item per (registration, email kind, occasion), in the registrations table.
 *   MAIL#<registrationId> / <kind>#<occasion>   status pending → sent
 * The occasion is the session version for session changes, `once` for the steps of a
 * registration's life (each happens at most once per registration) and the attempt time for
 * duplicate-registration reminders.
 */
export const mailLedgerKey = (registrationId: string, entry: string) => ({ pk: `MAIL#${registrationId}`, sk: entry });

export type ClaimResult = 'claimed' | 'already-sent' | 'in-progress';

export interface MailLedger {
  /**
   * Claims the right to send: succeeds when nobody has, or when an earlier attempt's lease ran
   * out without it being marked sent (that attempt crashed or failed).
   */
  claim(registrationId: string, entry: string, now: Date, leaseMs: number): Promise<ClaimResult>;
  markSent(registrationId: string, entry: string, messageId: string, now: Date): Promise<void>;
  /** Gives a claim back after a send that certainly failed, so a retry need not wait for the lease. */
  release(registrationId: string, entry: string): Promise<void>;
}

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
        const old = (e as { Item?: Record<string, { S?: string }> }).Item;
        return old?.status?.S === 'sent' ? 'already-sent' : 'in-progress';
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
