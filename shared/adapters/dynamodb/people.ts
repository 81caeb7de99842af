import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { NewPerson, PeopleRepository, Person } from '../../ports/people';
import { isConditionalCheckFailed } from './conditions';
import { queryAll } from './query';

/**
 * Keys of the people, in the registrations table:
 * - person:        PERSON#<programmeId>#<emailHash> / PERSON
 * - person token:  PERSON_TOKEN#<tokenHash>        / PERSON_TOKEN   (→ person, strongly consistent)
 * - follower:      FOLLOWERS#<programmeId>          / <emailHash>    (who follows a programme)
 * - link request:  PERSON_LINK_REQUEST#<programmeId>#<emailHash> / REQUEST (one per 10 minutes; expires)
 * The person notes the hashes of its tokens (`tokenHashes`), so that an erasure can remove them.
 */
export const personKeys = {
  person: (programmeId: string, emailHash: string) => ({ pk: `PERSON#${programmeId}#${emailHash}`, sk: 'PERSON' }),
  token: (tokenHash: string) => ({ pk: `PERSON_TOKEN#${tokenHash}`, sk: 'PERSON_TOKEN' }),
  follower: (programmeId: string, emailHash: string) => ({ pk: `FOLLOWERS#${programmeId}`, sk: emailHash }),
  linkRequest: (programmeId: string, emailHash: string) => ({
    pk: `PERSON_LINK_REQUEST#${programmeId}#${emailHash}`,
    sk: 'REQUEST',
  }),
};

const fromItem = (i: Record<string, unknown>): Person => ({
  id: String(i.id),
  programmeId: String(i.programmeId),
  emailHash: String(i.emailHash),
  email: String(i.email ?? ''),
  language: i.language === 'en' ? 'en' : 'nl',
  following: i.following === true,
  addressConfirmedAt: typeof i.addressConfirmedAt === 'string' ? i.addressConfirmedAt : null,
  registrations: (i.registrations as Record<string, string> | undefined) ?? {},
  createdAt: String(i.createdAt),
  updatedAt: String(i.updatedAt),
  personalDataExpiresAt: typeof i.personalDataExpiresAt === 'number' ? i.personalDataExpiresAt : null,
});

/** Records DynamoDB expires (TTL) hold no personal data past the person's expiry; readers check it too. */
const expired = (p: Person, now: Date) =>
  p.personalDataExpiresAt !== null && p.personalDataExpiresAt * 1000 <= now.getTime();

