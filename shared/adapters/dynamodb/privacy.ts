import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ContentionExhausted, ValidationFailed } from '../../domain/errors';
import { type ErasureRecord, PERSONAL_ATTRIBUTES } from '../../domain/privacy';
import { feedbackKeys } from './feedback';
import { mailLedgerKey } from './mail-ledger';
import { queryAll } from './query';
import { registrationKeys } from './registrations';
import { backoff, isConditionalCheckFailed, isTransactionCanceled } from './retry';
import { createSuppressionRepository, suppressionKey } from './suppressions';
import { REGISTRATIONS_BY_EMAIL_INDEX, REGISTRATIONS_BY_ID_INDEX } from './table-specs';

/**
 * Privacy items in the registrations table, keys defined once:
 * - erasure record:  ERASURE#<yyyy-mm> / <ISO time>#<id>  (who erased what scope, when; no personal data)
 * - suppression:     the mail pipeline's item (suppressions.ts), with reason 'erased'
 * Registration items gain `privacyNotice`, `personalDataExpiresAt`, `anonymisedAt`, `erasedBy`;
 * guard and token items gain the TTL attribute `expiresAt`.
 */
export const privacyKeys = {
  erasure: (at: string, id: string) => ({ pk: `ERASURE#${at.slice(0, 7)}`, sk: `${at}#${id}` }),
  erasureMonth: (month: string) => `ERASURE#${month}`,
};

export interface RegistrationRef {
  sessionId: string;
  registrationId: string;
}

export interface SuppressionState {
  reason: string;
  since: string;
}

/** A sent (or attempted) mail, from the mail pipeline's ledger: what and when, never the text. */
export interface MailRecord {
  entry: string;
  status: string;
  claimedAt: string | null;
  sentAt: string | null;
}

/** Item types that only lead to a person and are deleted outright when they are erased. */
const LINK_ITEM_TYPES = new Set(['email-guard', 'manage-token']);
/** Attributes of our own bookkeeping, never part of an export. */
const INTERNAL_ATTRIBUTES = new Set(['pk', 'sk', 'queueKey', 'tokenHash', 'emailHash', 'type', 'expiresAt']);

export interface PrivacyRepository {
  /** The stored registration item as it is, for the export (attendance and all). */
  registrationItem(ref: RegistrationRef): Promise<Record<string, unknown> | null>;
  /** Every other item that names the registration (feedback, sent-mail records, …), guard and token excluded. */
  relatedItems(registrationId: string): Promise<Record<string, unknown>[]>;
  /** The registrations of an address in this deployment (anonymised ones are no longer found). */
  registrationsOfAddress(emailHash: string): Promise<RegistrationRef[]>;
  /**
   * Erases a registration's personal fields, deletes its email guard and manage token, and strips
   * personal attributes from related items. Returns false when it was anonymised already.
   */
  anonymise(ref: RegistrationRef, at: string, by: string): Promise<boolean>;
  /** The raw registration items of a session not yet anonymised (the retention job decides which are due). */
  unanonymisedInSession(sessionId: string): Promise<Record<string, unknown>[]>;
  /** Moves a registration's expiry later (never earlier), e.g. after its session moved. */
  extendExpiry(ref: RegistrationRef, expiresAt: number): Promise<boolean>;
  suppress(emailHash: string, reason: 'erased', at: string): Promise<void>;
  suppression(emailHash: string): Promise<SuppressionState | null>;
  /** The registration's feedback as stored (answers and the context the synthesis groups by), or null. */
  feedbackItem(ref: RegistrationRef): Promise<Record<string, unknown> | null>;
  /** The mail ledger's entries for a registration (kept after erasure: they hold no identity). */
  mailRecords(registrationId: string): Promise<MailRecord[]>;
  /** Lifts an erasure suppression (a new registration is new consent); other reasons stay. */
  liftErasureSuppression(emailHash: string): Promise<boolean>;
  recordErasure(record: ErasureRecord): Promise<void>;
  /** A month's erasure records (yyyy-mm), newest first. */
  listErasures(month: string): Promise<ErasureRecord[]>;
}

const exportable = (item: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !INTERNAL_ATTRIBUTES.has(k)));

