import { App } from 'aws-cdk-lib';
import { CONTEXT_KEYS, readConfig } from './config';
import { MendStack } from './mend-stack';
import { addNagChecks } from './nag';

const app = new App();
const config = readConfig(
  Object.fromEntries(CONTEXT_KEYS.map((key) => [key, app.node.tryGetContext(key)])),
);

new MendStack(app, `Mend-${config.stage}`, {
  config,
  description: `Mend email course (${config.stage})`,
  tags: { project: 'mend', stage: config.stage },
});

addNagChecks(app);
