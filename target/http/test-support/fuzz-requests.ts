/**
 * Seeded generator of hostile HTTP requests for the target's fuzz test: every route, with its
 * method or an odd one, path parameters that are real, absent, broken percent-encoding,
 * Object.prototype names, Unicode or very long; query strings, headers (sessions, cookies,
 * origins, tokens, encodings), and bodies that are nearly right, of the wrong type or encoding,
 * broken, deeply nested or huge. Only what a client can put on the wire: undici refuses header
 * values with raw control or non-Latin-1 characters, so those are percent-encoded.
 */
import { gzipSync } from 'node:zlib';

export interface FuzzWorld {
  counters: readonly string[];
  slotIds: string[];
  bookings: { id: string; token: string }[];
  /** other ids seen in answers (registrations, tickets, batch requests, challenges) */
  ids: string[];
  adminToken: string;
  host: string;
}

export interface FuzzRequest { method: string; path: string; headers: Record<string, string>; body?: string | Buffer }

type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const chance = (rnd: Rnd, p: number) => rnd() < p;

const ODD_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'SEARCH', 'PURGE', 'LOCK'];
const NASTY_SEGMENTS = [
  '%ZZ', '%E0%A4%A', '%C0%AF', '%', '%00', '%2e%2e', '..', '%2F', 'constructor', '__proto__', 'toString', 'hasOwnProperty',
  encodeURIComponent('é漢字🙂'), encodeURIComponent('<script>alert(1)</script>'), encodeURIComponent("'; DROP TABLE bookings;--"),
  '-1', '0', '1e309', 'a'.repeat(3000), encodeURIComponent('\u202e\u0000\uFEFF'),
];
const NASTY_TEXT = [
  '', ' ', 'a'.repeat(5000), 'é漢字🙂', '<img src=x onerror=alert(1)>', '\u0000', '\ud800', 'O\'Brien', '   Awa  ', 'x@', '@x', 'a@b.c',
  '9'.repeat(40), 'null', '\u202e\u0301', 'Ⅷ', 'İstanbul',
];

/** A value of any JSON type, nasty on purpose. */
function junk(rnd: Rnd, depth = 0): unknown {
  switch (Math.floor(rnd() * 8)) {
    case 0: return pick(rnd, NASTY_TEXT);
    case 1: return pick(rnd, [0, -1, 1.5, 1e308, -0, 2 ** 53 + 1]);
    case 2: return pick(rnd, [true, false, null]);
    case 3: return depth > 2 ? [] : [junk(rnd, depth + 1), junk(rnd, depth + 1)];
    case 4: return depth > 2 ? {} : { [pick(rnd, ['__proto__', 'constructor', 'slotId', 'x'])]: junk(rnd, depth + 1) };
    default: return `v${Math.floor(rnd() * 1000)}`;
  }
}

function identity(rnd: Rnd): Record<string, unknown> {
  const n = Math.floor(rnd() * 50);
  const id: Record<string, unknown> = { firstName: 'Awa', lastName: `Sow${n}`, email: `fuzz${n}@example.org` };
  if (chance(rnd, 0.3)) id[pick(rnd, ['firstName', 'lastName', 'email', 'phone', 'agdref', 'extra'])] = junk(rnd);
  if (chance(rnd, 0.1)) delete id[pick(rnd, ['firstName', 'lastName', 'email'])];
  return id;
}

/** A body close to what the route takes, then perhaps damaged. */
function nearBody(rnd: Rnd, w: FuzzWorld, route: string): Record<string, unknown> {
  const slotId = chance(rnd, 0.8) && w.slotIds.length > 0 ? pick(rnd, w.slotIds) : String(junk(rnd));
  const booking = w.bookings.length > 0 ? pick(rnd, w.bookings) : { id: 'b1', token: 't' };
  let body: Record<string, unknown>;
  if (route.includes('bookings') && route.endsWith('cancel')) body = { token: chance(rnd, 0.5) ? booking.token : junk(rnd) };
  else if (route.endsWith('confirm')) body = { code: junk(rnd) };
  else if (route.endsWith('/bookings') || route === '/reserver') body = { slotId, identity: identity(rnd) };
  else if (route.endsWith('registrations') || route.endsWith('inscription')) body = { identity: identity(rnd) };
  else if (route.endsWith('check-in')) body = { bookingId: booking.id, counter: pick(rnd, w.counters), firstName: 'Awa', lastName: 'Sow' };
  else if (route.includes('registry')) body = { entries: [{ agdref: String(junk(rnd)), firstName: 'Awa', lastName: 'Sow' }] };
  else body = {};
  if (chance(rnd, 0.2)) body['captcha'] = chance(rnd, 0.5) ? { id: pick(rnd, [...w.ids, 'c1']), answer: String(junk(rnd)) } : junk(rnd);
  if (chance(rnd, 0.2)) body[pick(rnd, ['ticket', 'extra', '__proto__', 'slotId'])] = junk(rnd);
  return body;
}

