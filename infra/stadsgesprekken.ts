import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { allRoutes } from '../shared/http/route-specs';
import type { StageConfig } from './config';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { EdgeStack } from './stacks/edge-stack';
import { StatefulStack } from './stacks/stateful-stack';
import { StatelessStack, type StatelessStackProps } from './stacks/stateless-stack';

export interface ProjectStacks {
  stateful: StatefulStack;
  stateless: StatelessStack;
  /** The us-east-1 stack with the WAF web ACL, when `hosting.waf` is on. */
  edge?: EdgeStack;
}

export interface AddStacksOptions {
  /** Overrides for tests (another route table or rule set); production uses the shared data. */
  stateless?: Pick<StatelessStackProps, 'routes' | 'rules'>;
  /** Run the AWS Solutions checks of cdk-nag at synthesis. @default true */
  nag?: boolean;
}

/**
 * Adds the project's stacks for one stage to the app: `Stadsgesprekken-<stage>-Stateful` (tables,
 * bus, SES), `Stadsgesprekken-<stage>-Stateless` (functions, API, site, queues, rules, alarms) and,
 * with `hosting.waf`, `Stadsgesprekken-<stage>-Edge` (the web ACL, in us-east-1).
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
  const edge =
    config.hosting.waf && env
      ? new EdgeStack(app, `${prefix}-Edge`, {
          env: { account: env.account, region: 'us-east-1' },
          config,
          routes: options.stateless?.routes ?? allRoutes(),
          description: `Stadsgesprekken ${config.stage}: WAF web ACL of the site (CloudFront scope)`,
          crossRegionReferences: true,
        })
      : undefined;
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    crossRegionReferences: edge !== undefined,
    webAclArn: edge?.webAcl.attrArn,
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
  if (edge) stateless.addStackDependency(edge);
  for (const stack of [stateful, stateless, ...(edge ? [edge] : [])]) {
    Tags.of(stack).add('project', 'stadsgesprekken');
    Tags.of(stack).add('stage', config.stage);
  }
  acknowledgeNagFindings({ stateful, stateless });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, stateless, edge };
};
