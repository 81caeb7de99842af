/**
 * The tables, described once. The CDK stack and the local stack (and the tests) both build
 * their tables from these specs, so keys and indexes cannot drift apart.
 */
export interface KeySpec {
  name: string;
  type: 'S' | 'N';
}

export interface IndexSpec {
  indexName: string;
  partitionKey: KeySpec;
  sortKey?: KeySpec;
  projection: 'ALL' | 'KEYS_ONLY';
}

export interface TableSpec {
  /** Logical name; the physical name is `${prefix}${logicalName}` locally and chosen by CloudFormation in AWS. */
  logicalName: 'sessions' | 'registrations';
  partitionKey: KeySpec;
  sortKey: KeySpec;
  globalIndexes: IndexSpec[];
  localIndexes: IndexSpec[];
  /** Streams carry both images: the stream publisher derives domain events from old and new. */
  stream: 'NEW_AND_OLD_IMAGES';
  /** Epoch-seconds attribute DynamoDB may expire items by (DynamoDB Local never does: readers filter on it). */
  ttlAttribute: string;
}

const S = (name: string): KeySpec => ({ name, type: 'S' });

export const SESSIONS_BY_DATE_INDEX = 'byDate';
export const REGISTRATIONS_QUEUE_INDEX = 'queue';
export const REGISTRATIONS_BY_ID_INDEX = 'byRegistrationId';
/** A person's registrations by the hash of their address, for export and erasure on request. */
export const REGISTRATIONS_BY_EMAIL_INDEX = 'byEmailHash';

export const sessionsTable: TableSpec = {
  logicalName: 'sessions',
  partitionKey: S('pk'),
  sortKey: S('sk'),
  globalIndexes: [
    { indexName: SESSIONS_BY_DATE_INDEX, partitionKey: S('gsi1pk'), sortKey: S('gsi1sk'), projection: 'ALL' },
  ],
  localIndexes: [],
  stream: 'NEW_AND_OLD_IMAGES',
  ttlAttribute: 'expiresAt',
};

export const registrationsTable: TableSpec = {
  logicalName: 'registrations',
  partitionKey: S('pk'),
  sortKey: S('sk'),
  globalIndexes: [
    { indexName: REGISTRATIONS_BY_ID_INDEX, partitionKey: S('registrationId'), projection: 'KEYS_ONLY' },
    // Sparse: registration (and suppression) items carry emailHash; anonymising a registration removes it.
    { indexName: REGISTRATIONS_BY_EMAIL_INDEX, partitionKey: S('emailHash'), projection: 'KEYS_ONLY' },
  ],
  localIndexes: [
    // Strongly consistent, ordered view of a session's registrations: W#<seq> (waiting list in
    // order), C#… (confirmed), X#… (cancelled).
    { indexName: REGISTRATIONS_QUEUE_INDEX, partitionKey: S('pk'), sortKey: S('queueKey'), projection: 'ALL' },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
  ttlAttribute: 'expiresAt',
};

export const tableSpecs: TableSpec[] = [sessionsTable, registrationsTable];
