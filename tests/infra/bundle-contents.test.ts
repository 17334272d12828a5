import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { LAMBDA_BUILD_OPTIONS } from '../../bench/lib/lambda-bundle';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The files that put code into a handler's bundle, relative to the project root. */
async function filesInBundle(entry: string): Promise<string[]> {
  const { metafile } = await build({
    ...LAMBDA_BUILD_OPTIONS,
    entryPoints: [entry],
    outfile: 'bundle.mjs',
    absWorkingDir: ROOT,
    metafile: true,
    write: false,
  });
  return Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([file]) => file),
  );
}

/**
 * Full zod is ~440 KB minified and ~45 ms of every cold start; zod/mini is ~40 KB. One import of
 * `zod` (or of a library built on it, like the OpenAPI generators) would bring it all back.
 */
describe('the Lambda bundles validate with zod/mini only', () => {
  it.each([
    'functions/handlers/api.ts',
    'functions/handlers/dispatcher.ts',
    'functions/handlers/ses-events.ts',
  ])('%s carries no full zod and no OpenAPI generator', async (entry) => {
    const files = await filesInBundle(entry);
    expect(files.filter((file) => file.includes('node_modules/zod/v4/mini/'))).not.toEqual([]);
    expect(files.filter((file) => file.includes('node_modules/zod/v4/classic/'))).toEqual([]);
    expect(
      files.filter((file) => /node_modules\/(@hono\/zod-openapi|@asteasolutions)\//.test(file)),
    ).toEqual([]);
    // English is the only locale the functions set; the other 50 must stay out.
    expect(files.filter((file) => file.includes('node_modules/zod/v4/locales/'))).toEqual([
      'node_modules/zod/v4/locales/en.js',
    ]);
  });
});
