import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccountRecovery, FeaturePlan, Mfa, UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, type IEventBus, type IRuleTarget, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget, LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { registrationsTable, sessionsTable } from '../../shared/adapters/dynamodb/table-specs';
import { type RoutingRule, type RoutingTarget, routingRules } from '../../shared/events/routing';
import { allRoutes, type RouteSpec, routeKey } from '../../shared/http/route-specs';
import type { StageConfig } from '../config';
import { OperationsAlarms } from '../constructs/alarms';
import { type FunctionName, ProjectFunction } from '../constructs/project-function';
import { deadLetterQueue, workQueue } from '../constructs/queues';
import { SES_FEEDBACK_EVENTS } from './stateful-stack';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  tables: { sessions: ITable; registrations: ITable };
  eventBus: IEventBus;
  /** Resolved into MANAGE_TOKEN_SECRET at deployment (a dynamic reference, not in the template). */
  manageTokenSecret: ISecret;
  ses: { identityArn: string; configurationSetName: string; configurationSetArn: string };
  /** @default allRoutes() from shared/http/route-specs */
  routes?: RouteSpec[];
  /** @default routingRules from shared/events/routing */
  rules?: RoutingRule[];
}

/** The Cognito group whose members may call the organiser routes (checked by the admin API). */
export const ORGANISERS_GROUP = 'organisers';

/** Retries of the stream publisher on one batch before bisecting leaves it to the DLQ. */
export const STREAM_RETRY_ATTEMPTS = 5;

/** One schedule group per stage (named, so IAM statements and alarms can name it too). */
export const scheduleGroupName = (config: StageConfig): string => `stadsgesprekken-${config.stage}`;

const SES_DETAIL_TYPES: Record<string, string> = {
  BOUNCE: 'Email Bounced',
  COMPLAINT: 'Email Complaint Received',
  REJECT: 'Email Rejected',
};

/**
 * Code and everything that can be rebuilt from it: the functions, the HTTP API with its Cognito
 * authorizer, the mail queue, the bus rules, the scheduler group and role, and the alarms.
 */
