import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ContentionExhausted, NotFound } from '../../../domain/errors';
import { type Feedback, FeedbackRefused } from '../../../domain/feedback';
import type { FeedbackSaveResult, FeedbackWrite } from '../../../ports/feedback';
import { pause } from '../../../reliability/retry';
import { CONTENTION_BACKOFF, isRetryableCancellation, type TransactItem, writeTransaction } from '../conditions';
import { registrationKeys } from '../registrations';
import { feedbackKeys, fromFeedbackItem, toFeedbackItem } from './items';

/** FeedbackRepositoryOptions (feedback/index.ts) with their defaults applied. */
export interface FeedbackSaveOptions {
  maxAttempts: number;
  createGuard: boolean;
}

/** Why the registration's condition failed, from its old image. */
const refusalFrom = (old: Record<string, unknown> | undefined): Error => {
  if (!old) return new NotFound('registration');
  if (old.status === 'cancelled') return new FeedbackRefused('registration-cancelled');
  if (old.status !== 'confirmed') return new FeedbackRefused('registration-not-confirmed');
  return new FeedbackRefused('marked-absent');
};

export async function getFeedback(
  db: DynamoDBDocumentClient,
  table: string,
  sessionId: string,
  registrationId: string,
): Promise<Feedback | null> {
  const r = await db.send(
    new GetCommand({ TableName: table, Key: feedbackKeys.feedback(sessionId, registrationId), ConsistentRead: true }),
  );
  return r.Item ? fromFeedbackItem(r.Item) : null;
}

/**
 * Stores a registration's one submission: creates it, or replaces the one read just before. Each
 * write goes together with a check that the registration may still give feedback.
 */
export function feedbackSaver(db: DynamoDBDocumentClient, table: string, options: FeedbackSaveOptions) {
  /** The registration may give feedback: confirmed, and not marked absent. */
  const registrationStillEligible = (w: FeedbackWrite): TransactItem => ({
    ConditionCheck: {
      TableName: table,
      Key: registrationKeys.registration(w.sessionId, w.registrationId),
      ConditionExpression:
        '#status = :confirmed AND (attribute_not_exists(#attendance.#present) OR #attendance.#present = :true)',
      ExpressionAttributeNames: { '#status': 'status', '#attendance': 'attendance', '#present': 'present' },
      ExpressionAttributeValues: { ':confirmed': 'confirmed', ':true': true },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  });

  /** Writes the feedback item with the eligibility check; 'lost' when another write got there first. */
  async function write(w: FeedbackWrite, feedback: Feedback, put: TransactItem): Promise<Feedback | 'lost'> {
    const cancelled = await writeTransaction(db, { registration: registrationStillEligible(w), feedback: put });
    if (!cancelled) return feedback;
    if (cancelled.failed('registration')) throw refusalFrom(cancelled.oldItem('registration'));
    if (cancelled.failed('feedback')) return 'lost';
    throw cancelled.error;
  }

  const create = (w: FeedbackWrite, at: string) => {
    const feedback: Feedback = { ...w, submittedAt: at, updatedAt: at, revision: 1 };
    return write(w, feedback, {
      Put: {
        TableName: table,
        Item: toFeedbackItem(feedback),
        ...(options.createGuard ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
      },
    });
  };

  const replace = (w: FeedbackWrite, current: Feedback, at: string) => {
    const feedback: Feedback = {
      ...w,
      submittedAt: current.submittedAt,
      updatedAt: at,
      revision: current.revision + 1,
    };
    // The whole item is put again (answers left out this time must go), on condition nobody
    // changed it since we read it.
    return write(w, feedback, {
      Put: {
        TableName: table,
        Item: toFeedbackItem(feedback),
        ConditionExpression: 'revision = :read',
        ExpressionAttributeValues: { ':read': current.revision },
      },
    });
  };

  return async function save(w: FeedbackWrite, now: Date): Promise<FeedbackSaveResult> {
    const at = now.toISOString();
    for (let attempt = 0; attempt < options.maxAttempts; attempt++) {
      try {
        const current = await getFeedback(db, table, w.sessionId, w.registrationId);
        const saved = current ? await replace(w, current, at) : await create(w, at);
        if (saved !== 'lost') return { feedback: saved, created: !current };
        // Someone else wrote in between (a double submit): read again and replace theirs.
      } catch (e) {
        if (!isRetryableCancellation(e)) throw e;
      }
      await pause(attempt, CONTENTION_BACKOFF);
    }
    throw new ContentionExhausted('feedback');
  };
}
