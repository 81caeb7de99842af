import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { adminApiDeps } from '../functions/admin-api/deps';
import { publicApiDeps } from '../functions/public-api/deps';
import { loadProgramme } from '../local/programme';
import { ensureTables, type TableNames } from '../local/tables';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import {
  type ContentionModelOptions,
  contendedDocumentClient,
} from '../shared/adapters/dynamodb/contention-model/model';
import { createRegistrationRepository } from '../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../shared/adapters/dynamodb/sessions';
import type { ProgrammeFile } from '../shared/domain/schemas';
import { systemClock } from '../shared/ports/clock';
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
  /** Answers by the HTTP status the public API gives them. */
  statuses: Record<string, number>;
  latency: LatencySummary;
  /** TransactWriteItems sent per registration (mean, and the SDK's own retries included). */
  transactionsPerRegistration: number;
  conflicts: { cancelledTransactions: number; conflictingWrites: number; throttled: number };
  confirmedStored: number;
  waitlistedStored: number;
  /** Positions told, sorted, equal 1…N−C. */
  positionsExact: boolean;
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

const statusOf = (e: unknown): string => {
  const name = (e as Error).name;
  if (name === 'ContentionExhausted') return '503';
  if (name === 'AlreadyRegistered') return '409';
  return `500 ${name}`;
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

export async function measureRush(opts: {
  endpoint: string;
  registrations: number;
  capacity: number;
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
  const deps = publicApiDeps(db, config(t), systemClock);
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const told: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.registrations }, async () => {
      const t0 = performance.now();
      let status: string;
      try {
        const r = await registerForSession(deps, 'rush', person());
        status = '201';
        if (r.waitlistPosition !== null) told.push(r.waitlistPosition);
      } catch (e) {
        status = statusOf(e);
      }
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const stored = await createRegistrationRepository(db, t).listForSession('rush');
  const s = await createSessionRepository(db, t.sessionsTable).get('rush');
  destroy();
  const confirmedStored = stored.filter((r) => r.status === 'confirmed').length;
  const waitlistedStored = stored.filter((r) => r.status === 'waitlisted').length;
  const expected = Array.from({ length: opts.registrations - opts.capacity }, (_, i) => i + 1);
  told.sort((a, b) => a - b);
  return {
    registrations: opts.registrations,
    capacity: opts.capacity,
    statuses,
    latency: summarise(latencies),
    transactionsPerRegistration: round((model.stats.attempts.TransactWriteItems ?? 0) / opts.registrations),
    conflicts: {
      cancelledTransactions: model.stats.cancelledTransactions,
      conflictingWrites: model.stats.conflictingWrites,
      throttled: model.stats.throttled,
    },
    confirmedStored,
    waitlistedStored,
    positionsExact: told.length === expected.length && told.every((p, i) => p === expected[i]),
    exactlyCapacity: confirmedStored === opts.capacity && s?.confirmedCount === opts.capacity,
    elapsedS: round(elapsedS, 1),
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
