import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ContentionExhausted, NotFound } from '../../domain/errors';
import { type AttendanceMark, FEEDBACK_LIMITS, type Feedback, FeedbackRefused } from '../../domain/feedback';
import type { Registration } from '../../domain/model';
import { Role, SessionKind } from '../../domain/schemas';
import { queryAll } from './query';
import { registrationKeys } from './registrations';
import { backoff, isRetryableCancellation, isTransactionCanceled, reasonCode, reasonItem } from './retry';

/**
 * Keys of feedback items, defined once. They live in the registrations table, in the session's
 * partition next to its registrations, so one query reads a session's feedback:
 * - feedback:  SESSION#<sessionId> / FEEDBACK#<registrationId>   (one per registration)
 *
 * The item holds no name, email address or token: only the answers and the non-identifying
 * context the synthesis groups by (session kind, role, neighbourhood), copied at submission.
 * Deliberately no `registrationId` attribute either, so the byRegistrationId index stays about
 * registrations; the id is the sort key's suffix.
 */
export const feedbackKeys = {
  feedback: (sessionId: string, registrationId: string) => ({
    pk: `SESSION#${sessionId}`,
    sk: `FEEDBACK#${registrationId}`,
  }),
  prefix: 'FEEDBACK#',
};

/** What a use case hands over to be stored: the submission and its context, without timestamps. */
export type FeedbackWrite = Omit<Feedback, 'submittedAt' | 'updatedAt' | 'revision'>;

export interface FeedbackSaveResult {
  feedback: Feedback;
  /** True for the first submission (201), false when it replaced an earlier one (200). */
  created: boolean;
}

/** How many took part in a session, for the response rate. */
export interface SessionParticipation {
  confirmed: number;
  /** True when attendance was recorded for anyone in the session. */
  attendanceRecorded: boolean;
  /** Confirmed and marked present. */
  present: number;
}

export interface FeedbackRepository {
  get(sessionId: string, registrationId: string): Promise<Feedback | null>;
  /**
   * Stores the registration's one submission: creates it, or replaces the earlier one (keeping
   * `submittedAt`). Written on condition that the registration is still confirmed and not marked
   * absent, so a cancellation or an absence mark racing the submission wins.
   */
  save(write: FeedbackWrite, now: Date): Promise<FeedbackSaveResult>;
  listForSession(sessionId: string): Promise<Feedback[]>;
}

/**
 * Attendance as the organiser API records it: an `attendance` map (`present`, `recordedAt`,
 * `recordedBy`) on the registration item. The organiser repository has the same method.
 */
export interface AttendanceReader {
  getAttendance(reg: Pick<Registration, 'sessionId' | 'id'>): Promise<AttendanceMark | null>;
}

export interface ParticipationReader {
  participation(sessionId: string): Promise<SessionParticipation>;
}

/** Checked again on every write, so nothing malformed or oversized is ever stored. */
const storedText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.isWellFormed() && s.trim() === s && s !== '');

