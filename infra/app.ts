import { App } from 'aws-cdk-lib';
import { projectContext } from './cdk-context';
import { stageConfigFromContext } from './config';
import { addProjectStacks } from './stadsgesprekken';

// `npx cdk synth -c stage=prod` (default dev). Context can override single config values; see config.ts.
const app = new App({ context: projectContext });
const config = stageConfigFromContext((key) => app.node.tryGetContext(key));
addProjectStacks(app, config);
app.synth();
