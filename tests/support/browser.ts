import { existsSync } from 'node:fs';
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
