import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi, HttpRoute, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type RoutingRule, routingRules } from '../../shared/events/routing';
import { allRoutes, type RouteSpec } from '../../shared/http/route-specs';
import type { LinkedStageConfig, StageConfig } from '../config';
import type { OperationsAlarms } from '../constructs/alarms';
import type { FunctionName, ProjectFunction } from '../constructs/project-function';
import { addEventRouting } from './stateless/event-routing';
import { API_PATH_PREFIX, addHosting } from './stateless/hosting';
import { addHttpApi } from './stateless/http-api';
import { addMailPipeline } from './stateless/mail-pipeline';
import { addOperations, type DeadLetterQueues } from './stateless/operations';
import { addOrganiserApi } from './stateless/organiser-api';
import { addPlacement } from './stateless/placement';
import { addPublicApi, addPublicDocuments } from './stateless/public-api';
import { addReminders } from './stateless/reminders';
import { addRetention } from './stateless/retention';
import { addSiteContent, type SiteContent } from './stateless/site-content';
import type { Tables } from './stateless/tables';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  tables: Tables;
  eventBus: IEventBus;
  /** Fetched by the public API and the mailer at cold start; only its ARN is in their environment. */
  manageTokenSecret: ISecret;
  ses: { identityArn: string; configurationSetName: string; configurationSetArn: string };
  /** @default allRoutes() from shared/http/route-specs */
  routes?: RouteSpec[];
  /** @default routingRules from shared/events/routing */
  rules?: RoutingRule[];
  /** ARN of the CloudFront web ACL (edge stack), when `hosting.waf` is on. */
  webAclArn?: string;
}

/**
 * Code and everything that can be rebuilt from it, one section per capability (infra/stacks/stateless/).
 *
 * The sections are functions that add their resources to this stack itself rather than nested
 * constructs: a logical id is derived from the construct path, and a new one makes CloudFormation
 * replace the resource. For the organiser user pool that would mean new, empty accounts (and, in
 * prod, a failed deployment against its deletion protection).
 */
export class StatelessStack extends Stack {
  readonly functions: Record<FunctionName, ProjectFunction>;
  readonly api: HttpApi;
  /** The value CloudFront adds to every request it forwards to the API (x-origin-verify). */
  readonly apiOriginSecret: Secret;
  readonly apiStage: HttpStage;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly mailQueue: Queue;
  readonly placementQueue: Queue;
  readonly deadLetterQueues: DeadLetterQueues;
  readonly alarms: OperationsAlarms;
  /** Routes without authorization (the public ones), for the nag acknowledgements. */
  readonly publicRoutes: HttpRoute[];
  readonly scheduleGroup: ScheduleGroup;
  readonly config: StageConfig;
  readonly siteBucket: Bucket;
  readonly distribution: Distribution;
  readonly siteContent: SiteContent;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { tables, eventBus } = props;
    this.config = props.config;
    const hosting = addHosting(this, { config: props.config, webAclArn: props.webAclArn });
    // Links in mails and answers go to the hosted pages unless the organiser's site has them.
    const config: LinkedStageConfig = { ...props.config, publicBaseUrl: props.config.publicBaseUrl ?? hosting.siteUrl };
    const { manageTokenSecret } = props;

