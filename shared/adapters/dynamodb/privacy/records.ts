import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { MailRecord, PrivacyRepository, RegistrationRef } from '../../../ports/privacy';
import { feedbackKeys } from '../feedback';
import { mailLedgerKey } from '../mail-ledger';
import { queryAll } from '../query';
import { registrationKeys } from '../registrations';
import { REGISTRATIONS_BY_EMAIL_INDEX, REGISTRATIONS_BY_ID_INDEX } from '../table-specs';

/** Item types that only lead to a person and are deleted outright when they are erased. */
const LINK_ITEM_TYPES = new Set(['email-guard', 'manage-token']);
/** Attributes of our own bookkeeping, never part of an export. */
const INTERNAL_ATTRIBUTES = new Set(['pk', 'sk', 'queueKey', 'tokenHash', 'emailHash', 'type', 'expiresAt']);

const exportable = (item: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !INTERNAL_ATTRIBUTES.has(k)));

/** Reads a person's records, in the registrations table. */
export function privacyRecords(db: DynamoDBDocumentClient, TableName: string) {
  const getItem = async (Key: Record<string, string>) =>
    (await db.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item ?? null;

  /** The items the byRegistrationId index leads to, the registration's own included. */
  async function relatedKeys(registrationId: string): Promise<Array<{ pk: string; sk: string }>> {
    const items = await queryAll(db, {
      TableName,
      IndexName: REGISTRATIONS_BY_ID_INDEX,
      KeyConditionExpression: 'registrationId = :id',
      ExpressionAttributeValues: { ':id': registrationId },
    });
    return items.map((i) => ({ pk: String(i.pk), sk: String(i.sk) }));
  }

  /** Other parts of the system's items about the registration, as stored. */
  async function rawRelatedItems(registrationId: string): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for (const key of await relatedKeys(registrationId)) {
      if (key.sk.startsWith('REG#')) continue;
      const item = await getItem(key);
      if (item && !LINK_ITEM_TYPES.has(String(item.type))) out.push(item);
    }
    return out;
  }

  const exported = async (Key: Record<string, string>) => {
    const item = await getItem(Key);
    return item ? exportable(item) : null;
  };

  const reads: Pick<
    PrivacyRepository,
    'registrationItem' | 'feedbackItem' | 'relatedItems' | 'registrationsOfAddress' | 'mailRecords'
  > = {
    registrationItem: (ref) => exported(registrationKeys.registration(ref.sessionId, ref.registrationId)),

    feedbackItem: (ref) => exported(feedbackKeys.feedback(ref.sessionId, ref.registrationId)),

    relatedItems: async (registrationId) => (await rawRelatedItems(registrationId)).map(exportable),

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

    async mailRecords(registrationId) {
      const items = await queryAll(db, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': mailLedgerKey(registrationId, '').pk },
        ConsistentRead: true,
      });
      return items.map(
        (i): MailRecord => ({
          entry: String(i.sk),
          status: String(i.status),
          claimedAt: typeof i.claimedAt === 'string' ? i.claimedAt : null,
          sentAt: typeof i.sentAt === 'string' ? i.sentAt : null,
        }),
      );
    },
  };
  return { getItem, rawRelatedItems, reads };
}
