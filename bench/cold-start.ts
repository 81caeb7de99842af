import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { discoverFunctions, functionBuildOptions, functionEntry, repoRoot } from '../infra/bundling';
import type { EnvName, FunctionName, RequiredEnv } from '../shared/config/env-catalogue';
import { median, round } from './stats';

/**
 * Cold-start proxy: each function bundled as it is deployed (the CDK construct's esbuild options,
 * from infra/bundling.ts), its size from esbuild's metafile, and the time a fresh Node process
 * takes to import it, next to a handler that does nothing.
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
  MANAGE_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:bench',
  // The local override, so the import measures no Secrets Manager call.
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

export interface BundleResult {
  fn: string;
  minifiedBytes: number;
  gzippedBytes: number;
  /** Median ms to `import()` the bundle in a fresh process (module evaluation included). */
  importMedianMs: number;
  importP90Ms: number;
  /** Median ms of the whole `node` process (start, import, exit), for context. */
  processMedianMs: number;
  runs: number;
  /** The largest inputs, to explain the size. */
  largestInputs: Array<{ path: string; bytes: number }>;
}

async function bundle(
  name: string,
  entry: { file: string } | { contents: string },
): Promise<BundleResult & { outfile: string }> {
  const outfile = join(outDir, name, 'handler.mjs');
  const result = await build({
    ...functionBuildOptions,
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, loader: 'ts', resolveDir: repoRoot } }),
    outfile,
    metafile: true,
    logLevel: 'error',
  });
  const output = result.metafile.outputs[Object.keys(result.metafile.outputs).find((k) => k.endsWith('.mjs')) ?? ''];
  const code = readFileSync(outfile);
  const largestInputs = Object.entries(output?.inputs ?? {})
    .map(([path, v]) => ({ path: path.replace(/^node_modules\//, ''), bytes: v.bytesInOutput }))
    .reduce<Map<string, number>>((acc, { path, bytes }) => {
      // Group by package, or by top-level folder for our own code.
      const key = /^(@[^/]+\/[^/]+|[^/]+)/.exec(path.replace(/^.*node_modules\//, ''))?.[1] ?? path;
      acc.set(key, (acc.get(key) ?? 0) + bytes);
      return acc;
    }, new Map())
    .entries();
  return {
    fn: name,
    outfile,
    minifiedBytes: output?.bytes ?? code.length,
    gzippedBytes: gzipSync(code, { level: 9 }).length,
    importMedianMs: 0,
    importP90Ms: 0,
    processMedianMs: 0,
    runs: 0,
    largestInputs: [...largestInputs]
      .map(([path, bytes]) => ({ path, bytes }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 6),
  };
}

function importTimes(outfile: string, runs: number) {
  const url = pathToFileURL(outfile).href;
  const script = `const t=performance.now();const m=await import(${JSON.stringify(url)});if(typeof m.handler!=='function')throw new Error('no handler');process.stdout.write(String(performance.now()-t));`;
  const imports: number[] = [];
  const processes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, ...handlerEnv },
      encoding: 'utf8',
    });
    processes.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`importing ${outfile} failed:\n${r.stderr}`);
    imports.push(Number(r.stdout));
  }
  const sorted = [...imports].sort((a, b) => a - b);
  return {
    importMedianMs: round(median(imports)),
    importP90Ms: round(sorted[Math.ceil(0.9 * sorted.length) - 1] ?? Number.NaN),
    processMedianMs: round(median(processes)),
  };
}

export async function measureColdStart(runs = 21): Promise<BundleResult[]> {
  mkdirSync(outDir, { recursive: true });
  const fns = discoverFunctions();
  const bundles = [
    await bundle('minimal-handler', { contents: 'export const handler = async () => ({ statusCode: 200 });' }),
    ...(await Promise.all(fns.map((fn) => bundle(fn, { file: functionEntry(fn) })))),
  ];
  const results: BundleResult[] = [];
  for (const b of bundles) {
    // One unmeasured import first, so the file is in the page cache for every measured run.
    importTimes(b.outfile, 1);
    const { outfile: _o, ...rest } = b;
    results.push({ ...rest, ...importTimes(b.outfile, runs), runs });
  }
  writeFileSync(join(outDir, 'cold-start.json'), `${JSON.stringify(results, null, 2)}\n`);
  return results;
}