export { exportable as exportableAttributes };

export function createPrivacyRepository(
  db: DynamoDBDocumentClient,
  tables: { registrationsTable: string },
): PrivacyRepository {
  const TableName = tables.registrationsTable;
  const suppressions = createSuppressionRepository(db, TableName);

  const getItem = async (Key: Record<string, string>) =>
    (await db.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item ?? null;

  async function relatedKeys(registrationId: string): Promise<Array<{ pk: string; sk: string }>> {
    const keys: Array<{ pk: string; sk: string }> = [];
    const items = await queryAll(db, {
      TableName,
      IndexName: REGISTRATIONS_BY_ID_INDEX,
      KeyConditionExpression: 'registrationId = :id',
      ExpressionAttributeValues: { ':id': registrationId },
    });
    for (const i of items) keys.push({ pk: String(i.pk), sk: String(i.sk) });
    return keys;
  }

  async function relatedItems(registrationId: string): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for (const key of await relatedKeys(registrationId)) {
      if (key.sk.startsWith('REG#')) continue;
      const item = await getItem(key);
      if (item && !LINK_ITEM_TYPES.has(String(item.type))) out.push(item);
    }
    return out;
  }

  /** Removes personal attributes from an item of another part of the system (feedback, mail records). */
  async function stripRelated(item: Record<string, unknown>, at: string): Promise<void> {
    const present = PERSONAL_ATTRIBUTES.filter((a) => a in item);
    if (present.length === 0) return;
    const names = Object.fromEntries(present.map((a, i) => [`#p${i}`, a]));
    await db
      .send(
        new UpdateCommand({
          TableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: `SET anonymisedAt = :at REMOVE ${Object.keys(names).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':at': at },
        }),
      )
      .catch((e) => {
        if (!isConditionalCheckFailed(e)) throw e; // deleted meanwhile: nothing left to strip
      });
  }

  return {
    registrationItem: (ref) => getItem(registrationKeys.registration(ref.sessionId, ref.registrationId)),

    feedbackItem: (ref) => getItem(feedbackKeys.feedback(ref.sessionId, ref.registrationId)),

    relatedItems,

    async registrationsOfAddress(emailHash) {
      const refs: RegistrationRef[] = [];
      const items = await queryAll(db, {
        TableName,
        IndexName: REGISTRATIONS_BY_EMAIL_INDEX,
        KeyConditionExpression: 'emailHash = :h',
        ExpressionAttributeValues: { ':h': emailHash },
      });
      for (const i of items) {
        const sk = String(i.sk);
        if (sk.startsWith('REG#')) {
          refs.push({ sessionId: String(i.pk).slice('SESSION#'.length), registrationId: sk.slice('REG#'.length) });
        }
      }
      return refs;
    },

    async anonymise(ref, at, by) {
      const key = registrationKeys.registration(ref.sessionId, ref.registrationId);
      // A transaction conflict, or an erasure racing us, means another look at the fresh item.
      for (let attempt = 0; attempt < 5; attempt++) {
        const item = await getItem(key);
        if (!item || item.anonymisedAt) return false;
        const names = Object.fromEntries(PERSONAL_ATTRIBUTES.map((a, i) => [`#p${i}`, a]));
        const tokenHash = typeof item.tokenHash === 'string' ? item.tokenHash : null;
        const emailHash = typeof item.emailHash === 'string' ? item.emailHash : null;
        try {
          await db.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName,
                    Key: key,
                    UpdateExpression: `SET anonymisedAt = :at, erasedBy = :by, updatedAt = :at REMOVE ${Object.keys(names).join(', ')}`,
                    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(anonymisedAt)',
                    ExpressionAttributeNames: names,
                    ExpressionAttributeValues: { ':at': at, ':by': by },
                  },
                },
                ...(tokenHash ? [{ Delete: { TableName, Key: registrationKeys.token(tokenHash) } }] : []),
                ...(emailHash
                  ? [
                      {
                        Delete: {
                          TableName,
                          Key: registrationKeys.emailGuard(ref.sessionId, emailHash),
                          // Only this registration's guard (a cancelled one's was released already).
                          ConditionExpression: 'attribute_not_exists(pk) OR registrationId = :id',
                          ExpressionAttributeValues: { ':id': ref.registrationId },
                        },
                      },
                    ]
                  : []),
              ],
            }),
          );
        } catch (e) {
          if (!isTransactionCanceled(e)) throw e;
          await backoff(attempt);
          continue;
        }
        for (const related of await relatedItems(ref.registrationId)) await stripRelated(related, at);
        return true;
      }
      throw new ContentionExhausted('anonymisation');
    },

    async unanonymisedInSession(sessionId) {
      const out: Record<string, unknown>[] = [];
      const items = await queryAll(db, {
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
        FilterExpression: 'attribute_not_exists(anonymisedAt)',
        ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':reg': 'REG#' },
        ConsistentRead: true,
      });
      out.push(...items);
      return out;
    },

    async extendExpiry(ref, expiresAt) {
      try {
        await db.send(
          new UpdateCommand({
            TableName,
            Key: registrationKeys.registration(ref.sessionId, ref.registrationId),
            UpdateExpression: 'SET personalDataExpiresAt = :e',
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(anonymisedAt) AND (attribute_not_exists(personalDataExpiresAt) OR personalDataExpiresAt < :e)',
            ExpressionAttributeValues: { ':e': expiresAt },
          }),
        );
      } catch (e) {
        if (isConditionalCheckFailed(e)) return false;
        throw e;
      }
      // The guard and token live as long as the data they lead to.
      const item = await getItem(registrationKeys.registration(ref.sessionId, ref.registrationId));
      const links = [
        typeof item?.tokenHash === 'string' ? registrationKeys.token(item.tokenHash) : null,
        typeof item?.emailHash === 'string' ? registrationKeys.emailGuard(ref.sessionId, item.emailHash) : null,
      ];
      for (const Key of links) {
        if (!Key) continue;
        await db
          .send(
            new UpdateCommand({
              TableName,
              Key,
              UpdateExpression: 'SET expiresAt = :e',
              ConditionExpression: 'registrationId = :id',
              ExpressionAttributeValues: { ':e': expiresAt, ':id': ref.registrationId },
            }),
          )
          .catch((e) => {
            if (!isConditionalCheckFailed(e)) throw e; // released or taken over: not ours to extend
          });
      }
      return true;
    },

    suppress: (emailHash, reason, at) => suppressions.suppress(emailHash, reason, new Date(at)),

    async suppression(emailHash) {
      const item = await getItem(suppressionKey(emailHash));
      return item ? { reason: String(item.reason), since: String(item.since) } : null;
    },

    async mailRecords(registrationId) {
      const out: MailRecord[] = [];
      const items = await queryAll(db, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': mailLedgerKey(registrationId, '').pk },
        ConsistentRead: true,
      });
      for (const i of items) {
        out.push({
          entry: String(i.sk),
          status: String(i.status),
          claimedAt: typeof i.claimedAt === 'string' ? i.claimedAt : null,
          sentAt: typeof i.sentAt === 'string' ? i.sentAt : null,
        });
      }
      return out;
    },

    async liftErasureSuppression(emailHash) {
      try {
        await db.send(
          new DeleteCommand({
            TableName,
            Key: suppressionKey(emailHash),
            ConditionExpression: 'reason = :erased',
            ExpressionAttributeValues: { ':erased': 'erased' },
          }),
        );
        return true;
      } catch (e) {
        if (isConditionalCheckFailed(e)) return false; // none, or suppressed for another reason (bounce, complaint)
        throw e;
      }
    },

    async recordErasure(record) {
      await db.send(
        new PutCommand({
          TableName,
          Item: { ...record, ...privacyKeys.erasure(record.at, record.id), type: 'erasure' },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async listErasures(month) {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
        throw new ValidationFailed([{ field: 'month', message: 'must be a month YYYY-MM' }]);
      }
      const out: ErasureRecord[] = [];
      const items = await queryAll(db, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': privacyKeys.erasureMonth(month) },
        ScanIndexForward: false,
      });
      for (const i of items) {
        const { pk: _pk, sk: _sk, type: _t, ...rec } = i;
        out.push(rec as unknown as ErasureRecord);
      }
      return out;
    },
  };
}
