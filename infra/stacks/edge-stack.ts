import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { RouteSpec } from '../../shared/http/route-specs';
import type { StageConfig } from '../config';
import { API_PATH_PREFIX } from './stateless/hosting';

export interface EdgeStackProps extends StackProps {
  config: StageConfig;
  routes: RouteSpec[];
}

/** The public routes that write: the ones a script would flood (registration, cancellation, feedback). */
export const publicWriteRoutes = (routes: RouteSpec[]): RouteSpec[] =>
  routes.filter((r) => r.auth === 'none' && r.method !== 'GET');

/** `/sessions/{sessionId}/registrations` → `^/api/sessions/[^/]+/registrations$`, as the viewer asks for it. */
export const sitePathPattern = (path: string): string =>
  `^${API_PATH_PREFIX}${path.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`;

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const methodIs = (method: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { method: {} },
    positionalConstraint: 'EXACTLY',
    searchString: method,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

const anyOf = (statements: CfnWebACL.StatementProperty[]): CfnWebACL.StatementProperty => {
  const [only] = statements;
  if (statements.length === 1 && only) return only;
  return { orStatement: { statements } };
};

/** Requests for one of `routes`: the method and the path pattern of the same route. */
export const publicWriteStatement = (routes: RouteSpec[]): CfnWebACL.StatementProperty => {
  if (routes.length === 0) throw new Error('No public write routes to rate-limit');
  return anyOf(
    routes.map((route) => ({
      andStatement: {
        statements: [
          methodIs(route.method),
          {
            regexMatchStatement: {
              fieldToMatch: { uriPath: {} },
              regexString: sitePathPattern(route.path),
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
        ],
      },
    })),
  );
};

/**
 * The WAF web ACL in front of the distribution (docs/abuse-protection.md, option A). A web ACL
 * for CloudFront exists only in us-east-1, hence a stack of its own there; the distribution reads
 * its ARN through CDK's cross-region reference.
 */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const writes = publicWriteRoutes(props.routes);
    this.webAcl = new CfnWebACL(this, 'SiteWebAcl', {
      scope: 'CLOUDFRONT',
      // The description allows no braces, so the routes are not listed in it.
      description: `Stadsgesprekken ${props.config.stage}: per-IP rate limit on the ${writes.length} public write routes`,
      defaultAction: { allow: {} },
      visibilityConfig: visibility('stadsgesprekken-site'),
      rules: [
        {
          name: 'PublicWritesPerIp',
          priority: 0,
          action: { block: { customResponse: { responseCode: 429 } } },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              limit: props.config.hosting.wafRateLimitPer5Minutes,
              scopeDownStatement: publicWriteStatement(writes),
            },
          },
          visibilityConfig: visibility('public-writes-per-ip'),
        },
      ],
    });
  }
}