/** Flattens a body for an HTML form (urlencoded, one level). */
function asForm(body: Record<string, unknown>): string {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (v !== null && typeof v === 'object') for (const [k2, v2] of Object.entries(v)) flat[k2] = String(v2);
    else flat[k] = String(v);
  }
  return new URLSearchParams(flat).toString();
}

function withBody(rnd: Rnd, w: FuzzWorld, route: string, headers: Record<string, string>): string | Buffer | undefined {
  const near = nearBody(rnd, w, route);
  const isPage = !route.startsWith('/api') && !route.startsWith('/admin');
  const kind = Math.floor(rnd() * 12);
  let type = isPage ? 'application/x-www-form-urlencoded' : 'application/json';
  let body: string | Buffer;
  if (kind <= 4) body = isPage ? asForm(near) : JSON.stringify(near);
  else if (kind === 5) body = pick(rnd, ['{', '{"slotId":', '[]', 'null', '"x"', '1', 'true', '\uFEFF{}', '{"a":1}}', '{"a":"\\ud800"}', '{"__proto__":{"x":1}}']);
  else if (kind === 6) body = '['.repeat(5000) + ']'.repeat(5000);
  else if (kind === 7) body = JSON.stringify({ ...near, pad: 'x'.repeat(pick(rnd, [17_000, 200_000])) });
  else if (kind === 8) {
    body = gzipSync(isPage ? asForm(near) : JSON.stringify(near));
    headers['content-encoding'] = 'gzip';
  } else if (kind === 9) {
    body = isPage ? asForm(near) : JSON.stringify(near);
    headers['content-encoding'] = pick(rnd, ['gzip', 'br', 'deflate', 'zstd', 'identity', 'gzip, br']);
  } else if (kind === 10) {
    body = isPage ? JSON.stringify(near) : asForm(near);
  } else body = JSON.stringify(junk(rnd));
  if (chance(rnd, 0.15)) {
    type = pick(rnd, ['text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/json; charset=utf-16',
      'application/x-www-form-urlencoded', 'application/json', '*/*', 'application/merge-patch+json', 'garbage']);
  }
  if (!chance(rnd, 0.05)) headers['content-type'] = type;
  return body;
}

const ROUTES: readonly (readonly [string, string])[] = [
  ['GET', '/api/counters'], ['GET', '/api/counters/:c/slots'], ['POST', '/api/captcha'], ['POST', '/api/bookings'],
  ['GET', '/api/booking-requests/:id'], ['GET', '/api/bookings/:b/convocation'], ['POST', '/api/bookings/:b/cancel'],
  ['POST', '/api/bookings/:b/confirm'], ['POST', '/api/check-in'], ['POST', '/api/counters/:c/registrations'],
  ['GET', '/api/registrations/:id'], ['POST', '/api/counters/:c/waiting-room'], ['GET', '/api/waiting-room/:id'],
  ['GET', '/admin/policy'], ['PUT', '/admin/policy'], ['POST', '/admin/release'], ['GET', '/admin/ledger'], ['GET', '/admin/mail'],
  ['PUT', '/admin/registry'], ['POST', '/admin/registry'], ['POST', '/admin/reset'], ['GET', '/admin/journal'],
  ['GET', '/'], ['GET', '/guichets/:c'], ['GET', '/reserver'], ['POST', '/reserver'], ['GET', '/convocation/:b'],
  ['POST', '/convocation/:b/annuler'], ['POST', '/convocation/:b/confirmer'], ['POST', '/guichets/:c/inscription'],
  ['GET', '/inscription/:id'], ['POST', '/guichets/:c/file'], ['GET', '/file/:id'],
  ['GET', '/healthz'], ['GET', '/metrics'], ['GET', '/openapi.json'], ['GET', '/:id'], ['POST', '/api/:id'],
];
/** Admin routes a valid token may reach: reads, and the registry (a reset or a policy would end the run's state). */
const ADMIN_OK = new Set(['/admin/policy', '/admin/ledger', '/admin/mail', '/admin/registry', '/admin/journal']);

