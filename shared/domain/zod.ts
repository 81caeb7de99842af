import { config } from 'zod/mini';
import { en } from 'zod/v4/locales';

/**
 * zod for every schema of the deployed code: its tree-shakable build, `zod/mini` (the same zod 4 and
 * the same parser, with functions instead of methods: `z.optional(s)`, `s.check(z.maxLength(n))`,
 * `z.pipe(s, z.transform(f))`), which leaves out what a function does not use: about half of
 * classic zod's size in every bundle (docs/benchmarks.md). Unlike classic zod it sets no locale, and
 * every message a schema does not give itself would be "Invalid input": English is set here, so the
 * problem details say what they said before ("Invalid input: expected string, received number").
 * Import `* as z` from this module, never `zod` or `zod/mini` directly (biome.json).
 */
config(en());

export * from 'zod/mini';
