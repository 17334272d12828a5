import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readConfig } from '../../infra/config';
import { DEV_DEFAULTS, gatherContext } from '../../infra/config-sources';
import { MendStack } from '../../infra/mend-stack';
import { addNagChecks } from '../../infra/nag';

/** The context `cdk synth` starts from: the feature flags in cdk.json. */
export const cdkJsonContext: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'),
).context;

const NO_FILES = '/nonexistent-mend-config-dir';

export interface SynthOptions {
  context?: Record<string, unknown>;
  /** Bundle the functions with esbuild (slow); off, the stack is only inspected. */
  bundle?: boolean;
  outdir?: string;
  /** Register cdk-nag as `infra/app.ts` does; its findings then fail `app.synth()`. */
  nag?: boolean;
  /** Changes the stack before anything synthesizes it. */
  modify?: (stack: MendStack) => void;
}

/**
 * Builds the stack the way `infra/app.ts` does, from cdk.json's context plus `context` as if
 * given with `-c`. The example deployment's sender settings are given too, for any stage.
 */
export function synthStack(options: SynthOptions = {}) {
  const context = { ...cdkJsonContext, ...DEV_DEFAULTS, ...options.context };
  const app = new App({
    outdir: options.outdir,
    context: options.bundle ? context : { ...context, 'aws:cdk:bundling-stacks': [] },
  });
  // The repository's root holds no config file; the file layer is tested on its own.
  const config = readConfig(gatherContext((key) => app.node.tryGetContext(key), NO_FILES));
  const stack = new MendStack(app, `Mend-${config.stage}`, { config });
  options.modify?.(stack);
  if (options.nag) addNagChecks(app);
  return { app, stack, template: Template.fromStack(stack) };
}
