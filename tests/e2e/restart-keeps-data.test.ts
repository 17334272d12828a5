import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { startLocalRuntime } from '../../functions/local/local-runtime';
import { silentLogger } from '../../functions/log';
import { firstLink, pathOf } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

const dir = await mkdtemp(path.join(tmpdir(), 'mend-restart-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('local mode keeps everything on disk', () => {
  it('still has the subscriber, their answer and the clock after a restart', async () => {
    const options = {
      port: 0,
      secret: randomBytes(32).toString('base64url'),
      dynamoPath: path.join(dir, 'dynamodb'),
      clockFile: path.join(dir, 'clock.json'),
      log: silentLogger,
    };
    const first = await startLocalRuntime(options);
    await seedActiveSubscriber(first.ctx, 'kept@example.com');
    await runDispatch(first.ctx);
    const [welcome] = await first.controls.outbox();
    const reflect = firstLink(welcome?.text ?? '', 'reflect');
    const journal = firstLink(welcome?.text ?? '', 'journal');
    const saved = await fetch(reflect, {
      method: 'POST',
      headers: { origin: first.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'answer=Written+before+the+restart',
      redirect: 'manual',
    });
    expect(saved.status).toBe(303);
    const movedTo = first.clock.advance(48);
    await first.stop();

    const second = await startLocalRuntime({
      ...options,
      port: new URL(first.url).port ? Number(new URL(first.url).port) : 0,
    });
    try {
      expect(second.clock.now().getTime()).toBeGreaterThanOrEqual(movedTo.getTime());
      const page = await fetch(new URL(pathOf(journal), second.url));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Written before the restart');
    } finally {
      await second.stop();
    }
  });
});
