import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchChromium } from '../support/browser';
import { firstLink, type Harness, linksIn, startHarness } from '../support/harness';

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(browserMissing)('a practitioner and a client, in a real browser', () => {
  let h: Harness;
  let browser: Browser;

  beforeAll(async () => {
    [h, browser] = await Promise.all([startHarness(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('signs in, enrolls a client who shares one answer of two, and sees exactly that one', async () => {
    const practitioner = await (
      await browser.newContext({ viewport: { width: 390, height: 844 } })
    ).newPage();
    await practitioner.goto(`${h.url}/practice`);
    await expect(practitioner.locator('h1').textContent()).resolves.toBe(
      'Sign in to your practice',
    );
    expect(await seriousViolations(practitioner), 'sign-in page').toEqual([]);
    await practitioner.getByLabel('Your work email address').fill('ana@clinic.example');
    await practitioner.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(practitioner.getByRole('status').textContent()).resolves.toContain('sign-in link');

    const [login] = await h.mailTo('ana@clinic.example');
    await practitioner.goto(firstLink(login?.text ?? '', 'login'));
    await practitioner.getByRole('button', { name: 'Sign in' }).click();
    await expect(practitioner.locator('h1').textContent()).resolves.toBe('Your clients');

    await practitioner.getByLabel('Name', { exact: true }).fill('Rowan Lee');
    await practitioner.getByLabel('Email address', { exact: true }).fill('rowan@example.com');
    await practitioner.getByRole('button', { name: 'Send the invitation' }).click();
    await expect(practitioner.getByRole('status').textContent()).resolves.toContain(
      'Invitation on its way',
    );
    expect(await seriousViolations(practitioner), 'dashboard').toEqual([]);

    const client = await (await browser.newContext({ timezoneId: 'Europe/Berlin' })).newPage();
    expect(await h.mailTo('rowan@example.com')).toEqual([]);
    await h.controls.dispatch();
    const [invitation] = await h.mailTo('rowan@example.com');
    await client.goto(firstLink(invitation?.text ?? '', 'confirm'));
    expect(await seriousViolations(client), 'consent page').toEqual([]);
    await client.getByLabel('No, keep them private unless I tick one').check();
    await expect.poll(() => client.locator('#timezone').inputValue()).toBe('Europe/Berlin');
    await client.getByRole('button', { name: 'Accept and begin' }).click();
    await expect(client.locator('h1').textContent()).resolves.toBe('You’re in');

    await h.advanceHours(0);
    const welcome = (await h.mailTo('rowan@example.com'))[1];
    const [shareIt, keepIt] = linksIn(welcome?.text ?? '', 'reflect') as [string, string];
    await client.goto(shareIt);
    await client.getByLabel(/Your answer/).fill('Shared with Ana: I want us to try.');
    await client.getByLabel(/Share this answer with my practitioner/).check();
    await client.getByRole('button', { name: 'Save to my journal' }).click();
    await client.goto(keepIt);
    await client.getByLabel(/Your answer/).fill('Private: I am not sure I can.');
    await client.getByRole('button', { name: 'Save to my journal' }).click();

    await practitioner.reload();
    const progress = practitioner.locator('progress').first();
    await expect(progress.getAttribute('value')).resolves.toBe('1');
    await expect(progress.getAttribute('max')).resolves.toBe('11');
    await practitioner.getByRole('link', { name: 'Rowan Lee' }).click();
    expect(await seriousViolations(practitioner), 'client page').toEqual([]);
    const answers = await practitioner.locator('.answer').allTextContents();
    expect(answers).toEqual(['Shared with Ana: I want us to try.']);
    const overflow = await practitioner.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
