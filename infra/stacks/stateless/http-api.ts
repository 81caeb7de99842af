import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { CfnPermission, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { type RouteSpec, routeKey } from '../../../shared/http/route-specs';
import type { StageConfig } from '../../config';

export interface HttpApiProps {
  config: StageConfig;
  routes: RouteSpec[];
  /** The function serving each route's `fn`. */
  functions: Record<RouteSpec['fn'], IFunction>;
  /** In front of the routes with `auth: 'organiser'`. */
  organiserAuthorizer: IHttpRouteAuthorizer;
}

export interface ProjectHttpApi {
  api: HttpApi;
  stage: HttpStage;
  /** Routes without authorization, for the nag acknowledgements. */
  publicRoutes: HttpRoute[];
}

/**
 * One access-log line per request, as JSON, with what a latency or error question needs. No source
 * IP and no user agent: the privacy text (docs/privacy.md) promises none in the logs, and the
 * stage and route throttles, not per-client blocking, are the abuse protection.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS));

/** The HTTP API both API functions serve: CORS, a throttled stage with access logs, and one route per route spec. */
export function addHttpApi(scope: Stack, props: HttpApiProps): ProjectHttpApi {
  const { config } = props;
  const api = new HttpApi(scope, 'HttpApi', {
    description: `Stadsgesprekken registration API (${config.stage})`,
    createDefaultStage: false,
    corsPreflight: {
      allowOrigins: config.corsAllowedOrigins,
      allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
      allowHeaders: ['content-type', 'authorization'],
      maxAge: Duration.hours(1),
    },
  });

  const accessLogs = new LogGroup(scope, 'ApiAccessLogs', {
    retention: config.retention.logRetentionDays,
    removalPolicy: config.retention.removal === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  const stage = new HttpStage(scope, 'ApiStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    throttle: { rateLimit: config.throttling.rateLimit, burstLimit: config.throttling.burstLimit },
    accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
  });

  const integrations: Record<RouteSpec['fn'], HttpLambdaIntegration> = {
    'public-api': new HttpLambdaIntegration('PublicApiIntegration', props.functions['public-api']),
    'public-documents': new HttpLambdaIntegration('PublicDocumentsIntegration', props.functions['public-documents']),
    'admin-api': new HttpLambdaIntegration('AdminApiIntegration', props.functions['admin-api']),
  };
  const publicRoutes: HttpRoute[] = [];
  const writeRoutes: HttpRoute[] = [];
  const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
  const seen = new Set<string>();
  for (const route of props.routes) {
    const key = routeKey(route);
    if (seen.has(key)) throw new Error(`Route ${key} is listed twice`);
    seen.add(key);
    const [httpRoute] = api.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration: integrations[route.fn],
      ...(route.auth === 'organiser' ? { authorizer: props.organiserAuthorizer } : {}),
    });
    if (!httpRoute) throw new Error(`No route created for ${key}`);
    if (route.auth === 'none') publicRoutes.push(httpRoute);
    // The public routes that write get a tighter throttle than the stage default (see
    // docs/abuse-protection.md).
    if (route.auth === 'none' && route.method !== 'GET') {
      writeRoutes.push(httpRoute);
      routeSettings[key] = {
        ThrottlingRateLimit: config.throttling.publicWriteRateLimit,
        ThrottlingBurstLimit: config.throttling.publicWriteBurstLimit,
      };
    }
  }
  if (writeRoutes.length > 0) {
    (stage.node.defaultChild as CfnStage).addPropertyOverride('RouteSettings', routeSettings);
    // Route settings name routes by key; they must exist before the stage refers to them.
    for (const r of writeRoutes) stage.node.addDependency(r);
  }
  // Each integration's invoke permission already names this API in SourceArn; SourceAccount says
  // the same in the form policy checks (cfn-guard CT.LAMBDA.PR.2) read without resolving Fn::Join.
  for (const permission of api.node.findAll().filter((c): c is CfnPermission => c instanceof CfnPermission)) {
    permission.sourceAccount = scope.account;
  }
  return { api, stage, publicRoutes };
}
