import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { firstLink, type Harness, pathOf, startHarness } from '../support/harness';
import { type PracticeClient, signInPractice } from '../support/practice';
import { seedActiveSubscriber } from '../support/seed';

/**
 * Every route that can change state, read from the app itself (so a route added later is covered
 * without touching this file), refuses a request from another site's page, whatever its content
 * type, with or without a valid session cookie, and changes nothing.
 */
let h: Harness;
let ana: PracticeClient;
let unsubscribePath: string;

beforeAll(async () => {
  h = await startHarness();
  ana = await signInPractice(h, 'ana@clinic.example');
  await seedActiveSubscriber(h.ctx, 'reader@example.com');
  await runDispatch(h.ctx);
  unsubscribePath = pathOf(
    firstLink((await h.mailTo('reader@example.com'))[0]?.text ?? '', 'unsubscribe'),
  );
});
afterAll(async () => {
  await h.stop();
});

const CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  'application/json',
  'text/csv',
  undefined,
];
const FOREIGN: Record<string, string>[] = [
  { origin: 'https://evil.example' },
  { 'sec-fetch-site': 'cross-site' },
];

/** The app's own routes that take a body, with their path parameters filled in. */
function stateChangingRoutes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  return h.app.routes
    .filter(({ method }) => !['GET', 'HEAD', 'ALL'].includes(method))
    .map(({ method, path }) => ({ method, path: path.replace(/:\w+(\{[^/]*\})?/g, 'x') }))
    .filter(({ method, path }) => !seen.has(`${method} ${path}`) && seen.add(`${method} ${path}`));
}

describe('a request from another site’s page', () => {
  it('is refused on every state-changing route, whatever its content type', async () => {
    const routes = stateChangingRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(20);
    // Read from the app, so the pair routes are here without being listed; checked all the same.
    expect(routes.map(({ method, path }) => `${method} ${path}`)).toEqual(
      expect.arrayContaining([
        'POST /partner/x/invite',
        'POST /partner/x/withdraw',
        'POST /partner/x/unpair',
        'POST /reflect/x',
      ]),
    );
    const before = await h.tableItems();
    for (const { method, path } of routes) {
      for (const contentType of CONTENT_TYPES) {
        for (const foreign of FOREIGN) {
          const response = await fetch(`${h.url}${path}`, {
            method,
            redirect: 'manual',
            headers: {
              ...foreign,
              cookie: ana.cookie,
              ...(contentType ? { 'content-type': contentType } : {}),
            },
            body: contentType?.includes('json') ? '{"email":"victim@example.com"}' : 'email=x',
          });
          expect(
            response.status,
            `${method} ${path} ${contentType} ${JSON.stringify(foreign)}`,
          ).toBe(403);
        }
      }
    }
    expect(await h.tableItems()).toEqual(before);
  });

  it('is refused when its Origin is the request’s own host but not the site’s base URL', async () => {
    const host = h.url.replace('localhost', '127.0.0.1');
    const response = await fetch(`${host}/api/keys`, {
      method: 'POST',
      headers: { origin: host, cookie: ana.cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it('with a session cookie cannot mint an API key, or end a client, as JSON', async () => {
    const minted = await fetch(`${h.url}/api/keys`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        cookie: ana.cookie,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(minted.status).toBe(403);
    expect(((await minted.json()) as { error: { code: string } }).error.code).toBe(
      'cross_site_request',
    );
    expect(
      await (await fetch(`${h.url}/api/keys`, { headers: { cookie: ana.cookie } })).json(),
    ).toEqual({
      keys: [],
    });
  });
});

describe('what cannot come from our pages by design', () => {
  it('a call with an API key is judged by its key, wherever it says it comes from', async () => {
    const created = await fetch(`${h.url}/api/keys`, {
      method: 'POST',
      headers: { origin: h.url, cookie: ana.cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    const { key } = (await created.json()) as { key: string };
    const response = await fetch(`${h.url}/api/clients`, {
      method: 'POST',
      headers: {
        origin: 'https://crm.example',
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ email: 'client@example.com', name: 'Client' }),
    });
    expect(response.status).toBe(201);
  });

  it('the RFC 8058 one-click unsubscribe is taken from anywhere, the page’s own button only from ours', async () => {
    const button = await fetch(`${h.url}${unsubscribePath}`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: '',
    });
    expect(button.status).toBe(403);
    const oneClick = await fetch(`${h.url}${unsubscribePath}`, {
      method: 'POST',
      headers: {
        origin: 'https://mail.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
  });
});
