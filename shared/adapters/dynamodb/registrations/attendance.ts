import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict, NotFound } from '../../../domain/errors';
import type { AttendanceReader, RegistrationRepository } from '../../../ports/registrations';
import { conditionFailedItem, isConditionalCheckFailed } from '../conditions';
import { attendanceOf, type RegistrationStore, registrationKeys } from './items';

/**
 * Attendance lives on the registration item as an `attendance` map (present, recordedAt, recordedBy).
 * The read stands alone, for the functions that only read (createRegistrationReader).
 */
export function attendanceRead(store: RegistrationStore): AttendanceReader {
  const { db, registrationsTable: TableName } = store;
  return {
    async getAttendance(reg) {
      const r = await db.send(
        new GetCommand({
          TableName,
          Key: registrationKeys.registration(reg.sessionId, reg.id),
          ProjectionExpression: 'attendance',
          ConsistentRead: true,
        }),
      );
      return attendanceOf(r.Item);
    },
  };
}

/** The attendance read, and the organisers' writes: recording and undoing a check-in. */
export function attendanceAccess(
  store: RegistrationStore,
): Pick<RegistrationRepository, 'getAttendance' | 'setAttendance' | 'clearAttendance'> {
  const { db, registrationsTable: TableName } = store;
  return {
    ...attendanceRead(store),

    async setAttendance(reg, attendance) {
      try {
        await db.send(
          new UpdateCommand({
            TableName,
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
        if (!conditionFailedItem(e)) throw new NotFound('registration');
        throw new Conflict('registration-cancelled', 'Attendance cannot be recorded for a cancelled registration.');
      }
    },

    async clearAttendance(reg) {
      await db
        .send(
          new UpdateCommand({
            TableName,
            Key: registrationKeys.registration(reg.sessionId, reg.id),
            UpdateExpression: 'REMOVE attendance',
            ConditionExpression: 'attribute_exists(pk)',
          }),
        )
        .catch((e: unknown) => {
          if (isConditionalCheckFailed(e)) throw new NotFound('registration');
          throw e;
        });
    },
  };
}
