/**
 * `guichet target` as a real child process: a confirmed booking survives SIGKILL (SQLite WAL,
 * synchronous FULL), SIGTERM stops cleanly with status 0, a bad policy file exits 2 with a
 * located message. The child runs the TypeScript sources through tsx, with only this command
 * registered (TARGET_ONLY_CLI).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TARGET_ONLY_CLI } from '../../target/crash/target-process.js';

let dir: string;
const children: ChildProcessWithoutNullStreams[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-cli-'));
  writeFileSync(join(dir, 'policy.yaml'), 'release: { kind: continuous, horizon: 1w }\n');
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Child { proc: ChildProcessWithoutNullStreams; url: Promise<string>; out: () => string; exit: Promise<{ code: number | null; signal: string | null }> }

function guichetTarget(...args: string[]): Child {
  return guichetTargetWith({}, ...args);
}

function guichetTargetWith(env: NodeJS.ProcessEnv, ...args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', TARGET_ONLY_CLI, 'target', ...args], {
    cwd: process.cwd(), env: { ...process.env, GUICHET_ADMIN_TOKEN: '', GUICHET_CRASH_AT_WRITE: '', ...env },
  });
  children.push(proc);
  let out = '';
  let err = '';
  proc.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const url = new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /guichet target listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    proc.once('exit', () => reject(new Error(`exited before listening: ${out}${err}`)));
  });
  url.catch(() => {});
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    proc.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { proc, url, out: () => out + err, exit };
}

async function call(url: string, method: string, body?: unknown) {
  const r = await request(url, {
    method: method as 'GET', headers: { 'content-type': 'application/json', 'x-session': 'cli-test-session' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: r.statusCode, body: (await r.body.json()) as any };
}

const common = (db: string) => ['--port', '0', '--db', db, '--policy', join(dir, 'policy.yaml'), '--epoch', '2019-01-07', '--admin-token', 'cli-token'];

describe('guichet target', () => {
  it('keeps a confirmed booking across SIGKILL and a restart on the same --db', async () => {
    const db = join(dir, 'crash.db');
    const first = guichetTarget(...common(db));
    const url = await first.url;
    const slots = await call(`${url}/api/counters/renewal/slots?limit=1`, 'GET');
    const slotId = slots.body.slots[0].id as string;
    const booked = await call(`${url}/api/bookings`, 'POST', { slotId, identity: { firstName: 'Aminata', lastName: 'Diallo', email: 'a@example.org' } });
    expect(booked.status).toBe(201);
    first.proc.kill('SIGKILL');
    expect(await first.exit).toEqual({ code: null, signal: 'SIGKILL' });

    const second = guichetTarget(...common(db));
    const url2 = await second.url;
    const { id } = booked.body.booking;
    const conv = await call(`${url2}/api/bookings/${id}/convocation?token=${encodeURIComponent(booked.body.token)}`, 'GET');
    expect(conv.status).toBe(200);
    expect(conv.body.convocation).toMatchObject({ bookingId: id, lastName: 'Diallo', status: 'confirmed' });
    const again = await call(`${url2}/api/bookings`, 'POST', { slotId, identity: { firstName: 'B', lastName: 'C', email: 'b@example.org' } });
    expect(again.body.error?.code).toBe('SLOT_TAKEN');
    second.proc.kill('SIGTERM');
    expect((await second.exit).code).toBe(0);
  });

  it('prints a generated admin token when none is given, and stops with status 0 on SIGINT', async () => {
    const c = guichetTarget('--port', '0', '--db', ':memory:');
    const url = await c.url;
    await expect.poll(() => /admin token: (\S+)/.exec(c.out())?.[1]).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const token = /admin token: (\S+)/.exec(c.out())?.[1] as string;
    const r = await request(`${url}/admin/policy`, { headers: { authorization: `Bearer ${token}` } });
    expect(r.statusCode).toBe(200);
    await r.body.dump();
    c.proc.kill('SIGINT');
    expect(await c.exit).toEqual({ code: 0, signal: null });
  });

  it('exits 2 with every error of a bad policy file, located like scenario errors', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'release:\n  kind: weekly\n  day: sunday\n  at: "25:00"\n  horizon: 8w\n');
    const c = guichetTarget('--port', '0', '--db', ':memory:', '--policy', bad);
    expect((await c.exit).code).toBe(2);
    expect(c.out().trim().split('\n')).toEqual([
      `${bad}:3:8 release.day: expected one of "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", got a string ("sunday")`,
      `${bad}:4:7 release.at: expected a time of day "HH:MM", got "25:00"`,
    ]);
  });

  it('exits 2, naming the variable, when GUICHET_CRASH_AT_WRITE is not a write number', async () => {
    const c = guichetTargetWith({ GUICHET_CRASH_AT_WRITE: 'soon' }, '--port', '0', '--db', ':memory:');
    expect((await c.exit).code).toBe(2);
    expect(c.out().trim()).toBe('guichet target: GUICHET_CRASH_AT_WRITE="soon": expected the number of the store write to be killed at (1 or more), or nothing');
  });

  it('says to use --scenario when a scenario is passed as --policy', async () => {
    const c = guichetTarget('--port', '0', '--db', ':memory:', '--policy', 'scenarios/fixtures/good/minimal.yaml');
    expect((await c.exit).code).toBe(2);
    expect(c.out()).toContain('scenarios/fixtures/good/minimal.yaml:3:1 this looks like a scenario file, not a policy file');
    expect(c.out()).toContain('pass it with --scenario');
  });

  it("--scenario serves the scenario's counters and baseline policy, and says the clock's zone", async () => {
    const c = guichetTarget('--port', '0', '--db', ':memory:', '--scenario', 'scenarios/herault-2019.yaml', '--epoch', '2019-01-06T19:55', '--admin-token', 'cli-token');
    const url = await c.url;
    const r = await request(`${url}/admin/policy`, { headers: { authorization: 'Bearer cli-token' } });
    const policy = (await r.body.json()) as { release: { kind: string; day?: string }; counters: Record<string, unknown> };
    expect(policy.release).toMatchObject({ kind: 'weekly', day: 'sun', at: '20:00' });
    expect(Object.keys(policy.counters).sort()).toEqual(['first-request', 'renewal']);
    await expect.poll(() => c.out()).toContain('simulated time Sun 6 Jan 2019 19:55:00 Europe/Paris (18:55:00 UTC)');
    c.proc.kill('SIGTERM');
    expect((await c.exit).code).toBe(0);
  });

  it('exits 2 with one line for a port in use, a --db in a missing folder or not a database', async () => {
    const first = guichetTarget('--port', '0', '--db', ':memory:');
    const port = new URL(await first.url).port;
    const busy = guichetTarget('--port', port, '--db', ':memory:');
    expect((await busy.exit).code).toBe(2);
    expect(busy.out().trim()).toBe(`guichet target: port ${port} on 127.0.0.1 is already in use (pick another with --port, or --port 0 for any free port)`);
    first.proc.kill('SIGTERM');
    await first.exit;

    const missing = join(dir, 'no-such-folder', 'g.db');
    const db = guichetTarget('--port', '0', '--db', missing);
    expect((await db.exit).code).toBe(2);
    expect(db.out().trim()).toBe(`guichet target: --db ${missing}: the folder ${join(dir, 'no-such-folder')} does not exist (create it, or pick another path)`);

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database, only some text\n');
    const notDb = guichetTarget('--port', '0', '--db', text);
    expect((await notDb.exit).code).toBe(2);
    expect(notDb.out().trim()).toBe(`guichet target: --db ${text}: cannot open it as a database: file is not a database`);
  });
});
