import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAdminApiHandler } from '../functions/admin-api/app';
import { adminApiDeps } from '../functions/admin-api/deps';
import { createPlacementHandler } from '../functions/placement/create-handler';
import { placementDeps } from '../functions/placement/deps';
import { createPublicApiHandler } from '../functions/public-api/app';
import { publicApiDeps } from '../functions/public-api/deps';
import { createPublicDocumentsHandler } from '../functions/public-documents/app';
import { publicDocumentsDeps } from '../functions/public-documents/deps';
import { createRetentionHandler } from '../functions/retention/create-handler';
import { retentionDeps } from '../functions/retention/deps';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { fixedSecretSource } from '../shared/adapters/secrets/fixed';
import type { ProgrammeFile } from '../shared/domain/schemas';
import { allRoutes } from '../shared/http/route-specs';
import { type Clock, systemClock } from '../shared/ports/clock';
import { serveWebAsset } from '../web/serve';
import { createLocalAuth, type LocalAuth } from './auth';
import { LocalFifoQueue, localPlacementQueue } from './fifo-queue';
import { createLocalHttpServer, type HttpLambda, type LocalAuthorizer } from './http-adapter';
import { lambdaContext } from './lambda-context';
import { localStackClient } from './oauth/local-stack';
import { createOAuthEmulator, type OAuthEmulator } from './oauth/server';
import { LOCAL_TEST_ORGANISER, type LocalUser } from './oauth/users';
import { type LocalPipeline, type LocalPipelineOptions, startLocalPipeline } from './pipeline';
import { loadProgramme } from './programme';
import { ensureTables, type TableNames } from './tables';
import { timeTravelRoute } from './time-travel';
import { webFormOptions } from './web-forms';

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
  /** The organiser's privacy notice, linked from the registration form. */
  privacyUrl?: string;
  /** Organiser token signing and checking; a fresh in-memory key when absent (tests). */
  auth?: LocalAuth;
  /** Who can sign in through the local managed login; the test organiser when absent. */
  users?: LocalUser[];
  /**
   * How registrations are placed: through the placement queue and its consumer, as deployed
   * (`queue`, the default), or by the public API itself (`direct`: a container's own group commit).
   */
  placement?: 'queue' | 'direct';
  /** How long the API waits for a queued registration's outcome (default 8 s, as deployed). */
  placementWaitMs?: number;
  // --- event pipeline (streams → bus → mail queue → mailer → SES) ---
  /** The SES emulator's endpoint (already running); without it the pipeline does not run. */
  sesEndpoint?: string;
  /** Manage tokens are derived with it, so mails can carry the manage link. */
  manageTokenSecret?: string;
  /** Test knobs: timeouts, retry limits, a wrapped SES client. */
  pipeline?: Partial<
    Pick<
      LocalPipelineOptions,
      | 'wrapSesClient'
      | 'mailerDb'
      | 'wrapMailer'
      | 'instrumentStreamsClient'
      | 'visibilityTimeoutMs'
      | 'maxReceiveCount'
      | 'streamMaxAttempts'
      | 'sesRetryBaseDelayMs'
      | 'leaseMs'
      | 'pollIntervalMs'
      | 'sendRatePerSecond'
      | 'schedulerIntervalMs'
      | 'streams'
    >
  >;
}

/** Local only: never used in AWS, where MANAGE_TOKEN_SECRET is a deployment secret. */
const LOCAL_MANAGE_TOKEN_SECRET = 'local-only-manage-token-secret';

export interface LocalStack {
  apiUrl: string;
  port: number;
  tables: TableNames;
  loaded: { inserted: number; kept: number } | null;
  /** Signs organiser tokens the local authorizer accepts. */
  auth: LocalAuth;
  /** The local managed login (the OAuth endpoints Cognito's user pool domain has), on the API's origin. */
  signIn: { issuer: string; clientId: string; users: LocalUser[] };
  /** The event pipeline, when an SES endpoint was given. */
  pipeline: LocalPipeline | null;
  /** The placement queue, unless registrations are placed directly. */
  placementQueue: LocalFifoQueue | null;
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
  // The same port as in Lambda, over the local stack's fixed key.
  const manageTokenSecret = await fixedSecretSource(opts.manageTokenSecret ?? LOCAL_MANAGE_TOKEN_SECRET).secret();
  // The programme goes in through the organiser's import, as `npm run programme -- import` does.
  const adminDeps = adminApiDeps(db, tables, clock, manageTokenSecret);
  const loaded = opts.programme ? await loadProgramme(adminDeps, opts.programme) : null;

