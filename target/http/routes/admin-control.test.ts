import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../storage/store-journal.js';
import { replay } from '../../storage/store-journal.js';
import { MemoryStore } from '../../storage/memory-store.js';
import { config, firstSlot, MONDAY, person, session, startTest, type TestTarget } from '../test-support/http-fixture.js';

const DAY = 86_400_000;

describe('test control, absent', () => {
  let t: TestTarget;
  beforeAll(async () => {
    t = await startTest();
  });
  afterAll(() => t.stop());

  it('answers 404 on its routes and on a reset with a time, naming the flag', async () => {
    for (const [method, path, body] of [['GET', '/admin/control'], ['PUT', '/admin/clock', { now: MONDAY }], ['GET', '/admin/journal'], ['POST', '/admin/reset', { now: MONDAY }]] as const) {
      const r = await t.admin(method, path, body);
      expect(r.status).toBe(404);
      expect(r.body.error.message).toContain('--test-control');
    }
  });
});

describe('test control', () => {
  let t: TestTarget;
  beforeAll(async () => {
    t = await startTest({ testControl: true, trustProxy: true, config: config({ release: { kind: 'continuous', horizon: '2w' } }) });
  });
  afterAll(() => t.stop());

  async function follow(replica: MemoryStore, from: number, limit?: number): Promise<number> {
    for (;;) {
      const r = await t.admin('GET', `/admin/journal?from=${from}${limit ? `&limit=${limit}` : ''}`);
      expect(r.status).toBe(200);
      for (const e of r.body.entries as JournalEntry[]) replay(replica, e);
      if (r.body.next === from) return from;
      from = r.body.next;
    }
  }

  it('says how the target runs: its time, pace, seed, proxy trust and journal', async () => {
    const r = await t.admin('GET', '/admin/control');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ speed: 1, seed: t.seed, trustProxy: true, journal: { oldest: 0 } });
    expect(r.body.now).toBeGreaterThanOrEqual(MONDAY);
    // the first tick generated the calendar: writes are journaled already
    expect(r.body.journal.next).toBeGreaterThan(0);
  });

  it('moves the clock forward and sets its pace, never back, and refuses bad bodies with the field', async () => {
    const before = (await t.admin('GET', '/admin/control')).body.now as number;
    const moved = await t.admin('PUT', '/admin/clock', { now: before + DAY, speed: 60 });
    expect(moved.status).toBe(200);
    expect(moved.body.now).toBeGreaterThanOrEqual(before + DAY);
    expect(moved.body.speed).toBe(60);
    expect((await t.call('GET', '/healthz')).body.now).toBeGreaterThanOrEqual(before + DAY);

    // a time passed already leaves the clock where it is
    const back = await t.admin('PUT', '/admin/clock', { now: before });
    expect(back.status).toBe(200);
    expect(back.body.now).toBeGreaterThanOrEqual(moved.body.now);
    for (const [body, field] of [[{ speed: 0 }, 'speed'], [{ speed: 'fast' }, 'speed'], [{ now: 1.5 }, 'now'], [{ pace: 2 }, 'pace']] as const) {
      const r = await t.admin('PUT', '/admin/clock', body);
      expect([r.status, r.body.error.field]).toEqual([422, field]);
    }
    expect((await t.admin('PUT', '/admin/clock', { speed: 1 })).body.speed).toBe(1);
  });

  it('serves the store writes in order: a replica fed from the journal holds the same bookings and inventory', async () => {
    const replica = new MemoryStore();
    let from = await follow(replica, 0, 7);
    const slotId = await firstSlot(t);
    const booked = await t.call('POST', '/api/bookings', { headers: session(1), json: { slotId, identity: person(1) } });
    expect(booked.status).toBe(201);
    const other = await t.call('POST', '/api/bookings', { headers: session(2), json: { slotId: await firstSlot(t), identity: person(2) } });
    expect(other.status).toBe(201);
    const cancelled = await t.call('POST', `/api/bookings/${other.body.booking.id}/cancel`, { headers: session(2), json: { token: other.body.token } });
    expect(cancelled.status).toBe(200);
    from = await follow(replica, from);

    const ledger = (await t.admin('GET', '/admin/ledger')).body.bookings as { id: string; status: string }[];
    expect(replica.ledger().map((b) => [b.id, b.status])).toEqual(ledger.map((b) => [b.id, b.status]));
    expect(ledger.map((b) => b.status)).toEqual(['confirmed', 'cancelled']);
    const now = (await t.call('GET', '/healthz')).body.now as number;
    for (const counter of ['renewal', 'first-request']) {
      expect(replica.countAvailable(counter, now)).toBe(t.store.countAvailable(counter, now));
    }
    expect(replica.countAvailable('renewal', now)).toBeGreaterThan(0);
  });

  it('pages the journal and refuses a bad range with the parameter', async () => {
    const one = await t.admin('GET', '/admin/journal?from=0&limit=1');
    expect(one.body.entries).toHaveLength(1);
    expect(one.body.entries[0]).toMatchObject({ seq: 0 });
    expect(one.body.next).toBe(1);
    for (const q of ['limit=0', 'limit=10001', 'from=-1', 'from=', 'since=3']) {
      const r = await t.admin('GET', `/admin/journal?${q}`);
      expect(r.status).toBe(422);
      expect(r.body.error.field).toMatch(/^query\./);
    }
  });

  it('adds registry entries and keeps the others; a reset with a time restarts the clock there', async () => {
    await t.admin('PUT', '/admin/registry', { entries: [{ agdref: '7500000001', firstName: 'Awa', lastName: 'Sow' }] });
    const added = await t.admin('POST', '/admin/registry', { entries: [{ agdref: '7500000002', firstName: 'Ali', lastName: 'Ba' }] });
    expect(added.body).toEqual({ added: 1, size: 2 });
    expect(t.registry.lookup('7500000001')?.lastName).toBe('Sow');

    const reset = await t.admin('POST', '/admin/reset', { now: MONDAY + 2 * DAY });
    expect(reset.status).toBe(204);
    const control = (await t.admin('GET', '/admin/control')).body;
    expect(control.now).toBeGreaterThanOrEqual(MONDAY + 2 * DAY);
    expect(control.now).toBeLessThan(MONDAY + 3 * DAY);
    expect((await t.admin('GET', '/admin/ledger')).body.bookings).toEqual([]);
    const last = await t.admin('GET', `/admin/journal?from=${control.journal.next - 200 > 0 ? control.journal.next - 200 : 0}`);
    expect((last.body.entries as JournalEntry[]).some((e) => e.op === 'reset')).toBe(true);
    expect((await t.admin('POST', '/admin/reset', { now: 'monday' })).body.error.field).toBe('now');
  });
});
