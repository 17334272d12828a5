import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';
import { createApiKey, type PracticeClient, signInPractice } from '../support/practice';

/** PRACTITIONER_ALLOWLIST: who may open a practice, checked on every use, not only at sign-in. */
let h: Harness;
let ana: PracticeClient;
let key: string;

beforeAll(async () => {
  h = await startHarness({ env: { PRACTITIONER_ALLOWLIST: '@clinic.example, solo@free.example' } });
  ana = await signInPractice(h, 'ana@clinic.example');
  key = await createApiKey(h, ana);
});
afterAll(async () => {
  await h.stop();
});

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function askForLink(email: string) {
  const started = performance.now();
  const response = await h.postJson('/api/practitioners/login', { email });
  return { ms: performance.now() - started, status: response.status, body: await response.text() };
}

describe('the practitioner allowlist', () => {
  it('is read from the environment: an address off the list gets no link and no practice', async () => {
    const refused = await askForLink('eve@elsewhere.example');
    expect(refused.status).toBe(202);
    expect(await h.mailTo('eve@elsewhere.example')).toEqual([]);
    const items = await h.tableItems();
    expect(JSON.stringify(items)).not.toContain('eve@elsewhere.example');
  });

  it('answers a refused and an accepted request alike: status, body and time', async () => {
    const accepted: number[] = [];
    const refused: number[] = [];
    for (let n = 0; n < 8; n++) {
      h.clock.advance(1 / 30);
      const a = await askForLink(`p${n}@clinic.example`);
      const b = await askForLink(`p${n}@elsewhere.example`);
      expect(a.status).toBe(b.status);
      expect(a.body).toBe(b.body);
      accepted.push(a.ms);
      refused.push(b.ms);
    }
    expect(await h.mailTo('p0@clinic.example')).toHaveLength(1);
    const gap = Math.abs(median(accepted) - median(refused));
    console.log(
      `allowlist: median accepted ${median(accepted).toFixed(1)} ms, refused ${median(refused).toFixed(1)} ms`,
    );
    expect(gap).toBeLessThan(60);
  });

  it('ends a session and an API key at once when the address leaves the list', async () => {
    expect((await ana.get('/practice')).status).toBe(200);
    const withKey = () =>
      fetch(new URL('/api/clients', h.url), { headers: { authorization: `Bearer ${key}` } });
    expect((await withKey()).status).toBe(200);
    const invalid = await fetch(new URL('/api/clients', h.url), {
      headers: { authorization: `Bearer ${key.slice(0, -2)}xx` },
    });

    const list = h.ctx.practice.allowlist;
    list.splice(list.indexOf('@clinic.example'), 1);
    try {
      const page = await ana.get('/practice');
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/practice/login');
      const refused = await withKey();
      // Exactly what a wrong key gets: nothing says the key itself was fine.
      expect(refused.status).toBe(401);
      expect(await refused.text()).toBe(await invalid.text());
    } finally {
      list.push('@clinic.example');
    }
    expect((await ana.get('/practice')).status).toBe(200);
  });
});