  let baseUrl = opts.publicBaseUrl ?? '';
  const uidDomain = opts.uidDomain ?? 'stadsgesprekken.local';
  const organiser = opts.organiser ?? { name: 'Stadsgesprekken', email: 'stadsgesprekken@example.org' };
  let apiUrl = '';
  // The placement queue and its consumer, as in AWS: SQS FIFO with the session as message group.
  const placementQueue =
    opts.placement === 'direct' ? null : new LocalFifoQueue({ name: `${opts.tablePrefix}placement.fifo` });
  if (placementQueue) {
    const consumer = createPlacementHandler(placementDeps({ db, tables, clock }));
    placementQueue.start((event) => consumer(event, lambdaContext('placement')));
  }
  const publicApi = createPublicApiHandler(
    publicApiDeps(
      db,
      {
        ...tables,
        manageTokenSecret,
        placement: placementQueue
          ? { queue: localPlacementQueue(placementQueue), waitMs: opts.placementWaitMs }
          : undefined,
        get publicBaseUrl() {
          return baseUrl;
        },
      },
      clock,
    ),
  ) as unknown as HttpLambda;
  const publicDocuments = createPublicDocumentsHandler(
    publicDocumentsDeps(
      db,
      {
        ...tables,
        uidDomain,
        organiser,
        get publicBaseUrl() {
          return baseUrl;
        },
        get publicApiUrl() {
          return apiUrl;
        },
      },
      clock,
    ),
  ) as unknown as HttpLambda;

  // Organiser API: the admin function behind a JWT authorizer, as in AWS.
  const auth = opts.auth ?? (await createLocalAuth());
  const adminApi = createAdminApiHandler(adminDeps) as unknown as HttpLambda;
  // The sign-in emulator's issuer is the stack's own URL, known once the server listens (port 0 in tests).
  let signIn: OAuthEmulator | null = null;
  const authorize: LocalAuthorizer = async (route, headers) => {
    const verdict = await auth.authorize(route, headers);
    return 'status' in verdict && signIn ? signIn.auth.authorize(route, headers) : verdict;
  };

  const retention = createRetentionHandler(retentionDeps({ db, tables, clock }));

  let pipeline: LocalPipeline | null = null;
  const server: Server = createLocalHttpServer({
    routes: allRoutes(),
    functions: { 'public-api': publicApi, 'public-documents': publicDocuments, 'admin-api': adminApi },
    authorize,
    // The web pages (programme, register, manage, feedback) on the same origin as the API.
    before: [
      async (req, res, body) => signIn?.handle(req, res, body) ?? false,
      // Local only: move the clock and fire due schedules (not in the route table, never deployed).
      async (req, res, body) =>
        pipeline ? timeTravelRoute(clock, () => pipeline?.fireDue() ?? Promise.resolve([]))(req, res, body) : false,
      async (req, res) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return false;
        const asset = serveWebAsset(req.url ?? '/', {
          // The form links to the programme's privacy notice unless told otherwise.
          privacyUrl: opts.privacyUrl ?? opts.programme?.privacyNotice?.url,
          privacyVersion: opts.privacyUrl ? undefined : opts.programme?.privacyNotice?.version,
          // The plain (no-JavaScript) feedback form asks the programme's questions.
          feedbackQuestions: opts.programme?.feedbackQuestions,
          // …and the plain registration forms the programme's questions, areas and sessions, as stored.
          ...(await webFormOptions(req.url ?? '/', adminDeps.sessions, clock.now())),
        });
        if (!asset) return false;
        res.writeHead(asset.status, asset.headers);
        res.end(req.method === 'HEAD' ? undefined : asset.body);
        return true;
      },
      // Local only: run the daily retention job now (in AWS a daily EventBridge rule runs it).
      async (req, res) => {
        if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://local').pathname !== '/_local/retention') {
          return false;
        }
        const run = await retention({}, lambdaContext('retention'));
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(run));
        return true;
      },
    ],
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  apiUrl = `http://${opts.host && !['0.0.0.0', '127.0.0.1'].includes(opts.host) ? opts.host : 'localhost'}:${port}`;
  if (!baseUrl) baseUrl = apiUrl;
  const client = localStackClient(apiUrl);
  const users = opts.users ?? [LOCAL_TEST_ORGANISER];
  signIn = await createOAuthEmulator({
    auth: await createLocalAuth({ issuer: apiUrl, audience: client.clientId }),
    clients: [client],
    users,
  });

  pipeline = opts.sesEndpoint
    ? startLocalPipeline({
        db,
        dynamoDbEndpoint: opts.dynamoDbEndpoint,
        tables,
        sesEndpoint: opts.sesEndpoint,
        clock,
        publicBaseUrl: baseUrl,
        // The links to the API's own pages in the mails (address confirmation, take-seat, calendar).
        publicApiUrl: apiUrl,
        manageTokenSecret,
        organiser,
        uidDomain,
        ...opts.pipeline,
      })
    : null;

  return {
    apiUrl,
    port,
    tables,
    loaded,
    auth,
    signIn: { issuer: signIn.issuer, clientId: client.clientId, users },
    pipeline,
    placementQueue,
    stop: async () => {
      await placementQueue?.stop();
      await pipeline?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      db.destroy();
    },
  };
}
