import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { adminApiDeps } from '../functions/admin-api/deps';
import { createPlacementHandler } from '../functions/placement/create-handler';
import { placementDeps } from '../functions/placement/deps';
import { publicApiDeps } from '../functions/public-api/deps';
import { LocalFifoQueue, localPlacementQueue } from '../local/fifo-queue';
import { lambdaContext } from '../local/lambda-context';
import { loadProgramme } from '../local/programme';
import { ensureTables, type TableNames } from '../local/tables';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import {
  type ContentionModel,
  type ContentionModelOptions,
  contendedDocumentClient,
} from '../shared/adapters/dynamodb/contention-model/model';
import { createRegistrationRepository } from '../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../shared/adapters/dynamodb/sessions';
import type { ProgrammeFile } from '../shared/domain/schemas';
import { toProblem } from '../shared/http/problem';
import { systemClock } from '../shared/ports/clock';
import { registerForProgramme } from '../shared/usecases/programme-registration';
import { registerForSession } from '../shared/usecases/registrations';
import { type LatencySummary, round, summarise } from './stats';

/**
 * The registration rush under the contention model of DynamoDB (docs/contention-model.md): N
 * registrations at once for a session of C seats, through the public API's use case and ports on a
 * client with the model in its middleware (in process: one client stands for all Lambda containers,
 * so every conflict between them is seen). Then the consumed capacity of one registration, computed
 * by the model's meter from item sizes, at several waiting-list lengths.
 */
export interface RushResult {
  registrations: number;
  capacity: number;
  /**
   * `one`: every registration through one set of repositories, as in one process (the local stack):
   * its in-container queue serialises them. `each`: a set per registration, as Lambda gives every
   * concurrent request a container of its own, so they meet only at DynamoDB (and the model).
   * `queue`: a set per registration, as `each`, sending through the placement queue (the local SQS
   * FIFO stand-in) to the placement consumer, as deployed.
   */
  containers: 'one' | 'each' | 'queue';
  /** Answers by the HTTP status the public API gives them. */
  statuses: Record<string, number>;
  latency: LatencySummary;
  /** TransactWriteItems sent per registration (mean, and the SDK's own retries included). */
  transactionsPerRegistration: number;
  conflicts: { cancelledTransactions: number; conflictingWrites: number; throttled: number };
  confirmedStored: number;
  waitlistedStored: number;
  /** Positions told, sorted, equal 1…N−C (every registrant placed, none repeated or skipped). */
  positionsExact: boolean;
  /** Positions told, sorted, equal 1…W for the W stored as waiting: none repeated or skipped among those told. */
  positionsAsStored: boolean;
  exactlyCapacity: boolean;
  elapsedS: number;
}

export interface CapacityRow {
  waitlistLength: number;
  readUnits: number;
  writeUnits: number;
  indexWriteUnits: number;
  calls: number;
}

const session = (id: string, capacity: number | null) => ({
  id,
  kind: 'knowledge' as const,
  title: { nl: `Rush ${id}` },
  date: '2099-06-01',
  startTime: '16:00',
  endTime: '17:30',
  location: null,
  capacity,
  provisional: false,
  registrationOpen: true,
});

let n = 0;
const person = () => ({
  name: 'Rush Registrant',
  email: `rush-${process.pid}-${(n++).toString(36)}@bench.example.org`,
  role: 'resident' as const,
  organisation: undefined,
  neighbourhood: undefined,
  area: undefined,
  areaOther: undefined,
  postcode: undefined,
  language: 'nl' as const,
  consent: true as const,
});

/** The status the public API answers an error with (its one error handler's mapping). */
const statusOf = (e: unknown): string => {
  const status = toProblem(e).status;
  return status >= 500 && status !== 503 ? `${status} ${(e as Error).name}` : String(status);
};

async function tables(endpoint: string, prefix: string, programme: ProgrammeFile): Promise<TableNames> {
  const raw = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  const t = await ensureTables(raw, prefix);
  raw.destroy();
  const db = createDocumentClient({ endpoint });
  await loadProgramme(adminApiDeps(db, t, systemClock), programme);
  db.destroy();
  return t;
}

const config = (t: TableNames) => ({
  ...t,
  publicBaseUrl: 'http://localhost',
  uidDomain: 'bench.local',
  organiser: { name: 'Bench', email: 'bench@example.org' },
});

/** Runs `n` operations at once; answers by status, latencies, and what each answer told. */
async function atOnce<T>(n: number, op: () => Promise<T>) {
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const answers: T[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: n }, async () => {
      const t0 = performance.now();
      let status: string;
      try {
        answers.push(await op());
        status = '201';
      } catch (e) {
        status = statusOf(e);
      }
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }),
  );
  return { statuses, latencies, answers, elapsedS: (performance.now() - started) / 1000 };
}

