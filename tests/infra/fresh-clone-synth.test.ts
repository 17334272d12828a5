import { execFile, execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const clone = mkdtempSync(path.join(tmpdir(), 'mend-fresh-'));
afterAll(() => rmSync(clone, { recursive: true, force: true }));

/**
 * `npx cdk synth` exactly as the deploy guide types it, in a copy of the repository's files with
 * nothing generated (no compiled templates): the CDK app must build what it needs itself.
 */
describe('a fresh clone', () => {
  it('synthesizes with `npx cdk synth`, building the email templates itself', {
    timeout: 180_000,
  }, async () => {
    const tracked = execFileSync(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    )
      .split('\0')
      .filter((file) => file && existsSync(path.join(ROOT, file)));
    for (const file of tracked) {
      mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
      cpSync(path.join(ROOT, file), path.join(clone, file));
    }
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'));
    expect(existsSync(path.join(clone, 'functions/generated'))).toBe(false);

    await run('npx', ['cdk', 'synth', '--quiet', '--no-notices', '-o', 'cdk.out'], {
      cwd: clone,
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CI: 'true' },
    });
    const template = JSON.parse(
      readFileSync(path.join(clone, 'cdk.out/Mend-dev.template.json'), 'utf8'),
    ) as { Resources: Record<string, { Type: string }> };
    const functions = Object.values(template.Resources).filter(
      (resource) => resource.Type === 'AWS::Lambda::Function',
    );
    expect(functions.length).toBeGreaterThanOrEqual(3);
    expect(existsSync(path.join(clone, 'functions/generated/templates.json'))).toBe(true);
  });
});
