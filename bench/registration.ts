import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import type { TableNames } from '../local/tables';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { registrationKeys } from '../shared/adapters/dynamodb/registrations';
import { sessionKeys } from '../shared/adapters/dynamodb/sessions';
import { emailKey, hashToken, newManageToken, newRegistrationId } from '../shared/domain/identity';
import type { ProgrammeFile } from '../shared/domain/schemas';
import type { LoadResult, Operation } from './load';
import { type LatencySummary, summarise } from './stats';

let people = 0;
/** A registration body with an address never used before in this run. */
export const aPerson = (tag: string) => ({
  name: 'Bench Registrant',
  email: `${tag}-${process.pid}-${(people++).toString(36)}@bench.example.org`,
  role: 'resident',
  consent: true,
});

export interface StackProcess {
  apiUrl: string;
  tables: TableNames;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts the local stack (bench/stack-server.ts) in a child process and waits for its URL. */
export function startStackProcess(dynamoDbEndpoint: string, programme: ProgrammeFile): Promise<StackProcess> {
  const child = fork(fileURLToPath(new URL('./stack-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LOG_LEVEL: process.env.BENCH_STACK_LOG_LEVEL ?? 'silent' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the local stack exited early (code ${code})`)));
    child.on('message', (msg: { ready?: { apiUrl: string; tables: TableNames }; failed?: string }) => {
      if (msg.failed) reject(new Error(msg.failed));
      if (msg.ready)
        resolve({
          ...msg.ready,
          pid: child.pid,
          stop: async () => {
            if (child.connected) child.send({ stop: true });
            const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
            await exited;
            clearTimeout(timer);
          },
        });
    });
    child.send({ start: { dynamoDbEndpoint, tablePrefix: `bench-${process.pid}-`, programme } });
  });
}

/**
 * The registration transaction written straight to DynamoDB Local, without HTTP, validation or
 * the preceding session read: the same four items, the same conditions and the same client
 * (the document client) as `RegistrationRepository.place` uses for a confirmed seat.
 */
export function rawRegistrationTransaction(endpoint: string, tables: TableNames, sessionId: string) {
  const db = createDocumentClient({ endpoint });
  const op: Operation = async () => {
    const person = aPerson('raw');
    const now = new Date();
    const at = now.toISOString();
    const id = newRegistrationId();
    const tokenHash = hashToken(newManageToken());
    const emailHash = emailKey(person.email);
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tables.sessionsTable,
              Key: sessionKeys.session(sessionId),
              UpdateExpression: 'ADD confirmedCount :one',
              ConditionExpression:
                'attribute_exists(pk) AND #status = :scheduled AND registrationOpen = :true AND registrationClosesAt > :now' +
                ' AND waitlistCount = :zero AND (attribute_not_exists(#capacity) OR attribute_type(#capacity, :nullType) OR confirmedCount < #capacity)',
              ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity' },
              ExpressionAttributeValues: {
                ':one': 1,
                ':scheduled': 'scheduled',
                ':true': true,
                ':now': now.getTime(),
                ':zero': 0,
                ':nullType': 'NULL',
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Put: {
              TableName: tables.registrationsTable,
              Item: {
                ...registrationKeys.registration(sessionId, id),
                type: 'registration',
                registrationId: id,
                id,
                sessionId,
                status: 'confirmed',
                name: person.name,
                email: person.email,
                emailHash,
                role: person.role,
                language: 'nl',
                consentAt: at,
                createdAt: at,
                updatedAt: at,
                confirmedAt: at,
                promotedFromWaitlist: false,
                queueKey: registrationKeys.queue.confirmed(at, id),
                tokenHash,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tables.registrationsTable,
              Item: {
                ...registrationKeys.emailGuard(sessionId, emailHash),
                type: 'email-guard',
                registrationId: id,
                sessionId,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Put: {
              TableName: tables.registrationsTable,
              Item: { ...registrationKeys.token(tokenHash), type: 'manage-token', registrationId: id, sessionId },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    return 200;
  };
  return { op, close: () => db.destroy() };
}

/** One registration POST per call over a keep-alive pool of `concurrency` sockets; resolves to the status. */
export function httpRegistration(apiUrl: string, sessionId: string, concurrency: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(`/sessions/${sessionId}/registrations`, apiUrl);
  const op: Operation = () =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify(aPerson('http'));
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { op, close: () => agent.destroy() };
}

/**
 * autocannon against the registration route at a fixed overall rate. Latencies are taken from
 * every response autocannon reports (send → answer), not from its histogram, whose coordinated-
 * omission correction uses an expected interval of ceil(1/rate) = 1 ms at these rates.
 */
export function autocannonRegistrations(opts: {
  apiUrl: string;
  sessionId: string;
  rate: number;
  concurrency: number;
  durationS: number;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.apiUrl,
        connections: opts.concurrency,
        overallRate: opts.rate,
        duration: opts.durationS,
        timeout: 30,
        ignoreCoordinatedOmission: true,
        requests: [
          {
            method: 'POST',
            path: `/sessions/${opts.sessionId}/registrations`,
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({ ...req, body: JSON.stringify(aPerson('ac')) }),
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          model: 'autocannon overallRate',
          rate: opts.rate,
          concurrency: opts.concurrency,
          durationS: opts.durationS,
          sent: result.requests.sent,
          completed: latencies.length,
          ok,
          statuses: { ...statuses, ...(result.errors ? { '0': result.errors } : {}) },
          queued: 0,
          latencies,
          elapsedS: (result.finish.getTime() - result.start.getTime()) / 1000,
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      if (status >= 200 && status < 300) ok++;
    });
  });
}

export interface BurstOutcome {
  requests: number;
  answered: number;
  statuses: Record<string, number>;
  confirmed: number;
  waitlisted: number;
  transportErrors: number;
  elapsedS: number;
  latency: LatencySummary;
}

/** `n` registrations for one session, all sent at once, each on its own connection. */
export async function capacityBurst(apiUrl: string, sessionId: string, n: number): Promise<BurstOutcome> {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const url = new URL(`/sessions/${sessionId}/registrations`, apiUrl);
  const latencies: number[] = [];
  const one = () =>
    new Promise<{ status: number; body: string }>((resolve) => {
      const t0 = performance.now();
      const body = JSON.stringify(aPerson('burst'));
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          timeout: 120_000,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', () => resolve({ status: 0, body: '' }));
        },
      );
      req.on('error', () => resolve({ status: 0, body: '' }));
      req.on('timeout', () => req.destroy());
      req.end(body);
    });
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: n }, one));
  const elapsedS = (performance.now() - started) / 1000;
  agent.destroy();
  const statuses: Record<string, number> = {};
  let confirmed = 0;
  let waitlisted = 0;
  for (const a of answers) {
    statuses[String(a.status)] = (statuses[String(a.status)] ?? 0) + 1;
    if (a.status === 201) {
      const status = (JSON.parse(a.body) as { registration: { status: string } }).registration.status;
      if (status === 'confirmed') confirmed++;
      if (status === 'waitlisted') waitlisted++;
    }
  }
  return {
    requests: n,
    answered: answers.filter((a) => a.status !== 0).length,
    statuses,
    confirmed,
    waitlisted,
    transportErrors: statuses['0'] ?? 0,
    elapsedS,
    latency: summarise(latencies),
  };
}
