/**
 * How many browser agents this machine carries at once, and what a booking flow costs it.
 *
 * Levels of 5, 10, 20, 30 … concurrent agents (up to `maxAgents`) each run one person's booking
 * flow through the pages with the browser driver as shipped (default pool: 2 contexts per core,
 * person's typing pace): list → captcha → book → confirm by the mailed code. A level is clean when
 * every flow ends with a confirmed booking and no request failed or timed out (10 s per
 * navigation); the first level with an error stops the climb. Waiting for a pooled context is
 * not an error: it is the queueing the pool bound is for, and it shows in the wall time printed.
 *
 * CPU per flow: Chromium's processes (every descendant of this process, read from /proc) plus
 * this process (driver, and the target running in it), over the flows of the clean levels. The
 * reference is the same flow through the JSON API with fetch, measured in the same run: how
 * many times a browser agent costs an API agent.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBrowserDriver } from '../engine/drivers/browser/browser-driver.js';
import { launchChromium } from '../engine/drivers/browser/chromium.js';
import type { AgentNet } from '../engine/drivers/driver.js';
import { startTarget, type RunningTarget } from '../target/http/server.js';
import type { BenchLine } from './bench-line.js';

export interface BrowserBenchOptions {
  /** the climb stops here; default 40 */
  maxAgents?: number;
  levels?: readonly number[];
  /** progress lines; default stderr */
  log?: (line: string) => void;
}

const TOKEN = 'bench';
const CONFIG = {
  release: { kind: 'continuous', horizon: '8w' },
  measures: { captcha: { kind: 'challenge' }, emailConfirmation: { within: '30m' } },
} as const;

/** CPU seconds of this process and of every live descendant (Chromium's browser, renderers, GPU/utility). */
function cpuSeconds(): number {
  const tick = 100; // USER_HZ on Linux
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // after the name: state ppid … utime(14th field) stime cutime cstime
      parent.set(Number(name), Number(f[1]));
      cpu.set(Number(name), (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / tick);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  for (const [pid, s] of cpu) {
    let p: number | undefined = pid;
    while (p !== undefined && p > 1 && p !== process.pid) p = parent.get(p);
    if (p === process.pid && pid !== process.pid) total += s;
  }
  const own = process.cpuUsage();
  return total + (own.user + own.system) / 1e6;
}

async function withTarget<T>(body: (t: RunningTarget) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-browser-'));
  const t = await startTarget({ db: join(dir, 'bench.db'), config: CONFIG, adminToken: TOKEN, trustProxy: true, log: () => {} });
  try {
    return await body(t);
  } finally {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const person = (i: number) => ({ firstName: 'Aminata', lastName: `Diallo${i}`, email: `p${i}@example.org` });
const net = (i: number): AgentNet => ({ ip: `198.51.100.${i % 250}`, session: `bench-agent-${String(i).padStart(4, '0')}` });

/** `n` browser flows at once; how many ended confirmed, and how many requests failed. */
async function browserLevel(n: number, browser: Awaited<ReturnType<typeof launchChromium>>): Promise<{ ok: number; errors: number; wallMs: number }> {
  return withTarget(async (t) => {
    const d = await createBrowserDriver({ url: t.url, adminToken: TOKEN, browser });
    const started = performance.now();
    let errors = 0;
    try {
      const listed = await d.perform(net(9999), { kind: 'list', counter: 'renewal', limit: 100 });
      const slots = listed.outcome.kind === 'slots' ? listed.outcome.slots : [];
      if (slots.length < n) throw new Error(`bench browser: only ${slots.length} slots for ${n} agents`);
      const done = await Promise.all(slots.slice(0, n).map(async (slot, i) => {
        const me = net(i);
        const step = async (a: Parameters<typeof d.perform>[1]) => {
          const w = await d.perform(me, a);
          if (w.failure || w.outcome.kind === 'rejected') errors++;
          return w.outcome;
        };
        await step({ kind: 'list', counter: 'renewal' });
        const c = await step({ kind: 'captcha' });
        if (c.kind !== 'challenge') return false;
        const answer = t.store.getChallenge(c.challenge.id)?.answer ?? '';
        const b = await step({ kind: 'book', slotId: slot.id, identity: person(i), captcha: { id: c.challenge.id, answer } });
        if (b.kind !== 'booked') return false;
        return (await step({ kind: 'confirm', bookingId: b.convocation.bookingId, email: person(i).email })).kind === 'ok';
      }));
      return { ok: done.filter(Boolean).length, errors, wallMs: performance.now() - started };
    } finally {
      await d.close();
    }
  });
}

/** The same flow over the JSON API: the reference cost. */
async function apiFlows(n: number): Promise<number> {
  return withTarget(async (t) => {
    const before = cpuSeconds();
    const post = (path: string, json: unknown, headers: Record<string, string>) =>
      fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(json) }).then((r) => r.json() as Promise<any>);
    for (let i = 0; i < n; i++) {
      const h = { 'x-session': net(i).session, 'x-forwarded-for': net(i).ip };
      const slots = await (await fetch(`${t.url}/api/counters/renewal/slots?limit=50`, { headers: h })).json() as any;
      const slotId = slots.slots[0].id as string;
      const c = (await post('/api/captcha', {}, h)).challenge;
      const r = await post('/api/bookings', { slotId, identity: person(i), captcha: { id: c.id, answer: t.store.getChallenge(c.id)?.answer } }, h);
      const mail = await (await fetch(`${t.url}/admin/mail?to=${encodeURIComponent(person(i).email)}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as any;
      const code = /(\S+)\s*$/.exec(mail.mail.at(-1).body)?.[1];
      const ok = await post(`/api/bookings/${r.booking.id}/confirm`, { code }, h);
      if (ok.booking?.status !== 'confirmed') throw new Error(`bench browser: API reference flow failed: ${JSON.stringify(ok)}`);
    }
    return (cpuSeconds() - before) / n;
  });
}

export async function benchBrowser(o: BrowserBenchOptions = {}): Promise<BenchLine[]> {
  const log = o.log ?? ((l: string) => console.error(l));
  const max = o.maxAgents ?? 40;
  const levels = (o.levels ?? [5, 10, 20, 30, 40, 60, 80]).filter((n) => n <= max);
  const browser = await launchChromium();
  let clean = 0;
  let flows = 0;
  let cpu = 0;
  try {
    for (const n of levels) {
      const before = cpuSeconds();
      const r = await browserLevel(n, browser);
      const spent = cpuSeconds() - before;
      log(`bench browser: ${n} agents → ${r.ok} confirmed, ${r.errors} errors, ${(r.wallMs / 1000).toFixed(1)} s wall, ${(spent / n).toFixed(2)} CPU-s per flow`);
      if (r.ok !== n || r.errors > 0) break;
      clean = n;
      flows += n;
      cpu += spent;
    }
  } finally {
    await browser.close();
  }
  const perFlow = flows > 0 ? cpu / flows : NaN;
  const api = await apiFlows(20);
  return [
    { name: 'browser.concurrentAgents', value: clean, unit: 'agents', reference: 'the aim', referenceValue: 20, ratio: clean / 20, aim: '≥ 1' },
    { name: 'browser.cpuPerFlow', value: perFlow, unit: 'CPU-s', reference: 'the same flow over the JSON API', referenceValue: api, ratio: perFlow / api, aim: 'informative' },
  ];
}
