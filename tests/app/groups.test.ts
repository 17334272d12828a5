import { describe, expect, it } from 'vitest';
import { jsonGroup, pageGroup } from '../../functions/app/groups';
import { siteApp } from '../../functions/app/site-app';
import { ValidationError } from '../../functions/domain/errors';
import { silentLogger } from '../../functions/log';
import { securityHeadersOf } from '../support/security-headers';

/**
 * A route added to a group, with nothing else written for it, gets the group's rules: the same
 * security headers as everything else, the body limit, the same-origin check and the group's
 * error shape (and, for private pages, no caching or indexing).
 */
const baseUrl = 'https://course.mend.example.org';
const app = siteApp(silentLogger);
for (const [prefix, group] of [
  ['/json-probe', jsonGroup({ baseUrl })],
  ['/page-probe', pageGroup({ baseUrl, private: true })],
] as const) {
  group.post('/new', (c) => c.text('changed'));
  group.get('/broken', () => {
    throw new ValidationError('Some fields need attention.', { name: 'Enter a name.' });
  });
  app.route(prefix, group);
}

const post = (path: string, headers: Record<string, string> = {}, body = 'a=1') =>
  app.request(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });

describe.each([
  ['/json-probe', 'json'],
  ['/page-probe', 'page'],
])('a route added to the %s group', (prefix, shape) => {
  const isShape = async (response: Response, code: string) => {
    if (shape === 'json') {
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    } else {
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('<!doctype html>');
    }
  };

  it('carries the security headers every response of the site carries', async () => {
    const reference = securityHeadersOf(await app.request(`${baseUrl}/nowhere`));
    expect(reference['origin-agent-cluster']).toBe('?1');
    expect(reference['x-frame-options']).toBe('DENY');
    expect(reference['content-security-policy']).toContain("frame-ancestors 'none'");
    for (const response of [
      await post(`${prefix}/new`, { origin: baseUrl }),
      await post(`${prefix}/new`, { origin: 'https://evil.example' }),
      await app.request(`${baseUrl}${prefix}/broken`),
    ]) {
      expect(securityHeadersOf(response)).toEqual(reference);
    }
  });

  it('takes a state change from our own pages, or from something that is not a browser', async () => {
    expect((await post(`${prefix}/new`, { origin: baseUrl })).status).toBe(200);
    expect((await post(`${prefix}/new`, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    // Our pages' `no-referrer` policy makes a browser send `Origin: null` with their forms.
    const ownForm = { 'sec-fetch-site': 'same-origin', origin: 'null' };
    expect((await post(`${prefix}/new`, ownForm)).status).toBe(200);
    expect((await post(`${prefix}/new`)).status).toBe(200);
  });

  it.each([
    ['a form', 'application/x-www-form-urlencoded'],
    ['JSON', 'application/json'],
    ['plain text', 'text/plain'],
    ['no content type', ''],
  ])('refuses %s sent from another site’s page, naming why', async (_, type) => {
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' },
    ];
    for (const headers of foreign) {
      const response = await post(`${prefix}/new`, { ...headers, 'content-type': type }, '{}');
      expect(response.status, JSON.stringify(headers)).toBe(403);
      await isShape(response, 'cross_site_request');
    }
  });

  it('compares the Origin with the configured base URL, never with the request’s own host', async () => {
    const response = await app.request(`http://127.0.0.1:3000${prefix}/new`, {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' },
      body: '',
    });
    expect(response.status).toBe(403);
  });

  it('refuses a body over 64 KB with 413, and closes the connection', async () => {
    const response = await post(`${prefix}/new`, { origin: baseUrl }, `a=${'x'.repeat(64 * 1024)}`);
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    await isShape(response, 'payload_too_large');
  });

  it('answers errors and unknown addresses in the group’s shape', async () => {
    const broken = await app.request(`${baseUrl}${prefix}/broken`);
    expect(broken.status).toBe(400);
    await isShape(broken, 'validation_failed');
    const unknown = await app.request(`${baseUrl}${prefix}/no/such/route`);
    expect(unknown.status).toBe(404);
    await isShape(unknown, 'not_found');
  });
});

describe('a route added to a private group', () => {
  it('is never cached or indexed, errors included', async () => {
    for (const response of [
      await post('/page-probe/new', { origin: baseUrl }),
      await app.request(`${baseUrl}/page-probe/broken`),
      await post('/page-probe/new', { origin: 'https://evil.example' }),
    ]) {
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-robots-tag')).toContain('noindex');
    }
    expect((await post('/json-probe/new')).headers.get('x-robots-tag')).toBeNull();
  });
});
