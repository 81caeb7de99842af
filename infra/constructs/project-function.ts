import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Effect, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { Charset, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TableSpec } from '../../shared/adapters/dynamodb/table-specs';
import { esbuildTarget, esmRequireBanner, functionEntry, lockFile, mainFields, repoRoot } from '../bundling';
import type { StageConfig } from '../config';

/** Every environment variable a function may read. The handlers check them once at start-up. */
export type FunctionEnvName =
  | 'STAGE'
  | 'SESSIONS_TABLE'
  | 'REGISTRATIONS_TABLE'
  | 'EVENT_BUS_NAME'
  | 'MAIL_QUEUE_URL'
  | 'PUBLIC_BASE_URL'
  | 'MAIL_FROM'
  | 'SES_CONFIGURATION_SET'
  | 'UID_DOMAIN'
  | 'MANAGE_TOKEN_SECRET'
  | 'ORGANISER_NAME'
  | 'SCHEDULER_GROUP'
  | 'SCHEDULER_ROLE_ARN'
  | 'SCHEDULER_DLQ_ARN'
  | 'DISPATCH_TARGET_ARN'
  | 'MAIL_SEND_RATE'
  | 'PUBLIC_API_URL';

const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export type FunctionName =
  | 'public-api'
  | 'admin-api'
  | 'stream-publisher'
  | 'mailer'
  | 'planner'
  | 'dispatcher'
  | 'retention';

/** Node.js runtime of every function; keep in step with NODE_MAJOR in infra/bundling.ts. */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

export interface ProjectFunctionProps {
  /** Folder under functions/ holding handler.ts, which exports `handler`. */
  name: FunctionName;
  description: string;
  config: StageConfig;
  /** @default 512 */
  memorySize?: number;
  /** @default 10 seconds */
  timeout?: Duration;
}

export interface SesSending {
  identityArn: string;
  configurationSetName: string;
  configurationSetArn: string;
  from: string;
}

export interface SchedulerBinding {
  group: IScheduleGroup;
  /** The role EventBridge Scheduler assumes to invoke the target. */
  role: IRole;
  targetArn: string;
  deadLetterQueue: IQueue;
}

/**
 * The project's Lambda function: arm64, Node.js 24, an ESM bundle built locally by esbuild (AWS SDK
 * included), minified with source maps, JSON logs into its own log group with the stage's
 * retention, X-Ray tracing. The bind helpers set an environment variable and grant the matching
 * permission in one call, so neither can be forgotten.
 */
export class ProjectFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly functionName: FunctionName;

  constructor(scope: Construct, id: string, props: ProjectFunctionProps) {
    super(scope, id);
    const { config } = props;
    this.functionName = props.name;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: config.retention.logRetentionDays,
      removalPolicy: config.retention.removal === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.fn = new NodejsFunction(this, 'Function', {
      description: props.description,
      entry: functionEntry(props.name),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: lockFile,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
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
        externalModules: [],
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
      },
    });
  }

  /** Sets a plain configuration value. */
  setEnv(name: FunctionEnvName, value: string): this {
    this.fn.addEnvironment(name, value);
    return this;
  }

  /**
   * Table name in `envName`, and read or read/write data access to the table and to exactly the
   * indexes its spec declares (no `index/*` wildcard). Transactions need no extra action: DynamoDB
   * checks each item's Put/Update/Delete/ConditionCheck permission.
   */
  bindTable(
    envName: 'SESSIONS_TABLE' | 'REGISTRATIONS_TABLE',
    table: ITable,
    spec: TableSpec,
    access: 'read' | 'write',
  ): this {
    this.setEnv(envName, table.tableName);
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

  /** EVENT_BUS_NAME, and events:PutEvents on that bus only. */
  bindEventBus(bus: IEventBus): this {
    this.setEnv('EVENT_BUS_NAME', bus.eventBusName);
    bus.grantPutEventsTo(this.fn);
    return this;
  }

  /** MAIL_QUEUE_URL, and permission to send to that queue only. */
  bindMailQueue(queue: IQueue): this {
    this.setEnv('MAIL_QUEUE_URL', queue.queueUrl);
    queue.grantSendMessages(this.fn);
    return this;
  }

  /** MAIL_FROM and SES_CONFIGURATION_SET, and ses:SendRawEmail on the identity and configuration set only. */
  bindSesSending(ses: SesSending): this {
    this.setEnv('MAIL_FROM', ses.from);
    this.setEnv('SES_CONFIGURATION_SET', ses.configurationSetName);
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
    this.setEnv('SCHEDULER_GROUP', scheduler.group.scheduleGroupName);
    this.setEnv('SCHEDULER_ROLE_ARN', scheduler.role.roleArn);
    this.setEnv('DISPATCH_TARGET_ARN', scheduler.targetArn);
    this.setEnv('SCHEDULER_DLQ_ARN', scheduler.deadLetterQueue.queueArn);
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
