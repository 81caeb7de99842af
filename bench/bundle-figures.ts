import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { assetsOf, functionBuildOptionsOf, repoRoot } from '../infra/bundling';
import { sdkClientsIn } from './sdk-floor';

/** One bundle as it is deployed (infra/bundling.ts's esbuild options), with what makes up its size. */
export interface BundleFigures {
  name: string;
  minifiedBytes: number;
  /**
   * gzip -9 of the bundle, and of each file deployed beside it (infra/bundling.ts, `functionAssets`),
   * as a zip compresses each file: about what Lambda downloads in the deployment zip.
   */
  gzippedBytes: number;
  /** The SDK client packages in the bundle, which decide the function's floor. */
  sdkClients: string[];
  /** The largest inputs by package (our own code by top-level folder), to explain the size. */
  largestInputs: Array<{ path: string; bytes: number }>;
}

const packageOf = (path: string): string =>
  /^(@[^/]+\/[^/]+|[^/]+)/.exec(path.replace(/^.*node_modules\//, ''))?.[1] ?? path;

export async function bundleFigures(
  name: string,
  entry: { file: string } | { contents: string },
  outDir: string,
): Promise<BundleFigures & { outfile: string }> {
  const outfile = join(outDir, name, 'handler.mjs');
  const result = await build({
    ...functionBuildOptionsOf(name),
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, loader: 'ts', resolveDir: repoRoot } }),
    outfile,
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'))?.contents;
  if (code === undefined) throw new Error(`esbuild wrote no .mjs for ${name}`);
  mkdirSync(join(outDir, name), { recursive: true });
  writeFileSync(outfile, code);
  for (const asset of assetsOf(name)) copyFileSync(asset, join(outDir, name, basename(asset)));
  const assetsGzipped = assetsOf(name).reduce(
    (sum, asset) => sum + gzipSync(readFileSync(asset), { level: 9 }).length,
    0,
  );
  const inputs = Object.values(result.metafile.outputs).flatMap((o) => Object.entries(o.inputs));
  const byPackage = new Map<string, number>();
  for (const [path, v] of inputs)
    byPackage.set(packageOf(path), (byPackage.get(packageOf(path)) ?? 0) + v.bytesInOutput);
  return {
    name,
    outfile,
    minifiedBytes: code.length,
    gzippedBytes: gzipSync(code, { level: 9 }).length + assetsGzipped,
    sdkClients: sdkClientsIn(Object.keys(result.metafile.inputs)),
    largestInputs: [...byPackage]
      .map(([path, bytes]) => ({ path, bytes }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 6),
  };
}
