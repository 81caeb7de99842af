import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, CfnElement, type IPolicyValidationContextBeta1, Stack } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContextOverrides, StageConfig, StageName } from '../../infra/config';
import { type GuardException, guardExceptions } from '../../infra/guard-exceptions';
import { synthStage } from './support';

/** Every option that changes the templates' shape: WAF (the us-east-1 stack) and both custom domains. */
const FULL: ContextOverrides = {
  account: '123456789012',
  region: 'eu-west-1',
  waf: 'true',
  siteDomain: 'stadsgesprekken.example.org',
  siteCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
};

// The plain prod stage (no custom domain, no WAF) and a dev stage with every option switched on.
const VARIANTS: [string, StageName, ContextOverrides][] = [
  ['prod', 'prod', {}],
  ['dev with WAF and a custom domain', 'dev', FULL],
];

const RULES_DIR = join(
  dirname(createRequire(import.meta.url).resolve('@cdklabs/cdk-validator-cfnguard/package.json')),
  'rules',
  'control-tower',
  'cfn-guard',
);

const SITE_RULES = [
  's3_bucket_policy_ssl_requests_only_check',
  's3_bucket_level_public_access_prohibited_check',
  's3_bucket_versioning_enabled_check',
  'cloudfront_origin_access_control_enabled_check',
  'cloudfront_viewer_policy_https_check',
  'cloudfront_traffic_to_origin_encrypted_check',
  'cloudfront_default_root_object_configured_check',
];

interface Finding {
  variant: string;
  config: StageConfig;
  rule: string;
  /** Construct path inside its stack, e.g. SiteBucket/Resource */
  path: string;
}

/** Template file → (logical id → construct path inside the stack), for every stack of the app. */
const constructPaths = (app: App, outdir: string): Map<string, Map<string, string>> => {
  const byTemplate = new Map<string, Map<string, string>>();
  for (const stack of app.node.findAll().filter((c): c is Stack => Stack.isStack(c))) {
    const ids = new Map<string, string>();
    for (const el of stack.node.findAll().filter((c): c is CfnElement => CfnElement.isCfnElement(c))) {
      ids.set(stack.resolve(el.logicalId) as string, el.node.path.slice(stack.node.path.length + 1));
    }
    byTemplate.set(resolve(outdir, stack.templateFile), ids);
  }
  return byTemplate;
};

const validate = (templatePaths: string[]) =>
  new CfnGuardValidator().validate({ templatePaths } as IPolicyValidationContextBeta1);

const covers = (e: GuardException, f: Finding) =>
  e.rule === f.rule && e.resources.test(f.path) && (e.when?.(f.config) ?? true);

describe('cfn-guard, AWS Control Tower rules', () => {
  let findings: Finding[];
  let configs: StageConfig[];
  beforeAll(() => {
    const synths = VARIANTS.map(([variant, stage, overrides]) => ({
      variant,
      synth: synthStage(stage, { bundle: false, nag: false, overrides }),
    }));
    configs = synths.map((s) => s.synth.config);
    const paths = new Map<string, { variant: string; config: StageConfig; ids: Map<string, string> }>();
    for (const { variant, synth } of synths) {
      for (const [file, ids] of constructPaths(synth.app, synth.outdir))
        paths.set(file, { variant, config: synth.config, ids });
    }
    // Act: one run of the bundled cfn-guard binary over every template of both variants.
    const report = validate([...paths.keys()]);
    findings = report.violations.flatMap((v) =>
      v.violatingResources.map((r) => {
        const where = paths.get(resolve(r.templatePath));
        if (!where) throw new Error(`cfn-guard reported an unknown template ${r.templatePath}`);
        return {
          variant: where.variant,
          config: where.config,
          rule: v.ruleName,
          path: where.ids.get(r.resourceLogicalId) ?? `?${r.resourceLogicalId}`,
        };
      }),
    );
  }, 600_000);

  it('reports only the findings infra/guard-exceptions.ts accepts', () => {
    const unaccepted = findings.filter((f) => !guardExceptions.some((e) => covers(e, f)));
    expect(unaccepted.map((f) => `${f.variant}: ${f.rule} on ${f.path}`)).toEqual([]);
  });

  it('lists no exception that matches nothing any more, and argues each', () => {
    for (const e of guardExceptions) {
      const applies = configs.some((c) => e.when?.(c) ?? true);
      if (applies)
        expect(
          findings.some((f) => covers(e, f)),
          `${e.control} ${e.rule} still matches`,
        ).toBe(true);
      expect(e.reason.length, `reason for ${e.rule}`).toBeGreaterThan(60);
    }
  });

  it('passes the site rules that matter without exception: TLS only, no public access, OAC, HTTPS', () => {
    const rulesText = readdirSync(RULES_DIR, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => readFileSync(join(d.parentPath, d.name), 'utf8'))
      .join('\n');
    for (const rule of SITE_RULES) {
      expect(rulesText, `${rule} is a rule of the bundled set`).toContain(`rule ${rule} when`);
      expect(findings.filter((f) => f.rule === rule).map((f) => f.path)).toEqual([]);
      expect(guardExceptions.some((e) => e.rule === rule)).toBe(false);
    }
  });
});

describe('cfn-guard gate', () => {
  it('reports a finding nobody accepted (control)', () => {
    // Arrange: a queue without a dead-letter queue, outside the accepted paths.
    const app = new App({ outdir: undefined });
    const stack = new Stack(app, 'Stray');
    new Queue(stack, 'StrayQueue', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
    const assembly = app.synth();

    // Act
    const report = validate([resolve(assembly.directory, assembly.getStackByName('Stray').templateFile)]);

    // Assert
    const stray = report.violations.filter((v) => v.ruleName === 'sqs_dlq_check');
    expect(stray).toHaveLength(1);
    expect(guardExceptions.some((e) => e.rule === 'sqs_dlq_check' && e.resources.test('StrayQueue/Resource'))).toBe(
      false,
    );
  }, 120_000);
});
