import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';
import { createApiKey, type PracticeClient, signInPractice } from '../support/practice';

/**
 * Ids in the path of signed-in routes, of every odd shape: each is refused before it reaches the
 * store (DynamoDB refuses keys over 1 KB with an error that would otherwise become a 500).
 */
let h: Harness;
let ana: PracticeClient;
let key: string;

beforeAll(async () => {
  h = await startHarness();
  ana = await signInPractice(h, 'ana@clinic.example');
  key = await createApiKey(h, ana);
});
afterAll(async () => {
  await h.stop();
});

const ODD_IDS = [
  'x'.repeat(2000),
  'é'.repeat(700),
  encodeURIComponent('\u202e\u0000'),
  '..',
  '__proto__',
  'A'.repeat(21),
  'A'.repeat(23),
  `${'A'.repeat(21)}%`,
];

describe('odd ids on signed-in routes', () => {
  it.each(ODD_IDS.map((id) => [id.slice(0, 24), id]))(
    '%s… answers 404, never a 5xx',
    async (_, id) => {
      const api = (method: string, body?: unknown) =>
        fetch(new URL(`/api/clients/${id}`, h.url), {
          method,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      for (const response of [
        await api('GET'),
        await api('PATCH', { action: 'pause' }),
        await api('DELETE'),
        // API keys are managed with the session only.
        await fetch(new URL(`/api/keys/${id}`, h.url), {
          method: 'DELETE',
          headers: { cookie: ana.cookie },
        }),
        await ana.get(`/practice/clients/${id}`),
        await ana.post(`/practice/clients/${id}`, { action: 'pause' }),
      ]) {
        expect(response.status, new URL(response.url).pathname.slice(0, 40)).toBe(404);
      }
      expect(JSON.stringify(h.logs)).not.toMatch(/ValidationException|stack/i);
    },
  );
});
