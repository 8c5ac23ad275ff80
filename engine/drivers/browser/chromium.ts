/**
 * Launching Chromium for the driver and the browser tests: where it is, the flags, and the
 * error when it is missing live in browser-missing.ts (no Playwright import, so the CLI can name
 * the error without loading a browser library).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { BrowserMissingError, CHROMIUM_ARGS, chromiumPath } from './browser-missing.js';

export { BrowserMissingError, CHROMIUM_ARGS, chromiumPath, DEFAULT_CHROMIUM_PATH } from './browser-missing.js';

/** Launches headless Chromium with CHROMIUM_ARGS; a missing or unlaunchable executable is a BrowserMissingError. */
export async function launchChromium(executablePath = chromiumPath()): Promise<Browser> {
  if (!existsSync(executablePath)) throw new BrowserMissingError(executablePath);
  try {
    return await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
  } catch (e) {
    // e.g. a file that is not a browser, or missing shared libraries
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    throw new BrowserMissingError(executablePath, `it did not start: ${first.slice(0, 200)}`);
  }
}
