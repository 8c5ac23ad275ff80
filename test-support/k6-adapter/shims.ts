/**
 * The k6 modules a script imports, as ES module sources the adapter writes next to the
 * transpiled script: `k6` (check, sleep, group, fail), `k6/http` (get, post, put, del, request,
 * expectedStatuses, setResponseCallback; responses with status, body, headers, json()) and
 * `k6/crypto` (sha256, md5, sha1, sha512). They call the VU worker's synchronous bridge,
 * `globalThis.__k6` (vu-source.ts), so a script runs unchanged, blocking as it does in k6.
 */

const K6 = `
const bridge = () => globalThis.__k6;
export function check(value, sets, tags) {
  let all = true;
  for (const [name, fn] of Object.entries(sets)) {
    let ok = false;
    try { ok = Boolean(fn(value)); } catch { ok = false; }
    bridge().record({ kind: 'check', name, ok, tags: { ...bridge().scenarioTags, ...(tags || {}) } });
    all = all && ok;
  }
  return all;
}
export function sleep(seconds) { bridge().sleep(Number(seconds)); }
export function group(name, fn) { return fn(); }
export function fail(message) { throw new Error(message === undefined ? 'fail' : String(message)); }
export default { check, sleep, group, fail };
`;

const HTTP = `
const bridge = () => globalThis.__k6;
let defaultExpected = { ranges: [[200, 399]] };
export function expectedStatuses(...items) {
  return { ranges: items.map((i) => typeof i === 'number' ? [i, i] : [i.min, i.max]) };
}
export function setResponseCallback(callback) { defaultExpected = callback; }
function response(r) {
  return {
    status: r.status, body: r.body, headers: r.headers, error: r.error, url: r.url,
    json(selector) {
      const value = JSON.parse(r.body);
      if (selector === undefined) return value;
      return String(selector).split('.').reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), value);
    },
  };
}
export function request(method, url, body, params) {
  const p = params || {};
  const headers = { ...(p.headers || {}) };
  let payload = body === undefined || body === null ? null : body;
  if (payload !== null && typeof payload === 'object') {
    payload = new URLSearchParams(payload).toString();
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  const tags = { ...bridge().scenarioTags, ...(p.tags || {}) };
  const expected = p.responseCallback || defaultExpected;
  return response(bridge().request({ method, url: String(url), body: payload, headers, tags, expected: expected ? expected.ranges : null }));
}
export const get = (url, params) => request('GET', url, null, params);
export const post = (url, body, params) => request('POST', url, body, params);
export const put = (url, body, params) => request('PUT', url, body, params);
export const patch = (url, body, params) => request('PATCH', url, body, params);
export const del = (url, body, params) => request('DELETE', url, body, params);
export const head = (url, params) => request('HEAD', url, null, params);
export default { request, get, post, put, patch, del, head, expectedStatuses, setResponseCallback };
`;

const CRYPTO = `
import { createHash } from 'node:crypto';
const digest = (algorithm) => (input, encoding) => {
  const bytes = typeof input === 'string' ? input : Buffer.from(input);
  const out = createHash(algorithm).update(bytes).digest();
  if (encoding === 'hex') return out.toString('hex');
  if (encoding === 'base64') return out.toString('base64');
  if (encoding === 'base64url' || encoding === 'base64rawurl') return out.toString('base64url');
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
};
export const md5 = digest('md5');
export const sha1 = digest('sha1');
export const sha256 = digest('sha256');
export const sha512 = digest('sha512');
export default { md5, sha1, sha256, sha512 };
`;

/** module name → source; `k6/options` has types only, so an empty module stands for it. */
export const K6_SHIMS: Readonly<Record<string, string>> = {
  'k6': K6,
  'k6/http': HTTP,
  'k6/crypto': CRYPTO,
  'k6/options': 'export {};\n',
};

/** "k6/http" → "k6-http.mjs" */
export const shimFile = (module: string): string => `${module.replace(/\//g, '-')}.mjs`;
