import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ContentionExhausted } from '../../../domain/errors';
import { PERSONAL_ATTRIBUTES } from '../../../domain/privacy';
import type { RegistrationRef } from '../../../ports/privacy';
import { pause } from '../../../reliability/retry';
import { CONTENTION_BACKOFF, isConditionalCheckFailed, writeTransaction } from '../conditions';
import { registrationKeys } from '../registrations';
import type { privacyRecords } from './records';

type Records = ReturnType<typeof privacyRecords>;

/** A transaction conflict, or an erasure racing us, means another look at the fresh item; this often. */
const ANONYMISE_ATTEMPTS = 5;

/**
 * Erases a registration's personal fields and deletes the items that lead to the person (email
 * guard, manage token) in one transaction; then strips personal attributes from related items.
 */
export function anonymiser(db: DynamoDBDocumentClient, TableName: string, records: Records) {
  /** Removes personal attributes from an item of another part of the system (feedback, mail records). */
  async function stripRelated(item: Record<string, unknown>, at: string): Promise<void> {
    const present = PERSONAL_ATTRIBUTES.filter((a) => a in item);
    if (present.length === 0) return;
    const names = Object.fromEntries(present.map((a, i) => [`#p${i}`, a]));
    await db
      .send(
        new UpdateCommand({
          TableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: `SET anonymisedAt = :at REMOVE ${Object.keys(names).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':at': at },
        }),
      )
      .catch((e) => {
        if (!isConditionalCheckFailed(e)) throw e; // deleted meanwhile: nothing left to strip
      });
  }

  return async function anonymise(ref: RegistrationRef, at: string, by: string): Promise<boolean> {
    const key = registrationKeys.registration(ref.sessionId, ref.registrationId);
    for (let attempt = 0; attempt < ANONYMISE_ATTEMPTS; attempt++) {
      const item = await records.getItem(key);
      if (!item || item.anonymisedAt) return false;
      const names = Object.fromEntries(PERSONAL_ATTRIBUTES.map((a, i) => [`#p${i}`, a]));
      const tokenHash = typeof item.tokenHash === 'string' ? item.tokenHash : null;
      const emailHash =
        typeof item.addressHash === 'string'
          ? item.addressHash
          : typeof item.emailHash === 'string'
            ? item.emailHash
            : null;
      const cancelled = await writeTransaction(db, {
        registration: {
          Update: {
            TableName,
            Key: key,
            UpdateExpression: `SET anonymisedAt = :at, erasedBy = :by, updatedAt = :at REMOVE ${Object.keys(names).join(', ')}`,
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(anonymisedAt)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':at': at, ':by': by },
          },
        },
        token: tokenHash ? { Delete: { TableName, Key: registrationKeys.token(tokenHash) } } : null,
        emailGuard: emailHash
          ? {
              Delete: {
                TableName,
                Key: registrationKeys.emailGuard(ref.sessionId, emailHash),
                // Only this registration's guard (a cancelled one's was released already).
                ConditionExpression: 'attribute_not_exists(pk) OR registrationId = :id',
                ExpressionAttributeValues: { ':id': ref.registrationId },
              },
            }
          : null,
      });
      if (cancelled) {
        await pause(attempt, CONTENTION_BACKOFF);
        continue;
      }
      for (const related of await records.rawRelatedItems(ref.registrationId)) await stripRelated(related, at);
      return true;
    }
    throw new ContentionExhausted('anonymisation');
  };
}
