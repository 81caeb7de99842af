import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  Function as ViewerFunction,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { ORIGIN_VERIFY_HEADER } from '../../../shared/config/origin-header';
import type { StageConfig } from '../../config';
import { CONSOLE_ROUTES, STRIP_API_PREFIX } from './edge-functions';
import { type ConsoleOrigins, consoleHeaderPolicy, type SiteHeaderPolicies, siteHeaderPolicies } from './site-headers';

/** Where the API answers on the site; its routes are the API's own without this prefix. */
export const API_PATH_PREFIX = '/api';

export interface HostingProps {
  config: StageConfig;
  /** A CloudFront-scoped WAF web ACL (from the us-east-1 edge stack). */
  webAclArn?: string;
}

export interface Hosting {
  bucket: Bucket;
  distribution: Distribution;
  /** https://<custom domain or distribution name>, no trailing slash. */
  siteUrl: string;
  headers: SiteHeaderPolicies;
  /** Puts the HTTP API behind the distribution under /api/*, each request carrying the origin secret. */
  addApi(api: HttpApi, originSecret: ISecret): void;
  /** Serves the console under /console/ with its headers. */
  addConsole(origins: ConsoleOrigins): void;
}

/**
 * The site: a private bucket behind CloudFront (origin access control), serving the public pages
 * at the root, the organiser console under /console/ and the HTTP API under /api/*, so our own
 * pages call the API on their own origin. The bucket only holds what `cdk deploy` builds
 * (site-content.ts), so it goes with the stack.
 */
export function addHosting(scope: Stack, { config, webAclArn }: HostingProps): Hosting {
  const bucket = new Bucket(scope, 'SiteBucket', {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    // A deployment replaces the pages; the previous versions stay a month to roll back by hand.
    versioned: true,
    lifecycleRules: [
      { noncurrentVersionExpiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ],
    removalPolicy: RemovalPolicy.DESTROY,
    autoDeleteObjects: true,
  });

  const headers = siteHeaderPolicies(scope);
  // Honours the Cache-Control each object was uploaded with (site-content.ts): no-cache HTML,
  // immutable hashed assets. Query strings (manage tokens) are neither in the key nor forwarded.
  const siteCache = new CachePolicy(scope, 'SiteCachePolicy', {
    comment: 'Static site: TTLs from the objects Cache-Control, compressed',
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.minutes(5),
    maxTtl: Duration.days(365),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
  const s3Origin = S3BucketOrigin.withOriginAccessControl(bucket);
  const { customDomain } = config.hosting;

  const distribution = new Distribution(scope, 'SiteDistribution', {
    comment: `Stadsgesprekken ${config.stage}: pages, console and API`,
    defaultRootObject: 'index.html',
    httpVersion: HttpVersion.HTTP2_AND_3,
    priceClass: PriceClass.PRICE_CLASS_100,
    ...(customDomain
      ? {
          domainNames: [customDomain.domainName],
          certificate: Certificate.fromCertificateArn(scope, 'SiteCertificate', customDomain.certificateArn),
          minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
        }
      : {}),
    ...(webAclArn ? { webAclId: webAclArn } : {}),
    defaultBehavior: {
      origin: s3Origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: siteCache,
      responseHeadersPolicy: headers.pages,
      compress: true,
    },
    additionalBehaviors: {
      '/embed.*': {
        origin: s3Origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: siteCache,
        responseHeadersPolicy: headers.embed,
        compress: true,
      },
    },
  });
  const siteUrl = `https://${customDomain ? customDomain.domainName : distribution.distributionDomainName}`;

  const viewerFunction = (id: string, comment: string, code: string) =>
    new ViewerFunction(scope, id, { comment, code: FunctionCode.fromInline(code), runtime: FunctionRuntime.JS_2_0 });

  return {
    bucket,
    distribution,
    siteUrl,
    headers,
    addApi(api, originSecret) {
      const origin = new HttpOrigin(`${api.apiId}.execute-api.${scope.region}.${scope.urlSuffix}`, {
        // A dynamic reference: CloudFormation resolves it at deploy time, the template holds none.
        customHeaders: { [ORIGIN_VERIFY_HEADER]: originSecret.secretValue.unsafeUnwrap() },
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      });
      distribution.addBehavior(`${API_PATH_PREFIX}/*`, origin, {
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        // API Gateway routes by its own Host name; everything else (Authorization, Origin for
        // CORS, the query string) goes through.
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: headers.api,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: viewerFunction(
              'StripApiPrefix',
              'Removes /api before the request reaches the HTTP API',
              STRIP_API_PREFIX,
            ),
          },
        ],
      });
    },
    addConsole(origins) {
      distribution.addBehavior('/console/*', s3Origin, {
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: siteCache,
        responseHeadersPolicy: consoleHeaderPolicy(scope, origins),
        compress: true,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: viewerFunction(
              'ConsoleRoutes',
              "Serves the console's index.html for its own paths",
              CONSOLE_ROUTES,
            ),
          },
        ],
      });
    },
  };
}
