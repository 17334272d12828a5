import type { BuildOptions } from 'esbuild';

/**
 * How every Mend Lambda bundle is built: one ESM file, minified, for Node 20/22, with the AWS SDK
 * clients inside (the versions package.json pins, never the runtime's), `module` entry points
 * first so esbuild can tree-shake the SDK. The CDK's NodejsFunction (constructs/mend-function.ts)
 * and the tests and benchmarks that build bundles themselves all read this one definition.
 */
export const LAMBDA_BUNDLING = {
  format: 'esm',
  target: 'node20',
  platform: 'node',
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  charset: 'utf8',
  /** Lets CommonJS dependencies call `require` inside the ESM bundle. */
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
} as const;

/** The same build as esbuild options, for building a bundle outside the CDK. */
export function lambdaBuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: LAMBDA_BUNDLING.platform,
    format: LAMBDA_BUNDLING.format,
    target: LAMBDA_BUNDLING.target,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    charset: LAMBDA_BUNDLING.charset,
    banner: { js: LAMBDA_BUNDLING.banner },
    logLevel: 'silent',
  };
}
