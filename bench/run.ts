import '../local/quiet-warnings';
import './quiet-logs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../local/engines/dynamodb';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { createRegistrationRepository } from '../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../shared/adapters/dynamodb/sessions';
import type { ProgrammeFile } from '../shared/domain/schemas';
import { measureColdStart } from './cold-start';
import { renderColdStart } from './cold-start-report';
import { writeResultsDocs } from './docs';
import { type FanOutResult, measureFanOut } from './fanout';
import { type LoadResult, runOpenLoop, runPerConnectionBudget } from './load';
import { rawRegistrationTransaction } from './raw-registration';
import { autocannonRegistrations, capacityBurst, httpRegistration } from './registration';
import { renderMarkdown } from './report';
import type { BenchResults, BenchSettings, LoadRow, RushPart } from './results-types';
import { measureCapacityPerRegistration, measureProgrammeRush, measureRush } from './rush';
import { renderRush } from './rush-report';
import { startStackProcess } from './stack-process';
import { round, summarise } from './stats';

/**
 * `npm run bench`: starts its own DynamoDB Local (in memory, free port) and the local stack (in a
 * child process, free port), measures everything in one run, and writes bench/results.json and
 * bench/results.md, and from results.json the cold-start section of docs/benchmarks.md. Settings can be
 * changed with BENCH_RATE, BENCH_CONCURRENCY, BENCH_DURATION_S, BENCH_BURST and BENCH_IMPORT_RUNS.
 * `npm run bench -- --only cold-start` (or BENCH_ONLY=cold-start) runs only the cold-start part and
 * writes bench/out/cold-start.{json,md}, never results.*, which hold one whole run.
 */
const settings: BenchSettings = {
  rate: Number(process.env.BENCH_RATE ?? 40),
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 10),
  durationS: Number(process.env.BENCH_DURATION_S ?? 20),
  warmupS: 8,
  burst: Number(process.env.BENCH_BURST ?? 1000),
  burstCapacity: 50,
  importRuns: Number(process.env.BENCH_IMPORT_RUNS ?? 21),
};

const row = (name: string, r: LoadResult): LoadRow => ({
  name,
  model: r.model,
  rate: r.rate,
  concurrency: r.concurrency,
  durationS: r.durationS,
  sent: r.sent,
  ok: r.ok,
  statuses: r.statuses,
  throughput: round(r.ok / r.elapsedS, 1),
  latency: summarise(r.latencies),
  queued: r.queued,
});

const ratios = (ours: LoadRow, raw: LoadRow) => ({
  ours,
  raw,
  p99Ratio: round(ours.latency.p99 / raw.latency.p99),
  p50Ratio: round(ours.latency.p50 / raw.latency.p50),
});

const session = (id: string, capacity: number | null) => ({
  id,
  kind: 'knowledge' as const,
  title: { nl: `Bench ${id}` },
  date: '2099-06-01',
  startTime: '16:00',
  endTime: '17:30',
  location: null,
  capacity,
  provisional: false,
  registrationOpen: true,
});

const programme: ProgrammeFile = {
  id: 'bench',
  title: { nl: 'Benchmark' },
  timeZone: 'Europe/Amsterdam',
  feedbackQuestions: [],
  sessions: [
    session('warmup', null),
    session('open-loop-ours', null),
    session('open-loop-raw', null),
    session('autocannon-ours', null),
    session('autocannon-raw', null),
    session('burst', settings.burstCapacity),
  ],
};

const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? process.argv[onlyArg + 1] : process.env.BENCH_ONLY;
if (only !== undefined && only !== 'cold-start' && only !== 'rush')
  throw new Error(`--only: 'cold-start' and 'rush' are the parts that run alone`);

const machine = () => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGb: round(totalmem() / 2 ** 30, 1),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
});

async function coldStartOnly() {
  const startedAt = new Date().toISOString();
  const coldStart = await measureColdStart(settings.importRuns, (s) => log(`cold start: ${s}`));
  const dir = join(import.meta.dirname, 'out');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'cold-start.json'),
    `${JSON.stringify({ startedAt, machine: machine(), coldStart }, null, 2)}\n`,
  );
  const m = machine();
  const md = [
    `Cold-start part alone, ${startedAt.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} × ${m.cpuModel}, Node ${m.node}.`,
    '',
    ...renderColdStart(coldStart),
  ].join('\n');
  writeFileSync(join(dir, 'cold-start.md'), md);
  process.stdout.write(md);
}

