import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICK_EXIT_URL } from '../../functions/app/quick-exit';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { browserMissing, launchChromium, openVisitor } from '../support/browser';
import { firstLink, type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

describe.skipIf(browserMissing)('leaving a page quickly, in a real browser', () => {
  let h: Harness;
  let browser: Browser;
  let journal: string;
  let manage: string;

  beforeAll(async () => {
    [h, browser] = await Promise.all([startHarness(), launchChromium()]);
    await seedActiveSubscriber(h.ctx, 'quick@example.com');
    await runDispatch(h.ctx);
    const text = (await h.mailTo('quick@example.com'))[0]?.text ?? '';
    journal = firstLink(text, 'journal');
    manage = firstLink(text, 'manage');
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  const open = (options: Parameters<Browser['newContext']>[0] = {}) =>
    openVisitor(browser, options);

  /** The course settings first, then the journal from its link: two entries of history. */
  async function readJournal(page: Page): Promise<number> {
    await page.goto(manage);
    await page.getByRole('link', { name: 'Open your journal' }).click();
    await page.waitForURL(journal);
    await expect(page.locator('h1').textContent()).resolves.toBe('Your journal');
    return page.evaluate(() => history.length);
  }

  it('replaces the journal in history with the neutral page: Back goes to the page before', async () => {
    const { context, page, problems } = await open();
    const before = await readJournal(page);
    await page.getByRole('link', { name: 'Leave this page quickly' }).click();
    await page.waitForURL(QUICK_EXIT_URL);
    expect(page.url()).toBe(QUICK_EXIT_URL);
    await expect(page.title()).resolves.toBe('Weather');
    expect(await page.evaluate(() => history.length)).toBe(before);
    await page.goBack();
    expect(page.url()).toBe(manage);
    await expect(page.locator('h1').textContent()).resolves.toBe('Your course settings');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('leaves on Escape pressed twice within a second, not on two presses further apart', async () => {
    const { context, page, problems } = await open();
    const before = await readJournal(page);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1_300);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(journal);
    // The press just now and this one are the quick pair.
    await page.keyboard.press('Escape');
    await page.waitForURL(QUICK_EXIT_URL);
    expect(await page.evaluate(() => history.length)).toBe(before);
    await page.goBack();
    expect(page.url()).toBe(manage);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is the second stop for Tab, after the skip link, and says Escape works', async () => {
    const { context, page, problems } = await open({ viewport: { width: 1280, height: 800 } });
    await page.goto(journal);
    const exit = page.getByRole('link', { name: 'Leave this page quickly' });
    await expect.poll(() => exit.getAttribute('aria-describedby')).toBe('quick-exit-hint');
    await expect(page.locator('#quick-exit-hint').isVisible()).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'Skip to content',
    );
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('quick-exit');
    await page.keyboard.press('Enter');
    await page.waitForURL(QUICK_EXIT_URL);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('stays in sight in the top corner of a wide screen, and is a large target on a phone', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 375, height: 800 },
    ]) {
      const { context, page } = await open({ viewport });
      await page.goto(journal);
      const exit = page.locator('#quick-exit');
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const box = await exit.boundingBox();
      if (!box) throw new Error('no box');
      expect(box.y, `${viewport.width}: top`).toBeLessThan(24);
      expect(viewport.width - (box.x + box.width), `${viewport.width}: right`).toBeLessThan(24);
      expect(box.height, `${viewport.width}: height`).toBeGreaterThanOrEqual(48);
      // The skip link, when focused, is not hidden under it.
      await page.keyboard.press('Tab');
      const skip = await page.locator('a.skip').boundingBox();
      const onTop = await page.evaluate(() => {
        const link = document.querySelector('a.skip') as HTMLElement;
        const { x, y, width, height } = link.getBoundingClientRect();
        return document.elementFromPoint(x + width / 2, y + height / 2) === link;
      });
      expect(skip?.y, `${viewport.width}: skip link in view`).toBeGreaterThanOrEqual(0);
      expect(onTop, `${viewport.width}: skip link on top`).toBe(true);
      await context.close();
    }
  });

  it('without JavaScript is still a plain link to the neutral page', async () => {
    const { context, page } = await open({ javaScriptEnabled: false });
    const before = await readJournal(page);
    await expect(page.locator('#quick-exit-hint').isVisible()).resolves.toBe(false);
    await page.getByRole('link', { name: 'Leave this page quickly' }).click();
    await page.waitForURL(QUICK_EXIT_URL);
    // A plain link adds an entry: only the script can keep Back from returning here.
    expect(await page.evaluate(() => history.length)).toBe(before + 1);
    await context.close();
  });
});
