import { App, Stack } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { describe, expect, it } from 'vitest';
import { projectContext } from '../../infra/cdk-context';
import { resolveStageConfig } from '../../infra/config';
import { ProjectFunction } from '../../infra/constructs/project-function';
import type { DeployedEnv } from '../../shared/config/env-catalogue';

/** A stack with one unbundled function, enough to see what the construct allows. */
const aStackWith = (build: (stack: Stack) => void) => {
  const app = new App({ context: { ...projectContext, 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Test');
  build(stack);
  return app;
};
const config = resolveStageConfig('dev');

describe('project function environment', () => {
  it('synthesises when every required variable of the catalogue is set', () => {
    // Arrange
    const app = aStackWith((stack) =>
      ProjectFunction.named(stack, { name: 'stream-publisher', description: 'd', config }).bindEventBus(
        new EventBus(stack, 'Bus'),
      ),
    );

    // Act / Assert
    expect(() => app.synth()).not.toThrow();
  });

  it('fails synthesis naming a required variable the stack does not set (control)', () => {
    const app = aStackWith((stack) => {
      ProjectFunction.named(stack, { name: 'stream-publisher', description: 'd', config });
    });

    expect(() => app.synth()).toThrow(/stream-publisher requires EVENT_BUS_NAME/);
  });

  it('refuses a variable the function does not declare, even past the type checker', () => {
    aStackWith((stack) => {
      const fn = ProjectFunction.named(stack, { name: 'stream-publisher', description: 'd', config });
      const undeclared = 'MAIL_QUEUE_URL' as DeployedEnv<'stream-publisher'>;

      expect(() => fn.setEnv(undeclared, 'x')).toThrow(/stream-publisher does not read MAIL_QUEUE_URL/);
    });
  });
});
