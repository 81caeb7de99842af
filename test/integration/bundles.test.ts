import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { APIGatewayProxyEventV2, DynamoDBRecord, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminApiDeps } from '../../functions/admin-api/deps';
import { buildFunctions } from '../../infra/build';
import { discoverFunctions } from '../../infra/bundling';
import { committedOpenApiDocument } from '../../infra/openapi-document';
import { type BusEvent, matchesPattern, toBusEvent } from '../../local/bus';
import { loadProgramme } from '../../local/programme';
import { toLambdaRecord } from '../../local/stream-poller';
import { ensureTables, type TableNames } from '../../local/tables';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { routingRules } from '../../shared/events/routing';
import { systemClock } from '../../shared/ports/clock';
import { type AwsStub, startAwsStub } from '../support/aws-stub';
import { waitForMails } from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';

/**
 * The deployed artifacts themselves: every function is bundled by esbuild with the options the CDK
 * construct uses (infra/bundling.ts, through `npm run build`'s buildFunctions), and each bundle's
 * exported handler is imported by Node's own ESM loader in a process of its own, and given an event shaped as
 * AWS sends it, against DynamoDB Local, the SES emulator and a recording stand-in for EventBridge,
 * SQS and Scheduler. An ESM/CJS mix-up or a file the bundle misses fails here.
 */
/**
 * Loads the bundle in a Node process of its own, as Lambda's runtime does (vitest's loader would
 * transform it first), calls its `handler` with the event and returns what the handler returned.
 * The function's logs go to stdout as in Lambda; the result comes back on file descriptor 3.
 */
const RUNNER = `
import { readFileSync, writeSync } from 'node:fs';
const { handler } = await import(process.env.BUNDLE_URL);
if (typeof handler !== 'function') throw new Error('the bundle exports no handler');
const event = JSON.parse(readFileSync(0, 'utf8'));
const context = { functionName: process.env.FUNCTION_NAME, awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 30000 };
const result = await handler(event, context);
writeSync(3, JSON.stringify(result ?? null));
`;

function runBundle(outfile: string, name: string, event: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', RUNNER], {
      env: { ...process.env, BUNDLE_URL: pathToFileURL(outfile).href, FUNCTION_NAME: name },
      stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let result = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => {
      result += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && result) resolve(JSON.parse(result));
      else reject(new Error(`${name} bundle exited with ${code}: ${stderr.slice(-2000)}`));
    });
    child.stdin?.end(JSON.stringify(event));
  });
}

const DISPATCH_TARGET_ARN = 'arn:aws:lambda:eu-west-1:000000000000:function:dispatcher';
const REGION = 'eu-west-1';

const httpEvent = (routeKey: string, rawPath: string, extra: Partial<APIGatewayProxyEventV2> = {}) =>
  ({
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: { host: 'd111111abcdef8.cloudfront.net', 'content-type': 'application/json' },
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'api',
      domainName: 'api.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'api',
      http: {
        method: routeKey.split(' ')[0],
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 't',
      },
      requestId: uniqueId('req'),
      routeKey,
      stage: '$default',
      time: '',
      timeEpoch: Date.now(),
    },
    ...extra,
  }) as APIGatewayProxyEventV2;

const sqsRecord = (body: string): SQSRecord => ({
  messageId: uniqueId('msg'),
  receiptHandle: uniqueId('rh'),
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: String(Date.now()),
    SenderId: 'test',
    ApproximateFirstReceiveTimestamp: String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: `arn:aws:sqs:${REGION}:000000000000:mail-queue`,
  awsRegion: REGION,
});

/** Every record both tables' streams hold, as the event source mapping hands them to Lambda. */
async function streamRecords(endpoint: string, tables: TableNames): Promise<DynamoDBRecord[]> {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const db = new DynamoDBClient({ endpoint, region: REGION, credentials });
  const streams = new DynamoDBStreamsClient({ endpoint, region: REGION, credentials });
  const records: DynamoDBRecord[] = [];
  for (const table of [tables.sessionsTable, tables.registrationsTable]) {
    const { Table } = await db.send(new DescribeTableCommand({ TableName: table }));
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`${table} has no stream`);
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      const out = await streams.send(new GetRecordsCommand({ ShardIterator }));
      records.push(...(out.Records ?? []).map((r) => toLambdaRecord(r, streamArn)));
    }
  }
  db.destroy();
  streams.destroy();
  return records;
}

