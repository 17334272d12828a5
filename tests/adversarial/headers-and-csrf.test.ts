import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { firstLink, type Harness, pathOf, startHarness } from '../support/harness';
import { signInPractice } from '../support/practice';
import { seedActiveSubscriber } from '../support/seed';

let h: Harness;
const links: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness();
  await seedActiveSubscriber(h.ctx, 'headers@example.com');
  await runDispatch(h.ctx);
  const text = (await h.mailTo('headers@example.com'))[0]?.text ?? '';
  for (const kind of ['reflect', 'journal', 'manage', 'unsubscribe', 'partner'])
    links[kind] = pathOf(firstLink(text, kind));
  await h.postJson('/api/subscriptions', { email: 'pending@example.com' });
  links.confirm = pathOf(
    firstLink((await h.mailTo('pending@example.com'))[0]?.text ?? '', 'confirm'),
  );
  await h.postJson('/api/practitioners/login', { email: 'robots@clinic.example' });
  links.login = pathOf(
    firstLink((await h.mailTo('robots@clinic.example'))[0]?.text ?? '', 'login'),
  );
});
afterAll(async () => {
  await h.stop();
});

describe('every response carries strict security headers', () => {
  it.each([
    '/',
    '/help',
    '/health',
    '/assets/mend.css',
    '/practice/login',
    '/no/such/page',
    '/api/no-such-thing',
  ])('%s', async (path) => {
    const response = await fetch(`${h.url}${path}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    // X-Frame-Options says what frame-ancestors says, never something else.
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('pages behind a token are never cached or indexed, sign-in links included', async () => {
    for (const kind of [
      'reflect',
      'journal',
      'manage',
      'unsubscribe',
      'partner',
      'confirm',
      'login',
    ]) {
      for (const path of [links[kind], `${links[kind]}x`]) {
        const response = await fetch(`${h.url}${path}`);
        expect(response.headers.get('cache-control'), kind).toBe('no-store');
        expect(response.headers.get('x-robots-tag'), kind).toContain('noindex');
      }
    }
    for (const path of [
      `${links.journal}/export`,
      `${links.journal}/delete`,
      `${links.journal}/together`,
    ]) {
      expect((await fetch(`${h.url}${path}`)).headers.get('x-robots-tag'), path).toContain(
        'noindex',
      );
    }
  });
});

describe('form posts from another site are refused and change nothing', () => {
  const foreign = (path: string, body: string) =>
    fetch(`${h.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    });

  it('on every subscriber form', async () => {
    const before = await h.tableItems();
    const posts: [string, string][] = [
      ['/subscribe', 'email=victim%40example.com'],
      [links.confirm as string, ''],
      [links.reflect as string, 'answer=forged'],
      [links.manage as string, 'action=pause'],
      [`${links.manage}/sign-out`, ''],
      [`${links.journal}/delete`, ''],
      [`${links.partner}/invite`, 'email=victim%40example.com'],
      [`${links.partner}/withdraw`, ''],
      [`${links.partner}/unpair`, ''],
    ];
    for (const [path, body] of posts) expect((await foreign(path, body)).status, path).toBe(403);
    expect(await h.tableItems()).toEqual(before);
  });

  it('on every practitioner form, even with a valid session cookie', async () => {
    const practice = await signInPractice(h, 'csrf@clinic.example');
    const before = await h.tableItems();
    for (const path of ['/practice/clients', '/practice/logout', '/practice/login']) {
      const response = await fetch(`${h.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: practice.cookie,
          origin: 'https://evil.example',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'name=X&email=x%40example.com',
      });
      expect(response.status, path).toBe(403);
    }
    expect(await h.tableItems()).toEqual(before);
    expect((await practice.get('/practice')).status).toBe(200);
  });

  it('except the RFC 8058 one-click unsubscribe, which mail providers send without an Origin', async () => {
    const response = await fetch(`${h.url}${links.unsubscribe}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
  });

  it('limits form bodies to 64 KB', async () => {
    const justOver = await h.postRaw(
      links.reflect as string,
      'application/x-www-form-urlencoded',
      `answer=${'a'.repeat(64 * 1024)}`,
    );
    expect(justOver.status).toBe(413);
  });
});
