import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type AccessNeed, accessNeeds } from '../../domain/default-questions';
import type { AccessNeedsRepository, ArrangedMark, KeptAccessCounts } from '../../ports/access-needs';
import { isConditionalCheckFailed } from './conditions';
import { queryAll } from './query';
import { registrationKeys } from './registrations';

/**
 * Access-need items in the registrations table, in a partition of their own per session (so the
 * session's registration queries never meet them; the stream derives no events from them):
 * - arranged mark:  ACCESS#<sessionId> / MARK#<need>   (who marked it, when; no registrant data)
 * - kept counts:    ACCESS#<sessionId> / COUNTS        (asked and met per need, after erasure)
 * Registration items gain `visit` (first / returning) and `sensitiveErasedAt`.
 */
export const accessNeedKeys = {
  partition: (sessionId: string) => `ACCESS#${sessionId}`,
  mark: (sessionId: string, need: AccessNeed) => ({ pk: `ACCESS#${sessionId}`, sk: `MARK#${need}` }),
  counts: (sessionId: string) => ({ pk: `ACCESS#${sessionId}`, sk: 'COUNTS' }),
};

const ignoreRefused = (e: unknown): false => {
  if (isConditionalCheckFailed(e)) return false;
  throw e;
};

export function createAccessNeedsRepository(
  db: DynamoDBDocumentClient,
  tables: { registrationsTable: string },
): AccessNeedsRepository {
  const TableName = tables.registrationsTable;
  return {
    async arranged(sessionId) {
      const items = await queryAll(db, {
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
        ExpressionAttributeValues: { ':pk': accessNeedKeys.partition(sessionId), ':m': 'MARK#' },
        ConsistentRead: true,
      });
      return items
        .map((i) => ({ need: i.need, arrangedAt: i.arrangedAt, arrangedBy: i.arrangedBy }) as ArrangedMark)
        .filter((m) => accessNeeds.includes(m.need));
    },

    async setArranged(sessionId, need, mark) {
      const Key = accessNeedKeys.mark(sessionId, need);
      if (mark === null) {
        const r = await db
          .send(
            new UpdateCommand({
              TableName,
              Key,
              UpdateExpression: 'REMOVE arrangedAt',
              ConditionExpression: 'attribute_exists(arrangedAt)',
              ReturnValues: 'NONE',
            }),
          )
          .then(() => true, ignoreRefused);
        return r;
      }
      return db
        .send(
          new PutCommand({
            TableName,
            Item: { ...Key, type: 'access-mark', sessionId, need, arrangedAt: mark.at, arrangedBy: mark.by },
            ConditionExpression: 'attribute_not_exists(arrangedAt)',
          }),
        )
        .then(() => true, ignoreRefused);
    },

    async keptCounts(sessionId) {
      const r = await db.send(
        new GetCommand({ TableName, Key: accessNeedKeys.counts(sessionId), ConsistentRead: true }),
      );
      if (!r.Item) return null;
      const { sessionId: id, keptAt, asked, met, completedAt } = r.Item as KeptAccessCounts;
      return { sessionId: id, keptAt, asked, met, completedAt: completedAt ?? null };
    },

    keepCounts: (counts) =>
      db
        .send(
          new PutCommand({
            TableName,
            Item: { ...accessNeedKeys.counts(counts.sessionId), type: 'access-counts', ...counts },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .then(() => true, ignoreRefused),

    async completeCounts(sessionId, at) {
      await db
        .send(
          new UpdateCommand({
            TableName,
            Key: accessNeedKeys.counts(sessionId),
            UpdateExpression: 'SET completedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(completedAt)',
            ExpressionAttributeValues: { ':at': at },
          }),
        )
        .catch(ignoreRefused);
    },

    async eraseAnswers(ref, questionIds, at) {
      if (questionIds.length === 0) return false;
      const names = Object.fromEntries(questionIds.map((q, i) => [`#q${i}`, q]));
      const held = Object.keys(names)
        .map((n) => `attribute_exists(answers.${n})`)
        .join(' OR ');
      return db
        .send(
          new UpdateCommand({
            TableName,
            Key: registrationKeys.registration(ref.sessionId, ref.registrationId),
            UpdateExpression: `SET sensitiveErasedAt = :at REMOVE ${Object.keys(names)
              .map((n) => `answers.${n}`)
              .join(', ')}`,
            ConditionExpression: `attribute_exists(pk) AND (${held})`,
            ExpressionAttributeNames: { ...names },
            ExpressionAttributeValues: { ':at': at },
          }),
        )
        .then(() => true, ignoreRefused);
    },

    async visitFacts(ref) {
      const r = await db.send(
        new GetCommand({
          TableName,
          Key: registrationKeys.registration(ref.sessionId, ref.registrationId),
          ConsistentRead: true,
        }),
      );
      const i = r.Item;
      if (!i) return null;
      return {
        emailHash: typeof i.emailHash === 'string' && i.emailHash !== '' ? i.emailHash : null,
        cancelled: i.status === 'cancelled',
        createdAt: String(i.createdAt),
        visit: i.visit === 'first' || i.visit === 'returning' ? i.visit : null,
      };
    },

    async keepVisit(ref, visit) {
      await db
        .send(
          new UpdateCommand({
            TableName,
            Key: registrationKeys.registration(ref.sessionId, ref.registrationId),
            UpdateExpression: 'SET visit = :v',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(visit)',
            ExpressionAttributeValues: { ':v': visit },
          }),
        )
        .catch(ignoreRefused);
    },
  };
}
