import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, type Stack } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { buildWeb, configJs } from '../../../web/build';
import { repoRoot } from '../../bundling';
import { API_PATH_PREFIX } from './hosting';

export interface SiteContentProps {
  bucket: IBucket;
  distribution: IDistribution;
}

export interface SiteContent {
  deployments: BucketDeployment[];
  /** The role of the upload function CDK provides (one for all three deployments). */
  handlerRole: IRole;
}

/**
 * What must not be cached: the pages (they change with every deployment and are small),
 * config.js (says where the API is), and anything else that is HTML.
 */
const NO_CACHE = ['*.html', 'config.js'];
/** Files whose names carry a content hash (the console's build output) never change. */
const HASHED = ['console/assets/*'];
const ONE_YEAR = Duration.days(365);
const FIVE_MINUTES = Duration.minutes(5);

/**
 * Builds the pages at synthesis (web/build.ts, esbuild) and has `cdk deploy` upload them: one
 * deployment per caching class, each pruning only its own files. config.js points the pages at
 * the API on their own origin. Whatever the web build puts under console/ is the console.
 */
export function addSiteContent(scope: Stack, { bucket, distribution }: SiteContentProps): SiteContent {
  // Same depth below the repository for every build, so the source map (and the asset hash) does
  // not depend on the directory's random name; removed once the assets are staged in cdk.out.
  const buildRoot = join(repoRoot, '.build');
  mkdirSync(buildRoot, { recursive: true });
  const dir = mkdtempSync(join(buildRoot, 'web-'));
  try {
    buildWeb(dir);
    writeFileSync(join(dir, 'config.js'), configJs({ api: API_PATH_PREFIX }));
    const source = Source.asset(dir);
    const deployment = (id: string, filters: { include?: string[]; exclude: string[] }, cacheControl: CacheControl[]) =>
      new BucketDeployment(scope, id, {
        sources: [source],
        destinationBucket: bucket,
        ...filters,
        cacheControl,
        prune: true,
        distribution,
        distributionPaths: ['/*'],
        memoryLimit: 256,
      });
    const deployments = [
      deployment('SitePages', { exclude: ['*'], include: NO_CACHE }, [CacheControl.noCache()]),
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
