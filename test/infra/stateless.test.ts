import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { stageNames } from '../../infra/config';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../infra/constructs/function-bindings';
import { committedOpenApiDocument } from '../../infra/openapi-document';
import { STREAM_RETRY_ATTEMPTS } from '../../infra/stacks/stateless/event-routing';
import {
  configReaders,
  MissingConfiguration,
  readAdminApiConfig,
  readMailerConfig,
  readPublicApiConfig,
} from '../../shared/config/env';
import {
  deployedEnvOf,
  type FunctionName,
  functionEnvironment,
  functionNames,
  LOCAL_ONLY_ENV,
} from '../../shared/config/env-catalogue';
import { routingRules } from '../../shared/events/routing';
import { allRoutes, routeKey } from '../../shared/http/route-specs';
import {
  type CfnResource,
  projectFunctions,
  resourcesOfType,
  SYNTH_TIMEOUT_MS,
  type SynthesizedStage,
  synthStage,
} from './support';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };

const statements = (synth: SynthesizedStage): Statement[] =>
  Object.values({
    ...resourcesOfType(synth.stateless, 'AWS::IAM::Policy'),
    ...resourcesOfType(synth.stateless, 'AWS::IAM::Role'),
  }).flatMap((r) => {
    const props = r.Properties ?? {};
    const inline = (props.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? [];
    const doc = props.PolicyDocument as { Statement: Statement[] } | undefined;
    return [...(doc?.Statement ?? []), ...inline.flatMap((p) => p.PolicyDocument.Statement)];
  });

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
const ref = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

describe.each(stageNames)('stateless stack, stage %s', (stage) => {
  let synth: SynthesizedStage;
  let functions: Record<string, CfnResource>;
  beforeAll(() => {
    synth = synthStage(stage, { bundle: false });
    functions = projectFunctions(synth);
  }, SYNTH_TIMEOUT_MS);

  /** The variables the template gives function `name`; values are CloudFormation expressions, only presence counts. */
  const deployedEnv = (name: FunctionName): NodeJS.ProcessEnv => {
    const fn = synth.stacks.stateless.functions[name].fn;
    const logicalId = synth.stacks.stateless.getLogicalId(fn.node.defaultChild as CfnFunction);
    const resource = functions[logicalId];
    if (!resource) throw new Error(`no function ${name} (${logicalId})`);
    const vars = (resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    return Object.fromEntries(Object.keys(vars).map((k) => [k, '1']));
  };

  it('runs every function on arm64, Node.js 24, with X-Ray tracing and source maps', () => {
    expect(Object.keys(functions)).toHaveLength(9);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties).toMatchObject({
        Architectures: ['arm64'],
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: expect.anything() },
        Environment: { Variables: expect.objectContaining({ NODE_OPTIONS: '--enable-source-maps', STAGE: stage }) },
      });
    }
  });

  it('gives every function its own log group with the stage retention', () => {
    const groups = resourcesOfType(synth.stateless, 'AWS::Logs::LogGroup');
    for (const fn of Object.values(functions)) {
      const groupRef = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      const group = groups[groupRef];
      expect(group?.Properties.RetentionInDays).toBe(synth.config.retention.logRetentionDays);
      expect(group?.DeletionPolicy).toBe(stage === 'prod' ? 'Retain' : 'Delete');
    }
  });

  it('creates a route for every route spec, with the JWT authorizer exactly on organiser routes', () => {
    const routes = Object.values(resourcesOfType(synth.stateless, 'AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(allRoutes().map(routeKey).sort());
    for (const spec of allRoutes()) {
      const route = routes.find((r) => r.Properties.RouteKey === routeKey(spec));
      expect(route?.Properties.AuthorizationType ?? 'NONE').toBe(spec.auth === 'organiser' ? 'JWT' : 'NONE');
    }
  });

  it('sets stage throttling, a tighter limit on the public write routes, and JSON access logs', () => {
    const { throttling } = synth.config;
    const writes = allRoutes().filter((r) => r.auth === 'none' && r.method !== 'GET');
    expect(writes.length).toBeGreaterThan(0);
    synth.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: throttling.rateLimit, ThrottlingBurstLimit: throttling.burstLimit },
      RouteSettings: Object.fromEntries(
        writes.map((r) => [
          routeKey(r),
          {
            ThrottlingRateLimit: throttling.publicWriteRateLimit,
            ThrottlingBurstLimit: throttling.publicWriteBurstLimit,
          },
        ]),
      ),
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('"routeKey":"\\$context.routeKey"'),
      },
    });
  });

  it('limits CORS to the configured origins', () => {
    synth.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({ AllowOrigins: synth.config.corsAllowedOrigins }),
    });
  });

  it('has an organiser user pool with an organisers group, MFA and no self sign-up', () => {
    synth.stateless.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      DeletionProtection: stage === 'prod' ? 'ACTIVE' : 'INACTIVE',
    });
    synth.stateless.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'organisers' });
    synth.stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false });
  });

  it('publishes both table streams with bisecting, bounded retries and an on-failure DLQ', () => {
    const mappings = Object.values(resourcesOfType(synth.stateless, 'AWS::Lambda::EventSourceMapping'));
    const streamMappings = mappings.filter((m) => m.Properties.StartingPosition !== undefined);
    expect(streamMappings).toHaveLength(2);
    for (const m of streamMappings) {
      expect(m.Properties).toMatchObject({
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: STREAM_RETRY_ATTEMPTS,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
    }
    const streamSources = streamMappings.map((m) => JSON.stringify(m.Properties.EventSourceArn));
    expect(streamSources.some((s) => s.includes('Sessions'))).toBe(true);
    expect(streamSources.some((s) => s.includes('Registrations'))).toBe(true);
  });

  it('feeds the mailer from the mail queue and the placement consumer from the placement queue, with partial batch failures', () => {
    const mappings = Object.values(resourcesOfType(synth.stateless, 'AWS::Lambda::EventSourceMapping'));
    const sqs = mappings.filter((m) => m.Properties.StartingPosition === undefined);
    const sourceOf = (fn: string) => {
      const m = sqs.find((x) => JSON.stringify(x.Properties.FunctionName).includes(fn));
      return m?.Properties;
    };
    expect(sqs).toHaveLength(2);
    for (const m of sqs) expect(m.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(JSON.stringify(sourceOf('MailerFunction')?.EventSourceArn)).toContain('MailQueue');
    // FIFO: at most ten per batch and no batching window (the API is waiting for the outcome).
    const placement = sourceOf('PlacementFunction');
    expect(JSON.stringify(placement?.EventSourceArn)).toContain('PlacementQueue');
    expect(placement).toMatchObject({ BatchSize: 10 });
    expect(placement?.MaximumBatchingWindowInSeconds).toBeUndefined();
  });

  it('places registrations through a FIFO queue that only the public API sends to', () => {
    const queues = resourcesOfType(synth.stateless, 'AWS::SQS::Queue');
    const [queueId, queue] = Object.entries(queues).find(([id]) => id.startsWith('PlacementQueue')) ?? [];
    const [dlqId, dlq] = Object.entries(queues).find(([id]) => id.startsWith('PlacementDlq')) ?? [];
    expect(queue?.Properties).toMatchObject({ FifoQueue: true, MessageRetentionPeriod: 3600 });
    expect(queue?.Properties.RedrivePolicy).toMatchObject({ deadLetterTargetArn: ref(dlqId ?? 'missing') });
    expect(dlq?.Properties).toMatchObject({ FifoQueue: true });
    // The consumer's visibility timeout is six times its timeout.
    const consumer = Object.values(functions).find((f) =>
      JSON.stringify(f.Properties.Description ?? '').includes('queued registrations'),
    );
    expect(queue?.Properties.VisibilityTimeout).toBe(6 * Number(consumer?.Properties.Timeout));
    const env = (f: (typeof functions)[string]) =>
      (f.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const senders = Object.entries(functions).filter(([, f]) => env(f).PLACEMENT_QUEUE_URL !== undefined);
    expect(senders.map(([id]) => id.replace(/Function.*$/, ''))).toEqual(['PublicApi']);
    expect(env(senders[0]?.[1] as (typeof functions)[string]).PLACEMENT_QUEUE_URL).toEqual({ Ref: queueId });
    const sends = JSON.stringify(
      Object.values(resourcesOfType(synth.stateless, 'AWS::IAM::Policy')).filter((p) =>
        JSON.stringify(p.Properties.PolicyDocument).includes(`"${queueId}"`),
      ),
    );
    expect(sends).toContain('sqs:SendMessage');
  });

  it('gives every queue a DLQ, and every DLQ an alarm that notifies the alarm topic', () => {
    const queues = resourcesOfType(synth.stateless, 'AWS::SQS::Queue');
    const alarms = Object.values(resourcesOfType(synth.stateless, 'AWS::CloudWatch::Alarm'));
    const alarmedQueues = new Set(
      alarms.flatMap((a) =>
        ((a.Properties.Dimensions as { Name: string; Value: { 'Fn::GetAtt': [string, string] } }[]) ?? [])
          .filter((d) => d.Name === 'QueueName')
          .map((d) => d.Value['Fn::GetAtt'][0]),
      ),
    );
    // Where a DLQ can be wired in: redrive policies, event source and async-invoke destinations,
    // rule target DLQs, and the scheduler DLQ the planner is told about.
    const wiring = JSON.stringify([
      ...Object.values(queues).map((q) => q.Properties.RedrivePolicy),
      ...Object.values(resourcesOfType(synth.stateless, 'AWS::Lambda::EventSourceMapping')).map(
        (m) => m.Properties.DestinationConfig,
      ),
      ...Object.values(resourcesOfType(synth.stateless, 'AWS::Lambda::EventInvokeConfig')).map(
        (c) => c.Properties.DestinationConfig,
      ),
      ...Object.values(resourcesOfType(synth.stateless, 'AWS::Events::Rule')).flatMap((r) =>
        (r.Properties.Targets as { DeadLetterConfig?: unknown }[]).map((t) => t.DeadLetterConfig),
      ),
      ...Object.values(functions).map(
        (f) => (f.Properties.Environment as { Variables: Record<string, unknown> }).Variables.SCHEDULER_DLQ_ARN,
      ),
    ]);
    const dlqs = Object.keys(queues).filter((id) => id.includes('Dlq'));
    const mailDlq = dlqs.find((d) => d.startsWith('MailDlq'));
    const placementDlq = dlqs.find((d) => d.startsWith('PlacementDlq'));
    expect(dlqs).toHaveLength(6);
    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      if (dlqs.includes(id)) {
        expect(alarmedQueues.has(id), `${id} has an alarm`).toBe(true);
        expect(wiring.includes(`"${id}"`), `${id} is wired as a dead-letter queue`).toBe(true);
      } else {
        expect(queue.Properties.RedrivePolicy, `${id} has a DLQ`).toMatchObject({
          deadLetterTargetArn: ref((id.startsWith('PlacementQueue') ? placementDlq : mailDlq) ?? 'missing'),
        });
      }
    }
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      expect((alarm.Properties.AlarmActions as unknown[]).length).toBe(1);
    }
  });

  it('alarms on the errors of every function', () => {
    const alarms = Object.values(resourcesOfType(synth.stateless, 'AWS::CloudWatch::Alarm'));
    const errorAlarms = alarms.filter((a) => a.Properties.MetricName === 'Errors');
    const alarmedFunctions = errorAlarms.flatMap((a) =>
      (a.Properties.Dimensions as { Value: { Ref: string } }[]).map((d) => d.Value.Ref),
    );
    expect(alarmedFunctions.sort()).toEqual(Object.keys(functions).sort());
  });

  it('subscribes the alarm email only when one is configured', () => {
    synth.stateless.resourceCountIs('AWS::SNS::Topic', 1);
    synth.stateless.resourceCountIs('AWS::SNS::Subscription', synth.config.alarmEmail ? 1 : 0);
  });

  it('creates one bus rule per routing rule, each with a dead-letter queue', () => {
    const rules = Object.values(resourcesOfType(synth.stateless, 'AWS::Events::Rule'));
    for (const rule of routingRules) {
      const found = rules.find((r) => r.Properties.Description === rule.description);
      expect(found, rule.name).toBeDefined();
      expect(found?.Properties.EventPattern).toEqual({
        source: rule.eventPattern.source,
        'detail-type': rule.eventPattern['detail-type'],
      });
      const targets = found?.Properties.Targets as { Arn: unknown; DeadLetterConfig?: unknown }[];
      expect(targets).toHaveLength(1);
      expect(targets[0]?.DeadLetterConfig).toEqual({ Arn: expect.anything() });
      expect(JSON.stringify(targets[0]?.Arn)).toMatch(rule.target === 'mail-queue' ? /MailQueue/ : /Planner/);
    }
    // Plus the forwarder of SES feedback from the default bus, and the daily retention job.
    expect(rules).toHaveLength(routingRules.length + 2);
  });

  it('runs the retention job daily, with a dead-letter queue, reading sessions and writing registrations', () => {
    const rules = Object.values(resourcesOfType(synth.stateless, 'AWS::Events::Rule'));
    const daily = rules.find((r) => r.Properties.ScheduleExpression === 'cron(15 3 * * ? *)');
    const retentionId = Object.keys(functions).find((id) => id.startsWith('Retention'));
    expect(retentionId).toBeDefined();
    const targets = daily?.Properties.Targets as { Arn: unknown; DeadLetterConfig?: unknown }[];
    expect(targets).toHaveLength(1);
    expect(targets[0]?.Arn).toEqual(ref(retentionId ?? 'missing'));
    expect(targets[0]?.DeadLetterConfig).toEqual({ Arn: expect.anything() });
    const env = (functions[retentionId ?? ''] as CfnResource).Properties.Environment as {
      Variables: Record<string, unknown>;
    };
    expect(Object.keys(env.Variables)).toEqual(expect.arrayContaining(['SESSIONS_TABLE', 'REGISTRATIONS_TABLE']));
  });

  it('grants SES, Scheduler and PassRole only on named resources', () => {
    const all = statements(synth);
    const sensitive = all.filter((s) =>
      actionsOf(s).some((a) => a.startsWith('ses:') || a.startsWith('scheduler:') || a === 'iam:PassRole'),
    );
    expect(sensitive.length).toBeGreaterThanOrEqual(3);
    for (const s of sensitive) {
      expect(resourcesOf(s)).not.toContain('*');
      expect(JSON.stringify(s.Resource)).not.toMatch(/"\*"/);
    }
    const ses = sensitive.find((s) => actionsOf(s).includes('ses:SendRawEmail'));
    expect(resourcesOf(ses as Statement)).toHaveLength(2);
    const passRole = sensitive.find((s) => actionsOf(s).includes('iam:PassRole'));
    expect(passRole?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
  });

  it('lets EventBridge Scheduler invoke only the dispatcher', () => {
    synth.stateless.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: Match.anyValue() }),
        ],
      },
    });
    const invoke = statements(synth).filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
    expect(invoke).toHaveLength(1);
    expect(JSON.stringify(invoke[0]?.Resource)).toMatch(/Dispatcher/);
    synth.stateless.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: `stadsgesprekken-${stage}` });
  });

  it('gives every function the environment variables its role needs', () => {
    const env = (prefix: string) => {
      const entry = Object.entries(functions).find(([id]) => id.startsWith(prefix));
      if (!entry) throw new Error(`no function ${prefix}`);
      return Object.keys((entry[1].Properties.Environment as { Variables: object }).Variables).sort();
    };
    expect(env('PublicApi')).toEqual(
      expect.arrayContaining(['SESSIONS_TABLE', 'REGISTRATIONS_TABLE', 'PUBLIC_BASE_URL']),
    );
    expect(env('StreamPublisher')).toContain('EVENT_BUS_NAME');
    expect(env('Mailer')).toEqual(expect.arrayContaining(['MAIL_FROM', 'SES_CONFIGURATION_SET', 'UID_DOMAIN']));
    expect(env('Dispatcher')).toContain('MAIL_QUEUE_URL');
    expect(env('Planner')).toEqual(
      expect.arrayContaining(['SCHEDULER_GROUP', 'SCHEDULER_ROLE_ARN', 'DISPATCH_TARGET_ARN', 'SCHEDULER_DLQ_ARN']),
    );
  });

  it('provides every variable the start-up configuration of each handler requires', () => {
    const envOf = (prefix: string): NodeJS.ProcessEnv => {
      const entry = Object.entries(functions).find(([id]) => id.startsWith(prefix));
      if (!entry) throw new Error(`no function ${prefix}`);
      const vars = (entry[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      // Values are CloudFormation expressions here; only their presence matters to the readers.
      return Object.fromEntries(Object.keys(vars).map((k) => [k, '1']));
    };
    expect(() => readPublicApiConfig(envOf('PublicApi'))).not.toThrow();
    expect(() => readMailerConfig(envOf('Mailer'))).not.toThrow();
    expect(() => readAdminApiConfig(envOf('AdminApi'))).not.toThrow();
    expect(envOf('StreamPublisher')).toHaveProperty('EVENT_BUS_NAME');
    for (const name of functionNames) {
      expect(() => configReaders[name](deployedEnv(name)), name).not.toThrow();
    }
  });

  it('sets on each function exactly the variables its catalogue entry lets it read, never a local override', () => {
    for (const name of functionNames) {
      const set = Object.keys(deployedEnv(name));
      const { required } = functionEnvironment[name];
      expect(set, name).toEqual(expect.arrayContaining([...required]));
      for (const variable of set) expect(deployedEnvOf(name), `${name} sets ${variable}`).toContain(variable);
      for (const local of LOCAL_ONLY_ENV) expect(set, name).not.toContain(local);
    }
  });

  it('fails each reader, naming the variable, when one its catalogue calls required is missing (control)', () => {
    for (const name of functionNames) {
      for (const variable of functionEnvironment[name].required) {
        const { [variable]: _removed, ...rest } = deployedEnv(name);
        expect(() => configReaders[name](rest), `${name} without ${variable}`).toThrow(MissingConfiguration);
        expect(() => configReaders[name](rest), `${name} without ${variable}`).toThrow(variable);
      }
    }
  });

  it('lets the planner manage schedules only in the stage group and the dispatcher only read, enqueue and release holds', () => {
    const policyOf = (prefix: string) =>
      Object.entries(resourcesOfType(synth.stateless, 'AWS::IAM::Policy'))
        .filter(([id]) => id.startsWith(prefix))
        .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    const planner = policyOf('Planner');
    const scheduler = planner.filter((s) => actionsOf(s).some((a) => a.startsWith('scheduler:')));
    expect(scheduler).toHaveLength(1);
    expect(actionsOf(scheduler[0] as Statement).sort()).toEqual([
      'scheduler:CreateSchedule',
      'scheduler:DeleteSchedule',
      'scheduler:GetSchedule',
      'scheduler:UpdateSchedule',
    ]);
    // The only wildcard is the schedules of this stage's group.
    expect(JSON.stringify(scheduler[0]?.Resource)).toContain(`:schedule/stadsgesprekken-${stage}/*`);
    // X-Ray's PutTraceSegments has no resource-level permissions: its '*' is the only other one.
    for (const s of planner.filter((s) => !actionsOf(s).every((a) => a.startsWith('xray:')))) {
      expect(actionsOf(s).some((a) => a.endsWith(':*') || a === '*')).toBe(false);
      expect(resourcesOf(s)).not.toContain('*');
    }
    const dispatcher = policyOf('Dispatcher');
    const dispatcherActions = dispatcher.flatMap(actionsOf);
    expect(dispatcherActions).toEqual(expect.arrayContaining(['sqs:SendMessage', 'dynamodb:Query']));
    expect(dispatcherActions.filter((a) => a.startsWith('scheduler:') || a.startsWith('ses:'))).toEqual([]);
    // It writes only to release an expired hold (a transaction on the two tables), never schedules or mail.
    expect(dispatcherActions).toEqual(expect.arrayContaining(['dynamodb:UpdateItem']));
  });

  it('lets public-documents only read both tables and their indexes, and of the secrets only the origin secret (control: public-api writes)', () => {
    const policyOf = (prefix: string) =>
      Object.entries(resourcesOfType(synth.stateless, 'AWS::IAM::Policy'))
        .filter(([id]) => id.startsWith(prefix))
        .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    const dynamo = (prefix: string) =>
      policyOf(prefix).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    const documents = dynamo('PublicDocuments');
    // One read statement per table: the sessions table and the registrations table (the person feed).
    expect(documents).toHaveLength(2);
    for (const s of documents) expect(actionsOf(s).sort()).toEqual([...TABLE_READ_ACTIONS].sort());
    const resources = JSON.stringify(documents.map(resourcesOf));
    expect(resources).toMatch(/SessionsTable/);
    expect(resources).toMatch(/RegistrationsTable/);
    expect(resources).toMatch(/\/index\/byEmail/);
    expect(resources).not.toMatch(/index\/\*/);
    // The origin check's secret, and no other (never the manage-token key).
    const secrets = policyOf('PublicDocuments').filter((st) =>
      actionsOf(st).some((a) => a.startsWith('secretsmanager:')),
    );
    expect(secrets).toHaveLength(1);
    expect(JSON.stringify(secrets.map(resourcesOf))).toMatch(/ApiOriginSecret/);
    expect(JSON.stringify(secrets.map(resourcesOf))).not.toMatch(/ManageToken/i);
    const writes = (prefix: string) =>
      dynamo(prefix)
        .flatMap(actionsOf)
        .filter((a) => (TABLE_WRITE_ACTIONS as readonly string[]).includes(a));
    expect(writes('PublicDocuments')).toEqual([]);
    expect(writes('PublicApi').length).toBeGreaterThan(0);
  });

  it('sets on public-api none of the calendar settings it no longer reads', () => {
    const entry = Object.entries(functions).find(([id]) => id.startsWith('PublicApi'));
    if (!entry) throw new Error('no public-api');
    const vars = Object.keys((entry[1].Properties.Environment as { Variables: object }).Variables);
    for (const name of ['UID_DOMAIN', 'MAIL_FROM', 'ORGANISER_NAME', 'PUBLIC_API_URL'])
      expect(vars).not.toContain(name);
  });

  it('caps the mailers so that rate × concurrency stays within the SES quota', () => {
    const mailerEntry = Object.entries(functions).find(([id]) => id.startsWith('Mailer'));
    if (!mailerEntry) throw new Error('no mailer');
    const vars = (mailerEntry[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const rate = Number(vars.MAIL_SEND_RATE);
    expect(rate).toBe(synth.config.mail.sendRatePerSecond);
    expect(vars.PUBLIC_API_URL).toBeDefined();
    const mappings = Object.values(resourcesOfType(synth.stateless, 'AWS::Lambda::EventSourceMapping')).filter(
      (m) => (m.Properties.ScalingConfig as { MaximumConcurrency?: number } | undefined)?.MaximumConcurrency,
    );
    expect(mappings).toHaveLength(1);
    const [mapping] = mappings;
    if (!mapping) throw new Error('no mapping');
    const concurrency = (mapping.Properties.ScalingConfig as { MaximumConcurrency: number }).MaximumConcurrency;
    expect(concurrency).toBe(synth.config.mail.maxConcurrency);
    expect(rate * concurrency).toBeLessThanOrEqual(synth.config.mail.sesMaxSendRate);
  });

  it('outputs the API URL, user pool id and client id', () => {
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId']) synth.stateless.hasOutput(name, {});
  });
});

// Bundling is the same for every stage and the slow part of synthesis: done once, for dev.
describe('function bundles', () => {
  let synth: SynthesizedStage;
  let functions: Record<string, CfnResource>;
  beforeAll(() => {
    synth = synthStage('dev');
    functions = projectFunctions(synth);
  }, SYNTH_TIMEOUT_MS);

  it('bundles every function with esbuild as a minified ESM file with a require shim and a source map', () => {
    const assets = Object.values(functions).map((fn) => {
      const code = fn.Properties.Code as { S3Key: string };
      return code.S3Key.replace(/\.zip$/, '');
    });
    for (const hash of assets) {
      const dir = join(synth.outdir, `asset.${hash}`);
      const bundle = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(bundle.startsWith("import { createRequire as __bundleCreateRequire } from 'node:module'")).toBe(true);
      expect(bundle).toMatch(/export\s*\{[^}]*as handler\s*\}|export\s*\{\s*\w+\s+as\s+handler\s*\}/);
      expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    }
  });

  it('puts the generated OpenAPI document beside the public-documents bundle, and in no other package', () => {
    const assetOf = (name: keyof typeof synth.stacks.stateless.functions) => {
      const fn = synth.stacks.stateless.functions[name].fn;
      const id = synth.stacks.stateless.getLogicalId(fn.node.defaultChild as CfnFunction);
      const code = (functions[id] as CfnResource).Properties.Code as { S3Key: string };
      return join(synth.outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    };
    const served = readFileSync(join(assetOf('public-documents'), 'openapi.json'), 'utf8');
    expect(served).toBe(committedOpenApiDocument());
    expect(existsSync(join(assetOf('public-api'), 'openapi.json'))).toBe(false);
  });
});

describe('organiser routes', () => {
  const organiserRoutes = allRoutes().filter((r) => r.auth === 'organiser');
  let synth: SynthesizedStage;
  beforeAll(() => {
    synth = synthStage('dev', { bundle: false });
  }, SYNTH_TIMEOUT_MS);

  it('sit behind the Cognito JWT authorizer with the app client as audience', () => {
    expect(organiserRoutes.length).toBeGreaterThan(0);
    for (const route of organiserRoutes) {
      synth.stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey(route),
        AuthorizationType: 'JWT',
        AuthorizerId: Match.anyValue(),
      });
    }
    synth.stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
    const routes = Object.values(resourcesOfType(synth.stateless, 'AWS::ApiGatewayV2::Route'));
    expect(routes.filter((r) => r.Properties.AuthorizationType === 'JWT')).toHaveLength(organiserRoutes.length);
  });
});
