import { esbuildTarget } from '../infra/bundling';
import type { ColdStartResult, MeasuredBundle } from './cold-start';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const parts = (b: MeasuredBundle) => b.largestInputs.map((i) => `${i.path} ${kb(i.bytes)}`).join(', ');

/** The cold-start section of bench/results.md (and of docs/benchmarks.md, generated from results.json). */
export function renderColdStart(c: ColdStartResult): string[] {
  const { importRatio } = c.target;
  return [
    `**Cold start proxy**: each function bundled with the deployed esbuild options (infra/bundling.ts: ESM, ${esbuildTarget}, minified, SDK bundled), imported by a fresh \`node\` process; ${c.runs} interleaved rounds (every bundle once per round, rotating order), medians. Each function is compared with its _floor_: a handler creating the same SDK clients, calling nothing.`,
    '',
    `| function | floor | minified | × floor | gzipped | import median | × floor | import p90 | whole process | size ≤ target | import ≤ ${importRatio}× floor | largest parts |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...c.functions.map(
      (f) =>
        `| ${f.name} | ${f.floor.replace(/^floor-/, '')} | ${kb(f.minifiedBytes)} | ${f.sizeRatio}× | ${kb(f.gzippedBytes)} | ${ms(f.importMedianMs)} | ${f.importRatio}× | ${ms(f.importP90Ms)} | ${ms(f.processMedianMs)} | ${verdict(f.minifiedBytes <= f.sizeTargetBytes)} (${kb(f.sizeTargetBytes)}) | ${verdict(f.importRatio <= importRatio)} | ${parts(f)} |`,
    ),
    '',
    '| floor (same rounds) | SDK clients | minified | gzipped | import median | import p90 | whole process | largest parts |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...[...c.floors, c.minimal].map(
      (b) =>
        `| ${b.name === 'minimal-handler' ? '_handler with no imports_' : b.name.replace(/^floor-/, '')} | ${b.sdkClients.join(', ') || '–'} | ${kb(b.minifiedBytes)} | ${kb(b.gzippedBytes)} | ${ms(b.importMedianMs)} | ${ms(b.importP90Ms)} | ${ms(b.processMedianMs)} | ${parts(b) || '–'} |`,
    ),
    '',
  ];
}
