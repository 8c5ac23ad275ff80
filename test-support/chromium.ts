/**
 * One way for every browser test to find Chromium and to say when it cannot. The path and the
 * launch flags are the browser driver's (engine/drivers/browser/chromium.ts): tests run the
 * browser the way live runs do.
 *
 * Where: GUICHET_CHROMIUM, else Debian's /usr/bin/chromium. When it is missing, a test suite is
 * skipped with one loud line on a developer's machine, and fails in CI (CI set), where a missing
 * browser is a broken install, not a reason to go green.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { chromiumPath, launchChromium as launch } from '../engine/drivers/browser/chromium.js';

export { CHROMIUM_ARGS } from '../engine/drivers/browser/chromium.js';

export const CHROMIUM_PATH = chromiumPath();
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

const warned = new Set<string>();

/**
 * `describe`, or `describe.skip` with a warning when Chromium is missing outside CI.
 * In CI the suite runs and `launchChromium` throws, so the run fails and says why.
 */
export function browserSuite(what: string): typeof describe | typeof describe.skip {
  if (HAS_CHROMIUM || process.env.CI) return describe;
  if (!warned.has(what)) {
    warned.add(what);
    console.warn(`\n!!! SKIPPED (${what}): no Chromium at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set GUICHET_CHROMIUM.\n`);
  }
  return describe.skip;
}

/** Headless Chromium with the driver's flags; BrowserMissingError when it is not installed. */
export function launchChromium(): Promise<Browser> {
  return launch(CHROMIUM_PATH);
}

/** One Chromium for the tests of a suite: launched before them, closed after. Call it inside the suite. */
export function sharedChromium(): { browser: Browser } {
  const shared = {} as { browser: Browser };
  beforeAll(async () => {
    shared.browser = await launchChromium();
  });
  afterAll(async () => {
    await shared.browser?.close();
  });
  return shared;
}
