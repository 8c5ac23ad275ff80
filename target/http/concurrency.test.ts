/**
 * The invariant "a slot is booked by at most one live booking" under a burst of concurrent
 * HTTP requests against a real server on a SQLite file, and its loss with the
 * non-atomic-booking flaw (check, then a turn of the event loop, then insert).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { config, firstSlot, person, startTest, type TestTarget } from './test-support/http-fixture.js';

const N = 200;
let t: TestTarget | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function burst(target: TestTarget, slotId: string) {
  // Open the connections first, so the burst's requests reach the server together rather than
  // at the pace of TCP handshakes.
  await Promise.all(Array.from({ length: N }, () => target.call('GET', '/healthz')));
  const results = await Promise.all(Array.from({ length: N }, (_, i) => target.call('POST', '/api/bookings', {
    headers: { 'x-session': `burst-session-${i}`, 'x-forwarded-for': `10.1.${Math.floor(i / 250)}.${i % 250}` },
    json: { slotId, identity: person(i) },
  })));
  const statuses = results.map((r) => r.status);
  return {
    created: statuses.filter((s) => s === 201).length,
    taken: results.filter((r) => r.status === 409 && r.body.error.code === 'SLOT_TAKEN').length,
    other: results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => `${r.status} ${r.text}`),
  };
}

describe(`${N} concurrent bookings of one slot`, () => {
  it('exactly one 201, the rest 409 SLOT_TAKEN, one live booking in the store', async () => {
    t = await startTest({ sqliteFile: true, trustProxy: true, config: config() });
    const slotId = await firstSlot(t);
    const r = await burst(t, slotId);
    expect(r.other).toEqual([]);
    expect(r.created).toBe(1);
    expect(r.taken).toBe(N - 1);
    const ledger = (await t.admin('GET', '/admin/ledger')).body.bookings as { slotId: string }[];
    expect(ledger.filter((b) => b.slotId === slotId)).toHaveLength(1);
  });

  it('with non-atomic-booking on, the race lets several requests book the same slot', async () => {
    t = await startTest({ sqliteFile: true, trustProxy: true, config: config({ flaws: ['non-atomic-booking'] }) });
    const slotId = await firstSlot(t);
    const r = await burst(t, slotId);
    expect(r.other).toEqual([]);
    expect(r.created).toBeGreaterThan(1);
    const ledger = (await t.admin('GET', '/admin/ledger')).body.bookings as { slotId: string }[];
    expect(ledger.filter((b) => b.slotId === slotId).length).toBe(r.created);
  });
});
