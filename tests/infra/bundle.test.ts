import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { synthStack } from './synth-stack';

/**
 * A cold start loads the whole bundle; MJML (tens of megabytes of dependencies) must never get in. The budget
 * is 700 KB minified: Hono, zod/mini, the AWS SDK clients for DynamoDB, SES v2 and Secrets
 * Manager with the SDK's default credential chain, the courses' outline and the emails each
 * function sends. docs/benchmarks.md has today's sizes.
 */
const BUNDLE_BUDGET_BYTES = 700 * 1024;

const outdir = mkdtempSync(join(tmpdir(), 'mend-cdk-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the Lambda bundles', () => {
  it('are built by esbuild without MJML and stay within the size budget', {
    timeout: 120_000,
  }, async () => {
    const { app, template } = synthStack({
      bundle: true,
      outdir,
      context: { 'aws:cdk:enable-asset-metadata': true },
    });
    const assembly = app.synth();
    const functions = template.findResources('AWS::Lambda::Function');

    const sizes: Record<string, number> = {};
    for (const name of ['Api', 'Dispatcher', 'SesEvents']) {
      const [, fn] =
        Object.entries(functions).find(([id]) => id.startsWith(`${name}Function`)) ?? [];
      const assetPath = fn?.Metadata?.['aws:asset:path'];
      expect(assetPath, `${name} has a code asset`).toMatch(/^asset\./);
      const bundle = join(assembly.directory, assetPath, 'index.mjs');
      expect(existsSync(bundle), `${name} bundle exists`).toBe(true);
      expect(existsSync(`${bundle}.map`), `${name} source map exists`).toBe(true);

      const code = await readFile(bundle, 'utf8');
      expect(code.startsWith('import { createRequire }'), `${name} bundle is ESM`).toBe(true);
      // The pinned SDK is bundled, never left for the runtime's copy.
      expect(code, `${name} imports no @aws-sdk package at run time`).not.toMatch(
        /\bfrom\s*["']@aws-sdk\/|\bimport\(\s*["']@aws-sdk\//,
      );
      expect(code, `${name} carries the DynamoDB client`).toContain('DynamoDB_20120810');
      expect(code, `${name} bundle carries no MJML`).not.toContain('mjml2html');
      expect(code, `${name} bundle carries no MJML`).not.toMatch(/require\(["']mjml/);
      // The compiled emails travel compressed (functions/mail/compressed-templates.ts); the SES
      // event handler sends none, so carries none.
      expect(
        /brotli:\s*"/.test(code),
        `${name} carries the templates if and only if it sends mail`,
      ).toBe(name !== 'SesEvents');
      expect(code, `${name} carries no uncompressed email`).not.toContain('mj-column-per-100');
      const size = statSync(bundle).size;
      sizes[name] = size;
      // Soft, so a bundle over budget still gets every other check above reported.
      expect.soft(size, `${name} bundle size in bytes`).toBeLessThan(BUNDLE_BUDGET_BYTES);
    }
    for (const [name, size] of Object.entries(sizes)) {
      console.log(`${name} bundle: ${size} bytes (${(size / 1024 / 1024).toFixed(2)} MiB)`);
    }
  });
});
