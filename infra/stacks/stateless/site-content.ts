import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, type Stack } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { buildWeb, type ConsoleConfig, configJs, consoleConfigJs } from '../../../web/build';
import { repoRoot } from '../../bundling';
import { API_PATH_PREFIX } from './hosting';

export interface SiteContentProps {
  bucket: IBucket;
  distribution: IDistribution;
  /**
   * What the console's config.js tells it: the user pool's issuer, the app client, the managed-login
   * domain and the API. Tokens (resolved at deployment) are welcome: the file is written by the upload.
   */
  console: Required<ConsoleConfig>;
}

/** The console's config.js, in the bucket beside its page. */
export const CONSOLE_CONFIG_KEY = 'console/config.js';

export interface SiteContent {
  deployments: BucketDeployment[];
  /** The role of the upload function CDK provides (one for all three deployments). */
  handlerRole: IRole;
}

/**
 * What must not be cached: the pages (they change with every deployment and are small),
 * config.js (says where the API is), and anything else that is HTML.
 */
const NO_CACHE = ['*.html', 'config.js', CONSOLE_CONFIG_KEY];
/** Files whose names carry a content hash (the console's build output) never change. */
const HASHED = ['console/assets/*'];
const ONE_YEAR = Duration.days(365);
const FIVE_MINUTES = Duration.minutes(5);

/**
 * Builds the pages at synthesis (web/build.ts, esbuild) and has `cdk deploy` upload them: one
 * deployment per caching class, each pruning only its own files. config.js points the pages at
 * the API on their own origin. Whatever the web build puts under console/ is the console; its
 * config.js is not the build's (which points at the page's own origin, as on the local stack) but
 * one CDK writes from the stack's values, uploaded with the pages and never cached.
 */
export function addSiteContent(
  scope: Stack,
  { bucket, distribution, console: settings }: SiteContentProps,
): SiteContent {
  // Same depth below the repository for every build, so the source map (and the asset hash) does
  // not depend on the directory's random name; removed once the assets are staged in cdk.out.
  const buildRoot = join(repoRoot, '.build');
  mkdirSync(buildRoot, { recursive: true });
  const dir = mkdtempSync(join(buildRoot, 'web-'));
  try {
    buildWeb(dir);
    writeFileSync(join(dir, 'config.js'), configJs({ api: API_PATH_PREFIX }));
    rmSync(join(dir, CONSOLE_CONFIG_KEY));
    const source = Source.asset(dir);
    const consoleConfig = Source.data(CONSOLE_CONFIG_KEY, consoleConfigJs(settings));
    const deployment = (
      id: string,
      filters: { include?: string[]; exclude: string[] },
      cacheControl: CacheControl[],
      extra: ReturnType<typeof Source.data>[] = [],
    ) =>
      new BucketDeployment(scope, id, {
        sources: [source, ...extra],
        destinationBucket: bucket,
        ...filters,
        cacheControl,
        prune: true,
        distribution,
        distributionPaths: ['/*'],
        memoryLimit: 256,
      });
    const deployments = [
      deployment('SitePages', { exclude: ['*'], include: NO_CACHE }, [CacheControl.noCache()], [consoleConfig]),
      deployment('SiteHashedAssets', { exclude: ['*'], include: HASHED }, [
        CacheControl.setPublic(),
        CacheControl.maxAge(ONE_YEAR),
        CacheControl.immutable(),
      ]),
      // embed.js and embed.css keep one URL (organisers paste it), so a short cache and revalidation.
      deployment('SiteAssets', { exclude: [...NO_CACHE, ...HASHED] }, [
        CacheControl.setPublic(),
        CacheControl.maxAge(FIVE_MINUTES),
        CacheControl.mustRevalidate(),
      ]),
    ];
    const [first] = deployments;
    if (!first) throw new Error('no site deployment');
    return { deployments, handlerRole: first.handlerRole };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
