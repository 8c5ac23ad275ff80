/**
 * Seeded HTTP fuzzing of a real target (127.0.0.1, port 0, SQLite file): thousands of hostile
 * requests (test-support/fuzz-requests.ts), one at a time, under four policies in turn. Every
 * answer must be below 500; every refusal must carry a code of the catalogue (JSON `error.code`,
 * or a page's `data-error-code`) and must have written nothing: the store's journal has no new
 * entry. Two refusals write by design, and only this: a wrong captcha answer spends its
 * challenge (`useChallenge`: single use, against brute force), and a refused booking form comes
 * back with the challenge of the retry (`insertChallenge`, on a page that shows it).
 * Every answer carries the security headers (no-store, no-referrer, nosniff; pages a CSP).
 * Nothing may reach the target's log of unexpected errors.
 *
 * GUICHET_FUZZ_SEED and GUICHET_FUZZ_REQUESTS (default 5,000) replay or extend a run; a failure
 * names the seed and the request's number.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../domain/errors.js';
import { seededRandom } from '../domain/test-support/seeded-random.js';
import { SqliteStore } from '../storage/sqlite-store.js';
import { journaled, StoreJournal, type JournalEntry } from '../storage/store-journal.js';
import { agent, config, COUNTERS, session, startTest, TOKEN, type TestTarget } from './test-support/http-fixture.js';
import { fuzzRequest, type FuzzRequest, type FuzzWorld } from './test-support/fuzz-requests.js';

const SEED = Number(process.env['GUICHET_FUZZ_SEED'] ?? 20_190_107);
const REQUESTS = Number(process.env['GUICHET_FUZZ_REQUESTS'] ?? 5000);
const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

const POLICIES = [
  config({ measures: { emailConfirmation: { within: '30m' }, identityLimit: { perEmail: 2 }, exactName: { atCheckIn: true } } }),
  config({ release: { kind: 'lottery', day: 'sun', at: '20:00', horizon: '2w' } }),
  config({ release: { kind: 'waiting-room', day: 'mon', at: '08:00', horizon: '2w' }, measures: { captcha: { kind: 'challenge', ttl: '1h' } } }),
  config({ release: { kind: 'batch', day: 'mon', at: '00:00', interval: '1h', horizon: '1w' }, measures: { rateLimit: { perIp: { capacity: 400, refillPerMinute: 60 } } } }),
];

let t: TestTarget;
let raw: SqliteStore;
let dir: string;
const journal = new StoreJournal();
const logged: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-fuzz-'));
  raw = new SqliteStore(join(dir, 'fuzz.db'));
  // the hand-driven clock stands still and the timer never fires during the run: whatever the
  // journal gets between two answers was written by the request
  t = await startTest({ store: journaled(raw, journal), tickEveryMs: 3_600_000, log: (message, err) => logged.push(`${message}: ${String(err)}`) });
});
afterAll(async () => {
  await t.stop();
  raw.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer { status: number; type: string; text: string; headers: Record<string, unknown> }

async function send(r: FuzzRequest): Promise<Answer> {
  const res = await request(`${t.url}${r.path}`, { method: r.method as 'GET', headers: r.headers, body: r.body ?? null, dispatcher: agent });
  const text = await res.body.text();
  return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), text, headers: res.headers };
}

/** The refusal code an answer carries, or why it carries none. */
function codeOf(a: Answer): string {
  if (a.type.includes('json')) {
    try {
      return String((JSON.parse(a.text) as { error?: { code?: unknown } }).error?.code);
    } catch {
      return 'unparseable JSON';
    }
  }
  return /data-error-code="([A-Z_]+)"/.exec(a.text)?.[1] ?? `no code in ${a.type || 'an untyped answer'}`;
}

/** Security headers every answer must carry (pages: also their CSP), whatever was asked. */
function missingHeaders(a: Answer): string[] {
  const want: [string, (v: string) => boolean][] = [
    ['cache-control', (v) => v === 'no-store'], ['referrer-policy', (v) => v === 'no-referrer'], ['x-content-type-options', (v) => v === 'nosniff'],
  ];
  if (a.type.includes('html')) want.push(['content-security-policy', (v) => v.includes("default-src 'none'") && v.includes("frame-ancestors 'none'")]);
  return want.filter(([name, ok]) => !ok(String(a.headers[name] ?? ''))).map(([name]) => name);
}

