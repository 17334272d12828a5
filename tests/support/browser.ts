import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../../scripts/chromium';

export { launchChromium } from '../../scripts/chromium';

/**
 * Browser tests need Debian's chromium (`.ci/run` installs it). On a developer machine without
 * it they are skipped with a note; in CI its absence is a failure, never a silent skip.
 */
export const browserMissing = !existsSync(CHROMIUM_PATH) && !process.env.CI;
if (browserMissing) {
  console.warn(
    `Skipping browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium).`,
  );
}

/** A browser context as one person uses it, and every console error or page error it logs. */
export interface Visitor {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/**
 * A new context whose "Leave this page quickly" target answers from here (the real neutral site
 * is out of reach in tests), collecting console and page errors.
 */
export async function openVisitor(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<Visitor> {
  const context = await browser.newContext(options);
  await context.route('https://www.bbc.co.uk/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title>' }),
  );
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
}
