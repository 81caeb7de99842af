import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleBudgets, importRatioTarget } from '../infra/bundle-budgets';
import { discoverFunctions, functionEntry, repoRoot } from '../infra/bundling';
import type { EnvName, FunctionName, RequiredEnv } from '../shared/config/env-catalogue';
import { type BundleFigures, bundleFigures } from './bundle-figures';
import { floorName, floorSource } from './sdk-floor';
import { median, percentile, round } from './stats';

/**
 * Cold-start proxy: each function bundled as it is deployed, and next to it its floor (a handler
 * creating the same SDK clients and calling nothing) and a handler with no imports at all. Each
 * is imported by fresh Node processes, in interleaved rounds (every bundle once per round, the order
 * rotating), so a machine that gets busier during the run slows all of them alike and the ratios hold.
 */
const outDir = join(repoRoot, 'bench', 'out');

type RequiredByAny = { [F in FunctionName]: RequiredEnv<F> }[FunctionName];

/**
 * A placeholder for every variable a function requires at start-up (nothing is called). Typed by the
 * catalogue, so a newly required variable fails the type check here rather than the bench run.
 */
const configEnv = {
  SESSIONS_TABLE: 'bench-sessions',
  REGISTRATIONS_TABLE: 'bench-registrations',
  PUBLIC_BASE_URL: 'https://forms.example.org',
  MAIL_FROM: 'stadsgesprekken@example.org',
  UID_DOMAIN: 'example.org',
  MANAGE_TOKEN_SECRET: 'bench-placeholder-secret',
  EVENT_BUS_NAME: 'bench-bus',
  MAIL_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/000000000000/bench-mail',
  SCHEDULER_GROUP: 'stadsgesprekken-bench',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/bench-scheduler',
  DISPATCH_TARGET_ARN: 'arn:aws:lambda:eu-west-1:000000000000:function:bench-dispatcher',
  SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-west-1:000000000000:bench-schedule-dlq',
} satisfies Record<RequiredByAny, string> & Partial<Record<EnvName, string>>;

/** What a deployed function's environment holds, plus what the Lambda runtime sets. */
const handlerEnv = { AWS_REGION: 'eu-west-1', ...configEnv, LOG_LEVEL: 'silent' };

export interface ImportFigures {
  /** Median ms to `import()` the bundle in a fresh process (module evaluation included). */
  importMedianMs: number;
  importP90Ms: number;
  /** Median ms of the whole `node` process (start, import, exit): what a cold start adds up to. */
  processMedianMs: number;
}

export type MeasuredBundle = BundleFigures & ImportFigures;

export interface FunctionColdStart extends MeasuredBundle {
  floor: string;
  sizeTargetBytes: number;
  /** Bundle size and import median divided by the floor's, measured in the same rounds. */
  sizeRatio: number;
  importRatio: number;
}

export interface ColdStartResult {
  runs: number;
  minimal: MeasuredBundle;
  floors: MeasuredBundle[];
  functions: FunctionColdStart[];
  target: { importRatio: number };
}

function importOnce(outfile: string): { importMs: number; processMs: number } {
  const url = pathToFileURL(outfile).href;
  const script = `const t=performance.now();const m=await import(${JSON.stringify(url)});if(typeof m.handler!=='function')throw new Error('no handler');process.stdout.write(String(performance.now()-t));`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, ...handlerEnv },
    encoding: 'utf8',
  });
  const processMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`importing ${outfile} failed:\n${r.stderr}`);
  return { importMs: Number(r.stdout), processMs };
}

function interleavedImports(outfiles: readonly string[], runs: number, progress: (s: string) => void): ImportFigures[] {
  const samples = outfiles.map(() => ({ imports: [] as number[], processes: [] as number[] }));
  // One unmeasured import each first, so every file is in the page cache for the measured rounds.
  for (const f of outfiles) importOnce(f);
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < outfiles.length; k++) {
      const i = (k + round) % outfiles.length;
      const { importMs, processMs } = importOnce(outfiles[i] as string);
      samples[i]?.imports.push(importMs);
      samples[i]?.processes.push(processMs);
    }
    if ((round + 1) % 5 === 0 || round + 1 === runs) progress(`import round ${round + 1}/${runs}`);
  }
  return samples.map(({ imports, processes }) => ({
    importMedianMs: round(median(imports)),
    importP90Ms: round(
      percentile(
        [...imports].sort((a, b) => a - b),
        90,
      ),
    ),
    processMedianMs: round(median(processes)),
  }));
}

export async function measureColdStart(runs = 21, progress: (s: string) => void = () => {}): Promise<ColdStartResult> {
  const fns = discoverFunctions() as FunctionName[];
  progress(`bundling ${fns.length} functions with the deployed esbuild options`);
  const functions = await Promise.all(fns.map((fn) => bundleFigures(fn, { file: functionEntry(fn) }, outDir)));
  const floorSets = new Map(functions.map((f) => [floorName(f.sdkClients), f.sdkClients]));
  progress(`bundling ${floorSets.size} SDK floors: ${[...floorSets.keys()].join(', ')}`);
  const floors = await Promise.all(
    [...floorSets].map(([name, clients]) => bundleFigures(`floor-${name}`, { contents: floorSource(clients) }, outDir)),
  );
  const minimal = await bundleFigures(
    'minimal-handler',
    { contents: 'export const handler = async () => ({ statusCode: 200 });' },
    outDir,
  );

  const all = [minimal, ...floors, ...functions];
  progress(`${runs} interleaved rounds of fresh-process imports, ${all.length} bundles each`);
  const times = interleavedImports(
    all.map((b) => b.outfile),
    runs,
    progress,
  );
  const measured: MeasuredBundle[] = all.map(({ outfile: _o, ...b }, i) => ({ ...b, ...(times[i] as ImportFigures) }));
  const [measuredMinimal, ...rest] = measured as [MeasuredBundle, ...MeasuredBundle[]];
  const measuredFloors = rest.slice(0, floors.length);
  const floorOf = (fn: MeasuredBundle) => {
    const floor = measuredFloors.find((f) => f.name === `floor-${floorName(fn.sdkClients)}`);
    if (floor === undefined) throw new Error(`no floor measured for ${fn.name}`);
    return floor;
  };
  return {
    runs,
    minimal: measuredMinimal,
    floors: measuredFloors,
    functions: rest.slice(floors.length).map((fn) => {
      const floor = floorOf(fn);
      return {
        ...fn,
        floor: floor.name,
        sizeTargetBytes: bundleBudgets[fn.name as FunctionName].target,
        sizeRatio: round(fn.minifiedBytes / floor.minifiedBytes),
        importRatio: round(fn.importMedianMs / floor.importMedianMs),
      };
    }),
    target: { importRatio: importRatioTarget },
  };
}
