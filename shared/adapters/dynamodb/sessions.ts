import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../../domain/errors';
import type { Session } from '../../domain/model';
import { registrationClosesAt } from '../../domain/session-rules';
import type { SessionRepository, WriteRefused } from '../../ports/sessions';
import { conditionFailedItem, isConditionalCheckFailed } from './conditions';
import { programmeAccess, programmeKeys } from './programmes';
import { queryAll } from './query';
import { SESSIONS_BY_DATE_INDEX } from './table-specs';

/** Keys of the sessions table, defined once. */
export const sessionKeys = {
  session: (id: string) => ({ pk: `SESSION#${id}`, sk: 'SESSION' }),
  programme: programmeKeys.programme,
  /** All sessions, ordered by local date: a single partition is plenty at tens of sessions a year. */
  byDate: (s: Pick<Session, 'date' | 'id'>) => ({ gsi1pk: 'SESSIONS', gsi1sk: `${s.date}#${s.id}` }),
};

type SessionItem = Session & {
  pk: string;
  sk: string;
  type: 'session';
  gsi1pk: string;
  gsi1sk: string;
  /** Epoch ms; conditions compare it with the request time so no one registers after the start. */
  registrationClosesAt: number;
  /** Monotonic waiting-list ticket counter. */
  waitlistSeq: number;
};

const toSessionItem = (s: Session): SessionItem => ({
  ...s,
  ...sessionKeys.session(s.id),
  ...sessionKeys.byDate(s),
  type: 'session',
  registrationClosesAt: registrationClosesAt(s),
  waitlistSeq: 0,
});

export function fromSessionItem(item: Record<string, unknown>): Session {
  const i = item as unknown as SessionItem;
  return {
    id: i.id,
    programmeId: i.programmeId,
    kind: i.kind,
    title: i.title,
    description: i.description ?? null,
    date: i.date,
    startTime: i.startTime ?? null,
    endTime: i.endTime ?? null,
    timeZone: i.timeZone,
    location: i.location ?? null,
    capacity: i.capacity ?? null,
    provisional: i.provisional,
    status: i.status,
    registrationOpen: i.registrationOpen,
    version: i.version,
    confirmedCount: i.confirmedCount ?? 0,
    waitlistCount: i.waitlistCount ?? 0,
    offeredCount: i.offeredCount ?? 0,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    ...(Array.isArray(i.reminders) ? { reminders: i.reminders } : {}),
  };
}

/**
 * Organiser writes are conditional on what the caller read, so a concurrent change is noticed
 * instead of overwritten: an edit on `version` (every change of date or time raises it, so the
 * derived `registrationClosesAt` and byDate key are never computed from stale values), on the
 * session being scheduled, and, when capacity is set, on the confirmed count fitting. Counters
 * (`confirmedCount`, `waitlistCount`, `waitlistSeq`) are never written here.
 */
export function createSessionRepository(db: DynamoDBDocumentClient, tableName: string): SessionRepository {
  const insertIfAbsent = async (Item: Record<string, unknown>): Promise<boolean> => {
    try {
      await db.send(new PutCommand({ TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  };

  /** A conditional update of the session; a failed condition answers with the session as it is now. */
  const conditionalUpdate = async (
    input: Omit<UpdateCommandInput, 'TableName' | 'ReturnValues' | 'ReturnValuesOnConditionCheckFailure'>,
  ): Promise<Session | WriteRefused> => {
    try {
      const r = await db.send(
        new UpdateCommand({
          ...input,
          TableName: tableName,
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return fromSessionItem(r.Attributes ?? {});
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw e;
      const item = conditionFailedItem(e);
      return { refused: true, current: item ? fromSessionItem(item) : null };
    }
  };

  return {
    async get(id) {
      const r = await db.send(
        new GetCommand({ TableName: tableName, Key: sessionKeys.session(id), ConsistentRead: true }),
      );
      return r.Item ? fromSessionItem(r.Item) : null;
    },
    async list() {
      const out: Session[] = [];
      const items = await queryAll(db, {
        TableName: tableName,
        IndexName: SESSIONS_BY_DATE_INDEX,
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': 'SESSIONS' },
      });
      for (const item of items) out.push(fromSessionItem(item));
      return out;
    },
    ...programmeAccess(db, tableName),

    async create(session) {
      if (!(await insertIfAbsent({ ...toSessionItem(session) }))) {
        throw new Conflict('session-exists', `A session with id ${session.id} exists.`);
      }
    },

    edit({ before, after, changed, bumpsVersion, at }) {
      const names: Record<string, string> = { '#status': 'status', '#version': 'version' };
      const values: Record<string, unknown> = { ':readVersion': before.version, ':scheduled': 'scheduled', ':at': at };
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
        values[':gsi1sk'] = sessionKeys.byDate(after).gsi1sk;
        sets.push('gsi1sk = :gsi1sk');
      }
      let condition = 'attribute_exists(pk) AND #version = :readVersion AND #status = :scheduled';
      if (changed.includes('capacity') && after.capacity !== null) {
        // Lowering capacity below the confirmed count is refused atomically, whatever registers meanwhile.
        condition += ' AND confirmedCount <= :capacity';
      }
      return conditionalUpdate({
        Key: sessionKeys.session(before.id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      });
    },

    cancel(sessionId, expectedVersion, at) {
      return conditionalUpdate({
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
      });
    },
  };
}
