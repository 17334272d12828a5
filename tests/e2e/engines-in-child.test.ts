import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startLocalRuntime } from '../../functions/local/local-runtime';
import { silentLogger } from '../../functions/log';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

async function waitFor<T>(probe: () => T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(`nothing after ${ms} ms`);
}

describe('the local engines in a process of their own', () => {
  it('serve the whole product, and stop with the runtime', async () => {
    const runtime = await startLocalRuntime({
      port: 0,
      secret: randomBytes(32).toString('base64url'),
      log: silentLogger,
      enginesInChild: true,
    });
    try {
      const response = await fetch(`${runtime.url}/api/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'child.engines@example.com', perspective: 'hurt' }),
      });
      expect(response.status).toBe(202);
      const outbox = await runtime.controls.outbox();
      expect(outbox.flatMap((email) => email.to)).toContain('child.engines@example.com');
    } finally {
      await runtime.stop();
    }
    expect(await reachable(runtime.dynamoEndpoint)).toBe(false);
    expect(await reachable(runtime.sesEndpoint)).toBe(false);
  }, 60_000);

  it('go away when the process that started them is killed outright', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mend-engines-'));
    const endpointsFile = path.join(dataDir, 'endpoints.json');
    const start = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/fixtures/child-engines-host.ts', endpointsFile],
      { cwd: ROOT, env: { PATH: process.env.PATH }, stdio: 'ignore' },
    );
    try {
      const endpoints = await waitFor(
        () =>
          existsSync(endpointsFile)
            ? (JSON.parse(readFileSync(endpointsFile, 'utf8')) as { dynamodb: string })
            : undefined,
        30_000,
      );
      expect(await reachable(endpoints.dynamodb)).toBe(true);
      start.kill('SIGKILL');
      const deadline = Date.now() + 10_000;
      while ((await reachable(endpoints.dynamodb)) && Date.now() < deadline) await sleep(100);
      expect(await reachable(endpoints.dynamodb)).toBe(false);
    } finally {
      start.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
