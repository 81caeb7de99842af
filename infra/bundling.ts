import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/**
 * Bundling settings shared by the CDK functions (NodejsFunction runs esbuild with them) and by
 * `npm run build` (infra/build.ts calls esbuild's API with them), so the benchmark measures exactly
 * what is deployed.
 */

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const functionsDir = join(repoRoot, 'functions');
export const lockFile = join(repoRoot, 'package-lock.json');

/** Node.js major of the Lambda runtime; esbuild targets the same version. */
export const NODE_MAJOR = 24;
export const esbuildTarget = `node${NODE_MAJOR}`;

/**
 * ESM output still meets CommonJS dependencies that call `require` for Node built-ins; an ES module
 * has no `require`, so the bundle defines one at the top.
 */
export const esmRequireBanner =
  "import { createRequire as __bundleCreateRequire } from 'node:module';const require = __bundleCreateRequire(import.meta.url);";

/**
 * Without `module` first, esbuild picks the AWS SDK's CommonJS build, whose dynamic requires break
 * inside an ESM bundle.
 */
export const mainFields = ['module', 'main'];

export const functionEntry = (name: string): string => join(functionsDir, name, 'handler.ts');

/**
 * Module replacements in the deployed bundles. The SDK's default credential chain becomes the
 * environment-only provider Lambda needs (shared/adapters/lambda-credentials.ts explains the cost).
 * Absolute paths: the CDK bundles locally (forceDockerBundling: false), in this checkout.
 */
export const bundleAliases: Record<string, string> = {
  '@aws-sdk/credential-provider-node': join(repoRoot, 'shared', 'adapters', 'lambda-credentials.ts'),
};

/**
 * Files a function reads beside its bundle (`new URL('./<file>', import.meta.url)`, or an import
 * left out of the bundle, `functionExternals`), copied into its deployment package under their own
 * name by the CDK construct, `npm run build` and the benchmark. public-documents serves the OpenAPI
 * document generated at build time (infra/openapi-document.ts); the mailer's MIME composer imports
 * its MIME type table.
 */
export const functionAssets: Readonly<Record<string, readonly string[]>> = {
  'public-documents': [join(repoRoot, 'shared', 'http', 'public', 'openapi.json')],
  mailer: [join(repoRoot, 'shared', 'domain', 'email', 'mime-types.js')],
};

export const assetsOf = (name: string): readonly string[] => functionAssets[name] ?? [];

/**
 * Imports a function's bundle leaves as they are written (esbuild's `external`), each answered at
 * run time by the file of that name in `functionAssets`. nodemailer's MIME functions import
 * `./mime-types.js`, a 74 KB extension → type table; the mailer gets a small one for the types its
 * mails carry (shared/domain/email/mime-types.js).
 */
export const functionExternals: Readonly<Record<string, readonly string[]>> = {
  mailer: ['./mime-types.js'],
};

export const externalsOf = (name: string): readonly string[] => functionExternals[name] ?? [];

/**
 * esbuild's options for a deployed function, as the CDK construct (infra/constructs/project-function.ts)
 * passes them to NodejsFunction: one bundle file, ESM for the Lambda runtime's Node, minified, the
 * AWS SDK bundled with its credential chain replaced. `npm run build` and the cold-start benchmark
 * use exactly these, with the function's externals (`functionBuildOptionsOf`); they add only where
 * the output goes, source maps and the metafile.
 */
export const functionBuildOptions = {
  bundle: true,
  platform: 'node',
  target: esbuildTarget,
  format: 'esm',
  mainFields,
  banner: { js: esmRequireBanner },
  minify: true,
  charset: 'utf8',
  alias: bundleAliases,
  absWorkingDir: repoRoot,
} as const satisfies BuildOptions;

/** A function's options: the shared ones, with the imports its bundle leaves to the files beside it. */
export const functionBuildOptionsOf = (name: string) => ({
  ...functionBuildOptions,
  external: [...externalsOf(name)],
});

/** Every folder under functions/ that holds a handler.ts. */
export const discoverFunctions = (): string[] =>
  existsSync(functionsDir)
    ? readdirSync(functionsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(functionEntry(d.name)))
        .map((d) => d.name)
        .sort()
    : [];