    const { alarms, deadLetterQueues: dlq } = addOperations(this, config);
    const mail = addMailPipeline(this, {
      config,
      tables,
      ses: props.ses,
      manageTokenSecret,
      deadLetterQueue: dlq.mail,
    });
    const placement = addPlacement(this, { config, tables, deadLetterQueue: dlq.placement });
    const publicApi = addPublicApi(this, { config, tables, manageTokenSecret }).bindPlacementQueue(placement.queue);
    const publicDocuments = addPublicDocuments(this, { config, tables });
    const reminders = addReminders(this, {
      config,
      tables,
      mailQueue: mail.queue,
      scheduleDeadLetterQueue: dlq.schedule,
      asyncInvokeDeadLetterQueue: dlq.asyncInvoke,
    });
    // Before the event routing: both add to the delivery DLQ's queue policy, whose statements keep this order.
    const retention = addRetention(this, {
      config,
      tables,
      deliveryDeadLetterQueue: dlq.delivery,
      asyncInvokeDeadLetterQueue: dlq.asyncInvoke,
    });
    const streamPublisher = addEventRouting(this, {
      config,
      tables,
      eventBus,
      rules: props.rules ?? routingRules,
      targets: { 'mail-queue': mail.queue, planner: reminders.planner.fn },
      sesConfigurationSetName: props.ses.configurationSetName,
      streamDeadLetterQueue: dlq.stream,
      deliveryDeadLetterQueue: dlq.delivery,
    });
    const organiser = addOrganiserApi(this, { config, tables, siteUrl: hosting.siteUrl, manageTokenSecret });
    const http = addHttpApi(this, {
      config,
      routes: props.routes ?? allRoutes(),
      functions: { 'public-api': publicApi.fn, 'public-documents': publicDocuments.fn, 'admin-api': organiser.fn.fn },
      organiserAuthorizer: organiser.authorizer,
    });
    // Only requests through the distribution (and its WAF) carry this value; every function behind the
    // HTTP API refuses the rest, so the execute-api endpoint is no way around it (docs/abuse-protection.md).
    const originSecret = new Secret(this, 'ApiOriginSecret', {
      description: 'Header value CloudFront adds to requests it forwards to the HTTP API (x-origin-verify)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
    });
    publicApi.bindOriginSecret(originSecret);
    publicDocuments.bindOriginSecret(originSecret);
    organiser.fn.bindOriginSecret(originSecret);
    hosting.addApi(http.api, originSecret);
    hosting.addConsole({
      issuerOrigin: `https://cognito-idp.${this.region}.${this.urlSuffix}`,
      signInUrl: organiser.signInUrl,
    });
    this.siteContent = addSiteContent(this, {
      bucket: hosting.bucket,
      distribution: hosting.distribution,
      console: {
        issuer: organiser.issuerUrl,
        clientId: organiser.userPoolClient.userPoolClientId,
        signInUrl: organiser.signInUrl,
        api: API_PATH_PREFIX,
      },
    });
    // Reminders link the session's calendar route, on the site's own origin.
    const siteApiUrl = `${hosting.siteUrl}${API_PATH_PREFIX}`;
    mail.mailer.setEnv('PUBLIC_API_URL', siteApiUrl);
    // The OpenAPI document names the configured URL, never the request's Host.
    publicDocuments.setEnv('PUBLIC_API_URL', siteApiUrl);

    this.functions = {
      'public-api': publicApi,
      'public-documents': publicDocuments,
      'admin-api': organiser.fn,
      'stream-publisher': streamPublisher,
      mailer: mail.mailer,
      planner: reminders.planner,
      dispatcher: reminders.dispatcher,
      retention,
      placement: placement.consumer,
    };
    for (const f of Object.values(this.functions)) alarms.functionErrors(f.node.id, f.fn, f.functionName);
    alarms.errorLogLines(Object.fromEntries(Object.values(this.functions).map((f) => [f.node.id, f.logGroup])));
    alarms.apiServerErrors('Api', http.stage);

    this.alarms = alarms;
    this.deadLetterQueues = dlq;
    this.mailQueue = mail.queue;
    this.placementQueue = placement.queue;
    this.scheduleGroup = reminders.scheduleGroup;
    this.userPool = organiser.userPool;
    this.userPoolClient = organiser.userPoolClient;
    this.api = http.api;
    this.apiOriginSecret = originSecret;
    this.apiStage = http.stage;
    this.publicRoutes = http.publicRoutes;
    this.siteBucket = hosting.bucket;
    this.distribution = hosting.distribution;

    new CfnOutput(this, 'SiteUrl', { value: hosting.siteUrl, description: 'The public pages' });
    new CfnOutput(this, 'ConsoleUrl', { value: `${hosting.siteUrl}/console/`, description: 'The organiser console' });
    new CfnOutput(this, 'SiteApiUrl', { value: siteApiUrl, description: 'The HTTP API on the site (data-api, --api)' });
    new CfnOutput(this, 'DistributionDomainName', {
      value: hosting.distribution.distributionDomainName,
      description: 'CNAME target for a custom domain of the site',
    });
    new CfnOutput(this, 'ApiUrl', { value: http.stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: organiser.userPool.userPoolId, description: 'Organiser user pool' });
    new CfnOutput(this, 'UserPoolClientId', {
      value: organiser.userPoolClient.userPoolClientId,
      description: 'App client id for organiser sign-in (the JWT audience)',
    });
    new CfnOutput(this, 'UserPoolIssuer', { value: organiser.issuerUrl, description: 'OIDC issuer (--issuer)' });
    new CfnOutput(this, 'SignInUrl', { value: organiser.signInUrl, description: 'Managed login domain' });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn, description: 'Subscribe to alarms' });
  }
}
