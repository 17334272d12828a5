import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { browserMissing, launchChromium } from '../support/browser';
import { firstLink, type Harness, linksIn, pathOf, startHarness } from '../support/harness';
import { acceptInvitation, signInPractice } from '../support/practice';

const SCRIPT = '<script>window.__pwned = 1</script>';
const IMG = '"><img src=x onerror="window.__pwned = 1">';
const RTL = '\u202Egnp.exe';
const HOSTILE_NAME = `Sam${IMG}${RTL}`;
const HOSTILE_ANSWER = `${SCRIPT}${IMG}\r\nBcc: thief@example.com ${RTL}`;

let h: Harness;
let browser: Browser | undefined;
let reflect: string;
let journal: string;
let clientPage: string;
let cookie: string;

beforeAll(async () => {
  h = await startHarness();
  if (!browserMissing) browser = await launchChromium();
  const practice = await signInPractice(h, 'ana@clinic.example');
  cookie = practice.cookie;
  await practice.post('/practice/clients', { name: HOSTILE_NAME, email: 'hostile@example.com' });
  await acceptInvitation(h, 'hostile@example.com', 'yes');
  await runDispatch(h.ctx);
  const text = (await h.mailTo('hostile@example.com')).at(-1)?.text ?? '';
  reflect = firstLink(text, 'reflect');
  journal = firstLink(text, 'journal');
  await h.postForm(pathOf(reflect), { answer: HOSTILE_ANSWER, share: 'on' });
  const dashboard = await (await practice.get('/practice')).text();
  clientPage = `${h.url}/practice/clients/${/\/practice\/clients\/([\w-]+)/.exec(dashboard)?.[1]}`;
});
afterAll(async () => {
  await browser?.close();
  await h.stop();
});

describe('hostile names and answers', () => {
  it('refuses line breaks in a sign-up name instead of letting them near a header', async () => {
    const response = await h.postJson('/api/subscriptions', {
      email: 'crlf@example.com',
      name: 'Sam\r\nBcc: thief@example.com',
    });
    expect(response.status).toBe(400);
    expect(await h.mailTo('crlf@example.com')).toEqual([]);
  });

  it('are escaped in every page and export that shows them', async () => {
    const pages = [
      await (await fetch(reflect)).text(),
      await (await fetch(journal)).text(),
      await (await fetch(clientPage, { headers: { cookie } })).text(),
      await (await fetch(`${h.url}/practice`, { headers: { cookie } })).text(),
    ];
    for (const page of pages) {
      expect(page).not.toContain('<script>window.__pwned');
      expect(page).not.toContain('<img src=x');
    }
    expect(pages[0]).toContain('&lt;script&gt;window.__pwned');
    expect(pages[3]).toContain('&quot;&gt;&lt;img src=x');
    const exported = await (await fetch(`${journal}/export`)).json();
    expect(exported.answers[0].answer).toBe(HOSTILE_ANSWER.trim());
  });

  it('leave the headers of every email unchanged, and the HTML escaped', async () => {
    const mail = await h.outbox();
    expect(mail.length).toBeGreaterThanOrEqual(3);
    for (const email of mail) {
      for (const name of Object.keys(email.headers)) {
        expect(['List-Unsubscribe', 'List-Unsubscribe-Post']).toContain(name);
      }
      expect(email.to).toHaveLength(1);
      expect(email.html).not.toContain('<img src=x');
      expect(email.subject).not.toMatch(/[\r\n]/);
    }
    const welcome = (await h.mailTo('hostile@example.com')).at(-1);
    expect(welcome?.html).toContain('Hi Sam&quot;&gt;&lt;img');
  });

  it.skipIf(browserMissing)(
    'run no script in a real browser, on any page that shows them',
    async () => {
      const context = await (browser as Browser).newContext();
      await context.addCookies([
        { name: 'mend_session', value: cookie.split('=')[1] as string, url: h.url },
      ]);
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      for (const url of [
        reflect,
        journal,
        clientPage,
        `${h.url}/practice`,
        `${h.url}/_local/outbox/view`,
      ]) {
        await page.goto(url);
        expect(
          await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
          url,
        ).toBeUndefined();
      }
      const welcome = (await h.mailTo('hostile@example.com')).at(-1);
      await page.setContent(welcome?.html ?? '');
      expect(
        await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(linksIn(welcome?.text ?? '', 'reflect').length).toBeGreaterThan(0);
      await context.close();
    },
  );
});
