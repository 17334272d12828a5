import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readConfig } from '../../infra/config';
import { gatherContext } from '../../infra/config-sources';
import { MendStack } from '../../infra/mend-stack';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The stack as `cdk synth` would build it from this checkout's settings plus `overrides` (given
 * as `-c` would give them), without bundling the functions: only its resources are read.
 */
export function synthTemplate(overrides: Record<string, string> = {}) {
  const flags = JSON.parse(readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')).context;
  const app = new App({ context: { ...flags, ...overrides, 'aws:cdk:bundling-stacks': [] } });
  const config = readConfig(gatherContext((key) => app.node.tryGetContext(key), ROOT));
  const stack = new MendStack(app, `Mend-${config.stage}`, { config });
  return { config, template: Template.fromStack(stack).toJSON() };
}