/** What a refusal may write (see the top of the file). */
function allowedWrites(code: string, a: Answer): ReadonlySet<string> {
  const ops = new Set<string>();
  if (code === 'CAPTCHA_INVALID') ops.add('useChallenge');
  if (a.type.includes('html') && a.text.includes('name="captchaId"')) ops.add('insertChallenge');
  return ops;
}

/** Learns ids and tokens from accepted answers, so later requests reach real bookings. */
function learn(w: FuzzWorld, a: Answer): void {
  if (!a.type.includes('json')) return;
  let body: any;
  try {
    body = JSON.parse(a.text);
  } catch {
    return;
  }
  if (typeof body?.booking?.id === 'string' && typeof body.token === 'string') w.bookings.push({ id: body.booking.id, token: body.token });
  for (const id of [body?.registration?.id, body?.ticket?.id, body?.request?.id, body?.challenge?.id]) if (typeof id === 'string') w.ids.push(id);
}

async function usePolicy(w: FuzzWorld, n: number): Promise<void> {
  expect((await t.admin('PUT', '/admin/policy', POLICIES[n % POLICIES.length])).status).toBe(200);
  const slots = await t.call('GET', '/api/counters/renewal/slots?limit=20', { headers: session(9000 + n) });
  w.slotIds = slots.status === 200 ? (slots.body.slots as { id: string }[]).map((s) => s.id) : [];
  if (w.slotIds.length === 0) w.slotIds = ['renewal@2019-01-07T08:45#1', 'first-request@2019-01-09T13:30#1'];
}

describe('HTTP fuzzing', () => {
  it(`answers ${REQUESTS} hostile requests (seed ${SEED}) below 500, with a code on every refusal, and refusals write nothing`, async () => {
    const rnd = seededRandom(SEED).next;
    const w: FuzzWorld = { counters: Object.keys(COUNTERS), slotIds: [], bookings: [], ids: [], adminToken: TOKEN, host: new URL(t.url).host };
    const byStatus: Record<string, number> = {};
    const byCode: Record<string, number> = {};
    const perPolicy = Math.ceil(REQUESTS / POLICIES.length);
    const problems: string[] = [];
    for (let i = 0; i < REQUESTS && problems.length < 10; i++) {
      if (i % perPolicy === 0) await usePolicy(w, i / perPolicy);
      const r = fuzzRequest(rnd, w);
      const before = journal.next;
      const a = await send(r);
      byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
      const where = `seed ${SEED} request #${i}: ${r.method} ${r.path.slice(0, 120)} → ${a.status}`;
      if (a.status >= 500 || a.status < 100) problems.push(`${where} ${a.text.slice(0, 200)}`);
      const missing = missingHeaders(a);
      if (missing.length > 0) problems.push(`${where} without ${missing.join(', ')}`);
      if (a.status < 400) {
        learn(w, a);
        continue;
      }
      const code = r.method === 'HEAD' ? 'HEAD' : codeOf(a);
      byCode[code] = (byCode[code] ?? 0) + 1;
      if (r.method !== 'HEAD' && !KNOWN_CODES.has(code)) problems.push(`${where}: ${code}`);
      const written = (journal.page(before, 1000)?.entries ?? []).map((e) => (JSON.parse(e) as JournalEntry).op);
      const allowed = allowedWrites(code, a);
      if (written.some((op) => !allowed.has(op))) problems.push(`${where} ${code} but wrote ${written.join(', ')}`);
    }
    console.log(`fuzz seed ${SEED}, ${REQUESTS} requests; by status ${JSON.stringify(byStatus)}; refusals by code ${JSON.stringify(byCode)}`);
    expect(problems).toEqual([]);
    expect(logged).toEqual([]);
    // the generator reaches the routes' successes too, not only their refusals
    const accepted = Object.entries(byStatus).filter(([s]) => Number(s) < 400).reduce((n, [, c]) => n + c, 0);
    expect(accepted).toBeGreaterThan(REQUESTS / 20);
  }, 300_000);
});
