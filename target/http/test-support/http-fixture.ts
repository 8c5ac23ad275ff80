/** A real target on 127.0.0.1:0 with a hand-driven clock, and undici helpers to talk to it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import type { CounterConfig, TargetConfigInput } from '../../domain/policy.js';
import type { Identity } from '../../domain/types.js';
import { startTarget, type RunningTarget, type StartOptions } from '../server.js';

/** Monday 7 January 2019, 00:00 in Paris. */
export const MONDAY = Date.UTC(2019, 0, 6, 23, 0, 0);

export const COUNTERS: Record<string, CounterConfig> = {
  renewal: { label: 'Renouvellement', days: ['mon', 'tue', 'thu', 'fri'], hours: '08:30-12:00', slotMinutes: 15, desks: 2 },
  'first-request': { label: 'Première demande', days: ['wed'], hours: '13:30-15:30', slotMinutes: 30, desks: 1 },
};

/** Continuous release: every slot of the next week is bookable from the first tick. */
export function config(extra: Partial<TargetConfigInput> = {}): TargetConfigInput {
  return { release: { kind: 'continuous', horizon: '1w' }, counters: structuredClone(COUNTERS), ...extra };
}

export interface Res { status: number; headers: Record<string, string | string[] | undefined>; body: any; text: string }

export interface TestTarget extends RunningTarget {
  clockAt: { t: number };
  call(method: string, path: string, opts?: { json?: unknown; raw?: string; headers?: Record<string, string> }): Promise<Res>;
  admin(method: string, path: string, json?: unknown): Promise<Res>;
  dir: string;
  stop(): Promise<void>;
}

export const TOKEN = 'test-admin-token';

// Many concurrent requests in tests: a generous connection pool.
export const agent = new Agent({ connections: 512, pipelining: 1, keepAliveTimeout: 1000 });

export async function startTest(opts: Partial<StartOptions> & { sqliteFile?: boolean } = {}): Promise<TestTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-http-'));
  const clockAt = { t: MONDAY };
  const { sqliteFile, ...rest } = opts;
  const running = await startTarget({
    // a test-controlled target steers a clock of its own, starting on the same Monday
    port: 0, adminToken: TOKEN, config: config(), ...(rest.testControl ? { epoch: MONDAY } : { clock: { now: () => clockAt.t } }), log: () => {},
    db: sqliteFile ? join(dir, 'target.db') : ':memory:',
    ...rest,
  });
  const call: TestTarget['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    let payload: string | undefined;
    if (o.json !== undefined) {
      payload = JSON.stringify(o.json);
      headers['content-type'] ??= 'application/json';
    } else if (o.raw !== undefined) {
      payload = o.raw;
    }
    const r = await request(`${running.url}${path}`, { method: method as 'GET', headers, body: payload ?? null, dispatcher: agent });
    const text = await r.body.text();
    let body: unknown = undefined;
    if (String(r.headers['content-type'] ?? '').includes('json') && text) body = JSON.parse(text);
    return { status: r.statusCode, headers: r.headers as Res['headers'], body, text };
  };
  return {
    ...running, clockAt, call, dir,
    admin: (method, path, json) => call(method, path, { ...(json === undefined ? {} : { json }), headers: { authorization: `Bearer ${TOKEN}` } }),
    stop: async () => {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function person(n: number, extra: Partial<Identity> = {}): Identity {
  return { firstName: 'Aminata', lastName: `Diallo${n}`, email: `p${n}@example.org`, ...extra };
}

export const session = (n: number) => ({ 'x-session': `session-${String(n).padStart(4, '0')}` });

/** The first available slot of a counter. */
export async function firstSlot(t: TestTarget, counter = 'renewal'): Promise<string> {
  const r = await t.call('GET', `/api/counters/${counter}/slots?limit=1`, { headers: session(9999) });
  const id = r.body?.slots?.[0]?.id;
  if (typeof id !== 'string') throw new Error(`no slot available: ${r.status} ${r.text}`);
  return id;
}