export function createPeopleRepository(
  db: DynamoDBDocumentClient,
  registrationsTable: string,
  clock: { now(): Date } = { now: () => new Date() },
): PeopleRepository {
  const TableName = registrationsTable;

  const get = async (programmeId: string, emailHash: string): Promise<Person | null> => {
    const r = await db.send(
      new GetCommand({ TableName, Key: personKeys.person(programmeId, emailHash), ConsistentRead: true }),
    );
    if (!r.Item) return null;
    const person = fromItem(r.Item);
    return expired(person, clock.now()) ? null : person;
  };

  const follow = async (programmeId: string, emailHash: string, following: boolean) => {
    const Key = personKeys.follower(programmeId, emailHash);
    if (following) {
      await db.send(
        new PutCommand({ TableName, Item: { ...Key, type: 'follower', programmeId, personHash: emailHash } }),
      );
    } else {
      await db.send(new DeleteCommand({ TableName, Key }));
    }
  };

  return {
    get,

    async upsert(person: NewPerson, now) {
      const at = now.toISOString();
      const r = await db.send(
        new UpdateCommand({
          TableName,
          Key: personKeys.person(person.programmeId, person.emailHash),
          UpdateExpression: [
            'SET #type = :type, #id = if_not_exists(#id, :id), #p = :p, #h = :h, #email = :email',
            '#lang = :lang, #created = if_not_exists(#created, :at), #updated = :at',
            '#confirmed = if_not_exists(#confirmed, :null), #regs = if_not_exists(#regs, :empty)',
            person.following ? '#following = :true' : '#following = if_not_exists(#following, :false)',
          ].join(', '),
          ExpressionAttributeNames: {
            '#type': 'type',
            '#id': 'id',
            '#p': 'programmeId',
            '#h': 'emailHash',
            '#email': 'email',
            '#lang': 'language',
            '#created': 'createdAt',
            '#updated': 'updatedAt',
            '#confirmed': 'addressConfirmedAt',
            '#regs': 'registrations',
            '#following': 'following',
          },
          ExpressionAttributeValues: {
            ':type': 'person',
            ':id': person.id,
            ':p': person.programmeId,
            ':h': person.emailHash,
            ':email': person.email,
            ':lang': person.language,
            ':at': at,
            ':null': null,
            ':empty': {},
            ...(person.following ? { ':true': true } : { ':false': false }),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const stored = fromItem(r.Attributes ?? {});
      if (person.following) await follow(person.programmeId, person.emailHash, true);
      return { person: stored, created: stored.id === person.id };
    },

    async addToken(person, tokenHash, scope) {
      const ttl = person.personalDataExpiresAt === null ? {} : { expiresAt: person.personalDataExpiresAt };
      const Item = { ...personKeys.token(tokenHash), type: 'person-token', programmeId: person.programmeId, ...ttl };
      const scoped = scope === null ? {} : { scope: new Set(scope.length > 0 ? scope : ['-']) };
      await db.send(new PutCommand({ TableName, Item: { ...Item, personHash: person.emailHash, ...scoped } }));
      try {
        await db.send(
          new UpdateCommand({
            TableName,
            Key: personKeys.person(person.programmeId, person.emailHash),
            UpdateExpression: 'ADD tokenHashes :h',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':h': new Set([tokenHash]) },
          }),
        );
      } catch (e) {
        if (!isConditionalCheckFailed(e)) throw e;
      }
    },

    async findByTokenHash(tokenHash) {
      const r = await db.send(new GetCommand({ TableName, Key: personKeys.token(tokenHash), ConsistentRead: true }));
      if (!r.Item) return null;
      const person = await get(String(r.Item.programmeId), String(r.Item.personHash));
      if (!person) return null;
      const scope = r.Item.scope instanceof Set ? [...(r.Item.scope as Set<string>)].filter((id) => id !== '-') : null;
      return { person, scope };
    },

    async widenToken(tokenHash, registrationIds) {
      if (registrationIds.length === 0) return;
      try {
        await db.send(
          new UpdateCommand({
            TableName,
            Key: personKeys.token(tokenHash),
            UpdateExpression: 'ADD #scope :ids',
            ConditionExpression: 'attribute_exists(#scope)',
            ExpressionAttributeNames: { '#scope': 'scope' },
            ExpressionAttributeValues: { ':ids': new Set(registrationIds) },
          }),
        );
      } catch (e) {
        if (!isConditionalCheckFailed(e)) throw e;
      }
    },

    async setFollowing(person, following, now) {
      try {
        const r = await db.send(
          new UpdateCommand({
            TableName,
            Key: personKeys.person(person.programmeId, person.emailHash),
            UpdateExpression: 'SET #following = :f, updatedAt = :at',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#following': 'following' },
            ExpressionAttributeValues: { ':f': following, ':at': now.toISOString() },
            ReturnValues: 'ALL_NEW',
          }),
        );
        await follow(person.programmeId, person.emailHash, following);
        return fromItem(r.Attributes ?? {});
      } catch (e) {
        if (isConditionalCheckFailed(e)) return null;
        throw e;
      }
    },

    async recordRegistrations(person, tokenHash, entries, personalDataExpiresAt, now) {
      const Key = personKeys.person(person.programmeId, person.emailHash);
      if (entries.length > 0) {
        const names: Record<string, string> = { '#regs': 'registrations' };
        const values: Record<string, unknown> = { ':at': now.toISOString() };
        const sets = entries.map((e, i) => {
          names[`#s${i}`] = e.sessionId;
          values[`:r${i}`] = e.registrationId;
          return `#regs.#s${i} = :r${i}`;
        });
        await db.send(
          new UpdateCommand({
            TableName,
            Key,
            UpdateExpression: `SET ${sets.join(', ')}, updatedAt = :at`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
      }
      if (personalDataExpiresAt === null) return;
      const later = async (key: { pk: string; sk: string }, attribute: string) => {
        try {
          await db.send(
            new UpdateCommand({
              TableName,
              Key: key,
              UpdateExpression: `SET ${attribute}expiresAt = :e`,
              ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(expiresAt) OR expiresAt < :e)',
              ExpressionAttributeValues: { ':e': personalDataExpiresAt },
            }),
          );
        } catch (e) {
          if (!isConditionalCheckFailed(e)) throw e;
        }
      };
      await Promise.all([
        later(Key, 'personalDataExpiresAt = :e, '),
        ...(tokenHash === null ? [] : [later(personKeys.token(tokenHash), '')]),
      ]);
    },

    async recordLinkRequest(programmeId, emailHash, now, windowMs) {
      const windowEndsAt = now.getTime() + windowMs;
      try {
        await db.send(
          new PutCommand({
            TableName,
            Item: {
              ...personKeys.linkRequest(programmeId, emailHash),
              type: 'person-link-request',
              programmeId,
              personHash: emailHash,
              requestedAt: now.toISOString(),
              windowEndsAt,
              expiresAt: Math.ceil(windowEndsAt / 1000),
            },
            // TTL may lag (DynamoDB Local never expires): the window is checked, not the item's presence.
            ConditionExpression: 'attribute_not_exists(pk) OR windowEndsAt <= :now',
            ExpressionAttributeValues: { ':now': now.getTime() },
          }),
        );
        return true;
      } catch (e) {
        if (isConditionalCheckFailed(e)) return false;
        throw e;
      }
    },

    async erase(programmeId, emailHash, tokenHashes) {
      const Key = personKeys.person(programmeId, emailHash);
      const r = await db.send(new GetCommand({ TableName, Key, ConsistentRead: true }));
      const noted = r.Item?.tokenHashes instanceof Set ? [...(r.Item.tokenHashes as Set<string>)] : [];
      const keys = [
        ...[...new Set([...noted, ...tokenHashes])].map((h) => personKeys.token(h)),
        personKeys.follower(programmeId, emailHash),
        personKeys.linkRequest(programmeId, emailHash),
        // holds.ts's addressConfirmationKey, spelled out so the readers' bundles stay without the holds code.
        { pk: `ADDRESS#${programmeId}#${emailHash}`, sk: 'CONFIRMED' },
        Key, // last: while it exists, a retry finds the token hashes again
      ];
      for (const k of keys) await db.send(new DeleteCommand({ TableName, Key: k }));
    },

    async listFollowers(programmeId) {
      const markers = await queryAll(db, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': personKeys.follower(programmeId, '').pk },
      });
      const people = await Promise.all(markers.map((m) => get(programmeId, String(m.sk))));
      return people.filter((p): p is Person => p?.following === true);
    },
  };
}
