import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Registration } from '../../../domain/model';
import type { RegistrationReads, RegistrationWithAttendance } from '../../../ports/registrations';
import { countAll, queryAll } from '../query';
import { REGISTRATIONS_BY_ID_INDEX, REGISTRATIONS_QUEUE_INDEX } from '../table-specs';
import { attendanceOf, type RegistrationStore, registrationKeys } from './items';

const inRegistrationOrder = (a: Registration, b: Registration) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** The session's registration items, strongly consistent. */
const registrationItemsOf = (store: RegistrationStore, sessionId: string) =>
  queryAll(store.db, {
    TableName: store.registrationsTable,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
    ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':reg': 'REG#' },
    ConsistentRead: true,
  });

/** The first on the session's waiting list, read from the queue index in order. */
export async function firstWaiting(store: RegistrationStore, sessionId: string): Promise<Registration | null> {
  const r = await store.db.send(
    new QueryCommand({
      TableName: store.registrationsTable,
      IndexName: REGISTRATIONS_QUEUE_INDEX,
      KeyConditionExpression: 'pk = :pk AND begins_with(queueKey, :w)',
      ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':w': 'W#' },
      ConsistentRead: true,
      Limit: 1,
    }),
  );
  const item = r.Items?.[0];
  return item ? store.read(item) : null;
}

export async function getRegistration(
  store: RegistrationStore,
  sessionId: string,
  registrationId: string,
): Promise<Registration | null> {
  const r = await store.db.send(
    new GetCommand({
      TableName: store.registrationsTable,
      Key: registrationKeys.registration(sessionId, registrationId),
      ConsistentRead: true,
    }),
  );
  return r.Item ? store.read(r.Item) : null;
}

export function registrationReads(store: RegistrationStore): RegistrationReads {
  const { db, registrationsTable: TableName } = store;
  return {
    get: (sessionId, registrationId) => getRegistration(store, sessionId, registrationId),

    async findByTokenHash(tokenHash) {
      const t = await db.send(
        new GetCommand({ TableName, Key: registrationKeys.token(tokenHash), ConsistentRead: true }),
      );
      if (!t.Item) return null;
      // An expired token leads nowhere, whether or not DynamoDB has deleted it yet.
      if (typeof t.Item.expiresAt === 'number' && t.Item.expiresAt * 1000 <= store.clock.now().getTime()) return null;
      const reg = await db.send(
        new GetCommand({
          TableName,
          Key: registrationKeys.registration(t.Item.sessionId as string, t.Item.registrationId as string),
          ConsistentRead: true,
        }),
      );
      if (!reg.Item || reg.Item.tokenHash !== tokenHash) return null;
      const registration = store.read(reg.Item);
      return registration.anonymisedAt ? null : registration;
    },

    async findById(registrationId) {
      const r = await db.send(
        new QueryCommand({
          TableName,
          IndexName: REGISTRATIONS_BY_ID_INDEX,
          KeyConditionExpression: 'registrationId = :id',
          ExpressionAttributeValues: { ':id': registrationId },
        }),
      );
      const key = r.Items?.find((i) => String(i.sk).startsWith('REG#'));
      if (!key) return null;
      return getRegistration(store, String(key.pk).slice('SESSION#'.length), registrationId);
    },

    async isRegistered(sessionId, emailHash) {
      const guard = await db.send(
        new GetCommand({ TableName, Key: registrationKeys.emailGuard(sessionId, emailHash), ConsistentRead: true }),
      );
      return guard.Item !== undefined;
    },

    async waitlistPosition(reg) {
      if (reg.status !== 'waitlisted' || reg.waitlistSeq === null) return null;
      return countAll(db, {
        TableName,
        IndexName: REGISTRATIONS_QUEUE_INDEX,
        KeyConditionExpression: 'pk = :pk AND queueKey BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': `SESSION#${reg.sessionId}`,
          ':from': 'W#',
          ':to': registrationKeys.queue.waitlisted(reg.waitlistSeq),
        },
        ConsistentRead: true,
      });
    },

    async listForSession(sessionId) {
      const items = await registrationItemsOf(store, sessionId);
      return items.map((item) => store.read(item)).sort(inRegistrationOrder);
    },

    async listWithAttendance(sessionId) {
      const items = await registrationItemsOf(store, sessionId);
      const rows: RegistrationWithAttendance[] = items.map((item) => ({
        registration: store.read(item),
        attendance: attendanceOf(item),
      }));
      return rows.sort((a, b) => inRegistrationOrder(a.registration, b.registration));
    },
  };
}
