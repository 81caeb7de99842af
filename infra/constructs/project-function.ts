import { basename, join } from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Effect, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  type CfnFunction,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Charset, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TableSpec } from '../../shared/adapters/dynamodb/table-specs';
import {
  type DeployedEnv,
  deployedEnvOf,
  type EnvName,
  type FunctionName,
  functionEnvironment,
  PLATFORM_ENV,
} from '../../shared/config/env-catalogue';
import {
  assetsOf,
  bundleAliases,
  esbuildTarget,
  esmRequireBanner,
  externalsOf,
  functionEntry,
  lockFile,
  mainFields,
  repoRoot,
} from '../bundling';
import type { StageConfig } from '../config';
import {
  functionConstructId,
  type SchedulerBinding,
  type SesSending,
  TABLE_READ_ACTIONS,
  TABLE_WRITE_ACTIONS,
} from './function-bindings';

export type { FunctionName } from '../../shared/config/env-catalogue';
export { functionConstructId, type SchedulerBinding, type SesSending } from './function-bindings';

/** Node.js runtime of every function; keep in step with NODE_MAJOR in infra/bundling.ts. */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

export interface ProjectFunctionProps<F extends FunctionName> {
  /** Folder under functions/ holding handler.ts, which exports `handler`. */
  name: F;
  description: string;
  config: StageConfig;
  /** @default 512 */
  memorySize?: number;
  /** @default 10 seconds */
  timeout?: Duration;
}

/**
 * The project's Lambda function: arm64, Node.js 24, an ESM bundle built locally by esbuild (AWS SDK
 * included), minified with source maps, JSON logs into its own log group with the stage's
 * retention, X-Ray tracing. Its role may write only to that log group (no managed policy with logs
 * on `*`), and the one statement that needs `*`, X-Ray's, sits apart in `tracingPolicy` so the nag
 * acknowledgement covers it and nothing else. The bind helpers set an environment variable and grant the matching
 * permission in one call, so neither can be forgotten; a variable the function's catalogue entry
 * (shared/config/env-catalogue.ts) does not declare is refused, and synthesis fails while a
 * required one is missing.
 */
