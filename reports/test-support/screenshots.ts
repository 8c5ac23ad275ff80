/**
 * `npm run screenshots [result.json] [out-dir]`: renders the report of a finished run in French and
 * English and saves full-page pictures of them (docs/report-fr.png, docs/report-en.png by
 * default), as the README shows them. A developer's tool: it needs Chromium (test-support/chromium.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../../test-support/chromium.js';
import { renderHtml } from '../html/render.js';
import { LANGS } from '../i18n/format.js';
import { readResultFile, ResultFileError } from '../read-result.js';

const USAGE = 'usage: npm run screenshots -- [result.json (default out/matrix/result.json)] [out-dir (default docs)]';

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (args.length > 2 || args.some((a) => a.startsWith('-'))) {
    console.error(USAGE);
    return 2;
  }
  const [file = 'out/matrix/result.json', outDir = 'docs'] = args;
  let result;
  try {
    result = readResultFile(file);
  } catch (error) {
    if (error instanceof ResultFileError) {
      console.error(`screenshots: ${error.message}${file === 'out/matrix/result.json' ? ' (run `npm start` first)' : ''}`);
      return 2;
    }
    throw error;
  }
  const pages = mkdtempSync(join(tmpdir(), 'guichet-screenshots-'));
  const browser = await launchChromium();
  try {
    mkdirSync(outDir, { recursive: true });
    for (const lang of LANGS) {
      const html = join(pages, `report-${lang}.html`);
      writeFileSync(html, renderHtml(result, lang));
      // 1280 wide as a laptop; the full page, so every chart shows
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(pathToFileURL(html).href);
      await page.waitForSelector('html[data-charts-drawn]', { timeout: 20_000 });
      const png = resolve(outDir, `report-${lang}.png`);
      await page.screenshot({ path: png, fullPage: true });
      await page.close();
      console.log(png);
    }
  } finally {
    await browser.close();
    rmSync(pages, { recursive: true, force: true });
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(`screenshots: ${(error as Error).message}`);
  process.exitCode = 1;
});