/** What the model counted: transactions sent per registration, and what it cancelled. */
/** What the models counted (the API containers' client and, through the queue, the consumer's): transactions sent per registration, and what they cancelled. */
const modelFigures = (models: ContentionModel[], registrations: number) => {
  const sum = (f: (m: ContentionModel) => number) => models.reduce((a, m) => a + f(m), 0);
  return {
    transactionsPerRegistration: round(sum((m) => m.stats.attempts.TransactWriteItems ?? 0) / registrations),
    conflicts: {
      cancelledTransactions: sum((m) => m.stats.cancelledTransactions),
      conflictingWrites: sum((m) => m.stats.conflictingWrites),
      throttled: sum((m) => m.stats.throttled),
    },
  };
};

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const sameList = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export async function measureRush(opts: {
  endpoint: string;
  registrations: number;
  capacity: number;
  containers: 'one' | 'each' | 'queue';
  model?: ContentionModelOptions;
}): Promise<RushResult> {
  const programme: ProgrammeFile = {
    id: 'rush',
    title: { nl: 'Rush' },
    timeZone: 'Europe/Amsterdam',
    feedbackQuestions: [],
    sessions: [session('rush', opts.capacity)],
  };
  const t = await tables(opts.endpoint, `rush-${process.pid}-${Date.now()}-`, programme);
  const { db, model, destroy } = contendedDocumentClient(opts.endpoint, opts.model ?? {});
  const shared = publicApiDeps(db, config(t), systemClock);
  // The placement queue and its consumer (one at a time per session, as SQS FIFO delivers a group).
  const queue = opts.containers === 'queue' ? new LocalFifoQueue({ name: 'rush-placement.fifo' }) : null;
  // The consumer is a function of its own with its own connections, as on Lambda: with the API
  // containers' client it would queue for a socket behind a thousand outcome polls.
  const consumerClient = queue ? contendedDocumentClient(opts.endpoint, opts.model ?? {}) : null;
  if (queue && consumerClient) {
    const consumer = createPlacementHandler(placementDeps({ db: consumerClient.db, tables: t, clock: systemClock }));
    queue.start((event) => consumer(event, lambdaContext('placement')));
  }
  const container = () =>
    opts.containers === 'one'
      ? shared
      : publicApiDeps(
          db,
          { ...config(t), placement: queue ? { queue: localPlacementQueue(queue) } : undefined },
          systemClock,
        );
  const run = await atOnce(opts.registrations, () => registerForSession(container(), 'rush', person()));
  await queue?.stop();
  consumerClient?.destroy();
  const stored = await createRegistrationRepository(db, t).listForSession('rush');
  const s = await createSessionRepository(db, t.sessionsTable).get('rush');
  destroy();
  const confirmedStored = stored.filter((r) => r.status === 'confirmed').length;
  const waitlistedStored = stored.filter((r) => r.status === 'waitlisted').length;
  const told = run.answers.flatMap((r) => (r.waitlistPosition === null ? [] : [r.waitlistPosition]));
  told.sort((a, b) => a - b);
  return {
    registrations: opts.registrations,
    capacity: opts.capacity,
    containers: opts.containers,
    statuses: run.statuses,
    latency: summarise(run.latencies),
    ...modelFigures(consumerClient ? [model, consumerClient.model] : [model], opts.registrations),
    confirmedStored,
    waitlistedStored,
    positionsExact: sameList(told, oneToN(opts.registrations - opts.capacity)),
    positionsAsStored: sameList(told, oneToN(waitlistedStored)),
    exactlyCapacity: confirmedStored === opts.capacity && s?.confirmedCount === opts.capacity,
    elapsedS: round(run.elapsedS, 1),
  };
}

/** The programme rush: one session's figures. */
export interface ProgrammeRushSession {
  sessionId: string;
  confirmedStored: number;
  waitlistedStored: number;
  /** Told and stored counts agree with the seats, and positions told are 1…N−seats. */
  exactlyCapacity: boolean;
  positionsExact: boolean;
  /** Sessions refused to a request (closed, already registered…): none expected. */
  refused: number;
}

export interface ProgrammeRushResult {
  registrations: number;
  sessions: number;
  seats: number;
  statuses: Record<string, number>;
  latency: LatencySummary;
  transactionsPerRegistration: number;
  conflicts: { cancelledTransactions: number; conflictingWrites: number; throttled: number };
  perSession: ProgrammeRushSession[];
  elapsedS: number;
}

