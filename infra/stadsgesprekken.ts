import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { StageConfig } from './config';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { StatefulStack } from './stacks/stateful-stack';
import { StatelessStack, type StatelessStackProps } from './stacks/stateless-stack';

export interface ProjectStacks {
  stateful: StatefulStack;
  stateless: StatelessStack;
}

export interface AddStacksOptions {
  /** Overrides for tests (another route table or rule set); production uses the shared data. */
  stateless?: Pick<StatelessStackProps, 'routes' | 'rules'>;
  /** Run the AWS Solutions checks of cdk-nag at synthesis. @default true */
  nag?: boolean;
}

/**
 * Adds the project's two stacks for one stage to the app: `Stadsgesprekken-<stage>-Stateful` (tables,
 * bus, SES) and `Stadsgesprekken-<stage>-Stateless` (functions, API, queues, rules, alarms).
 */
export const addProjectStacks = (app: App, config: StageConfig, options: AddStacksOptions = {}): ProjectStacks => {
  const env = config.account && config.region ? { account: config.account, region: config.region } : undefined;
  const prefix = `Stadsgesprekken-${config.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    config,
    description: `Stadsgesprekken ${config.stage}: tables, event bus, SES identity`,
    terminationProtection: config.stage === 'prod',
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    config,
    description: `Stadsgesprekken ${config.stage}: functions, HTTP API, queues, routing, alarms`,
    tables: { sessions: stateful.tables.sessions, registrations: stateful.tables.registrations },
    eventBus: stateful.eventBus,
    manageTokenSecret: stateful.manageTokenSecret,
    ses: {
      identityArn: stateful.emailIdentity.emailIdentityArn,
      configurationSetName: stateful.configurationSet.configurationSetName,
      configurationSetArn: stateful.configurationSetArn,
    },
    ...options.stateless,
  });
  stateless.addStackDependency(stateful);
  for (const stack of [stateful, stateless]) {
    Tags.of(stack).add('project', 'stadsgesprekken');
    Tags.of(stack).add('stage', config.stage);
  }
  acknowledgeNagFindings({ stateful, stateless });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, stateless };
};
