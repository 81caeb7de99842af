import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '../conditions';
import { type RegistrationStore, registrationKeys } from './items';

/** At most one duplicate-attempt reminder per address and session in this interval. */
const DUPLICATE_ATTEMPT_INTERVAL_MS = 15 * 60 * 1000;

/** Stamps a repeated attempt on the email guard (the stream turns it into a reminder), rate-limited per guard. */
export async function recordDuplicateAttempt(
  store: RegistrationStore,
  sessionId: string,
  emailHash: string,
  now: Date,
): Promise<boolean> {
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.registrationsTable,
        Key: registrationKeys.emailGuard(sessionId, emailHash),
        UpdateExpression: 'SET lastDuplicateAttemptAt = :now',
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(lastDuplicateAttemptAt) OR lastDuplicateAttemptAt <= :cutoff)',
        ExpressionAttributeValues: {
          ':now': now.getTime(),
          ':cutoff': now.getTime() - DUPLICATE_ATTEMPT_INTERVAL_MS,
        },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionalCheckFailed(e)) return false; // stamped recently, or the guard is gone
    throw e;
  }
}
