/** A real Chromium books through the pages: the proof-of-work captcha is solved by the page's script. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserSuite, launchChromium } from '../../../test-support/chromium.js';
import { config, startTest, type TestTarget } from '../test-support/http-fixture.js';

browserSuite('target pages in a browser')('pages in a browser', () => {
  let t: TestTarget;
  let browser: Browser;
  // Inside the suite, so a skipped suite starts neither the target nor a browser.
  beforeAll(async () => {
    t = await startTest({ config: config({ measures: { captcha: { kind: 'proof-of-work', difficulty: 8 } } }) });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('books a slot with a proof-of-work captcha solved in the page, by labels and roles', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${t.url}/`);
    await page.getByRole('link', { name: 'Renouvellement' }).click();
    await page.getByRole('link', { name: 'lundi 7 janvier 2019 à 09h00, guichet 1' }).click();
    await page.getByLabel('Prénom').fill('Aminata');
    await page.getByLabel('Nom de famille').fill('Diallo');
    await page.getByLabel('Adresse e-mail').fill('aminata@example.org');
    const button = page.getByRole('button', { name: 'Confirmer le rendez-vous' });
    await expect.poll(() => button.isEnabled(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Vérification terminée');
    await button.click();
    await page.waitForURL(/\/convocation\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Convocation');
    expect(await page.locator('#statut').textContent()).toBe('confirmé');
    expect(await page.locator('time').textContent()).toBe('lundi 7 janvier 2019 à 09h00');
    expect(errors).toEqual([]);
    const ledger = (await t.admin('GET', '/admin/ledger')).body.bookings;
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ slotId: 'renewal@2019-01-07T09:00#1', identity: { lastName: 'Diallo' } });
  });
});
