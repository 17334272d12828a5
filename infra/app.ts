import { App } from 'aws-cdk-lib';
import { readConfig } from './config';
import { gatherContext } from './config-sources';
import { MendStack } from './mend-stack';
import { addNagChecks } from './nag';

const app = new App();
const config = readConfig(gatherContext((key) => app.node.tryGetContext(key)));

new MendStack(app, `Mend-${config.stage}`, {
  config,
  description: `Mend email course (${config.stage})`,
  tags: { project: 'mend', stage: config.stage },
});

addNagChecks(app);
