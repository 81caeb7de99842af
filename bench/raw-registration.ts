import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TableNames } from '../local/tables';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { registrationKeys } from '../shared/adapters/dynamodb/registrations';
import { sessionKeys } from '../shared/adapters/dynamodb/sessions';
import { emailKey, hashToken, newManageToken, newRegistrationId } from '../shared/domain/identity';
import type { Operation } from './load';
import { aPerson } from './registration';

/**
 * The registration transaction written straight to DynamoDB Local, without HTTP or validation: the
 * same five items, the same conditions and the same client (the document client) as
 * `RegistrationRepository.place` uses for a confirmed seat of a new address in a programme that asks
 * for address confirmation (the default): the session's counter (with the version of the container's
 * copy of the session), the registration, its email guard and token, and the check that the address
 * is not confirmed for the programme yet.
 */
export function rawRegistrationTransaction(
  endpoint: string,
  tables: TableNames,
  sessionId: string,
  programmeId: string,
) {
  const db = createDocumentClient({ endpoint });
  // A warm container's registration checks the version of the session copy it was computed from.
  let version: Promise<number> | undefined;
  const sessionVersion = () => {
    version ??= db
      .send(new GetCommand({ TableName: tables.sessionsTable, Key: sessionKeys.session(sessionId) }))
      .then((r) => Number(r.Item?.version));
    return version;
  };
  const op: Operation = async () => {
    const seenVersion = await sessionVersion();
    const person = aPerson('raw');
    const now = new Date();
    const at = now.toISOString();
    const id = newRegistrationId();
    const tokenHash = hashToken(newManageToken());
    const emailHash = emailKey(person.email);
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tables.sessionsTable,
              Key: sessionKeys.session(sessionId),
              UpdateExpression: 'ADD confirmedCount :one',
              ConditionExpression:
                'attribute_exists(pk) AND #status = :scheduled AND registrationOpen = :true AND registrationClosesAt > :now' +
                ' AND waitlistCount = :zero AND (attribute_not_exists(#capacity) OR attribute_type(#capacity, :nullType) OR confirmedCount < #capacity)' +
                ' AND #version = :sessionVersion',
              ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity', '#version': 'version' },
              ExpressionAttributeValues: {
                ':one': 1,
                ':scheduled': 'scheduled',
                ':true': true,
                ':now': now.getTime(),
                ':zero': 0,
                ':nullType': 'NULL',
                ':sessionVersion': seenVersion,
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Put: {
              TableName: tables.registrationsTable,
              Item: {
                ...registrationKeys.registration(sessionId, id),
                type: 'registration',
                registrationId: id,
                id,
                sessionId,
                status: 'confirmed',
                name: person.name,
                email: person.email,
                emailHash,
                role: person.role,
                language: 'nl',
                consentAt: at,
                createdAt: at,
                updatedAt: at,
                confirmedAt: at,
                promotedFromWaitlist: false,
                queueKey: registrationKeys.queue.confirmed(at, id),
                tokenHash,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tables.registrationsTable,
              Item: {
                ...registrationKeys.emailGuard(sessionId, emailHash),
                type: 'email-guard',
                registrationId: id,
                sessionId,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Put: {
              TableName: tables.registrationsTable,
              Item: { ...registrationKeys.token(tokenHash), type: 'manage-token', registrationId: id, sessionId },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            ConditionCheck: {
              TableName: tables.registrationsTable,
              Key: registrationKeys.addressConfirmation(programmeId, emailHash),
              ConditionExpression: 'NOT attribute_type(confirmedAt, :string) OR expiresAt <= :nowSeconds',
              ExpressionAttributeValues: { ':string': 'S', ':nowSeconds': Math.floor(now.getTime() / 1000) },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
      }),
    );
    return 200;
  };
  return { op, close: () => db.destroy() };
}
