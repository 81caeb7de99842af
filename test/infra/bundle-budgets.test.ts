import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleBudgets } from '../../infra/bundle-budgets';
import { discoverFunctions, functionBuildOptionsOf, functionEntry } from '../../infra/bundling';
import type { FunctionName } from '../../shared/config/env-catalogue';

// Size is deterministic for a given lock file, unlike time: the bundles are built in memory with the
// deployed esbuild options, and none may grow past its ceiling.
const minifiedBytes = async (fn: string): Promise<number> => {
  const result = await build({
    ...functionBuildOptionsOf(fn),
    entryPoints: [functionEntry(fn)],
    outfile: `${fn}.mjs`,
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles.reduce((sum, f) => sum + f.contents.length, 0);
};

describe('bundle budgets', () => {
  it('has a budget for every function under functions/', () => {
    expect(discoverFunctions().sort()).toEqual(Object.keys(bundleBudgets).sort());
  });

  it.each(discoverFunctions())('%s stays within its ceiling', async (fn) => {
    const budget = bundleBudgets[fn as FunctionName];
    expect(await minifiedBytes(fn)).toBeLessThanOrEqual(budget.ceiling);
  });
});
