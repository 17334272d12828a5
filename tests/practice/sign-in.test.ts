import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLink, type Harness, pathOf, startHarness } from '../support/harness';
import { signInPractice } from '../support/practice';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    env: { PRACTITIONER_ALLOWLIST: 'clinic.example,solo@elsewhere.example' },
  });
});
afterAll(async () => {
  await h.stop();
});

describe('practitioner sign-in by magic link', () => {
  it('emails a link whose page has a button; the POST opens a session with a safe cookie', async () => {
    expect(
      (await h.postJson('/api/practitioners/login', { email: 'ana@clinic.example' })).status,
    ).toBe(202);
    const [mail] = await h.mailTo('ana@clinic.example');
    const link = firstLink(mail?.text ?? '', 'login');
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<button type="submit">Sign in</button>');

    const signedIn = await h.postForm(pathOf(link));
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/practice');
    const cookie = signedIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^mend_session=[\w.-]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain-http local mode only

    const again = await h.postForm(pathOf(link));
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('already been used');
  });

  it('refuses a link after 15 minutes', async () => {
    await h.postJson('/api/practitioners/login', { email: 'late@clinic.example' });
    const link = firstLink((await h.mailTo('late@clinic.example'))[0]?.text ?? '', 'login');
    h.clock.advance(0.26);
    expect((await h.postForm(pathOf(link))).status).toBe(410);
  });

  it('keeps the dashboard behind a session, and signing out ends it', async () => {
    expect((await fetch(`${h.url}/practice`, { redirect: 'manual' })).headers.get('location')).toBe(
      '/practice/login',
    );
    const practice = await signInPractice(h, 'ben@clinic.example');
    const dashboard = await practice.get('/practice');
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('Signed in as ben@clinic.example');
    expect((await practice.post('/practice/logout')).status).toBe(303);
    expect((await practice.get('/practice')).status).toBe(303);
  });

  it('expires sessions after 12 hours', async () => {
    const practice = await signInPractice(h, 'cat@clinic.example');
    expect((await practice.get('/practice')).status).toBe(200);
    h.clock.advance(12.1);
    expect((await practice.get('/practice')).status).toBe(303);
  });

  it('sends nothing to addresses off the allowlist, and answers them the same', async () => {
    const off = await h.postJson('/api/practitioners/login', { email: 'mallory@other.example' });
    const on = await h.postJson('/api/practitioners/login', { email: 'solo@elsewhere.example' });
    expect(off.status).toBe(on.status);
    expect(await off.text()).toBe(await on.text());
    expect(await h.mailTo('mallory@other.example')).toEqual([]);
    expect(await h.mailTo('solo@elsewhere.example')).toHaveLength(1);
  });

  it('sends at most three sign-in emails an hour per address, and creates no practice for a request', async () => {
    for (let n = 0; n < 5; n++)
      await h.postJson('/api/practitioners/login', { email: 'dee@clinic.example' });
    expect(await h.mailTo('dee@clinic.example')).toHaveLength(3);
    const practices = await Promise.all(
      (await h.ctx.store.practices.listIds()).map((id) => h.ctx.store.practices.get(id)),
    );
    expect(practices.map((p) => p?.email)).not.toContain('dee@clinic.example');
    expect(JSON.stringify(await h.tableItems())).not.toContain('dee@clinic.example');
    h.clock.advance(1);
    await h.postJson('/api/practitioners/login', { email: 'dee@clinic.example' });
    expect(await h.mailTo('dee@clinic.example')).toHaveLength(4);
  });
});
