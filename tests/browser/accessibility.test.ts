import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { fillTemplate } from '../../functions/mail/fill-template';
import { sampleValues } from '../../scripts/templates/sample-values';
import { browserMissing, launchChromium } from '../support/browser';
import { firstLink, type Harness, startHarness } from '../support/harness';
import {
  acceptPartnerInvitation,
  currentLinks,
  invite,
  type Member,
  signUpAndConfirm,
} from '../support/partners';
import { seedActiveSubscriber } from '../support/seed';

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe.skipIf(browserMissing)('accessibility, with axe-core in headless Chromium', () => {
  let h: Harness;
  let browser: Browser;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    [h, browser] = await Promise.all([startHarness(), launchChromium()]);
    await seedActiveSubscriber(h.ctx, 'reader@example.com');
    await runDispatch(h.ctx);
    const [welcome] = await h.mailTo('reader@example.com');
    const text = welcome?.text ?? '';
    await h.postJson('/api/subscriptions', { email: 'new.reader@example.com' });
    const [confirmation] = await h.mailTo('new.reader@example.com');
    Object.assign(pages, {
      'sign-up': `${h.url}/`,
      help: `${h.url}/help`,
      'check inbox': `${h.url}/subscribe/check-inbox`,
      confirm: firstLink(confirmation?.text ?? '', 'confirm'),
      reflect: firstLink(text, 'reflect'),
      journal: firstLink(text, 'journal'),
      manage: firstLink(text, 'manage'),
      unsubscribe: firstLink(text, 'unsubscribe'),
      'not found': `${h.url}/no/such/page`,
    });
    Object.assign(pages, await partnerPages(h));
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it.each([
    'sign-up',
    'help',
    'check inbox',
    'confirm',
    'reflect',
    'journal',
    'manage',
    'unsubscribe',
    'not found',
    'partner (on your own)',
    'partner (invitation waiting)',
    'partner invitation',
    'partner (together)',
    'together',
    'partner (ended)',
  ])('the %s page has no serious violations, light and dark, and fits a phone', async (name) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({
        viewport: { width: 375, height: 800 },
        colorScheme,
      });
      const page = await context.newPage();
      await page.goto(pages[name] as string);
      expect(await seriousViolations(page), `${name} (${colorScheme})`).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${name} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
      await context.close();
    }
  });

  const stageIds = [
    'welcome',
    'what-breaks-trust',
    'acknowledge',
    'willingness',
    'safe-dialogue',
    'rebuild-trust',
    'patterns',
    'reconnect',
    'get-support',
    'letting-go',
    'closing',
  ];

  it('checks every stage of the course below', () => {
    const course = h.ctx.catalog.compiled('repair-reconnect');
    expect(course.stages.map((stage) => stage.id)).toEqual(stageIds);
  });

  it.each(stageIds)('the %s email has no serious violations in any perspective', async (id) => {
    const stage = h.ctx.catalog.compiled('repair-reconnect').stages.find((s) => s.id === id);
    if (!stage) throw new Error(`no stage ${id}`);
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    for (const perspective of ['caused', 'hurt', 'mutual'] as const) {
      await page.setContent(
        fillTemplate(stage.variants[perspective].html, sampleValues(stage), 'html'),
      );
      expect(await seriousViolations(page), `${id} (${perspective})`).toEqual([]);
    }
    await context.close();
  });
});

/**
 * The pages of a pair in each of their states: one person on their own, one whose invitation
 * waits (and the page the invitee opens), a pair with an answer both shared, and a pair that
 * one of them ended.
 */
async function partnerPages(h: Harness): Promise<Record<string, string>> {
  const at = (path: string) => new URL(path, h.url).toString();
  const pair = async (a: string, b: string): Promise<[Member, Member]> => {
    const first = await signUpAndConfirm(h, a, { name: 'Sam' });
    await invite(h, first, b, { name: 'Kit', note: 'Shall we try this together?' });
    await acceptPartnerInvitation(h, b);
    await h.controls.dispatch();
    return [first, await currentLinks(h, b)];
  };

  const alone = await signUpAndConfirm(h, 'alone@example.com');
  const waiting = await signUpAndConfirm(h, 'waiting@example.com', { name: 'Sam' });
  await invite(h, waiting, 'invitee@example.com', { note: 'Shall we try this together?' });
  await h.controls.dispatch();
  const [invitation] = await h.mailTo('invitee@example.com');

  const [sharing, shared] = await pair('sharing@example.com', 'shared@example.com');
  for (const member of [sharing, shared]) {
    const [question] = member.reflect;
    await h.postForm(question as string, {
      answer: `What ${member.email} chose to share.`,
      sharePartner: 'on',
    });
  }
  const [ended, leaver] = await pair('ended@example.com', 'leaver@example.com');
  await h.postForm(`${leaver.partner}/unpair`);

  const shown = {
    'partner (on your own)': at(alone.partner),
    'partner (invitation waiting)': at(waiting.partner),
    'partner invitation': firstLink(invitation?.text ?? '', 'confirm'),
    'partner (together)': at(sharing.partner),
    together: at(`${sharing.journal}/together`),
    'partner (ended)': at(ended.partner),
  };
  // Each page is in the state its name says, or the checks above would check the wrong thing.
  const expected: Record<keyof typeof shown, string> = {
    'partner (on your own)': 'You are taking the course on your own.',
    'partner (invitation waiting)': 'Your invitation has not been accepted yet.',
    'partner invitation': 'Shall we try this together?',
    'partner (together)': 'You are taking the course with your partner',
    together: 'What shared@example.com chose to share.',
    'partner (ended)': 'The pair has ended.',
  };
  for (const [name, url] of Object.entries(shown)) {
    const body = await (await fetch(url)).text();
    expect(body, name).toContain(expected[name as keyof typeof shown]);
  }
  return shown;
}
