import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const semver = createRequire(import.meta.url)('semver') as {
  subset(range: string, of: string): boolean;
  satisfies(version: string, range: string): boolean;
};

const json = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));

/** `npm install` on a fresh clone prints nothing the project could have avoided. */
describe('npm install', () => {
  it('lets the install scripts the project needs run, and leaves none unreviewed', () => {
    const { allowScripts } = json('package.json') as { allowScripts: Record<string, boolean> };
    expect(allowScripts).toMatchObject({ esbuild: true, 'classic-level': true });
    const pending = JSON.parse(
      execFileSync('npm', ['install-scripts', 'ls', '--json'], { cwd: ROOT, encoding: 'utf8' }),
    ) as { allowScripts: unknown[] };
    expect(pending.allowScripts).toEqual([]);
  });

  it('claims only Node versions that every installed package supports, this one included', () => {
    const claimed = (json('package.json') as { engines: { node: string } }).engines.node;
    expect(semver.satisfies(process.version, claimed)).toBe(true);
    const { packages } = json('package-lock.json') as {
      packages: Record<string, { engines?: { node?: string } | string[] }>;
    };
    const narrower = Object.entries(packages).flatMap(([name, { engines }]) => {
      const node = Array.isArray(engines) ? undefined : engines?.node;
      return name && node && !semver.subset(claimed, node) ? [`${name}: ${node}`] : [];
    });
    expect(narrower).toEqual([]);
  });
});
