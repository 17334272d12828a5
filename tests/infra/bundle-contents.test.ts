import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { lambdaBuildOptions } from '../../infra/lambda-bundling';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The files that put code into a handler's bundle, relative to the project root. */
async function filesInBundle(entry: string): Promise<string[]> {
  const { metafile } = await build({
    ...lambdaBuildOptions(entry, 'bundle.mjs'),
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
 * Full zod is about ten times zod/mini's size and loads on every cold start (docs/benchmarks-notes.md).
 * One import of `zod` (or of a library built on it, like the OpenAPI generators) brings it back.
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
    // The SDK clients are inside, from their ES module builds (tree-shaken), not the runtime's.
    expect(
      files.some((file) => file.includes('node_modules/@aws-sdk/client-dynamodb/dist-es/')),
    ).toBe(true);
    expect(files.filter((file) => /node_modules\/@aws-sdk\/[^/]+\/dist-cjs\//.test(file))).toEqual(
      [],
    );
    // English is the only locale the functions set; the other 50 must stay out.
    expect(files.filter((file) => file.includes('node_modules/zod/v4/locales/'))).toEqual([
      'node_modules/zod/v4/locales/en.js',
    ]);
    // The OpenAPI document is written at build time: no function turns schemas into JSON Schema.
    expect(
      files.filter((file) => /zod\/v4\/core\/(to-json-schema|json-schema)/.test(file)),
    ).toEqual([]);
    expect(files).not.toContain('functions/app/openapi.ts');
  });
});
