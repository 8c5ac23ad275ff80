/**
 * One way for every browser test to find Chromium and to say when it cannot.
 *
 * Where: GUICHET_CHROMIUM, else Debian's /usr/bin/chromium. When it is missing, a test suite is
 * skipped with one loud line on a developer's machine, and fails in CI (CI set), where a missing
 * browser is a broken install, not a reason to go green.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

export const CHROMIUM_PATH = process.env.GUICHET_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

/** Flags for a root user on a machine without network (the background ones would dial out). */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

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

export async function launchChromium(): Promise<Browser> {
  if (!HAS_CHROMIUM) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set GUICHET_CHROMIUM`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
