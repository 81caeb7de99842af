import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Conflict } from '../../domain/errors';
import type { Session } from '../../domain/model';
import type { EditableField } from '../../domain/session-changes';
import { registrationClosesAt } from '../../domain/session-rules';
import { isConditionalCheckFailed } from './retry';
import { fromSessionItem, sessionKeys, toSessionItem } from './sessions';

/**
 * Organiser writes to session items. Every write is conditional on what the caller read, so a
 * concurrent change is noticed instead of overwritten:
 * - an edit is conditional on `version` (every change of date or time raises it, so the derived
 *   `registrationClosesAt` and byDate key are never computed from stale values), on the session
 *   being scheduled, and, when capacity is set, on the confirmed count fitting;
 * - counters (`confirmedCount`, `waitlistCount`, `waitlistSeq`) are never written here.
 */
export interface SessionEditWrite {
  before: Session;
  after: Session;
  changed: EditableField[];
  bumpsVersion: boolean;
  at: string;
}

/** Why a conditional write did not happen, with the item as it is now (null: it does not exist). */
export interface WriteRefused {
  refused: true;
  current: Session | null;
}

export interface SessionAdminRepository {
  /** Inserts a new session; a session with that id already existing is a 409 `session-exists`. */
  create(session: Session): Promise<void>;
  edit(write: SessionEditWrite): Promise<Session | WriteRefused>;
  /** Sets status `cancelled` and raises `version`, if the session is scheduled at `expectedVersion`. */
  cancel(sessionId: string, expectedVersion: number, at: string): Promise<Session | WriteRefused>;
}

const isConditionFailure = isConditionalCheckFailed;
/** The item as it was when the condition failed (the document client leaves error payloads marshalled). */
const oldItem = (e: unknown): Record<string, unknown> | undefined => {
  const item = (e as { Item?: Record<string, AttributeValue> }).Item;
  return item ? unmarshall(item) : undefined;
};

export function createSessionAdminRepository(db: DynamoDBDocumentClient, tableName: string): SessionAdminRepository {
  return {
    async create(session) {
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: toSessionItem(session),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (e) {
        if (isConditionFailure(e)) throw new Conflict('session-exists', `A session with id ${session.id} exists.`);
        throw e;
      }
    },

    async edit({ before, after, changed, bumpsVersion, at }) {
      const names: Record<string, string> = { '#status': 'status', '#version': 'version' };
      const values: Record<string, unknown> = {
        ':readVersion': before.version,
        ':scheduled': 'scheduled',
        ':at': at,
      };
      const sets = ['updatedAt = :at'];
      for (const field of changed) {
        names[`#${field}`] = field;
        values[`:${field}`] = after[field];
        sets.push(`#${field} = :${field}`);
      }
      if (bumpsVersion) {
        values[':newVersion'] = before.version + 1;
        sets.push('#version = :newVersion');
      }
      if (changed.includes('date') || changed.includes('startTime')) {
        values[':closes'] = registrationClosesAt(after);
        sets.push('registrationClosesAt = :closes');
      }
      if (changed.includes('date')) {
        const key = sessionKeys.byDate(after);
        values[':gsi1sk'] = key.gsi1sk;
        sets.push('gsi1sk = :gsi1sk');
      }
      let condition = 'attribute_exists(pk) AND #version = :readVersion AND #status = :scheduled';
      if (changed.includes('capacity') && after.capacity !== null) {
        // Lowering capacity below the confirmed count is refused atomically, whatever registers meanwhile.
        condition += ' AND confirmedCount <= :capacity';
      }
      try {
        const r = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: sessionKeys.session(before.id),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return fromSessionItem(r.Attributes ?? {});
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
        const item = oldItem(e);
        return { refused: true, current: item ? fromSessionItem(item) : null };
      }
    },

    async cancel(sessionId, expectedVersion, at) {
      try {
        const r = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: sessionKeys.session(sessionId),
            UpdateExpression: 'SET #status = :cancelled, #version = :newVersion, updatedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND #status = :scheduled AND #version = :readVersion',
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: {
              ':cancelled': 'cancelled',
              ':scheduled': 'scheduled',
              ':readVersion': expectedVersion,
              ':newVersion': expectedVersion + 1,
              ':at': at,
            },
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return fromSessionItem(r.Attributes ?? {});
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
        const item = oldItem(e);
        return { refused: true, current: item ? fromSessionItem(item) : null };
      }
    },
  };
}
