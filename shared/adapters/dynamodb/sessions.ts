import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Programme, Session } from '../../domain/model';
import { registrationClosesAt } from '../../domain/session-rules';
import { queryAll } from './query';
import { SESSIONS_BY_DATE_INDEX } from './table-specs';

/** Keys of the sessions table, defined once. */
export const sessionKeys = {
  session: (id: string) => ({ pk: `SESSION#${id}`, sk: 'SESSION' }),
  programme: (id: string) => ({ pk: `PROGRAMME#${id}`, sk: 'PROGRAMME' }),
  /** All sessions, ordered by local date: a single partition is plenty at tens of sessions a year. */
  byDate: (s: Pick<Session, 'date' | 'id'>) => ({ gsi1pk: 'SESSIONS', gsi1sk: `${s.date}#${s.id}` }),
};

export type SessionItem = Session & {
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

export const toSessionItem = (s: Session): SessionItem => ({
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
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    ...(Array.isArray(i.reminders) ? { reminders: i.reminders } : {}),
  };
}

type ProgrammeItem = Programme & { pk: string; sk: string; type: 'programme' };

export interface SessionRepository {
  get(id: string): Promise<Session | null>;
  list(): Promise<Session[]>;
  getProgramme(id: string): Promise<Programme | null>;
  /** Inserts when absent; returns false when the item already existed (kept as it is). */
  insertProgrammeIfAbsent(p: Programme): Promise<boolean>;
  insertSessionIfAbsent(s: Session): Promise<boolean>;
}

export function createSessionRepository(db: DynamoDBDocumentClient, tableName: string): SessionRepository {
  const insertIfAbsent = async (Item: Record<string, unknown>): Promise<boolean> => {
    try {
      await db.send(new PutCommand({ TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (e) {
      if ((e as Error).name === 'ConditionalCheckFailedException') return false;
      throw e;
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
    async getProgramme(id) {
      const r = await db.send(new GetCommand({ TableName: tableName, Key: sessionKeys.programme(id) }));
      if (!r.Item) return null;
      const { pk: _pk, sk: _sk, type: _t, ...p } = r.Item as ProgrammeItem;
      return p;
    },
    insertProgrammeIfAbsent: (p) => insertIfAbsent({ ...p, ...sessionKeys.programme(p.id), type: 'programme' }),
    insertSessionIfAbsent: (s) => insertIfAbsent({ ...toSessionItem(s) }),
  };
}
