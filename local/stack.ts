import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createPublicRoutes } from '../functions/public-api/routes';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { createFeedbackRepository } from '../shared/adapters/dynamodb/feedback';
import { createRegistrationRepository } from '../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../shared/adapters/dynamodb/sessions';
import type { ProgrammeFile } from '../shared/domain/schemas';
import { httpApiHandler } from '../shared/http/middleware';
import { allRoutes } from '../shared/http/route-specs';
import { type Clock, systemClock } from '../shared/ports/clock';
import { localFeedbackReport } from './feedback-report';
import { createLocalHttpServer, type HttpLambda } from './http-adapter';
import { loadProgramme } from './programme';
import { ensureTables, type TableNames } from './tables';

export interface LocalStackOptions {
  /** DynamoDB Local's endpoint (already running). */
  dynamoDbEndpoint: string;
  /** Table name prefix: tests isolate themselves with a unique one. */
  tablePrefix: string;
  programme?: ProgrammeFile;
  /** 0 = a free port. */
  port?: number;
  host?: string;
  /** Base of the links in emails and answers; defaults to the API's own URL. */
  publicBaseUrl?: string;
  clock?: Clock;
  /** Calendar UIDs' domain and the organiser named in invites. */
  uidDomain?: string;
  organiser?: { name: string; email: string };
}

export interface LocalStack {
  apiUrl: string;
  port: number;
  tables: TableNames;
  loaded: { inserted: number; kept: number } | null;
  stop(): Promise<void>;
}

/**
 * The backend on one machine: tables from the shared specs, the programme loaded, and the same
 * route handlers and middy chain as in Lambda behind a local API Gateway stand-in.
 */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const raw = new DynamoDBClient({
    endpoint: opts.dynamoDbEndpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const tables = await ensureTables(raw, opts.tablePrefix);
  raw.destroy();
  const db = createDocumentClient({ endpoint: opts.dynamoDbEndpoint });
  const clock = opts.clock ?? systemClock;
  const sessions = createSessionRepository(db, tables.sessionsTable);
  const registrations = createRegistrationRepository(db, tables);
  const feedback = createFeedbackRepository(db, tables);
  const loaded = opts.programme ? await loadProgramme(sessions, opts.programme, clock.now()) : null;

  let baseUrl = opts.publicBaseUrl ?? '';
  const publicApi = httpApiHandler(
    createPublicRoutes({
      sessions,
      registrations,
      feedback,
      attendance: feedback,
      clock,
      uidDomain: opts.uidDomain ?? 'stadsgesprekken.local',
      organiser: opts.organiser ?? { name: 'Stadsgesprekken', email: 'stadsgesprekken@example.org' },
      get publicBaseUrl() {
        return baseUrl;
      },
    }),
  ) as unknown as HttpLambda;

  const server: Server = createLocalHttpServer({
    routes: allRoutes(),
    functions: { 'public-api': publicApi },
    // Local-only routes (never deployed).
    before: [localFeedbackReport({ sessions, feedback, participation: feedback, clock })],
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const apiUrl = `http://${opts.host && !['0.0.0.0', '127.0.0.1'].includes(opts.host) ? opts.host : 'localhost'}:${port}`;
  if (!baseUrl) baseUrl = apiUrl;

  return {
    apiUrl,
    port,
    tables,
    loaded,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      db.destroy();
    },
  };
}
