import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Attendance } from '../../domain/attendance';
import { Conflict, ContentionExhausted, NotFound, SessionCancelled } from '../../domain/errors';
import type { Registration } from '../../domain/model';
import { queryAll } from './query';
import { fromRegistrationItem, registrationKeys } from './registrations';
import { backoff, isConditionalCheckFailed, isTransactionCanceled, reasonCode } from './retry';
import { fromSessionItem, sessionKeys } from './sessions';

export type { Attendance };

export interface RegistrationWithAttendance {
  registration: Registration;
  attendance: Attendance | null;
}

export interface HandPromotion {
  registration: Registration;
  /** The session's capacity before and after: it rises by one when no seat was free. */
  capacityBefore: number | null;
  capacityAfter: number | null;
}

/**
 * Organiser reads and writes on registration items, next to the registrant-facing repository
 * (registrations.ts), with the same keys.
 */
export interface RegistrationAdminRepository {
  /** A session's registrations with attendance, in registration order. */
  listForSession(sessionId: string): Promise<RegistrationWithAttendance[]>;
  getAttendance(reg: Registration): Promise<Attendance | null>;
  /** Records attendance; refused with 409 `registration-cancelled` for a cancelled registration. */
  setAttendance(reg: Registration, attendance: Attendance): Promise<void>;
  /**
   * Seats a waiting registrant by hand, out of queue order. When no seat is free the session's
   * capacity rises by one in the same transaction, so the confirmed count never exceeds
   * capacity and later cancellations keep passing seats on in queue order.
   */
  promoteByHand(reg: Registration, now: Date): Promise<HandPromotion>;
}

const attendanceOf = (item: Record<string, unknown>): Attendance | null => {
  const a = item.attendance as Attendance | undefined;
  return a ? { present: a.present, recordedAt: a.recordedAt, recordedBy: a.recordedBy } : null;
};

export function createRegistrationAdminRepository(
  db: DynamoDBDocumentClient,
  tables: { sessionsTable: string; registrationsTable: string },
  options: { maxAttempts?: number } = {},
): RegistrationAdminRepository {
  const { sessionsTable, registrationsTable } = tables;
  const maxAttempts = options.maxAttempts ?? 20;

  return {
    async listForSession(sessionId) {
      const out: RegistrationWithAttendance[] = [];
      const items = await queryAll(db, {
        TableName: registrationsTable,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
        ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':reg': 'REG#' },
        ConsistentRead: true,
      });
      for (const item of items) {
        out.push({ registration: fromRegistrationItem(item), attendance: attendanceOf(item) });
      }
      return out.sort(
        (a, b) =>
          a.registration.createdAt.localeCompare(b.registration.createdAt) ||
          a.registration.id.localeCompare(b.registration.id),
      );
    },

    async getAttendance(reg) {
      const r = await db.send(
        new GetCommand({
          TableName: registrationsTable,
          Key: registrationKeys.registration(reg.sessionId, reg.id),
          ConsistentRead: true,
        }),
      );
      return r.Item ? attendanceOf(r.Item) : null;
    },

    async setAttendance(reg, attendance) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: registrationsTable,
            Key: registrationKeys.registration(reg.sessionId, reg.id),
            UpdateExpression: 'SET attendance = :a',
            ConditionExpression: 'attribute_exists(pk) AND #status <> :cancelled',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':a': attendance, ':cancelled': 'cancelled' },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
      } catch (e) {
        if (!isConditionalCheckFailed(e)) throw e;
        if (!(e as { Item?: unknown }).Item) throw new NotFound('registration');
        throw new Conflict('registration-cancelled', 'Attendance cannot be recorded for a cancelled registration.');
      }
    },

    async promoteByHand(reg, now) {
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const s = await db.send(
          new GetCommand({ TableName: sessionsTable, Key: sessionKeys.session(reg.sessionId), ConsistentRead: true }),
        );
        if (!s.Item) throw new NotFound('session');
        const session = fromSessionItem(s.Item);
        if (session.status === 'cancelled') throw new SessionCancelled(session.id);
        const capacityAfter = session.capacity === null ? null : Math.max(session.capacity, session.confirmedCount + 1);
        const at = now.toISOString();
        try {
          await db.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: registrationsTable,
                    Key: registrationKeys.registration(reg.sessionId, reg.id),
                    UpdateExpression:
                      'SET #status = :confirmed, queueKey = :q, confirmedAt = :at, updatedAt = :at, promotedFromWaitlist = :true REMOVE waitlistSeq',
                    ConditionExpression: '#status = :waitlisted',
                    ExpressionAttributeNames: { '#status': 'status' },
                    ExpressionAttributeValues: {
                      ':confirmed': 'confirmed',
                      ':waitlisted': 'waitlisted',
                      ':q': registrationKeys.queue.confirmed(at, reg.id),
                      ':at': at,
                      ':true': true,
                    },
                  },
                },
                {
                  Update: {
                    TableName: sessionsTable,
                    Key: sessionKeys.session(reg.sessionId),
                    UpdateExpression: `ADD confirmedCount :one, waitlistCount :minus${
                      capacityAfter !== session.capacity ? ' SET #capacity = :capAfter' : ''
                    }`,
                    // Conditional on the counts and capacity read above: the new capacity was computed from them.
                    ConditionExpression:
                      '#status = :scheduled AND confirmedCount = :confirmed AND waitlistCount > :zero AND ' +
                      (session.capacity === null ? 'attribute_type(#capacity, :nullType)' : '#capacity = :capBefore'),
                    ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity' },
                    ExpressionAttributeValues: {
                      ':one': 1,
                      ':minus': -1,
                      ':zero': 0,
                      ':scheduled': 'scheduled',
                      ':confirmed': session.confirmedCount,
                      ...(session.capacity === null ? { ':nullType': 'NULL' } : { ':capBefore': session.capacity }),
                      ...(capacityAfter !== session.capacity ? { ':capAfter': capacityAfter } : {}),
                    },
                  },
                },
              ],
            }),
          );
          return {
            registration: {
              ...reg,
              status: 'confirmed',
              waitlistSeq: null,
              confirmedAt: at,
              updatedAt: at,
              promotedFromWaitlist: true,
            },
            capacityBefore: session.capacity,
            capacityAfter,
          };
        } catch (e) {
          if (!isTransactionCanceled(e)) throw e;
          if (reasonCode(e, 0) === 'ConditionalCheckFailed') {
            // The registration is no longer waiting (promoted or cancelled meanwhile): the caller re-reads it.
            throw new Conflict('not-waitlisted', 'This registration is not on the waiting list.');
          }
          await backoff(attempt);
        }
      }
      throw new ContentionExhausted('promotion');
    },
  };
}
