import { Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { stageNames } from '../../infra/config';
import type { ProjectStacks } from '../../infra/stadsgesprekken';
import { SYNTH_TIMEOUT_MS, synthStage } from './support';

/** Every acknowledgement in the tree, as [rule id, reason]. */
const acknowledgements = (root: IConstruct): [string, string][] =>
  root.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
    .flatMap((m) => Object.entries(m.data as Record<string, string>));

describe.each(stageNames)('cdk-nag AwsSolutions, stage %s', (stage) => {
  it(
    'synthesises with no unacknowledged error or warning, and every acknowledgement gives a reason',
    () => {
      // Act: synthesis runs the checks as a validation plugin and throws on an error finding.
      // (No bundling: the findings concern the resources, not the code inside the functions.)
      const synth = synthStage(stage, { bundle: false });

      // Assert: run the pack again over the synthesised tree to see warnings too.
      const report = new AwsSolutionsChecks().validateScope(synth.app);
      expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources[0]?.constructPath}`)).toEqual([]);
      const acks = acknowledgements(synth.app);
      expect(acks.length).toBeGreaterThan(0);
      for (const [id, reason] of acks) expect(reason.length, `reason for ${id}`).toBeGreaterThan(40);
    },
    SYNTH_TIMEOUT_MS,
  );
});

describe('cdk-nag gate', () => {
  it(
    'fails synthesis on a finding nobody acknowledged (control)',
    () => {
      const addStrayQueue = (stacks: ProjectStacks) =>
        new Queue(stacks.stateless, 'StrayQueue', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
      expect(() => synthStage('dev', { bundle: false, beforeSynth: addStrayQueue })).toThrow(/AwsSolutions-SQS3/);
    },
    SYNTH_TIMEOUT_MS,
  );

  it.each([
    ['secretsmanager:GetSecretValue', 'public-api'],
    ['dynamodb:DeleteTable', 'retention'],
  ] as const)(
    'fails synthesis when %s on "*" is added to the %s role: the X-Ray acknowledgement covers nothing else',
    (action, fn) => {
      const addWildcard = (stacks: ProjectStacks) =>
        stacks.stateless.functions[fn].fn.addToRolePolicy(
          new PolicyStatement({ effect: Effect.ALLOW, actions: [action], resources: ['*'] }),
        );
      expect(() => synthStage('dev', { bundle: false, beforeSynth: addWildcard })).toThrow(
        /AwsSolutions-IAM5\[Resource::\*\]/,
      );
    },
    SYNTH_TIMEOUT_MS,
  );
});
