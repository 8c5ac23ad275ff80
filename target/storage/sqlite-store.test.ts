import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store.js';
import { storeConformance } from './store.conformance.js';
import { booking, releasedSlot } from './test-support/fixtures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-sqlite-'));
let n = 0;
const dbFile = (name: string): string => path.join(dir, `${name}-${++n}.db`);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

storeConformance('SqliteStore (file)', () => new SqliteStore(dbFile('conformance')));

describe('SqliteStore on disk', () => {
  // the child runs the real TypeScript store through tsx (Node 20 does not strip types)
  const storeUrl = new URL('./sqlite-store.ts', import.meta.url).href;

  /** Runs `body` in a child node process with `store` opened on `file`; resolves with its output lines. */
  function child(file: string, body: string, onLine?: (line: string, kill: () => void) => void): Promise<string[]> {
    const script = path.join(dir, `child-${++n}.mjs`);
    fs.writeFileSync(script, `import { SqliteStore } from ${JSON.stringify(storeUrl)};
const store = new SqliteStore(${JSON.stringify(file)});
${body}\n`);
    const proc = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let err = '';
    let buf = '';
    proc.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    proc.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        onLine?.(line, () => proc.kill('SIGKILL'));
      }
    });
    return new Promise((resolve, reject) => {
      proc.on('error', reject);
      proc.on('exit', (code, signal) => {
        if (code === 0 || signal === 'SIGKILL') resolve(lines);
        else reject(new Error(`child exited ${code ?? signal}: ${err}`));
      });
    });
  }

  it('opens with WAL, synchronous=FULL, foreign keys and a busy timeout, and records the schema version', () => {
    const store = new SqliteStore(dbFile('pragmas'));
    expect(store.settings()).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1, busyTimeout: 5000 });
    expect(store.getMeta('schema_version')).toBe('3');
    store.close();
  });

  it('refuses a file written by another schema version, with a clear message', () => {
    const file = dbFile('version');
    new SqliteStore(file).close();
    const db = new Database(file);
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    expect(() => new SqliteStore(file)).toThrow(/schema version 99/);
    expect(() => new SqliteStore(path.join(dir, 'missing-dir', 'x.db'))).toThrow(/cannot open SQLite store/);
  });

  it('enforces one live booking per slot in the database itself', () => {
    const file = dbFile('index');
    const store = new SqliteStore(file);
    store.insertSlots([releasedSlot('a', 10)]);
    store.insertBooking(booking('b1', releasedSlot('a', 10)));
    store.close();
    const db = new Database(file);
    const sql = "INSERT INTO bookings (id, slot_id, counter, slot_start, first_name, last_name, email, email_norm, email_loose, token, status, created_at, ip, session) VALUES ('b2', 'a@10#0', 'a', 10, 'x', 'y', 'e', 'e', 'e', 't', 'held', 1, 'ip', 's')";
    expect(() => db.prepare(sql).run()).toThrow(/UNIQUE constraint failed: bookings.slot_id/);
    db.close();
  });

  it('upgrades a version-2 file in place: e-mail keys recomputed, loose keys added', () => {
    const file = dbFile('v2');
    const store = new SqliteStore(file);
    store.insertSlots([releasedSlot('a', 10), releasedSlot('a', 20)]);
    store.insertBooking(booking('b1', releasedSlot('a', 10), { email: 'ali\u200bce@example.org.' }));
    store.insertMail({ to: 'ALI\u00adCE@example.org', at: 1, bookingId: 'b1', subject: 's', body: 'b' });
    store.close();
    // what version 2 wrote: no loose key, e-mails keyed trimmed and lower-cased only
    const db = new Database(file);
    db.exec(`DROP INDEX bookings_live_loose; ALTER TABLE bookings DROP COLUMN email_loose;
      UPDATE bookings SET email_norm = lower(trim(email)); UPDATE mail SET to_norm = lower(trim(to_addr));
      UPDATE meta SET value = '2' WHERE key = 'schema_version'`);
    db.close();
    const upgraded = new SqliteStore(file);
    expect(upgraded.getMeta('schema_version')).toBe('3');
    expect(upgraded.countLive('email', 'alice@example.org')).toBe(1);
    expect(upgraded.countLive('email', 'a.lice+x@example.org', { emailCanonical: 'gmail-like' })).toBe(1);
    expect(upgraded.mailFor('alice@example.org')).toHaveLength(1);
    upgraded.close();
    const raw = new Database(file);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });

  it('keeps a committed booking when the process is killed right after', async () => {
    const file = dbFile('crash');
    const s = releasedSlot('renewal', 3_600_000);
    const b = booking('b1', s, { phone: '0600', confirmBy: 99, status: 'held' });
    const lines = await child(file, `store.insertSlots([${JSON.stringify(s)}]);
const r = store.insertBooking(${JSON.stringify(b)});
process.stdout.write('committed ' + r + '\\n');
setInterval(() => {}, 1000);`, (line, kill) => { if (line.startsWith('committed')) kill(); });
    expect(lines).toEqual(['committed ok']);
    // the booking sits in the write-ahead log, not yet checkpointed: reopening must recover it
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    const store = new SqliteStore(file);
    expect(store.getBooking('b1')).toStrictEqual(b);
    expect(store.countAvailable('renewal', 0)).toBe(0);
    store.close();
  });

  it('gives a slot to exactly one of 200 interleaved bookings from two connections', () => {
    const file = dbFile('interleaved');
    const [one, two] = [new SqliteStore(file), new SqliteStore(file)];
    const s = releasedSlot('a', 10);
    one.insertSlots([s]);
    const answers = Array.from({ length: 200 }, (_, i) =>
      (i % 2 ? two : one).insertBooking(booking(`b${i}`, s, { status: i % 3 ? 'confirmed' : 'held' })));
    expect(answers.filter((a) => a === 'ok')).toHaveLength(1);
    expect(answers[0]).toBe('ok');
    expect(two.ledger().map((b) => b.id)).toEqual(['b0']);
    one.close();
    two.close();
  });

  it('lists fresh availability after another connection books (the list cache follows data_version)', () => {
    const file = dbFile('cache');
    const [one, two] = [new SqliteStore(file), new SqliteStore(file)];
    const [a, b] = [releasedSlot('a', 10), releasedSlot('a', 20)];
    one.insertSlots([a, b]);
    expect(one.availableSlots('a', 0, 10).map((s) => s.id)).toEqual([a.id, b.id]);
    expect(one.availableSlots('a', 0, 10).map((s) => s.id)).toEqual([a.id, b.id]);
    expect(two.insertBooking(booking('x', a))).toBe('ok');
    expect(one.availableSlots('a', 0, 10).map((s) => s.id)).toEqual([b.id]);
    // time passing the first listed slot also drops it, with no write at all
    expect(one.availableSlots('a', 20, 10)).toEqual([]);
    one.close();
    two.close();
  });

  it('a listing from a later instant (a lead) does not hide earlier slots from the next listing', () => {
    const store = new SqliteStore(dbFile('cache-lead'));
    const [a, b] = [releasedSlot('a', 10), releasedSlot('a', 20)];
    store.insertSlots([a, b]);
    expect(store.availableSlots('a', 15, 10).map((s) => s.id)).toEqual([b.id]);
    expect(store.availableSlots('a', 0, 10).map((s) => s.id)).toEqual([a.id, b.id]);
    expect(store.availableSlots('a', 25, 10)).toEqual([]);
    expect(store.availableSlots('a', 5, 10).map((s) => s.id)).toEqual([a.id, b.id]);
    store.close();
  });

  it('gives each slot to exactly one of two processes racing for all of them', async () => {
    const file = dbFile('race');
    const slots = Array.from({ length: 300 }, (_, i) => releasedSlot('a', i * 1000));
    const setup = new SqliteStore(file);
    setup.insertSlots(slots);
    const racer = (name: string): Promise<string[]> => child(file, `let ok = 0;
for (let i = 0; i < 300; i++) {
  const r = store.insertBooking({ id: '${name}' + i, slotId: 'a@' + i * 1000 + '#0', counter: 'a', slotStart: i * 1000,
    identity: { firstName: 'A', lastName: 'B', email: '${name}@e.org' }, token: 't', status: 'confirmed',
    createdAt: i, ip: 'ip', session: '${name}' });
  if (r === 'ok') ok++;
}
console.log(String(ok));`);
    const [a, b] = await Promise.all([racer('p'), racer('q')]);
    expect(Number(a?.[0]) + Number(b?.[0])).toBe(300);
    expect(setup.ledger()).toHaveLength(300);
    expect(new Set(setup.ledger().map((x) => x.slotId)).size).toBe(300);
    setup.close();
  });
});
