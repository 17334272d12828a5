import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpPage } from '../../functions/app/pages/help-page';
import { signupPage } from '../../functions/app/pages/signup-page';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import {
  checkedPhrase,
  type HelpResources,
  helpResources,
  urgentKinds,
} from '../../functions/help/resources';
import { escapeHtml } from '../../functions/mail/fill-template';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const page = async (path: string) => {
  const response = await fetch(new URL(path, h.url));
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.text(),
  };
};

describe('GET /help', () => {
  it('lists every resource with what it offers, its number, its link, and when and against what it was checked', async () => {
    const { status, type, body } = await page('/help');
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/html/);
    for (const resource of helpResources.resources) {
      expect(body, resource.name).toContain(escapeHtml(resource.name));
      expect(body).toContain(escapeHtml(resource.what));
      expect(body).toContain(`href="${escapeHtml(resource.url)}"`);
      expect(body).toContain(`href="${escapeHtml(resource.source)}"`);
      if (resource.phone) expect(body).toContain(resource.phone);
      expect(body).toContain(`checked ${resource.checkedOn}`);
    }
    for (const { number } of helpResources.emergency.numbers) expect(body).toContain(number);
    for (const heading of Object.values(helpResources.kinds)) expect(body).toContain(heading);
    expect(body).toContain('Sign out of all links');
  });

  it('escapes everything it shows from the resource list', () => {
    const hostile: HelpResources = {
      ...helpResources,
      kinds: { ...helpResources.kinds, crisis: '<b>crisis</b>' },
      resources: [
        {
          name: '<script>alert(1)</script>',
          kind: 'crisis',
          what: 'Says "hi" & <img src=x onerror=alert(1)>',
          phone: '<i>0</i>',
          url: 'https://example.org/?a="><script>',
          region: '<u>Nowhere</u>',
          source: 'https://example.org/source',
          checkedOn: '2026-11-29',
        },
      ],
    };
    const rendered = String(helpPage(hostile));
    expect(rendered).not.toMatch(/<script>alert|<img src=x|<b>crisis|<i>0|<u>Nowhere|"><script>/);
    expect(rendered).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(String(signupPage('Course', {}, undefined, hostile))).not.toMatch(
      /<script>alert|<u>Nowhere/,
    );
  });
});

describe('the safety resources outside /help', () => {
  it('are on the sign-up page, with the date they were checked and a link to the full list', async () => {
    const { body } = await page('/');
    for (const resource of helpResources.resources.filter((r) => urgentKinds.includes(r.kind))) {
      expect(body, resource.name).toContain(escapeHtml(resource.name));
      if (resource.phone) expect(body).toContain(resource.phone);
    }
    expect(body).toContain(`Checked ${checkedPhrase(helpResources)}`);
    expect(body).toContain('href="/help"');
    expect(body).toContain('href="#safety"');
  });

  it('are linked from the footer of every page', async () => {
    for (const path of ['/', '/help', '/subscribe/check-inbox', '/no-such-page']) {
      expect((await page(path)).body, path).toMatch(/<footer class="site">.*href="\/help"/s);
    }
  });

  it('are linked, as an address that works, from the footer of the confirmation and of every stage', async () => {
    const email = 'help.footer@example.com';
    expect((await h.postForm('/subscribe', { email, perspective: 'hurt' })).status).toBe(303);
    await seedActiveSubscriber(h.ctx, 'help.stage@example.com', { perspective: 'caused' });
    await runDispatch(h.ctx);
    const mail = [...(await h.mailTo(email)), ...(await h.mailTo('help.stage@example.com'))];
    expect(mail).toHaveLength(2);
    const helpUrl = `${h.url}/help`;
    for (const sent of mail) {
      const footer = sent.text.slice(sent.text.lastIndexOf('\n-- \n'));
      expect(footer, sent.subject).toContain(`Where to find help, in many countries: ${helpUrl}`);
      expect(sent.html, sent.subject).toContain(`href="${helpUrl}"`);
    }
    expect((await fetch(helpUrl)).status).toBe(200);
  });

  it('are listed in the welcome email, with the date they were checked', async () => {
    const email = 'help.welcome@example.com';
    await seedActiveSubscriber(h.ctx, email, { perspective: 'hurt' });
    await runDispatch(h.ctx);
    const [welcome] = await h.mailTo(email);
    for (const resource of helpResources.resources.filter((r) => urgentKinds.includes(r.kind))) {
      expect(welcome?.text, resource.name).toContain(resource.name);
      expect(welcome?.text).toContain(resource.url);
      if (resource.phone) expect(welcome?.text).toContain(resource.phone);
    }
    expect(welcome?.text).toContain(`All checked ${checkedPhrase(helpResources)}`);
  });
});
