import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { projectContext } from '../../infra/cdk-context';
import { type ContextOverrides, resolveStageConfig, type StageConfig, type StageName } from '../../infra/config';
import { type AddStacksOptions, addProjectStacks, type ProjectStacks } from '../../infra/stadsgesprekken';

export interface SynthesizedStage {
  config: StageConfig;
  app: App;
  stacks: ProjectStacks;
  assembly: CloudAssembly;
  outdir: string;
  stateful: Template;
  stateless: Template;
}

/** Synthesis bundles six functions with esbuild: far more than vitest's default hook timeout. */
export const SYNTH_TIMEOUT_MS = 120_000;

export interface SynthOptions extends AddStacksOptions {
  overrides?: ContextOverrides;
  /** Runs after the stacks are built and before synthesis (for negative controls). */
  beforeSynth?: (stacks: ProjectStacks) => void;
  /** `false` skips esbuild (for tests that look at no function code). @default true */
  bundle?: boolean;
}

/**
 * Builds and synthesises one stage (functions bundled by esbuild, cdk-nag checks on) into a fresh
 * directory. Synthesis is the slow part: call it once per stage per file, in beforeAll.
 */
export const synthStage = (stage: StageName, options: SynthOptions = {}): SynthesizedStage => {
  const outdir = mkdtempSync(join(tmpdir(), `stadsgesprekken-cdk-${stage}-`));
  const context = { ...projectContext, ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}) };
  const app = new App({ outdir, context });
  const config = resolveStageConfig(stage, options.overrides);
  const stacks = addProjectStacks(app, config, options);
  options.beforeSynth?.(stacks);
  const assembly = app.synth();
  const template = (name: string) => Template.fromJSON(assembly.getStackByName(name).template);
  return {
    config,
    app,
    stacks,
    assembly,
    outdir,
    stateful: template(stacks.stateful.stackName),
    stateless: template(stacks.stateless.stackName),
  };
};

/**
 * The project's own functions (functions/<name>), by logical id. The stateless stack also holds
 * the helper functions CDK adds for the site (BucketDeployment's upload, emptying the bucket);
 * test/infra/hosting.test.ts checks that those are the only others.
 */
export const projectFunctions = (synth: SynthesizedStage): Record<string, CfnResource> => {
  const stack = synth.stacks.stateless;
  const ids = new Set(
    Object.values(stack.functions).map((f) => stack.getLogicalId(f.fn.node.defaultChild as CfnElement)),
  );
  return Object.fromEntries(
    Object.entries(resourcesOfType(synth.stateless, 'AWS::Lambda::Function')).filter(([id]) => ids.has(id)),
  );
};

export type CfnResource = { Type: string; Properties: Record<string, unknown>; [key: string]: unknown };

/** Resources of one type, by logical id. */
export const resourcesOfType = (template: Template, type: string): Record<string, CfnResource> =>
  Object.fromEntries(
    Object.entries(template.findResources(type)).map(([id, r]) => [id, { Properties: {}, ...r } as CfnResource]),
  );
