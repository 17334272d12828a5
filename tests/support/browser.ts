import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