export class ProjectFunction<F extends FunctionName = FunctionName> extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;
  /** X-Ray's PutTraceSegments and PutTelemetryRecords, which support no resource-level permissions. */
  readonly tracingPolicy: Policy;
  readonly functionName: F;
  private readonly envSet = new Set<EnvName>(PLATFORM_ENV);

  /** A function whose construct id is derived from its name, as every function of the stacks has. */
  static named<F extends FunctionName>(scope: Construct, props: ProjectFunctionProps<F>): ProjectFunction<F> {
    return new ProjectFunction(scope, functionConstructId(props.name), props);
  }

  constructor(scope: Construct, id: string, props: ProjectFunctionProps<F>) {
    super(scope, id);
    const { config } = props;
    this.functionName = props.name;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: config.retention.logRetentionDays,
      removalPolicy: config.retention.removal === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.fn = new NodejsFunction(this, 'Function', {
      role: this.role,
      description: props.description,
      entry: functionEntry(props.name),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: lockFile,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        STAGE: config.stage,
      },
      bundling: {
        format: OutputFormat.ESM,
        mainFields,
        banner: esmRequireBanner,
        target: esbuildTarget,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        charset: Charset.UTF8,
        // Bundle the AWS SDK too: a pinned, tree-shaken client instead of whatever the runtime ships.
        bundleAwsSDK: true,
        // Only the imports answered by a file beside the bundle (bundling.ts, `functionExternals`).
        externalModules: [...externalsOf(props.name)],
        esbuildArgs: { '--alias': Object.entries(bundleAliases).map(([from, to]) => `${from}=${to}`) },
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
        // The files the function reads beside its bundle (bundling.ts, `functionAssets`).
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir, outputDir) =>
            assetsOf(props.name).map((file) => `cp "${file}" "${join(outputDir, basename(file))}"`),
        },
      },
    });

    // Active tracing set on the resource itself: the construct's own option would add the X-Ray
    // statement to the role's default policy, among the statements that must name their resources.
    (this.fn.node.defaultChild as CfnFunction).tracingConfig = { mode: 'Active' };
    this.tracingPolicy = new Policy(this, 'TracingPolicy', {
      roles: [this.role],
      statements: [
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      ],
    });

    this.node.addValidation({
      validate: () =>
        functionEnvironment[this.functionName].required
          .filter((name) => !this.envSet.has(name))
          .map((name) => `${this.functionName} requires ${name}, and the stack does not set it`),
    });
  }

  /** Sets a plain configuration value. */
  setEnv(name: DeployedEnv<F>, value: string): this {
    return this.env(name, value);
  }

  /**
   * Asynchronous invocations (a rule, a schedule) retry twice, then land in `deadLetterQueue`,
   * instead of Lambda's default of dropping them after six hours without a trace.
   */
  retryAsyncInvocations(deadLetterQueue: IQueue): this {
    this.fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(deadLetterQueue),
    });
    return this;
  }

  private env(name: EnvName, value: string): this {
    if (!deployedEnvOf(this.functionName).includes(name)) {
      throw new Error(`${this.functionName} does not read ${name}: declare it in shared/config/env-catalogue.ts`);
    }
    this.fn.addEnvironment(name, value);
    this.envSet.add(name);
    return this;
  }

  /**
   * Table name in `envName`, and read or read/write data access to the table and to exactly the
   * indexes its spec declares (no `index/*` wildcard). Transactions need no extra action: DynamoDB
   * checks each item's Put/Update/Delete/ConditionCheck permission.
   */
  bindTable(
    envName: Extract<DeployedEnv<F>, 'SESSIONS_TABLE' | 'REGISTRATIONS_TABLE'>,
    table: ITable,
    spec: TableSpec,
    access: 'read' | 'write',
  ): this {
    this.env(envName, table.tableName);
    const indexNames = [...spec.globalIndexes, ...spec.localIndexes].map((i) => i.indexName);
    this.fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: access === 'read' ? TABLE_READ_ACTIONS : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS],
        resources: [table.tableArn, ...indexNames.map((name) => `${table.tableArn}/index/${name}`)],
      }),
    );
    return this;
  }

  /**
   * MANAGE_TOKEN_SECRET_ARN, and secretsmanager:GetSecretValue on that one secret: the function
   * fetches the value at cold start, so it is in no environment variable and no template.
   */
  bindManageTokenSecret(secret: ISecret): this {
    this.env('MANAGE_TOKEN_SECRET_ARN', secret.secretArn);
    this.fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['secretsmanager:GetSecretValue'],
        resources: [secret.secretArn],
      }),
    );
    return this;
  }

  /**
   * ORIGIN_SECRET_ARN, and GetSecretValue on that one secret: the functions behind the HTTP API fetch
   * the value CloudFront adds to forwarded requests at cold start and refuse requests without it.
   */
  bindOriginSecret(secret: ISecret): this {
    this.env('ORIGIN_SECRET_ARN', secret.secretArn);
    this.fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['secretsmanager:GetSecretValue'],
        resources: [secret.secretArn],
      }),
    );
    return this;
  }

  /** EVENT_BUS_NAME, and events:PutEvents on that bus only. */
  bindEventBus(bus: IEventBus): this {
    this.env('EVENT_BUS_NAME', bus.eventBusName);
    bus.grantPutEventsTo(this.fn);
    return this;
  }

  /** MAIL_QUEUE_URL, and permission to send to that queue only. */
  bindMailQueue(queue: IQueue): this {
    this.env('MAIL_QUEUE_URL', queue.queueUrl);
    queue.grantSendMessages(this.fn);
    return this;
  }

  /** PLACEMENT_QUEUE_URL, and permission to send to that queue only. */
  bindPlacementQueue(queue: IQueue): this {
    this.env('PLACEMENT_QUEUE_URL', queue.queueUrl);
    queue.grantSendMessages(this.fn);
    return this;
  }

  /** MAIL_FROM and SES_CONFIGURATION_SET, and ses:SendRawEmail on the identity and configuration set only. */
  bindSesSending(ses: SesSending): this {
    this.env('MAIL_FROM', ses.from);
    this.env('SES_CONFIGURATION_SET', ses.configurationSetName);
    this.fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ses:SendRawEmail'],
        resources: [ses.identityArn, ses.configurationSetArn],
      }),
    );
    return this;
  }

  /**
   * SCHEDULER_GROUP, SCHEDULER_ROLE_ARN, DISPATCH_TARGET_ARN and SCHEDULER_DLQ_ARN, with permission to
   * manage schedules in that group only and to pass that one role to EventBridge Scheduler only.
   */
  bindScheduler(scheduler: SchedulerBinding): this {
    this.env('SCHEDULER_GROUP', scheduler.group.scheduleGroupName);
    this.env('SCHEDULER_ROLE_ARN', scheduler.role.roleArn);
    this.env('DISPATCH_TARGET_ARN', scheduler.targetArn);
    this.env('SCHEDULER_DLQ_ARN', scheduler.deadLetterQueue.queueArn);
    this.fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [
          'scheduler:GetSchedule',
          'scheduler:CreateSchedule',
          'scheduler:UpdateSchedule',
          'scheduler:DeleteSchedule',
        ],
        resources: [
          Stack.of(this).formatArn({
            service: 'scheduler',
            resource: 'schedule',
            resourceName: `${scheduler.group.scheduleGroupName}/*`,
          }),
        ],
      }),
    );
    this.fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['iam:PassRole'],
        resources: [scheduler.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    return this;
  }
}
