import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLink, type Harness, pathOf, startHarness } from '../support/harness';
import {
  acceptInvitation,
  createApiKey,
  type PracticeClient,
  signInPractice,
} from '../support/practice';

/** A pause belongs to whoever made it: a practitioner cannot undo the client's own pause. */
let h: Harness;
let ana: PracticeClient;
let key: string;
let clientId: string;
let manage: string;
const CLIENT = 'pausing.client@example.com';

beforeAll(async () => {
  h = await startHarness();
  ana = await signInPractice(h, 'ana@clinic.example');
  key = await createApiKey(h, ana);
  const enrolled = await api('POST', '/api/clients', { email: CLIENT, name: 'Pat' });
  clientId = ((await enrolled.json()) as { clientId: string }).clientId;
  await acceptInvitation(h, CLIENT, 'no');
  await h.controls.dispatch();
  const welcome = (await h.mailTo(CLIENT)).at(-1);
  manage = pathOf(firstLink(welcome?.text ?? '', 'manage'));
});
afterAll(async () => {
  await h.stop();
});

function api(method: string, path: string, body?: unknown) {
  return fetch(new URL(path, h.url), {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('who paused', () => {
  it('the client’s own pause cannot be resumed by the practitioner, by API or on the page', async () => {
    expect((await h.postForm(manage, { action: 'pause' })).status).toBe(303);
    const detail = (await (await api('GET', `/api/clients/${clientId}`)).json()) as {
      client: { status: string; pausedBy?: string };
    };
    expect(detail.client).toMatchObject({ status: 'paused', pausedBy: 'client' });

    const resumed = await api('PATCH', `/api/clients/${clientId}`, { action: 'resume' });
    expect(resumed.status).toBe(409);
    expect(await resumed.text()).toContain('only they can resume it');
    const page = await (await ana.get(`/practice/clients/${clientId}`)).text();
    expect(page).toContain('Paused by the client');
    expect(page).not.toContain('value="resume"');
    const posted = await ana.post(`/practice/clients/${clientId}`, { action: 'resume' });
    expect(posted.status).toBe(409);
    const still = (await (await api('GET', `/api/clients/${clientId}`)).json()) as {
      client: { status: string };
    };
    expect(still.client.status).toBe('paused');
  });

  it('the client may resume it; a pause the practitioner made, the practitioner may resume', async () => {
    expect((await h.postForm(manage, { action: 'resume' })).status).toBe(303);
    expect((await api('PATCH', `/api/clients/${clientId}`, { action: 'pause' })).status).toBe(200);
    const detail = (await (await api('GET', `/api/clients/${clientId}`)).json()) as {
      client: { pausedBy?: string };
    };
    expect(detail.client.pausedBy).toBe('practice');
    expect((await api('PATCH', `/api/clients/${clientId}`, { action: 'resume' })).status).toBe(200);
  });
});