async function main() {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  // First, while nothing else runs: fresh-process imports are sensitive to a busy machine.
  const coldStart = await measureColdStart(settings.importRuns, (s) => log(`cold start: ${s}`));

  // Fan-out on its own fresh DynamoDB Local: after the capacity burst the shared one is loaded
  // enough to measure itself (an earlier run: seeding took 269 s and the mailer managed 5.4/s).
  const fanOutRate = Number(process.env.BENCH_MAIL_RATE ?? 20);
  const fanOutRegistrants = Number(process.env.BENCH_FANOUT ?? 1000);
  log(`email fan-out: reminders to ${fanOutRegistrants} registrants at ${fanOutRate} mails/s`);
  const fanOutDynamo = await startDynamoDbLocal();
  let emailFanOut: FanOutResult;
  try {
    emailFanOut = await measureFanOut({
      dynamoDbEndpoint: fanOutDynamo.endpoint,
      registrants: fanOutRegistrants,
      ratePerSecond: fanOutRate,
    });
  } finally {
    await fanOutDynamo.stop();
  }

  const rush = await rushPart();

  log('starting DynamoDB Local (in memory) and the local stack');
  const dynamo = await startDynamoDbLocal();
  let stack: Awaited<ReturnType<typeof startStackProcess>> | undefined;
  try {
    stack = await startStackProcess(dynamo.endpoint, programme);
    const { apiUrl, tables } = stack;
    const { rate, concurrency, durationS } = settings;

    log('warming up both paths');
    const warmHttp = httpRegistration(apiUrl, 'warmup', concurrency);
    const warmRaw = rawRegistrationTransaction(dynamo.endpoint, tables, 'warmup', programme.id);
    await runOpenLoop({ rate, concurrency, durationS: settings.warmupS, op: warmHttp.op });
    await runOpenLoop({ rate, concurrency, durationS: settings.warmupS, op: warmRaw.op });
    warmHttp.close();
    warmRaw.close();

    log(`open loop: ${rate} req/s for ${durationS} s, at most ${concurrency} in flight`);
    const raw = rawRegistrationTransaction(dynamo.endpoint, tables, 'open-loop-raw', programme.id);
    const rawOpen = row('raw TransactWriteItems', await runOpenLoop({ rate, concurrency, durationS, op: raw.op }));
    raw.close();
    const http = httpRegistration(apiUrl, 'open-loop-ours', concurrency);
    const oursOpen = row(
      'ours: POST …/registrations',
      await runOpenLoop({ rate, concurrency, durationS, op: http.op }),
    );
    http.close();

    log(`autocannon model: overallRate ${rate}, ${concurrency} connections, ${durationS} s`);
    const raw2 = rawRegistrationTransaction(dynamo.endpoint, tables, 'autocannon-raw', programme.id);
    const rawBudget = row(
      'raw TransactWriteItems',
      await runPerConnectionBudget({ rate, concurrency, durationS, op: raw2.op }),
    );
    raw2.close();
    const oursAc = row(
      'ours: POST …/registrations (autocannon)',
      await autocannonRegistrations({ apiUrl, sessionId: 'autocannon-ours', rate, concurrency, durationS }),
    );

    log(`capacity: ${settings.burst} concurrent registrations for ${settings.burstCapacity} seats`);
    const burst = await capacityBurst(apiUrl, 'burst', settings.burst);
    // Handlers that timed out may still be writing: let them finish before counting what is stored.
    await new Promise((r) => setTimeout(r, 15_000));
    const db = createDocumentClient({ endpoint: dynamo.endpoint });
    const stored = await createRegistrationRepository(db, tables).listForSession('burst');
    const burstSession = await createSessionRepository(db, tables.sessionsTable).get('burst');
    db.destroy();
    const fiveXx = Object.entries(burst.statuses)
      .filter(([s]) => s.startsWith('5'))
      .reduce((a, [, n]) => a + n, 0);
    const storedCounts = {
      confirmed: stored.filter((r) => r.status === 'confirmed').length,
      waitlisted: stored.filter((r) => r.status === 'waitlisted').length,
      sessionConfirmedCount: burstSession?.confirmedCount ?? -1,
      sessionWaitlistCount: burstSession?.waitlistCount ?? -1,
    };

    const results: BenchResults = {
      startedAt,
      machine: machine(),
      settings,
      registrationBurst: {
        openLoop: ratios(oursOpen, rawOpen),
        autocannon: ratios(oursAc, rawBudget),
        target: { p99Ratio: 1.25 },
      },
      capacityBurst: {
        ...burst,
        capacity: settings.burstCapacity,
        stored: storedCounts,
        fiveXx,
        pass:
          burst.answered === burst.requests &&
          fiveXx === 0 &&
          burst.confirmed === settings.burstCapacity &&
          storedCounts.confirmed === settings.burstCapacity &&
          storedCounts.sessionConfirmedCount === settings.burstCapacity &&
          storedCounts.waitlisted === storedCounts.sessionWaitlistCount,
      },
      coldStart,
      emailFanOut,
      rush,
      durationS: round((performance.now() - started) / 1000, 1),
    };
    const dir = import.meta.dirname;
    writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    const md = renderMarkdown(results);
    writeFileSync(join(dir, 'results.md'), md);
    writeResultsDocs(results);
    process.stdout.write(md);
  } finally {
    await stack?.stop();
    await dynamo.stop();
  }
}