function segment(rnd: Rnd, real: readonly string[]): string {
  return chance(rnd, 0.6) && real.length > 0 ? encodeURIComponent(pick(rnd, real)) : pick(rnd, NASTY_SEGMENTS);
}

function query(rnd: Rnd, w: FuzzWorld, booking: { token: string } | undefined): string {
  const parts: string[] = [];
  for (let i = Math.floor(rnd() * 4); i > 0; i--) {
    const key = pick(rnd, ['limit', 'minLeadMinutes', 'token', 'creneau', 'ticket', 'verbose', 'to', 'from', 'x', 'limit[]', '__proto__']);
    const value = key === 'creneau' && chance(rnd, 0.6) && w.slotIds.length > 0 ? encodeURIComponent(pick(rnd, w.slotIds))
      : key === 'token' && booking && chance(rnd, 0.6) ? encodeURIComponent(booking.token)
        : pick(rnd, ['1', '0', '-1', '1e999', 'NaN', '', '%ZZ', encodeURIComponent('é🙂'), '9'.repeat(30), 'a'.repeat(2000), '1&limit=2', 'yes']);
    parts.push(`${key}=${value}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

export function fuzzRequest(rnd: Rnd, w: FuzzWorld): FuzzRequest {
  const [method0, template] = pick(rnd, ROUTES);
  const booking = w.bookings.length > 0 ? pick(rnd, w.bookings) : undefined;
  const path = template
    .replace(':c', () => segment(rnd, w.counters))
    .replace(':b', () => segment(rnd, booking ? [booking.id] : []))
    .replace(':id', () => segment(rnd, w.ids));
  const method = chance(rnd, 0.85) ? method0 : pick(rnd, ODD_METHODS);
  const headers: Record<string, string> = {};
  const s = rnd();
  if (s < 0.55) headers['x-session'] = `fuzz-session-${Math.floor(rnd() * 5)}`;
  else if (s < 0.62) headers['x-session'] = pick(rnd, ['short', 'has space', 'x'.repeat(300), '%E9t%C3', '../../etc']);
  else if (s < 0.75) headers['cookie'] = pick(rnd, ['guichet_session=fuzz-cookie-1', 'guichet_session=', 'guichet_session=<x>', 'a=b; guichet_session=fuzz-cookie-2', ';;=']);
  if (template.startsWith('/admin') || template === '/api/check-in') {
    const valid = ADMIN_OK.has(template) && chance(rnd, 0.5);
    if (valid || chance(rnd, 0.7)) headers['authorization'] = valid ? `Bearer ${w.adminToken}` : pick(rnd, ['Bearer wrong', 'Basic x', `Bearer ${w.adminToken}x`, 'Bearer', '']);
  }
  if (chance(rnd, 0.1)) headers['origin'] = pick(rnd, ['https://evil.example', 'null', `http://${w.host}`, 'not a url']);
  if (chance(rnd, 0.08)) headers['sec-fetch-site'] = pick(rnd, ['cross-site', 'same-site', 'same-origin', 'none', 'weird']);
  if (chance(rnd, 0.1)) headers['x-forwarded-for'] = pick(rnd, ['10.0.0.1', '1.2.3.4, 5.6.7.8', 'garbage', '::1']);
  if (chance(rnd, 0.1) && booking) headers['x-booking-token'] = chance(rnd, 0.5) ? booking.token : 'guess';
  if (chance(rnd, 0.05)) headers['x-long'] = 'y'.repeat(4000);
  if (chance(rnd, 0.05)) headers['accept'] = pick(rnd, ['text/html', 'application/json', '*/*', 'image/png']);
  const hasBody = method !== 'GET' && method !== 'HEAD' && (method0 !== 'GET' || chance(rnd, 0.3));
  const req: FuzzRequest = { method, path: `${path}${query(rnd, w, booking)}`, headers };
  if (hasBody) {
    const body = withBody(rnd, w, template, headers);
    if (body !== undefined) req.body = body;
  }
  return req;
}