export class StatelessStack extends Stack {
  readonly functions: Record<FunctionName, ProjectFunction>;
  readonly api: HttpApi;
  readonly apiStage: HttpStage;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly mailQueue: Queue;
  readonly deadLetterQueues: Record<'mail' | 'stream' | 'delivery' | 'asyncInvoke' | 'schedule', Queue>;
  readonly alarms: OperationsAlarms;
  /** Routes without authorization (the public ones), for the nag acknowledgements. */
  readonly publicRoutes: HttpRoute[] = [];
  readonly scheduleGroup: ScheduleGroup;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, tables, eventBus } = props;
    // A CloudFormation dynamic reference: the value is resolved at deployment into the functions'
    // (KMS-encrypted) environment and never appears in the template or cdk.out.
    const manageTokenSecret = props.manageTokenSecret.secretValue.unsafeUnwrap();
    const routes = props.routes ?? allRoutes();
    const rules = props.rules ?? routingRules;
    const removal = config.retention.removal === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.alarms = new OperationsAlarms(this, 'Alarms', { alarmEmail: config.alarmEmail });

    // Dead-letter queues, one per kind of hop, so an alarm says which hop failed.
    const dlq = {
      mail: deadLetterQueue(this, 'MailDlq'),
      stream: deadLetterQueue(this, 'StreamPublisherDlq'),
      delivery: deadLetterQueue(this, 'EventDeliveryDlq'),
      asyncInvoke: deadLetterQueue(this, 'AsyncInvokeDlq'),
      schedule: deadLetterQueue(this, 'ScheduleDeliveryDlq'),
    };
    this.deadLetterQueues = dlq;
    this.alarms.deadLetterQueue('Mail', dlq.mail, 'the mail queue (mails the mailer could not send)');
    this.alarms.deadLetterQueue('StreamPublisher', dlq.stream, 'the stream publisher (table changes not published)');
    this.alarms.deadLetterQueue('EventDelivery', dlq.delivery, 'the event bus rules (events not delivered)');
    this.alarms.deadLetterQueue('AsyncInvoke', dlq.asyncInvoke, 'the planner and dispatcher (failed invocations)');
    this.alarms.deadLetterQueue('ScheduleDelivery', dlq.schedule, 'EventBridge Scheduler (schedules not delivered)');

    const mailerTimeout = Duration.seconds(30);
    this.mailQueue = workQueue(this, 'MailQueue', {
      deadLetterQueue: dlq.mail,
      visibilityTimeout: Duration.seconds(mailerTimeout.toSeconds() * 6),
      maxReceiveCount: 5,
    });

    const fn = (name: FunctionName, description: string, extra: { timeout?: Duration; memorySize?: number } = {}) =>
      new ProjectFunction(
        this,
        name.replace(/(^|-)([a-z])/g, (_, _dash, c: string) => c.toUpperCase()),
        {
          name,
          description,
          config,
          ...extra,
        },
      );

    const publicApi = fn('public-api', 'Public HTTP routes: sessions, registration, manage link, calendars', {
      memorySize: 1024,
    })
      .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'write')
      .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'write')
      .setEnv('PUBLIC_BASE_URL', config.publicBaseUrl)
      .setEnv('UID_DOMAIN', config.mail.uidDomain)
      .setEnv('MAIL_FROM', config.mail.from)
      .setEnv('MANAGE_TOKEN_SECRET', manageTokenSecret);

    const adminApi = fn('admin-api', 'Organiser HTTP routes behind the Cognito JWT authorizer', { memorySize: 1024 })
      .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'write')
      .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'write')
      .setEnv('PUBLIC_BASE_URL', config.publicBaseUrl)
      .setEnv('UID_DOMAIN', config.mail.uidDomain);

    const streamPublisher = fn('stream-publisher', 'Turns table changes into domain events on the bus', {
      timeout: Duration.seconds(30),
    }).bindEventBus(eventBus);

    const mailer = fn('mailer', 'Sends the queued mails through SES', { timeout: mailerTimeout })
      .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'read')
      .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'write')
      .bindSesSending({ ...props.ses, from: config.mail.from })
      .bindMailQueue(this.mailQueue) // the fan-outs put one mail job per registrant on its own queue
      .setEnv('PUBLIC_BASE_URL', config.publicBaseUrl)
      .setEnv('UID_DOMAIN', config.mail.uidDomain)
      .setEnv('MANAGE_TOKEN_SECRET', manageTokenSecret)
      .setEnv('MAIL_SEND_RATE', String(config.mail.sendRatePerSecond));
    // The mail queue's event source is the mailer's only trigger, so its maxConcurrency (below) caps
    // the instances. Reserved concurrency is not used: accounts must keep 100 unreserved, so new
    // accounts with a low concurrency limit could not deploy.

    const dispatcher = fn('dispatcher', 'Runs a due reminder or feedback request fired by EventBridge Scheduler', {
      timeout: Duration.seconds(30),
    })
      .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'read')
      .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'read')
      .bindMailQueue(this.mailQueue)
      .setEnv('PUBLIC_BASE_URL', config.publicBaseUrl);

    // EventBridge Scheduler: one group for the project's one-time schedules, and a role it assumes
    // that can invoke the dispatcher and reach the schedule DLQ, nothing else.
    this.scheduleGroup = new ScheduleGroup(this, 'ScheduleGroup', {
      scheduleGroupName: scheduleGroupName(config),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const scheduleGroup = this.scheduleGroup;
    const schedulerRole = new Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to invoke the dispatcher for the schedule group of this stage',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: {
            'aws:SourceArn': this.formatArn({
              service: 'scheduler',
              resource: 'schedule',
              resourceName: `${scheduleGroup.scheduleGroupName}/*`,
            }),
          },
        },
      }),
    });
    schedulerRole.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['lambda:InvokeFunction'],
        resources: [dispatcher.fn.functionArn],
      }),
    );
    dlq.schedule.grantSendMessages(schedulerRole);

    const planner = fn('planner', 'Keeps the reminder and feedback-request schedules of each session up to date', {
      timeout: Duration.seconds(30),
    })
      .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'read')
      .bindScheduler({
        group: scheduleGroup,
        role: schedulerRole,
        targetArn: dispatcher.fn.functionArn,
        deadLetterQueue: dlq.schedule,
      });

    // Privacy (AVG): once a day, erase personal data whose retention period has passed.
    const retention = fn('retention', 'Daily: erases personal data whose retention period has passed (AVG)', {
      timeout: Duration.minutes(5),
    })
      .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'read')
      .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'write');
    new Rule(this, 'DailyRetention', {
      description: 'Runs the retention job daily at 03:15 UTC',
      schedule: Schedule.cron({ minute: '15', hour: '3' }),
      targets: [new LambdaFunction(retention.fn, { deadLetterQueue: dlq.delivery, retryAttempts: 2 })],
    });

    this.functions = {
      'public-api': publicApi,
      'admin-api': adminApi,
      'stream-publisher': streamPublisher,
      mailer,
      planner,
      dispatcher,
      retention,
    };
    for (const f of Object.values(this.functions)) {
      this.alarms.functionErrors(f.node.id, f.fn, f.functionName);
    }

    // Asynchronous invocations (rule → planner, schedule → dispatcher, daily rule → retention)
    // retry twice, then land in a DLQ.
    for (const f of [planner, dispatcher, retention]) {
      f.fn.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        onFailure: new SqsDestination(dlq.asyncInvoke),
      });
    }

    // The outbox: both tables' streams feed the publisher. Bisecting isolates a poison record,
    // bounded retries keep the shard moving, and what still fails is recorded in the stream DLQ.
    for (const table of [tables.sessions, tables.registrations]) {
      streamPublisher.fn.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: 100,
          maxBatchingWindow: Duration.seconds(1),
          bisectBatchOnError: true,
          retryAttempts: STREAM_RETRY_ATTEMPTS,
          maxRecordAge: Duration.hours(24),
          reportBatchItemFailures: true,
          parallelizationFactor: 1,
          onFailure: new SqsDlq(dlq.stream),
        }),
      );
    }

    mailer.fn.addEventSource(
      new SqsEventSource(this.mailQueue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(2),
        reportBatchItemFailures: true,
        // Each mailer sends at most MAIL_SEND_RATE mails/s (token bucket); at most maxConcurrency run,
        // so the stage sends at most sendRatePerSecond × maxConcurrency ≤ sesMaxSendRate (infra/config.ts).
        maxConcurrency: config.mail.maxConcurrency,
      }),
    );

    // Bus routing, from the shared rule data.
    const routeTarget = (target: RoutingTarget): IRuleTarget => {
      const delivery = { deadLetterQueue: dlq.delivery, retryAttempts: 20, maxEventAge: Duration.hours(24) };
      switch (target) {
        case 'mail-queue':
          return new SqsQueue(this.mailQueue, delivery);
        case 'planner':
          return new LambdaFunction(planner.fn, delivery);
      }
    };
    const seen = new Set<string>();
    for (const rule of rules) {
      if (!/^[a-z][a-z0-9-]*$/.test(rule.name) || seen.has(rule.name)) {
        throw new Error(`Routing rule name "${rule.name}" must be unique kebab-case`);
      }
      seen.add(rule.name);
      new Rule(this, `Route-${rule.name}`, {
        eventBus,
        description: rule.description,
        eventPattern: { source: rule.eventPattern.source, detailType: rule.eventPattern['detail-type'] },
        targets: [routeTarget(rule.target)],
      });
    }

    // SES bounce/complaint events arrive on the default bus (the only bus SES delivers to); forward
    // the ones of this stage's configuration set to the project bus.
    new Rule(this, 'ForwardSesFeedback', {
      description: 'Forward SES bounce, complaint and reject events of this configuration set to the project bus',
      eventBus: EventBus.fromEventBusName(this, 'DefaultBus', 'default'),
      eventPattern: {
        source: ['aws.ses'],
        detailType: SES_FEEDBACK_EVENTS.map((e) => SES_DETAIL_TYPES[e] ?? e),
        detail: { mail: { tags: { 'ses:configuration-set': [props.ses.configurationSetName] } } },
      },
      targets: [new EventBusTarget(eventBus, { deadLetterQueue: dlq.delivery })],
    });

    // Organisers sign in to a Cognito user pool; the JWT authorizer checks issuer and audience, and
    // the admin API checks the `organisers` group claim (401 without a token, 403 without the group).
    this.userPool = new UserPool(this, 'OrganiserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: config.retention.deletionProtection,
      removalPolicy: removal,
    });
    this.userPool.addGroup('OrganisersGroup', {
      groupName: ORGANISERS_GROUP,
      description: 'May manage sessions and read registrations',
    });
    this.userPoolClient = this.userPool.addClient('OrganiserClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    const organiserAuthorizer = new HttpUserPoolAuthorizer('OrganiserAuthorizer', this.userPool, {
      userPoolClients: [this.userPoolClient],
    });

    this.api = new HttpApi(this, 'HttpApi', {
      description: `Stadsgesprekken registration API (${config.stage})`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: config.corsAllowedOrigins,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
        allowHeaders: ['content-type', 'authorization'],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: config.retention.logRetentionDays,
      removalPolicy: removal,
    });
    this.apiStage = new HttpStage(this, 'ApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.throttling.rateLimit, burstLimit: config.throttling.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    const integrations: Record<RouteSpec['fn'], HttpLambdaIntegration> = {
      'public-api': new HttpLambdaIntegration('PublicApiIntegration', publicApi.fn),
      'admin-api': new HttpLambdaIntegration('AdminApiIntegration', adminApi.fn),
    };
    const writeRoutes: HttpRoute[] = [];
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const seenRoutes = new Set<string>();
    for (const route of routes) {
      const key = routeKey(route);
      if (seenRoutes.has(key)) throw new Error(`Route ${key} is listed twice`);
      seenRoutes.add(key);
      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrations[route.fn],
        ...(route.auth === 'organiser' ? { authorizer: organiserAuthorizer } : {}),
      });
      if (!httpRoute) throw new Error(`No route created for ${key}`);
      if (route.auth === 'none') this.publicRoutes.push(httpRoute);
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
      (this.apiStage.node.defaultChild as CfnStage).addPropertyOverride('RouteSettings', routeSettings);
      // Route settings name routes by key; they must exist before the stage refers to them.
      for (const r of writeRoutes) this.apiStage.node.addDependency(r);
    }

    // Reminders link the session's calendar route on the API itself.
    mailer.setEnv('PUBLIC_API_URL', this.apiStage.url);

    new CfnOutput(this, 'ApiUrl', { value: this.apiStage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId, description: 'Organiser user pool' });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.userPoolClient.userPoolClientId,
      description: 'App client id for organiser sign-in (the JWT audience)',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Subscribe to alarms' });
  }
}
