import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { adminApiDeps } from '../../functions/admin-api/deps';
import { loadProgramme } from '../../local/programme';
import { ensureTables, type TableNames } from '../../local/tables';
import { createAccessNeedsRepository } from '../../shared/adapters/dynamodb/access-needs';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import {
  type ContentionModel,
  type ContentionModelOptions,
  contendedDocumentClient,
} from '../../shared/adapters/dynamodb/contention-model/model';
import { createPrivacyRepository } from '../../shared/adapters/dynamodb/privacy';
import {
  createRegistrationRepository,
  type RegistrationRepositoryOptions,
} from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import type { ProgrammeFile } from '../../shared/domain/schemas';
import type { AccessNeedsRepository } from '../../shared/ports/access-needs';
import { ManualClock } from '../../shared/ports/clock';
import type { PrivacyRepository } from '../../shared/ports/privacy';
import type { RegistrationRepository } from '../../shared/ports/registrations';
import type { SessionRepository } from '../../shared/ports/sessions';
import { uniqueId } from './programme-builders';

export interface TestDb {
  endpoint: string;
  db: DynamoDBDocumentClient;
  tables: TableNames;
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  privacy: PrivacyRepository;
  accessNeeds: AccessNeedsRepository;
  clock: ManualClock;
  /** Set when the tables are reached through the contention model of real DynamoDB. */
  model: ContentionModel | null;
  load(p: ProgrammeFile): Promise<void>;
  repositoryWith(options: RegistrationRepositoryOptions, db?: DynamoDBDocumentClient): RegistrationRepository;
}

/** Fresh tables under a unique prefix in the run's shared DynamoDB Local. */
export async function createTestDb(
  now = new Date('2027-01-15T10:00:00Z'),
  opts: { contentionModel?: ContentionModelOptions } = {},
): Promise<TestDb> {
  const endpoint = inject('dynamoEndpoint');
  const raw = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const tables = await ensureTables(raw, `${uniqueId('t')}-`);
  raw.destroy();
  const contended = opts.contentionModel ? contendedDocumentClient(endpoint, opts.contentionModel) : null;
  const db = contended?.db ?? createDocumentClient({ endpoint });
  const sessions = createSessionRepository(db, tables.sessionsTable);
  const clock = new ManualClock(now);
  return {
    endpoint,
    db,
    tables,
    sessions,
    registrations: createRegistrationRepository(db, tables, { clock }),
    privacy: createPrivacyRepository(db, tables),
    accessNeeds: createAccessNeedsRepository(db, tables),
    clock,
    model: contended?.model ?? null,
    load: async (p) => {
      await loadProgramme(adminApiDeps(db, tables, clock), p);
    },
    repositoryWith: (options, client = db) => createRegistrationRepository(client, tables, { clock, ...options }),
  };
}
