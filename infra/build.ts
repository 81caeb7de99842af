import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { assetsOf, discoverFunctions, functionBuildOptionsOf, functionEntry, repoRoot } from './bundling';

/**
 * `npm run build`: bundles every function under functions/ into dist/<name>/ with the same esbuild
 * settings the CDK functions use (ESM, minified, source maps, AWS SDK bundled), and writes
 * esbuild's metafile next to each bundle (dist/<name>/meta.json) for the size benchmark, with the
 * files the function reads beside its bundle (bundling.ts, `functionAssets`).
 */

export interface BuiltFunction {
  name: string;
  outfile: string;
  metafile: string;
  bytes: number;
}

const outputBytes = (metafile: Metafile): number =>
  Object.entries(metafile.outputs)
    .filter(([file]) => !file.endsWith('.map'))
    .reduce((sum, [, output]) => sum + output.bytes, 0);

export const buildFunctions = async (names = discoverFunctions(), outDir = join(repoRoot, 'dist')) => {
  if (names.length === 0) throw new Error(`No functions/<name>/handler.ts found under ${repoRoot}`);
  const built: BuiltFunction[] = [];
  for (const name of names) {
    const dir = join(outDir, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, 'index.mjs');
    const result = await build({
      ...functionBuildOptionsOf(name),
      entryPoints: [functionEntry(name)],
      outfile,
      sourcemap: true,
      sourcesContent: false,
      metafile: true,
      logLevel: 'warning',
    });
    for (const asset of assetsOf(name)) copyFileSync(asset, join(dir, basename(asset)));
    const metafile = join(dir, 'meta.json');
    writeFileSync(metafile, JSON.stringify(result.metafile));
    built.push({ name, outfile, metafile, bytes: outputBytes(result.metafile) });
  }
  return built;
};

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const built = await buildFunctions();
  for (const fn of built) {
    console.log(
      `${fn.name.padEnd(20)} ${(fn.bytes / 1024).toFixed(1).padStart(9)} KiB  ${relative(repoRoot, fn.outfile)}`,
    );
  }
}
