import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practiceIdFor } from '../../functions/domain/practice';
import { LOCAL_TABLE_NAME } from '../../functions/local/engines';
import { type Harness, startHarness } from '../support/harness';
import { signInPractice } from '../support/practice';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

let h: Harness;

function admin(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [path.join(ROOT, 'scripts/admin.ts'), ...args],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          ...env,
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const engineEnv = () => ({
  AWS_ENDPOINT_URL_DYNAMODB: h.dynamoEndpoint,
  // The SDK's default credential chain, starting with the environment.
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  TABLE_NAME: LOCAL_TABLE_NAME,
  AWS_REGION: 'us-east-1',
  SIGNING_SECRET: h.ctx.secret,
});

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('the admin CLI against running engines', () => {
  it('prints usage on --help, and usage with a non-zero exit on an unknown command', async () => {
    const help = await admin(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('create-practitioner <email> [name]');
    expect(help.stdout).toContain('Scan');
    const unknown = await admin(['frobnicate'], engineEnv());
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('unknown command');
    expect(unknown.stderr).toContain('Usage:');
    const noTable = await admin(['stats']);
    expect(noTable.code).not.toBe(0);
    expect(noTable.stderr).toContain('TABLE_NAME');
  });

  it('creates a practitioner who can then sign in to the same practice, and lists them', async () => {
    const created = await admin(
      ['create-practitioner', 'Dana@Clinic.example', 'Dana', 'Reyes'],
      engineEnv(),
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const practiceId = practiceIdFor('dana@clinic.example', h.ctx.secret);
    expect(created.stdout).toContain(practiceId);
    expect((await h.ctx.store.practices.get(practiceId))?.name).toBe('Dana Reyes');

    const dana = await signInPractice(h, 'dana@clinic.example');
    expect(await (await dana.get('/practice')).text()).toContain('dana@clinic.example');
    const listed = await admin(['list-practitioners'], engineEnv());
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${practiceId}\\tdana@clinic.example\\tDana Reyes\\t`)),
    ]);
    const bad = await admin(['create-practitioner', 'not-an-email'], engineEnv());
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('valid email');
  });

  it('revokes a key by ids or by prefix; the key stops working at once', async () => {
    const dana = await signInPractice(h, 'dana2@clinic.example');
    const makeKey = async () =>
      (await (
        await fetch(new URL('/api/keys', h.url), {
          method: 'POST',
          headers: { cookie: dana.cookie, 'content-type': 'application/json' },
          body: '{}',
        })
      ).json()) as { id: string; key: string; prefix: string };
    const call = (key: string) =>
      fetch(new URL('/api/clients', h.url), { headers: { authorization: `Bearer ${key}` } });

    const first = await makeKey();
    const practiceId = practiceIdFor('dana2@clinic.example', h.ctx.secret);
    expect((await call(first.key)).status).toBe(200);
    const byIds = await admin(['revoke-key', practiceId, first.id], engineEnv());
    expect(byIds.code).toBe(0);
    expect((await call(first.key)).status).toBe(401);

    const second = await makeKey();
    const byPrefix = await admin(['revoke-key', second.prefix], engineEnv());
    expect(byPrefix.code).toBe(0);
    expect((await call(second.key)).status).toBe(401);

    const missing = await admin(['revoke-key', practiceId, '0000000000000000'], engineEnv());
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no key');
  });

  it('prints stats: practices, subscribers and enrollments by status, answers', async () => {
    await h.postJson('/api/subscriptions', { email: 'sam@example.com' });
    const result = await admin(['stats'], engineEnv());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Practices: 2');
    expect(result.stdout).toContain('API keys: 0 active, 2 revoked');
    expect(result.stdout).toMatch(/Subscribers by status:\n {4}\(none\)/);
    expect(result.stdout).toContain('Answers: 0');
    expect(result.stdout).toMatch(/Pairs by status:\n {4}\(none\)/);
  });
});

describe('the admin CLI with --local', () => {
  let dir: string;
  let server: ChildProcess | undefined;
  const secret = 'a-local-signing-secret-of-enough-length-0123456789';

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mend-admin-'));
    writeFileSync(path.join(dir, 'signing-secret'), secret);
  });
  afterAll(() => {
    if (server?.exitCode === null) server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  /** `npm start`'s script in a child process, on its own data folder and port. */
  async function startServer(): Promise<ChildProcess> {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(TSX, [path.join(ROOT, 'scripts/start.ts')], {
      cwd: ROOT,
      env: { ...process.env, MEND_DATA_DIR: dir, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    for (let n = 0; n < 200 && !out.includes('Mend is running locally'); n += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(existsSync(path.join(dir, 'endpoints.json'))).toBe(true);
    return child;
  }

  async function stopServer(child: ChildProcess): Promise<void> {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }

  it('goes through the running server’s endpoint, and opens the data itself when it is stopped', async () => {
    const local = { MEND_DATA_DIR: dir };
    server = await startServer();
    const created = await admin(['--local', 'create-practitioner', 'lee@clinic.example'], local);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(practiceIdFor('lee@clinic.example', secret));
    await stopServer(server);
    expect(existsSync(path.join(dir, 'endpoints.json'))).toBe(false);

    const listed = await admin(['--local', 'list-practitioners'], local);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toContain('lee@clinic.example');
    const stats = await admin(['--local', 'stats'], local);
    expect(stats.stdout).toContain('Practices: 1');
  });
});
