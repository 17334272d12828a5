import type { BuildOptions } from 'esbuild';

/** The same esbuild options as the CDK's NodejsFunction (infra/constructs/mend-function.ts). */
export const LAMBDA_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  minify: true,
  charset: 'utf8',
  logLevel: 'silent',
  banner: {
    js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  },
} satisfies BuildOptions;
