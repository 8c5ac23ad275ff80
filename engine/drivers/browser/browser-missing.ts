/**
 * Where Chromium is, how it is launched, and what a missing one is: one place for the driver,
 * the browser tests and the CLI (which maps BrowserMissingError to exit 2). No Playwright here.
 *
 * Debian's Chromium (`apt-get install chromium`, /usr/bin/chromium) or the executable named by
 * GUICHET_CHROMIUM. Playwright's own browser downloads are not used: the machines guichet runs on
 * may have no network, and the distribution's package is what a team already keeps patched.
 */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** GUICHET_CHROMIUM, else Debian's path. */
export function chromiumPath(): string {
  return process.env.GUICHET_CHROMIUM || DEFAULT_CHROMIUM_PATH;
}

/**
 * Flags for a headless browser run as root on a machine without network:
 * - `--no-sandbox`: Chromium's sandbox refuses to start as root (containers, CI runners);
 * - `--disable-gpu`: no GPU here, and software GL costs CPU for nothing on text pages;
 * - `--disable-background-networking`, `--disable-component-update`, `--disable-sync`: Chromium
 *   would otherwise dial Google's servers (safe browsing lists, components, sync), which on a
 *   closed network only hang sockets and burn CPU on retries;
 * - `--no-first-run`: no first-run work (profile import, welcome page).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

/** No Chromium where we looked: an install problem the user fixes, not a crash (the CLI exits 2). */
export class BrowserMissingError extends Error {
  constructor(readonly path: string, detail?: string) {
    super(`no Chromium at ${path}${detail ? ` (${detail})` : ''}: install it (apt-get install chromium) or set GUICHET_CHROMIUM to its executable`);
    this.name = 'BrowserMissingError';
  }
}

