import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';

const ROOT = path.resolve(import.meta.dirname, '../..');

function smoke(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'scripts/smoke.ts', ...args], { cwd: ROOT }, (error, stdout) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('npm run smoke', () => {
  it('passes against a running Mend and signs up the address it is given', {
    timeout: 30_000,
  }, async () => {
    const { code, stdout } = await smoke(['--url', h.url, '--email', 'smoke@example.com']);
    expect(stdout).toContain('✓ GET /health answers 200');
    expect(stdout).toContain('✓ GET / shows the sign-up page');
    expect(stdout).toContain('✓ security headers are set');
    expect(stdout).toContain('✓ GET /api/openapi.json is an OpenAPI 3 document');
    expect(stdout).toContain('All checks passed.');
    expect(code).toBe(0);
    expect(await h.mailTo('smoke@example.com')).toHaveLength(1);
  });

  it('fails, naming each failed check, against something that is not Mend', {
    timeout: 30_000,
  }, async () => {
    const server = createServer((_, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('oops');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { code, stdout } = await smoke(['--url', url]);
      expect(code).toBe(1);
      expect(stdout).toContain('✗ GET /health answers 200: status 500');
      expect(stdout).toContain('✗ security headers are set: missing content-security-policy');
      expect(stdout).toMatch(/\d check\(s\) failed\./);
    } finally {
      server.close();
    }
  });

  it('explains its usage when the URL is missing', { timeout: 30_000 }, async () => {
    const { code } = await smoke([]);
    expect(code).toBe(2);
  });
});
