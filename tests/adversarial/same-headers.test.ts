import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';
import { securityHeadersOf } from '../support/security-headers';

/**
 * Every response of the origin carries the same security headers, with the same values: pages,
 * JSON, redirects, errors and the local-only `/_local` routes. Browsers warn when some responses
 * of an origin ask for an origin-keyed agent cluster and others do not.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.postJson('/api/subscriptions', { email: 'headers@example.com' });
});
afterAll(async () => {
  await h.stop();
});

describe('security headers', () => {
  it('are the same on every response, /_local included', async () => {
    const get = (path: string) => fetch(`${h.url}${path}`, { redirect: 'manual' });
    const reference = securityHeadersOf(await get('/'));
    expect(reference['origin-agent-cluster']).toBe('?1');
    const responses: [string, Response][] = [
      ['/health', await get('/health')],
      ['/assets/mend.css', await get('/assets/mend.css')],
      ['/assets/quick-exit.js', await get('/assets/quick-exit.js')],
      ['/favicon.ico (301)', await get('/favicon.ico')],
      ['/practice (303)', await get('/practice')],
      ['/nowhere (404)', await get('/nowhere')],
      ['/api/nowhere (404 JSON)', await get('/api/nowhere')],
      ['/api/openapi.json', await get('/api/openapi.json')],
      ['/_local/outbox', await get('/_local/outbox')],
      ['/_local/outbox/view', await get('/_local/outbox/view')],
      ['/_local/nowhere', await get('/_local/nowhere')],
      ['413', await fetch(`${h.url}/subscribe`, { method: 'POST', body: 'x'.repeat(70_000) })],
      ['415', await fetch(`${h.url}/api/subscriptions`, { method: 'POST', body: 'x' })],
      [
        '403',
        await fetch(`${h.url}/subscribe`, {
          method: 'POST',
          headers: { origin: 'https://evil.example' },
        }),
      ],
    ];
    for (const [what, response] of responses)
      expect(securityHeadersOf(response), what).toEqual(reference);
  });

  it('differ on the local outbox’s email view only in the policy an email needs, consistently', async () => {
    const [email] = await h.outbox();
    const response = await fetch(`${h.url}/_local/outbox/${email?.id}`);
    const {
      'content-security-policy': csp,
      'x-frame-options': frames,
      ...rest
    } = securityHeadersOf(response);
    const {
      'content-security-policy': _,
      'x-frame-options': __,
      ...reference
    } = securityHeadersOf(await fetch(`${h.url}/`));
    expect(rest).toEqual(reference);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(frames).toBe('SAMEORIGIN');
  });
});