const FeedbackItem = z.object({
  pk: z.string(),
  sk: z.string().startsWith(feedbackKeys.prefix),
  type: z.literal('feedback'),
  sessionId: z.string(),
  programmeId: z.string(),
  sessionKind: SessionKind,
  role: Role,
  neighbourhood: z.string().max(200).nullable(),
  rating: z.number().int().min(1).max(5),
  answers: z.record(z.string(), storedText(FEEDBACK_LIMITS.answer)),
  comment: storedText(FEEDBACK_LIMITS.comment).nullable(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int().min(1),
});
type FeedbackItem = z.infer<typeof FeedbackItem>;

function toItem(f: Feedback): FeedbackItem {
  const item = {
    ...feedbackKeys.feedback(f.sessionId, f.registrationId),
    type: 'feedback' as const,
    sessionId: f.sessionId,
    programmeId: f.programmeId,
    sessionKind: f.sessionKind,
    role: f.role,
    neighbourhood: f.neighbourhood,
    rating: f.rating,
    answers: f.answers,
    comment: f.comment,
    submittedAt: f.submittedAt,
    updatedAt: f.updatedAt,
    revision: f.revision,
  };
  const checked = FeedbackItem.safeParse(item);
  if (!checked.success) throw new Error(`refusing to store malformed feedback: ${checked.error.message}`);
  return checked.data;
}

export function fromFeedbackItem(raw: Record<string, unknown>): Feedback {
  const i = raw as unknown as FeedbackItem;
  return {
    sessionId: i.sessionId,
    registrationId: i.sk.slice(feedbackKeys.prefix.length),
    programmeId: i.programmeId,
    sessionKind: i.sessionKind,
    role: i.role,
    neighbourhood: i.neighbourhood ?? null,
    rating: i.rating,
    answers: i.answers ?? {},
    comment: i.comment ?? null,
    submittedAt: i.submittedAt,
    updatedAt: i.updatedAt,
    revision: i.revision,
  };
}

export interface FeedbackRepositoryOptions {
  maxAttempts?: number;
  /**
   * Only for the concurrency test's control variant, which must see a double submit counted as two
   * first submissions when the create condition is off. Production code never sets it.
   */
  createGuard?: boolean;
}

const attendanceOf = (item: Record<string, unknown> | undefined): AttendanceMark | null => {
  const a = item?.attendance as { present?: unknown } | undefined;
  return a && typeof a.present === 'boolean' ? { present: a.present } : null;
};

export function createFeedbackRepository(
  db: DynamoDBDocumentClient,
  tables: { registrationsTable: string },
  options: FeedbackRepositoryOptions = {},
): FeedbackRepository & AttendanceReader & ParticipationReader {
  const table = tables.registrationsTable;
  const maxAttempts = options.maxAttempts ?? 25;
  const createGuard = options.createGuard ?? true;
  const transact = (input: TransactWriteCommandInput) => db.send(new TransactWriteCommand(input));

  /** The registration may give feedback: confirmed, and not marked absent. */
  const registrationStillEligible = (w: FeedbackWrite) => ({
    ConditionCheck: {
      TableName: table,
      Key: registrationKeys.registration(w.sessionId, w.registrationId),
      ConditionExpression:
        '#status = :confirmed AND (attribute_not_exists(#attendance.#present) OR #attendance.#present = :true)',
      ExpressionAttributeNames: { '#status': 'status', '#attendance': 'attendance', '#present': 'present' },
      ExpressionAttributeValues: { ':confirmed': 'confirmed', ':true': true },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  });

  /** Why the registration's condition failed, from its old image. */
  const refusalFrom = (old: Record<string, unknown> | undefined): Error => {
    if (!old) return new NotFound('registration');
    if (old.status === 'cancelled') return new FeedbackRefused('registration-cancelled');
    if (old.status !== 'confirmed') return new FeedbackRefused('registration-not-confirmed');
    return new FeedbackRefused('marked-absent');
  };

  const get = async (sessionId: string, registrationId: string): Promise<Feedback | null> => {
    const r = await db.send(
      new GetCommand({ TableName: table, Key: feedbackKeys.feedback(sessionId, registrationId), ConsistentRead: true }),
    );
    return r.Item ? fromFeedbackItem(r.Item) : null;
  };

  async function create(w: FeedbackWrite, at: string): Promise<Feedback | 'exists'> {
    const feedback: Feedback = { ...w, submittedAt: at, updatedAt: at, revision: 1 };
    try {
      await transact({
        TransactItems: [
          registrationStillEligible(w),
          {
            Put: {
              TableName: table,
              Item: toItem(feedback),
              ...(createGuard ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
            },
          },
        ],
      });
      return feedback;
    } catch (e) {
      if (!isTransactionCanceled(e)) throw e;
      if (reasonCode(e, 0) === 'ConditionalCheckFailed') throw refusalFrom(reasonItem(e, 0));
      if (reasonCode(e, 1) === 'ConditionalCheckFailed') return 'exists';
      throw e;
    }
  }

  async function replace(w: FeedbackWrite, current: Feedback, at: string): Promise<Feedback | 'moved'> {
    const feedback: Feedback = {
      ...w,
      submittedAt: current.submittedAt,
      updatedAt: at,
      revision: current.revision + 1,
    };
    try {
      await transact({
        TransactItems: [
          registrationStillEligible(w),
          {
            // The whole item is put again (answers left out this time must go), on condition
            // nobody changed it since we read it.
            Put: {
              TableName: table,
              Item: toItem(feedback),
              ConditionExpression: 'revision = :read',
              ExpressionAttributeValues: { ':read': current.revision },
            },
          },
        ],
      });
      return feedback;
    } catch (e) {
      if (!isTransactionCanceled(e)) throw e;
      if (reasonCode(e, 0) === 'ConditionalCheckFailed') throw refusalFrom(reasonItem(e, 0));
      if (reasonCode(e, 1) === 'ConditionalCheckFailed') return 'moved';
      throw e;
    }
  }

  return {
    get,

    async save(w, now) {
      const at = now.toISOString();
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        try {
          const current = await get(w.sessionId, w.registrationId);
          if (!current) {
            const created = await create(w, at);
            if (created !== 'exists') return { feedback: created, created: true };
          } else {
            const replaced = await replace(w, current, at);
            if (replaced !== 'moved') return { feedback: replaced, created: false };
          }
          // Someone else wrote in between (a double submit): read again and replace theirs.
        } catch (e) {
          if (!(isTransactionCanceled(e) && isRetryableCancellation(e))) throw e;
        }
        await backoff(attempt);
      }
      throw new ContentionExhausted('feedback');
    },

    async listForSession(sessionId) {
      const out: Feedback[] = [];
      const items = await queryAll(db, {
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :fb)',
        ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':fb': feedbackKeys.prefix },
        ConsistentRead: true,
      });
      for (const item of items) out.push(fromFeedbackItem(item));
      return out;
    },

    async getAttendance(reg) {
      const r = await db.send(
        new GetCommand({
          TableName: table,
          Key: registrationKeys.registration(reg.sessionId, reg.id),
          ProjectionExpression: 'attendance',
          ConsistentRead: true,
        }),
      );
      return attendanceOf(r.Item);
    },

    async participation(sessionId) {
      const result: SessionParticipation = { confirmed: 0, attendanceRecorded: false, present: 0 };
      const items = await queryAll(db, {
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
        ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':reg': 'REG#' },
        ProjectionExpression: '#status, attendance',
        ExpressionAttributeNames: { '#status': 'status' },
      });
      for (const item of items) {
        if (item.status !== 'confirmed') continue;
        result.confirmed++;
        const a = attendanceOf(item);
        if (a) result.attendanceRecorded = true;
        if (a?.present) result.present++;
      }
      return result;
    },
  };
}
