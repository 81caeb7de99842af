import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isHeld } from '../../domain/holds';
import type { Registration } from '../../domain/model';
import { type Clock, systemClock } from '../../ports/clock';
import type { HoldRepository } from '../../ports/holds';
import { isConditionalCheckFailed } from './conditions';
import { queryAll } from './query';
import { cancelRegistration } from './registrations/cancel';
import { fromRegistrationItem, type RegistrationStore, registrationKeys } from './registrations/items';
import { REGISTRATIONS_BY_EMAIL_INDEX } from './table-specs';

/**
 * An address confirmed for a programme, in the registrations table, by hash only:
 *   ADDRESS#<programmeId>#<emailHash> / CONFIRMED
 * It carries no `emailHash` attribute, so the address index (export and erasure) never lists it;
 * DynamoDB's TTL removes it with the registrations' personal data.
 */
export const addressConfirmationKey = registrationKeys.addressConfirmation;

export function createHoldRepository(
  db: DynamoDBDocumentClient,
  tables: { sessionsTable: string; registrationsTable: string },
  options: { clock?: Clock; maxAttempts?: number } = {},
): HoldRepository {
  const clock = options.clock ?? systemClock;
  const TableName = tables.registrationsTable;
  const store: RegistrationStore = {
    db,
    sessionsTable: tables.sessionsTable,
    registrationsTable: TableName,
    clock,
    maxAttempts: options.maxAttempts ?? 40,
    read: (item) => fromRegistrationItem(item, clock.now()),
  };

  return {
    async addressConfirmedAt(programmeId, emailHash) {
      const r = await db.send(
        new GetCommand({ TableName, Key: addressConfirmationKey(programmeId, emailHash), ConsistentRead: true }),
      );
      const item = r.Item;
      if (!item || typeof item.confirmedAt !== 'string') return null;
      // Past its expiry the record is as good as gone (TTL may lag; DynamoDB Local never expires).
      if (typeof item.expiresAt === 'number' && item.expiresAt * 1000 <= clock.now().getTime()) return null;
      return item.confirmedAt;
    },

    async recordAddressConfirmed(programmeId, emailHash, at, expiresAt) {
      const r = await db
        .send(
          new UpdateCommand({
            TableName,
            Key: addressConfirmationKey(programmeId, emailHash),
            UpdateExpression: `SET #type = :type, programmeId = :p, confirmedAt = if_not_exists(confirmedAt, :at)${
              expiresAt === null ? '' : ', expiresAt = :e'
            }`,
            // The longest-lived registration decides how long the confirmation is kept.
            ...(expiresAt === null
              ? {}
              : { ConditionExpression: 'attribute_not_exists(expiresAt) OR expiresAt <= :e' }),
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: {
              ':type': 'address-confirmation',
              ':p': programmeId,
              ':at': at.toISOString(),
              ...(expiresAt === null ? {} : { ':e': expiresAt }),
            },
            ReturnValues: 'ALL_NEW',
          }),
        )
        .catch(async (e) => {
          if (!isConditionalCheckFailed(e)) throw e;
          // A longer expiry is recorded already; keep it, and the first instant.
          return db.send(
            new UpdateCommand({
              TableName,
              Key: addressConfirmationKey(programmeId, emailHash),
              UpdateExpression: 'SET confirmedAt = if_not_exists(confirmedAt, :at)',
              ExpressionAttributeValues: { ':at': at.toISOString() },
              ReturnValues: 'ALL_NEW',
            }),
          );
        });
      return String(r.Attributes?.confirmedAt ?? at.toISOString());
    },

    async heldForAddress(emailHash) {
      const keys = await queryAll(db, {
        TableName,
        IndexName: REGISTRATIONS_BY_EMAIL_INDEX,
        KeyConditionExpression: 'emailHash = :h',
        ExpressionAttributeValues: { ':h': emailHash },
      });
      const regKeys = keys
        .filter((k) => String(k.sk).startsWith('REG#'))
        .map((k) => ({ pk: String(k.pk), sk: String(k.sk) }));
      const found: Registration[] = [];
      for (let i = 0; i < regKeys.length; i += 100) {
        let pending: Record<string, unknown>[] | undefined = regKeys.slice(i, i + 100);
        while (pending && pending.length > 0) {
          const r = await db.send(
            new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending, ConsistentRead: true } } }),
          );
          for (const item of r.Responses?.[TableName] ?? []) found.push(store.read(item));
          pending = r.UnprocessedKeys?.[TableName]?.Keys as Record<string, unknown>[] | undefined;
        }
      }
      return found.filter(isHeld);
    },

    async confirmHold(reg, at) {
      try {
        const r = await db.send(
          new UpdateCommand({
            TableName,
            Key: registrationKeys.registration(reg.sessionId, reg.id),
            UpdateExpression: 'SET addressConfirmedAt = :at, updatedAt = :at REMOVE holdExpiresAt',
            ConditionExpression:
              'attribute_type(holdExpiresAt, :string) AND attribute_not_exists(addressConfirmedAt) AND #status IN (:c, :w)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':at': at, ':string': 'S', ':c': 'confirmed', ':w': 'waitlisted' },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return r.Attributes ? store.read(r.Attributes) : null;
      } catch (e) {
        if (isConditionalCheckFailed(e)) return null; // confirmed already, released or cancelled
        throw e;
      }
    },

    release: (reg, now, why) => cancelRegistration(store, reg, now, { whileHeld: true, releasedBecause: why }),
  };
}
