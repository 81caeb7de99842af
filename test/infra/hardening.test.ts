import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { stageNames } from '../../infra/config';
import { ERROR_LOG_METRIC } from '../../infra/constructs/alarms';
import type { FunctionName } from '../../shared/config/env-catalogue';
import { ORIGIN_VERIFY_HEADER } from '../../shared/config/origin-header';
import { projectFunctions, resourcesOfType, SYNTH_TIMEOUT_MS, type SynthesizedStage, synthStage } from './support';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
type Origin = { Id: string; DomainName: unknown; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] };
type PolicyResource = { Properties: { PolicyDocument: { Statement: Statement[] }; Roles: { Ref: string }[] } };

const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
const policies = (synth: SynthesizedStage): PolicyResource[] =>
  Object.values(resourcesOfType(synth.stateless, 'AWS::IAM::Policy')) as unknown as PolicyResource[];

/** The findings of the security review (issue 18) that the templates must keep fixed. */
describe.each(stageNames)('hardening of the stateless stack, stage %s', (stage) => {
  let synth: SynthesizedStage;
  beforeAll(() => {
    synth = synthStage(stage, { bundle: false });
  }, SYNTH_TIMEOUT_MS);

  const logicalIdOf = (name: FunctionName, part: 'fn' | 'role' | 'logGroup') => {
    const f = synth.stacks.stateless.functions[name];
    const construct = part === 'fn' ? f.fn : part === 'role' ? f.role : f.logGroup;
    return synth.stacks.stateless.getLogicalId(construct.node.defaultChild as CfnFunction);
  };
  const policiesOfRole = (roleId: string): Statement[] =>
    policies(synth)
      .filter((p) => p.Properties.Roles.some((r) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);

  it('puts the manage-token key in no function environment: three functions get its ARN and fetch it', () => {
    // The project's own functions: CDK's upload helper for the site carries no environment.
    const functions = projectFunctions(synth);
    for (const fn of Object.values(functions)) {
      expect(JSON.stringify(fn.Properties.Environment ?? {})).not.toContain('{{resolve:secretsmanager');
      expect(Object.keys((fn.Properties.Environment as { Variables: object }).Variables)).not.toContain(
        'MANAGE_TOKEN_SECRET',
      );
    }
    const withArn = Object.entries(functions)
      .filter(([, fn]) => 'MANAGE_TOKEN_SECRET_ARN' in (fn.Properties.Environment as { Variables: object }).Variables)
      .map(([id]) => id)
      .sort();
    // The admin API verifies check-in codes and derives walk-ins' manage links with the same key.
    expect(withArn).toEqual(
      [logicalIdOf('admin-api', 'fn'), logicalIdOf('mailer', 'fn'), logicalIdOf('public-api', 'fn')].sort(),
    );
  });

  it('grants GetSecretValue to the public API, document, organiser API and mailer roles only, one secret a statement', () => {
    const granted = policies(synth)
      .filter((p) =>
        p.Properties.PolicyDocument.Statement.some((s) => list(s.Action).some((a) => a.startsWith('secretsmanager:'))),
      )
      .flatMap((p) => p.Properties.Roles.map((r) => r.Ref))
      .sort();
    expect(granted).toEqual(
      [
        logicalIdOf('admin-api', 'role'),
        logicalIdOf('mailer', 'role'),
        logicalIdOf('public-api', 'role'),
        logicalIdOf('public-documents', 'role'),
      ].sort(),
    );
    // The manage-token key and the origin secret (tests below), each in a statement of its own.
    const expected = {
      'public-api': { key: 1, origin: 1 },
      'admin-api': { key: 1, origin: 1 },
      mailer: { key: 1, origin: 0 },
      'public-documents': { key: 0, origin: 1 },
    } as const;
    for (const [name, counts] of Object.entries(expected) as [
      keyof typeof expected,
      { key: number; origin: number },
    ][]) {
      const secretStatements = policiesOfRole(logicalIdOf(name, 'role')).filter((s) =>
        list(s.Action).some((a) => a.startsWith('secretsmanager:')),
      );
      expect(secretStatements).toHaveLength(counts.key + counts.origin);
      for (const statement of secretStatements) {
        expect(list(statement.Action)).toEqual(['secretsmanager:GetSecretValue']);
        expect(list(statement.Resource)).toHaveLength(1);
      }
      const on = (pattern: RegExp) => secretStatements.filter((s) => pattern.test(JSON.stringify(s.Resource)));
      expect(on(/ManageTokenSecret/)).toHaveLength(counts.key);
      expect(on(/ApiOriginSecret/)).toHaveLength(counts.origin);
    }
  });

  it('writes no source IP or user agent into the API access log', () => {
    const [stageResource] = Object.values(resourcesOfType(synth.stateless, 'AWS::ApiGatewayV2::Stage'));
    const format = (stageResource?.Properties.AccessLogSettings as { Format: string } | undefined)?.Format ?? '';
    const fields = JSON.parse(format) as Record<string, string>;
    expect(Object.values(fields)).not.toContain('$context.identity.sourceIp');
    expect(Object.values(fields)).not.toContain('$context.identity.userAgent');
    expect(format).not.toMatch(/sourceIp|userAgent|identity\./);
    expect(Object.keys(fields).sort()).toEqual(
      [
        'authorizerError',
        'integrationError',
        'integrationLatency',
        'latency',
        'requestId',
        'responseLength',
        'routeKey',
        'status',
        'time',
      ].sort(),
    );
  });

  it('alarms on any 5xx answer of the API stage, notifying the alarm topic', () => {
    const alarms = Object.values(resourcesOfType(synth.stateless, 'AWS::CloudWatch::Alarm'));
    const serverErrors = alarms.filter((a) => a.Properties.MetricName === '5xx');
    expect(serverErrors).toHaveLength(1);
    const [alarm] = serverErrors as [(typeof alarms)[number]];
    expect(alarm.Properties).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: expect.stringMatching(/^AlarmsTopic/) }],
    });
    const dimensions = (alarm.Properties.Dimensions as { Name: string }[]).map((d) => d.Name).sort();
    expect(dimensions).toEqual(['ApiId', 'Stage']);
  });

  it("counts the ERROR lines of every function's log group and alarms on any", () => {
    const filters = Object.values(resourcesOfType(synth.stateless, 'AWS::Logs::MetricFilter'));
    const groups = filters.map((f) => (f.Properties.LogGroupName as { Ref: string }).Ref).sort();
    const names = Object.keys(synth.stacks.stateless.functions) as FunctionName[];
    expect(groups).toEqual(names.map((n) => logicalIdOf(n, 'logGroup')).sort());
    for (const f of filters) {
      expect(f.Properties.FilterPattern).toBe('{ $.level = "ERROR" }');
      expect(f.Properties.MetricTransformations).toEqual([
        expect.objectContaining({
          MetricNamespace: ERROR_LOG_METRIC.namespace,
          MetricName: ERROR_LOG_METRIC.metricName,
        }),
      ]);
    }
    const alarms = Object.values(resourcesOfType(synth.stateless, 'AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.MetricName === ERROR_LOG_METRIC.metricName,
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.Properties).toMatchObject({ Namespace: ERROR_LOG_METRIC.namespace, Threshold: 0 });
  });

  it('subscribes the alarm address in prod, which cannot go without one', () => {
    if (stage === 'prod') {
      synth.stateless.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: synth.config.alarmEmail,
      });
    }
    expect(stage !== 'prod' || synth.config.alarmEmail !== undefined).toBe(true);
  });

  it('lets each function write logs only to its own log group, with no managed policy', () => {
    const roles = resourcesOfType(synth.stateless, 'AWS::IAM::Role');
    for (const name of Object.keys(synth.stacks.stateless.functions) as FunctionName[]) {
      const roleId = logicalIdOf(name, 'role');
      expect(roles[roleId]?.Properties.ManagedPolicyArns, name).toBeUndefined();
      const logs = policiesOfRole(roleId).filter((s) => list(s.Action).some((a) => a.startsWith('logs:')));
      expect(logs, name).toHaveLength(1);
      expect(list((logs[0] as Statement).Action).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect((logs[0] as Statement).Resource).toEqual({ 'Fn::GetAtt': [logicalIdOf(name, 'logGroup'), 'Arn'] });
    }
  });

  it('has "*" as a resource only in the X-Ray statement of each function', () => {
    // The project's functions' roles; CDK's site-upload helper needs CloudFront invalidations on "*"
    // (acknowledged with the hosting section's reasons).
    const roleIds = new Set(
      (Object.keys(synth.stacks.stateless.functions) as FunctionName[]).map((name) => logicalIdOf(name, 'role')),
    );
    const wildcard = policies(synth)
      .filter((p) => p.Properties.Roles.some((r) => roleIds.has(r.Ref)))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s) => list(s.Resource).includes('*'));
    expect(wildcard.length).toBeGreaterThan(0);
    for (const s of wildcard)
      expect(list(s.Action).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  // The execute-api endpoint is no way around the distribution and its WAF (docs/security.md).
  const secretId = () => {
    const ids = Object.keys(resourcesOfType(synth.stateless, 'AWS::SecretsManager::Secret')).filter((id) =>
      id.startsWith('ApiOriginSecret'),
    );
    expect(ids).toHaveLength(1);
    return ids[0] as string;
  };

  it('sends x-origin-verify from the secret, as a dynamic reference, on the API origin alone', () => {
    const distributions = Object.values(resourcesOfType(synth.stateless, 'AWS::CloudFront::Distribution'));
    expect(distributions).toHaveLength(1);
    const origins =
      (distributions[0]?.Properties.DistributionConfig as { Origins: Origin[] } | undefined)?.Origins ?? [];
    const withHeader = origins.filter((o) => o.OriginCustomHeaders?.some((h) => h.HeaderName === ORIGIN_VERIFY_HEADER));
    expect(withHeader).toHaveLength(1);
    const [api] = withHeader as [Origin];
    expect(JSON.stringify(api.DomainName)).toContain('execute-api');
    const value = JSON.stringify(api.OriginCustomHeaders?.find((h) => h.HeaderName === ORIGIN_VERIFY_HEADER));
    expect(value).toContain('{{resolve:secretsmanager:');
    expect(value).toContain(secretId());
  });

  it('gives the secret ARN to the three functions behind the HTTP API only, and its value to none', () => {
    const functions = projectFunctions(synth);
    const withArn = Object.entries(functions)
      .filter(([, fn]) => 'ORIGIN_SECRET_ARN' in (fn.Properties.Environment as { Variables: object }).Variables)
      .map(([id]) => id)
      .sort();
    const id = (name: 'public-api' | 'public-documents' | 'admin-api') =>
      synth.stacks.stateless.getLogicalId(synth.stacks.stateless.functions[name].fn.node.defaultChild as never);
    expect(withArn).toEqual([id('admin-api'), id('public-api'), id('public-documents')].sort());
    for (const [, fn] of Object.entries(functions)) {
      const env = JSON.stringify(fn.Properties.Environment);
      expect(env).not.toContain('{{resolve:secretsmanager');
      if (env.includes('ORIGIN_SECRET_ARN')) expect(env).toContain(secretId());
    }
  });

  it('routes every document path (calendar files, the person feed, openapi.json) through the header-carrying origin', () => {
    const [distribution] = Object.values(resourcesOfType(synth.stateless, 'AWS::CloudFront::Distribution'));
    const config = distribution?.Properties.DistributionConfig as {
      Origins: Origin[];
      DefaultCacheBehavior: { TargetOriginId: string };
      CacheBehaviors: { PathPattern: string; TargetOriginId: string }[];
    };
    const apiOrigin = config.Origins.find((o) =>
      o.OriginCustomHeaders?.some((h) => h.HeaderName === ORIGIN_VERIFY_HEADER),
    );
    expect(apiOrigin).toBeDefined();
    // CloudFront takes the first behaviour in the list whose pattern matches, the default last.
    const glob = (pattern: string) => {
      const escaped = pattern.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
      return new RegExp(`^${escaped.replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    };
    const originFor = (path: string) =>
      config.CacheBehaviors.find((b) => glob(b.PathPattern).test(path))?.TargetOriginId ??
      config.DefaultCacheBehavior.TargetOriginId;
    const documentPaths = synth.stacks.stateless.publicRoutes
      .map((r) => r.node.defaultChild as { routeKey?: string })
      .map((r) => r.routeKey ?? '')
      .filter((key) => /calendar\.ics|openapi\.json/.test(key));
    // The session's and the programme's calendar, the person's feed and the OpenAPI document.
    expect(documentPaths.sort()).toEqual(
      [
        'GET /calendar.ics',
        'GET /openapi.json',
        'GET /people/{token}/calendar.ics',
        'GET /sessions/{sessionId}/calendar.ics',
      ].sort(),
    );
    for (const key of documentPaths) {
      const sitePath = `/api${key.split(' ')[1]?.replace(/\{[^}]+\}/g, 'x1')}`;
      expect(originFor(sitePath), sitePath).toBe(apiOrigin?.Id);
    }
  });
});