/** Every target an event reaches (an event can match several rules, as SessionPublished does). */
const targetsOf = (event: BusEvent) =>
  routingRules
    .filter((rule) => matchesPattern(rule.eventPattern as never, event as unknown as Record<string, unknown>))
    .map((rule) => rule.target);

describe('the built function bundles', () => {
  const names = discoverFunctions();
  const bundles: Record<string, string> = {};
  let outDir: string;
  let stub: AwsStub;
  let tables: TableNames;
  const session = aSessionInput({ capacity: 5 });
  const registrant = `${uniqueId('bundle')}@example.org`;

  beforeAll(async () => {
    // Arrange: the bundles, exactly as deployed.
    outDir = mkdtempSync(join(tmpdir(), 'stadsgesprekken-bundles-'));
    const built = await buildFunctions(names, outDir);

    // The engines, and tables with the programme.
    const endpoint = inject('dynamoEndpoint');
    const raw = new DynamoDBClient({
      endpoint,
      region: REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    tables = await ensureTables(raw, `${uniqueId('bundles')}-`);
    raw.destroy();
    await loadProgramme(
      adminApiDeps(createDocumentClient({ endpoint }), tables, systemClock),
      aProgrammeFile([session]),
    );
    stub = await startAwsStub();

    // The environment the stack gives each function (values for the local engines).
    Object.assign(process.env, {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_EVENTBRIDGE: stub.endpoint,
      AWS_ENDPOINT_URL_SQS: stub.endpoint,
      AWS_ENDPOINT_URL_SCHEDULER: stub.endpoint,
      DYNAMODB_ENDPOINT: endpoint,
      SES_ENDPOINT: inject('sesEndpoint'),
      SESSIONS_TABLE: tables.sessionsTable,
      REGISTRATIONS_TABLE: tables.registrationsTable,
      PUBLIC_BASE_URL: 'https://d111111abcdef8.cloudfront.net',
      PUBLIC_API_URL: 'https://d111111abcdef8.cloudfront.net/api',
      MAIL_FROM: 'aanmelden@example.org',
      MANAGE_TOKEN_SECRET: 'bundle-test-secret',
      UID_DOMAIN: 'bundles.test',
      MAIL_SEND_RATE: '50',
      EVENT_BUS_NAME: 'stadsgesprekken-test',
      MAIL_QUEUE_URL: `${stub.endpoint}/000000000000/mail-queue`,
      SCHEDULER_GROUP: 'stadsgesprekken-test',
      SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/scheduler',
      DISPATCH_TARGET_ARN,
      SCHEDULER_DLQ_ARN: `arn:aws:sqs:${REGION}:000000000000:schedule-dlq`,
    });
    for (const fn of built) bundles[fn.name] = fn.outfile;
  }, 240_000);

  afterAll(async () => {
    await stub?.stop();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  const invoke = (name: string, event: unknown) => {
    const outfile = bundles[name];
    if (!outfile) throw new Error(`no bundle for ${name}`);
    return runBundle(outfile, name, event);
  };

  it('builds every function under functions/ into one ESM file', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'admin-api',
        'dispatcher',
        'mailer',
        'planner',
        'public-api',
        'retention',
        'stream-publisher',
      ]),
    );
    expect(Object.keys(bundles).sort()).toEqual([...names].sort());
    for (const outfile of Object.values(bundles)) expect(outfile).toMatch(/index\.mjs$/);
  });

  it('public-api answers API Gateway events: the session, then a registration', async () => {
    const got = (await invoke(
      'public-api',
      httpEvent('GET /sessions/{sessionId}', `/sessions/${session.id}`, { pathParameters: { sessionId: session.id } }),
    )) as { statusCode: number; body: string };
    const posted = (await invoke(
      'public-api',
      httpEvent('POST /sessions/{sessionId}/registrations', `/sessions/${session.id}/registrations`, {
        pathParameters: { sessionId: session.id },
        body: JSON.stringify({ name: 'Ada', email: registrant, role: 'other', consent: true }),
      }),
    )) as { statusCode: number; body: string };

    expect(got.statusCode).toBe(200);
    expect(JSON.parse(got.body)).toMatchObject({ id: session.id, seatsLeft: 5 });
    expect(posted.statusCode).toBe(201);
    expect(JSON.parse(posted.body).manageUrl).toMatch(
      /^https:\/\/d111111abcdef8\.cloudfront\.net\/manage\.html\?token=/,
    );
  });

  it('public-api names the field of a refused body in the validator’s English messages', async () => {
    const res = (await invoke(
      'public-api',
      httpEvent('POST /sessions/{sessionId}/registrations', `/sessions/${session.id}/registrations`, {
        pathParameters: { sessionId: session.id },
        body: JSON.stringify({ name: 'Ada', email: registrant, role: 'other', consent: true, website: 5 }),
      }),
    )) as { statusCode: number; body: string };

    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).errors).toEqual([
      { field: 'website', message: 'Invalid input: expected string, received number' },
    ]);
  });

  it('public-documents serves the OpenAPI document generated at build time, from the file beside its bundle', async () => {
    const res = (await invoke('public-documents', httpEvent('GET /openapi.json', '/openapi.json'))) as {
      statusCode: number;
      body: string;
    };

    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body);
    expect(doc).toEqual({ ...JSON.parse(committedOpenApiDocument()), servers: [{ url: process.env.PUBLIC_API_URL }] });
  });

  it('admin-api answers an organiser with the JWT claims API Gateway passes on', async () => {
    const res = (await invoke(
      'admin-api',
      httpEvent('GET /admin/sessions', '/admin/sessions', {
        requestContext: {
          ...httpEvent('GET /admin/sessions', '/admin/sessions').requestContext,
          authorizer: {
            jwt: { claims: { sub: 'o-1', email: 'org@example.org', 'cognito:groups': '[organisers]' }, scopes: [] },
          },
        } as never,
      }),
    )) as { statusCode: number; body: string };

    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(session.id);
  });

  it('stream-publisher, planner, dispatcher and mailer carry the registration from the stream to a sent mail', async () => {
    // Act 1: the stream records of the writes above, as the event source mapping delivers them.
    const records = await streamRecords(inject('dynamoEndpoint'), tables);
    expect(records.length).toBeGreaterThan(0);
    const published = (await invoke('stream-publisher', { Records: records })) as { batchItemFailures: unknown[] };
    expect(published.batchItemFailures).toEqual([]);
    const entries = stub
      .of('AWSEvents.PutEvents')
      .flatMap((b) => b.Entries as { Source: string; DetailType: string; Detail: string; Time?: string }[]);
    const events = entries.map((e) =>
      toBusEvent({ source: e.Source, detailType: e.DetailType, detail: e.Detail, time: new Date() }),
    );
    expect(events.length).toBeGreaterThan(0);

    // Act 2: each event to its rule's target, as EventBridge does.
    const toPlanner = events.filter((e) => targetsOf(e).includes('planner'));
    const toMailQueue = events.filter((e) => targetsOf(e).includes('mail-queue'));
    expect(toPlanner.length).toBeGreaterThan(0);
    expect(toMailQueue.length).toBeGreaterThan(0);
    for (const event of toPlanner) await invoke('planner', event);
    const mailed = (await invoke('mailer', { Records: toMailQueue.map((e) => sqsRecord(JSON.stringify(e))) })) as {
      batchItemFailures: unknown[];
    };

    // Assert: schedules for the session's reminders, and the confirmation in the SES emulator.
    const created = stub.of('POST /schedules/');
    expect(created.length).toBeGreaterThan(0);
    for (const schedule of created) expect((schedule.Target as { Arn: string }).Arn).toBe(DISPATCH_TARGET_ARN);
    expect(mailed.batchItemFailures).toEqual([]);
    const [mail] = await waitForMails(registrant, 1);
    expect(mail?.from).toContain('aanmelden@example.org');

    // Act 3: a schedule fires with the input the planner gave it.
    const [first] = created;
    if (!first) throw new Error('no schedule created');
    const input = JSON.parse((first.Target as { Input: string }).Input) as unknown;
    await expect(invoke('dispatcher', input)).resolves.toBeDefined();
  });

  it('retention runs on the daily scheduled event', async () => {
    const daily = {
      version: '0',
      id: uniqueId('evt'),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: new Date().toISOString(),
      region: REGION,
      resources: [`arn:aws:events:${REGION}:000000000000:rule/DailyRetention`],
      detail: {},
    };
    await expect(invoke('retention', daily)).resolves.toBeDefined();
  });
});
