import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchChromium } from '../support/browser';
import { firstLink, type Harness, startHarness } from '../support/harness';

describe.skipIf(browserMissing)('in a real browser', () => {
  let h: Harness;
  let browser: Browser;

  beforeAll(async () => {
    [h, browser] = await Promise.all([startHarness(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('signs up, confirms, answers a reflection and finds it in the journal', async () => {
    const context = await browser.newContext({ timezoneId: 'Australia/Sydney' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(h.url);
    await expect.poll(() => page.locator('#timezone').inputValue()).toBe('Australia/Sydney');
    await expect(page.locator('#timezone-detected').textContent()).resolves.toContain(
      'Australia/Sydney',
    );
    await page.getByLabel('Your email address').fill('browser.person@example.com');
    await page.getByLabel(/Your first name/).fill('Robin');
    await page.getByLabel('I caused the hurt').check();
    await page.locator('#sendHour').selectOption('7');
    await page.getByRole('button', { name: 'Send me the first step' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Check your inbox');

    const [confirmation] = await h.mailTo('browser.person@example.com');
    await page.goto(firstLink(confirmation?.text ?? '', 'confirm'));
    await page.getByRole('button', { name: 'Confirm and begin' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('You’re in');

    await h.advanceHours(0);
    const welcome = (await h.mailTo('browser.person@example.com'))[1];
    expect(welcome?.html).toContain('Hi Robin,');
    await page.goto(firstLink(welcome?.text ?? '', 'reflect'));
    await page.getByLabel(/Your answer/).fill('I want to stop explaining and start listening.');
    await page.getByRole('button', { name: 'Save to my journal' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Saved');
    await expect(page.locator('textarea').inputValue()).resolves.toBe(
      'I want to stop explaining and start listening.',
    );

    await page.getByRole('link', { name: 'Open your journal' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Your journal');
    await expect(page.locator('.answer').first().textContent()).resolves.toBe(
      'I want to stop explaining and start listening.',
    );
    expect(problems).toEqual([]);
    await context.close();
  });
});
