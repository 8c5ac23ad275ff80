/** The HTML path without JavaScript: forms, POST + 303 redirects, French text, escaping, accessibility basics. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, startTest, type Res, type TestTarget } from '../test-support/http-fixture.js';

let t: TestTarget;
beforeAll(async () => {
  t = await startTest({ config: config({ measures: { captcha: { kind: 'challenge' } } }) });
});
afterAll(() => t.stop());

/** A browser without JavaScript: keeps its session cookie. */
function browser() {
  let cookie = '';
  const go = async (method: string, path: string, form?: Record<string, string>): Promise<Res> => {
    const headers: Record<string, string> = cookie ? { cookie } : {};
    const o = form ? { raw: new URLSearchParams(form).toString(), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } } : { headers };
    const r = await t.call(method, path, o);
    const set = r.headers['set-cookie'];
    if (set) cookie = String(set).split(';')[0] as string;
    return r;
  };
  return { go };
}

const attr = (html: string, re: RegExp) => re.exec(html)?.[1]?.replace(/&amp;/g, '&');
const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

function checkAccessible(html: string) {
  expect(html).toMatch(/^<!doctype html>\s*<html lang="fr">/);
  expect(html).toContain('<a class="skip" href="#contenu">');
  expect(html).toMatch(/<main id="contenu" role="main"/);
  expect(html.match(/<h1>/g)).toHaveLength(1);
  // every visible input has a label pointing at it
  for (const m of html.matchAll(/<input ([^>]*)>/g)) {
    const tag = m[1] as string;
    if (tag.includes('type="hidden"')) continue;
    const id = /id="([^"]+)"/.exec(tag)?.[1];
    expect(id, tag).toBeTruthy();
    expect(html).toContain(`<label for="${id}">`);
  }
}

describe('pages', () => {
  it('walks counters → slots → form → convocation → cancel without JavaScript', async () => {
    const b = browser();
    const home = await b.go('GET', '/');
    expect(home.status).toBe(200);
    checkAccessible(home.text);
    expect(home.text).toContain('<a href="/guichets/renewal">Renouvellement</a>');

    const slots = await b.go('GET', '/guichets/renewal');
    checkAccessible(slots.text);
    expect(slots.text).toContain('lundi 7 janvier 2019 à 08h30');
    const formHref = attr(slots.text, /<a href="(\/reserver\?creneau=[^"]+)"/);
    expect(formHref).toBe('/reserver?creneau=renewal%402019-01-07T08%3A30%231');

    const form = await b.go('GET', formHref as string);
    expect(form.status).toBe(200);
    checkAccessible(form.text);
    const captchaId = attr(form.text, /name="captchaId" value="([^"]+)"/) as string;
    const code = attr(form.text, /<strong class="captcha" id="captcha-code">([^<]+)</) as string;
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    const post = await b.go('POST', '/reserver', {
      slotId: 'renewal@2019-01-07T08:30#1', firstName: 'Aïssatou', lastName: '<script>alert(1)</script>', email: 'a@example.org',
      phone: '', agdref: '', captchaId, captchaAnswer: code,
    });
    expect(post.status).toBe(303);
    const location = String(post.headers['location']);
    expect(location).toMatch(/^\/convocation\/b-[0-9a-f-]+\?token=[A-Za-z0-9_-]+$/);

    const conv = await b.go('GET', location);
    expect(conv.status).toBe(200);
    checkAccessible(conv.text);
    expect(conv.headers['referrer-policy']).toBe('no-referrer');
    expect(conv.text).toContain('<time datetime="2019-01-07T08:30:00.000+01:00">lundi 7 janvier 2019 à 08h30</time>');
    expect(conv.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(conv.text).not.toContain('<script>alert');
    expect(conv.text).toContain('<strong id="statut">confirmé</strong>');
    const bookingId = /^\/convocation\/([^?]+)/.exec(location)?.[1] as string;
    expect(conv.text).toContain(`<dd id="numero">${bookingId}</dd>`);

    const token = new URLSearchParams(location.split('?')[1]).get('token') as string;
    const cancel = await b.go('POST', `/convocation/${bookingId}/annuler`, { token });
    expect(cancel.status).toBe(303);
    const after = await b.go('GET', decode(String(cancel.headers['location'])));
    expect(after.text).toContain('<strong id="statut">annulé</strong>');
    expect(after.text).not.toContain('/annuler');
  });

  it('re-renders the form with a French error, kept values and a fresh captcha', async () => {
    const b = browser();
    const form = await b.go('GET', '/reserver?creneau=renewal%402019-01-07T08%3A45%231');
    const captchaId = attr(form.text, /name="captchaId" value="([^"]+)"/) as string;
    const r = await b.go('POST', '/reserver', {
      slotId: 'renewal@2019-01-07T08:45#1', firstName: 'Jean', lastName: 'O"Brien', email: 'j@example.org', captchaId, captchaAnswer: 'WRONG1',
    });
    expect(r.status).toBe(403);
    checkAccessible(r.text);
    expect(r.text).toContain('role="alert"');
    expect(r.text).toContain('Le code de vérification est incorrect');
    expect(r.text).toContain('value="O&quot;Brien"');
    expect(r.text).toMatch(/id="captchaAnswer"[^>]*aria-invalid="true"/);
    expect(attr(r.text, /name="captchaId" value="([^"]+)"/)).not.toBe(captchaId);
  });

  it('refuses a wrong convocation token and unknown pages in French, with the right status', async () => {
    const bad = await t.call('GET', '/convocation/b-nope?token=x');
    expect(bad.status).toBe(404);
    expect(bad.headers['content-type']).toContain('text/html');
    const missing = await t.call('GET', '/nulle-part');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Page introuvable');
    checkAccessible(missing.text);
    const badSlot = await t.call('GET', '/reserver?creneau=%3Cscript%3E');
    expect(badSlot.status).toBe(404);
    expect(badSlot.text).not.toContain('<script>');
  });

  it('sends a CSP with a nonce and no inline script without it', async () => {
    const r = await t.call('GET', '/');
    const csp = String(r.headers['content-security-policy']);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(r.text).toContain(`<style nonce="${nonce}">`);
  });
});
