import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('a body over the limit', () => {
  it('is refused with 413 and Connection: close, and a keep-alive client’s next request works', async () => {
    // Node's fetch keeps connections open and reuses them for the next request to the host.
    for (const size of [70 * 1024, 300 * 1024, 2 * 1024 * 1024]) {
      for (const [path, type] of [
        ['/api/subscriptions', 'application/json'],
        ['/subscribe', 'application/x-www-form-urlencoded'],
      ]) {
        const refused = await fetch(`${h.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': type as string, origin: h.url },
          body: 'x'.repeat(size),
        });
        expect(refused.status, `${path} ${size}`).toBe(413);
        expect(refused.headers.get('connection')).toBe('close');
        await refused.text();
        const next = await fetch(`${h.url}/health`);
        expect(next.status).toBe(200);
      }
    }
  });
});