/**
 * N programme registrations for "all" at once (`registerForProgramme`, one container), on a
 * programme of `sessions` sessions with `seats` seats each, under the model.
 */
export async function measureProgrammeRush(opts: {
  endpoint: string;
  registrations: number;
  sessions: number;
  seats: number;
}): Promise<ProgrammeRushResult> {
  const ids = Array.from({ length: opts.sessions }, (_, i) => `prog-rush-${i + 1}`);
  const programme: ProgrammeFile = {
    id: 'programme-rush',
    title: { nl: 'Programme rush' },
    timeZone: 'Europe/Amsterdam',
    feedbackQuestions: [],
    sessions: ids.map((id) => session(id, opts.seats)),
  };
  const t = await tables(opts.endpoint, `prog-rush-${process.pid}-${Date.now()}-`, programme);
  const { db, model, destroy } = contendedDocumentClient(opts.endpoint, {});
  const deps = { ...publicApiDeps(db, config(t), systemClock), manageTokenSecret: 'bench-programme-rush' };
  const run = await atOnce(opts.registrations, () =>
    registerForProgramme(deps, 'programme-rush', { ...person(), sessions: 'all', follow: false }),
  );
  const repository = createRegistrationRepository(db, t);
  const perSession: ProgrammeRushSession[] = [];
  for (const id of ids) {
    const stored = await repository.listForSession(id);
    const s = await createSessionRepository(db, t.sessionsTable).get(id);
    const outcomes = run.answers.flatMap((a) => a.outcomes.filter((o) => o.sessionId === id));
    const told = outcomes.flatMap((o) =>
      'registration' in o && o.waitlistPosition !== null ? [o.waitlistPosition] : [],
    );
    told.sort((a, b) => a - b);
    const confirmedStored = stored.filter((r) => r.status === 'confirmed').length;
    perSession.push({
      sessionId: id,
      confirmedStored,
      waitlistedStored: stored.filter((r) => r.status === 'waitlisted').length,
      exactlyCapacity: confirmedStored === opts.seats && s?.confirmedCount === opts.seats,
      positionsExact: sameList(told, oneToN(opts.registrations - opts.seats)),
      refused: outcomes.filter((o) => 'refusal' in o).length,
    });
  }
  destroy();
  return {
    registrations: opts.registrations,
    sessions: opts.sessions,
    seats: opts.seats,
    statuses: run.statuses,
    latency: summarise(run.latencies),
    ...modelFigures([model], opts.registrations),
    perSession,
    elapsedS: round(run.elapsedS, 1),
  };
}

/**
 * Units one registration consumes, by the meter (mean of `samples` registrations one after another),
 * with `lengths` people already waiting (length 0: a seat is free).
 */
export async function measureCapacityPerRegistration(opts: {
  endpoint: string;
  lengths: number[];
  samples?: number;
}): Promise<CapacityRow[]> {
  const samples = opts.samples ?? 10;
  const rows: CapacityRow[] = [];
  for (const length of opts.lengths) {
    const id = `cap-${length}`;
    const programme: ProgrammeFile = {
      id: `capacity-${length}`,
      title: { nl: 'Capacity' },
      timeZone: 'Europe/Amsterdam',
      feedbackQuestions: [],
      sessions: [session(id, length === 0 ? samples + 10 : 1)],
    };
    const t = await tables(opts.endpoint, `cap-${process.pid}-${length}-`, programme);
    // The queue is filled without the model, in small concurrent batches.
    const plain = createDocumentClient({ endpoint: opts.endpoint });
    const seed = publicApiDeps(plain, config(t), systemClock);
    const seeded = length === 0 ? 0 : length + 1;
    for (let i = 0; i < seeded; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, seeded - i) }, () => registerForSession(seed, id, person())));
    }
    plain.destroy();
    const { db, model, destroy } = contendedDocumentClient(opts.endpoint, { meterCapacity: true });
    const deps = publicApiDeps(db, config(t), systemClock);
    await registerForSession(deps, id, person()); // warms the per-container caches, as a live container has them
    model.meter?.take();
    for (let i = 0; i < samples; i++) await registerForSession(deps, id, person());
    const f = model.meter?.take() ?? { calls: 0, readUnits: 0, writeUnits: 0, indexWriteUnits: 0 };
    destroy();
    rows.push({
      waitlistLength: length,
      readUnits: round(f.readUnits / samples),
      writeUnits: round(f.writeUnits / samples),
      indexWriteUnits: round(f.indexWriteUnits / samples),
      calls: round(f.calls / samples),
    });
  }
  return rows;
}
