/**
 * Races over HTTP: random rounds of concurrent requests (bookings of a few contested slots,
 * cancels, confirmations, captcha answers sent twice at once, listings) fired together at a
 * real target on 127.0.0.1 with a SQLite file, under random policies. After each round: no 5xx,
 * every 201 is a booking in the store, no captcha answer booked twice, and the store keeps
 * every invariant of the target (domain/test-support/invariants.ts).
 *
 * Bounded: GUICHET_PROPERTY_RUNS raises the number of runs (each starts its own server).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicySchema, type MeasuresConfig } from '../domain/policy.js';
import { invariantViolations } from '../domain/test-support/invariants.js';
import { propertyRuns } from '../domain/test-support/random-commands.js';
import { COUNTERS, config, MONDAY, person, startTest, type Res, type TestTarget } from './test-support/http-fixture.js';

type Op =
  | { kind: 'book'; slot: number; person: number; session: number; captcha: boolean }
  | { kind: 'cancel'; booking: number; session: number }
  | { kind: 'confirm'; booking: number }
  | { kind: 'list'; session: number };

const SLOTS = 3;
const session = fc.nat({ max: 5 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('book' as const), slot: fc.nat({ max: SLOTS - 1 }), person: fc.nat({ max: 7 }), session, captcha: fc.boolean() }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('cancel' as const), booking: fc.nat({ max: 20 }), session }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('confirm' as const), booking: fc.nat({ max: 20 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('list' as const), session }), weight: 1 },
);
/** a round: requests sent together, then the clock moves on some minutes */
const roundArb = fc.record({ ops: fc.array(opArb, { minLength: 2, maxLength: 16 }), minutes: fc.nat({ max: 45 }) });

const measuresArb: fc.Arbitrary<Partial<MeasuresConfig>> = fc.record({
  identityLimit: fc.option(fc.record({ perEmail: fc.integer({ min: 1, max: 2 }), purgeDuplicates: fc.boolean() }), { nil: undefined }),
  emailConfirmation: fc.option(fc.constant({ within: '30m' }), { nil: undefined }),
  captcha: fc.option(fc.constant({ kind: 'challenge' as const }), { nil: undefined }),
}, { requiredKeys: [] }).map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)));

const headers = (s: number) => ({ 'x-session': `race-session-${s}`, 'x-forwarded-for': `10.2.0.${s % 3}` });

interface Booked { id: string; token: string; captcha?: string }

async function playRound(t: TestTarget, slots: string[], booked: Booked[], ops: Op[], captchaRequired: boolean): Promise<string[]> {
  // Challenges first, one per booking session: two bookings of one session in a round send the
  // same answer at once, and only one may go through.
  const challenges = new Map<number, { id: string; answer: string }>();
  if (captchaRequired) {
    for (const s of new Set(ops.flatMap((o) => (o.kind === 'book' && o.captcha ? [o.session] : [])))) {
      const r = await t.call('POST', '/api/captcha', { json: {}, headers: headers(s) });
      if (r.status === 201) challenges.set(s, { id: r.body.challenge.id, answer: t.store.getChallenge(r.body.challenge.id)?.answer ?? '' });
    }
  }
  const send = (o: Op): Promise<{ op: Op; res: Res; captcha?: string }> => {
    if (o.kind === 'book') {
      const c = o.captcha ? challenges.get(o.session) : undefined;
      const json = { slotId: slots[o.slot], identity: person(o.person), ...(c ? { captcha: c } : {}) };
      return t.call('POST', '/api/bookings', { json, headers: headers(o.session) }).then((res) => ({ op: o, res, ...(c ? { captcha: c.id } : {}) }));
    }
    const b = booked[(o.kind === 'list' ? 0 : o.booking) % Math.max(1, booked.length)];
    if (o.kind === 'list' || !b) return t.call('GET', '/api/counters/renewal/slots?limit=5', { headers: headers(o.kind === 'list' ? o.session : 0) }).then((res) => ({ op: o, res }));
    if (o.kind === 'cancel') return t.call('POST', `/api/bookings/${b.id}/cancel`, { json: { token: b.token }, headers: headers(o.session) }).then((res) => ({ op: o, res }));
    const code = t.store.getBooking(b.id)?.confirmCode ?? 'none';
    return t.call('POST', `/api/bookings/${b.id}/confirm`, { json: { code } }).then((res) => ({ op: o, res }));
  };
  const results = await Promise.all(ops.map(send));
  const out: string[] = [];
  for (const { op, res, captcha } of results) {
    if (res.status >= 500) out.push(`${op.kind} answered ${res.status}: ${res.text}`);
    if (op.kind === 'book' && res.status === 201) {
      booked.push({ id: res.body.booking.id, token: res.body.token, ...(captcha ? { captcha } : {}) });
      if (!t.store.getBooking(res.body.booking.id)) out.push(`booking ${res.body.booking.id} answered 201 and is not in the store`);
    }
  }
  const byCaptcha = new Map<string, number>();
  for (const b of booked) if (b.captcha) byCaptcha.set(b.captcha, (byCaptcha.get(b.captcha) ?? 0) + 1);
  for (const [id, n] of byCaptcha) if (n > 1) out.push(`captcha ${id} booked ${n} times`);
  return out;
}

describe('concurrent requests over HTTP', () => {
  it('keep the invariants of the target, whatever the interleaving', async () => {
    const tally = { runs: 0, requests: 0, created: 0, violations: 0 };
    await fc.assert(
      fc.asyncProperty(measuresArb, fc.array(roundArb, { minLength: 1, maxLength: 6 }), async (measures, rounds) => {
        const t = await startTest({ sqliteFile: true, trustProxy: true, config: config({ measures }) });
        try {
          const list = await t.call('GET', `/api/counters/renewal/slots?limit=${SLOTS}`, { headers: headers(99) });
          if (!Array.isArray(list.body?.slots)) throw new Error(`no slots to race for: ${list.status} ${list.text}`);
          const slots = (list.body.slots as { id: string }[]).map((s) => s.id);
          const policy = PolicySchema.parse({ release: { kind: 'continuous', horizon: '1w' }, measures });
          const booked: Booked[] = [];
          const violations: string[] = [];
          for (const round of rounds) {
            violations.push(...await playRound(t, slots, booked, round.ops, t.target.captchaRequired()));
            t.clockAt.t += round.minutes * 60_000;
            t.target.tick();
            t.settingsChanged();
            violations.push(...invariantViolations({
              store: t.store, counters: COUNTERS, policy, now: t.clockAt.t, startedAt: MONDAY, countAvailable: (c) => t.target.countAvailable(c),
            }));
            tally.requests += round.ops.length;
          }
          tally.runs++;
          tally.created += booked.length;
          tally.violations += violations.length;
          expect(violations).toEqual([]);
        } finally {
          await t.stop();
        }
      }),
      { numRuns: propertyRuns(15) },
    );
    console.log(`HTTP race runs: ${tally.runs}, concurrent requests: ${tally.requests}, bookings created: ${tally.created}, violations: ${tally.violations}`);
  }, 120_000);
});