/**
 * BENCH_RUSH (1,000), BENCH_RUSH_SEATS (50), BENCH_PROGRAMME_RUSH (300 registrations for "all" of
 * BENCH_PROGRAMME_SESSIONS (8) sessions of BENCH_PROGRAMME_SEATS (20)), BENCH_CAPACITY_LENGTHS (0,500,5000).
 */
const rushSettings = () => ({
  registrations: Number(process.env.BENCH_RUSH ?? 1000),
  capacity: Number(process.env.BENCH_RUSH_SEATS ?? 50),
  programme: {
    registrations: Number(process.env.BENCH_PROGRAMME_RUSH ?? 300),
    sessions: Number(process.env.BENCH_PROGRAMME_SESSIONS ?? 8),
    seats: Number(process.env.BENCH_PROGRAMME_SEATS ?? 20),
  },
  lengths: (process.env.BENCH_CAPACITY_LENGTHS ?? '0,500,5000').split(',').map(Number),
});

/**
 * The registration rush under the contention model and the capacity per registration
 * (bench/rush.ts), each measurement on a DynamoDB Local of its own: on a shared one a later
 * measurement would run on an engine loaded with the earlier ones' items and history.
 */
async function rushPart(): Promise<RushPart> {
  const { registrations, capacity, programme, lengths } = rushSettings();
  const fresh = async <T>(measure: (endpoint: string) => Promise<T>): Promise<T> => {
    const dynamo = await startDynamoDbLocal();
    try {
      return await measure(dynamo.endpoint);
    } finally {
      await dynamo.stop();
    }
  };
  log(`rush: ${registrations} at once for ${capacity} seats under the contention model, one container`);
  const rush = await fresh((endpoint) => measureRush({ endpoint, registrations, capacity, containers: 'one' }));
  log(`rush: the same, a container per registration`);
  const rushEach = await fresh((endpoint) => measureRush({ endpoint, registrations, capacity, containers: 'each' }));
  log(`rush: the same, a container per registration, through the placement queue`);
  const rushQueue = await fresh((endpoint) => measureRush({ endpoint, registrations, capacity, containers: 'queue' }));
  log(
    `programme rush: ${programme.registrations} at once for "all" of ${programme.sessions} sessions of ${programme.seats} seats`,
  );
  const programmeRush = await fresh((endpoint) => measureProgrammeRush({ endpoint, ...programme }));
  log(`capacity per registration at waiting-list lengths ${lengths.join(', ')}`);
  const capacityRows = await fresh((endpoint) => measureCapacityPerRegistration({ endpoint, lengths }));
  return { rush, rushEach, rushQueue, programmeRush, capacity: capacityRows };
}

/** `--only rush`: the rush part alone, written to bench/out/rush.{json,md}, never results.*. */
async function rushOnly() {
  const startedAt = new Date().toISOString();
  const part = await rushPart();
  const dir = join(import.meta.dirname, 'out');
  mkdirSync(dir, { recursive: true });
  const out = { startedAt, machine: machine(), ...part };
  writeFileSync(join(dir, 'rush.json'), `${JSON.stringify(out, null, 2)}\n`);
  const md = renderRush(out);
  writeFileSync(join(dir, 'rush.md'), md);
  process.stdout.write(md);
}

(only === 'cold-start' ? coldStartOnly() : only === 'rush' ? rushOnly() : main()).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
