import { describe, expect, it } from 'vitest';
import { testStream } from './test-support/stream.js';
import { LegitGroupSchema } from '../scenarios/schema/population.js';
import type { Action, Outcome } from './actions.js';
import type { LegitContext, Persona, PublicRules } from './context.js';
import { legitAgent } from './legit.js';
import { makePersona } from './personas.js';

const DAY = 86_400_000;
const group = LegitGroupSchema.parse({
  group: 'workers', counter: 'renewal', arrivals: { perWeek: 100 }, deadlineDays: { min: 30, max: 30 },
  checksPerDay: { median: 3 }, buyAfterDays: 10, willingToPayEur: { median: 120 }, showUpRate: 1,
});

/** Runs the agent against scripted answers; time only moves by what the agent asks for. */
function drive(
  rules: Partial<PublicRules>, answer: (a: Action, now: number) => Outcome, steps = 40,
  opts: { group?: typeof group; persona?: Partial<Persona>; announced?: (after: number) => number | undefined } = {},
) {
  let now = 0;
  const rng = testStream(1);
  const g = opts.group ?? group;
  const persona = { ...makePersona(g, { globalIndex: 0, index: 0, arrivalAt: 0, rng, sharedEmails: 0 }), ...opts.persona };
  const ctx: LegitContext = {
    id: 'legit:workers:0', rng, now: () => now, net: { ip: '10.0.0.1', session: 's', userAgent: 'test' },
    rules: { release: 'weekly', captchaReplay: false, nonAtomicBooking: false, exactNameAtCheckIn: false, purgeDuplicates: false, registryCounters: [], ...rules },
    announcedRelease: opts.announced ?? (() => undefined), localMinuteOfDay: () => 600, persona, group: g,
  };
  const gen = legitAgent(ctx);
  const log: Action[] = [];
  let out: Outcome = { kind: 'ok' };
  for (let i = 0; i < steps; i++) {
    const r = gen.next(out);
    if (r.done) break;
    log.push(r.value);
    if (r.value.kind === 'sleep') now += r.value.ms;
    if (r.value.kind === 'sleepUntil') now = Math.max(now, r.value.at);
    // a watch lasts until its next check: a third of a day here
    if (r.value.kind === 'watch') now += DAY / 3;
    out = answer(r.value, now);
    if (r.value.kind === 'watch' && out.kind === 'timeout') now = r.value.until ?? now;
  }
  return { log, persona };
}

const SLOT = { id: 'renewal@2019-02-04T08:30#1', counter: 'renewal', start: 20 * DAY };
const conv = { bookingId: 'b1', token: 't', slotId: SLOT.id, counter: 'renewal', slotStart: SLOT.start, name: 'x' };

describe('legitAgent', () => {
  it('watches a few times a day, fills the form, solves the captcha, books, then checks in with its papers', () => {
    const { log, persona } = drive({ captcha: { kind: 'challenge', difficulty: 0 } }, (a) => {
      switch (a.kind) {
        case 'watch': return { kind: 'slots', slots: [SLOT] };
        case 'captcha': return { kind: 'challenge', challenge: { id: 'c1', kind: 'challenge', prompt: 'ABC', expiresAt: 1e12 } };
        case 'solve': return { kind: 'answer', answer: 'ABC' };
        case 'book': return { kind: 'booked', convocation: conv };
        case 'checkIn': return { kind: 'checkIn', served: true };
        default: return { kind: 'ok' };
      }
    });
    const kinds = log.map((a) => a.kind);
    expect(kinds).toEqual(['watch', 'sleep', 'captcha', 'solve', 'book', 'sleepUntil', 'checkIn']);
    const watch = log[0] as Extract<Action, { kind: 'watch' }>;
    expect(watch.everyMs).toBeCloseTo((14 * 3_600_000) / persona.checksPerDay, 0);
    expect(watch.activeHours).toEqual([480, 1320]);
    const form = log[1] as Extract<Action, { kind: 'sleep' }>;
    expect(form.busy).toBe(true);
    expect(form.ms).toBeGreaterThan(30_000);
    expect(log[4]).toMatchObject({ kind: 'book', slotId: SLOT.id, captcha: { id: 'c1', answer: 'ABC' } });
    expect(log[6]).toMatchObject({ kind: 'checkIn', bookingId: 'b1', presented: persona.papers });
  });

  it('looks again after losing a race, and turns to the market after buyAfterDays', () => {
    let lost = 0;
    const { log, persona } = drive({}, (a, now) => {
      switch (a.kind) {
        case 'watch': return now < 5 * DAY ? { kind: 'slots', slots: [SLOT] } : { kind: 'timeout' };
        case 'book': lost++; return { kind: 'rejected', rejected: 'SLOT_TAKEN' };
        case 'list': return { kind: 'slots', slots: [] };
        case 'order': return { kind: 'ordered', orderId: 'o1' };
        default: return { kind: 'ok' };
      }
    }, 60);
    expect(lost).toBeGreaterThan(0);
    const order = log.find((a) => a.kind === 'order');
    expect(order).toMatchObject({ kind: 'order', counter: 'renewal', identity: { firstName: persona.papers.firstName, lastName: persona.papers.lastName } });
    const afterOrder = log.slice(log.indexOf(order as Action) + 1).find((a) => a.kind === 'watch');
    expect(afterOrder).toMatchObject({ inbox: true });
  });

  it('books and attends a further appointment after the first when their file needs one (laterVisits), then stops', () => {
    const twice = LegitGroupSchema.parse({ ...group, laterVisits: 1 });
    let n = 0;
    let servedAt = 0;
    const { log, persona } = drive({}, (a, now) => {
      switch (a.kind) {
        case 'watch': return { kind: 'slots', slots: [{ ...SLOT, start: now + 20 * DAY }] };
        case 'book': n++; return { kind: 'booked', convocation: { ...conv, bookingId: `b${n}`, slotStart: now + 20 * DAY } };
        case 'checkIn': servedAt = now; return { kind: 'checkIn', served: true };
        default: return { kind: 'ok' };
      }
    }, 60, { group: twice });
    expect(persona.laterVisits).toBe(1);
    const checkIns = log.filter((a) => a.kind === 'checkIn');
    expect(checkIns.map((c) => c.kind === 'checkIn' && c.bookingId)).toEqual(['b1', 'b2']);
    // after the second they are done: nothing follows it
    expect(log.at(-1)?.kind).toBe('checkIn');
    expect(servedAt).toBeGreaterThan(40 * DAY);
    // a group without later visits stops after the first
    const once = drive({}, (a, now) => (a.kind === 'watch' ? { kind: 'slots', slots: [{ ...SLOT, start: now + 20 * DAY }] }
      : a.kind === 'book' ? { kind: 'booked', convocation: conv } : a.kind === 'checkIn' ? { kind: 'checkIn', served: true } : { kind: 'ok' }), 60);
    expect(once.log.filter((a) => a.kind === 'checkIn')).toHaveLength(1);
  });

  it('under a batch release, waits for the batch to close and reads the decision before going to the counter', () => {
    const { log } = drive({ release: 'batch' }, (a) => {
      switch (a.kind) {
        case 'watch': return { kind: 'slots', slots: [SLOT] };
        case 'book': return { kind: 'pending', requestId: 'q1', decideAt: 2 * DAY };
        case 'bookingResult': return { kind: 'booked', convocation: conv };
        case 'checkIn': return { kind: 'checkIn', served: true };
        default: return { kind: 'ok' };
      }
    });
    const kinds = log.map((a) => a.kind);
    const book = kinds.indexOf('book');
    expect(kinds.slice(book, book + 3)).toEqual(['book', 'sleepUntil', 'bookingResult']);
    const wait = log[book + 1] as Extract<Action, { kind: 'sleepUntil' }>;
    // they come back a few minutes after the close, not before
    expect(wait.at).toBeGreaterThanOrEqual(2 * DAY + 60_000);
    expect(wait.at).toBeLessThanOrEqual(2 * DAY + 15 * 60_000);
    expect(kinds).toContain('checkIn');
  });

  it('lottery: told "already registered" under a shared address, they enter with an address of their own', () => {
    const shared = 'association@example.org';
    const { log } = drive({ release: 'lottery', lotteryRegistrationMs: 7 * DAY }, (a) => {
      if (a.kind === 'register') {
        return a.identity.email === shared ? { kind: 'rejected', rejected: 'ALREADY_REGISTERED' } : { kind: 'registered', registrationId: 'r1', drawAt: DAY };
      }
      return a.kind === 'watch' ? { kind: 'timeout' } : { kind: 'ok' };
    }, 6, { persona: { sharedEmail: true, identity: { firstName: 'A', lastName: 'B', email: shared } }, announced: () => DAY });
    const emails = log.filter((a): a is Extract<Action, { kind: 'register' }> => a.kind === 'register').map((a) => a.identity.email);
    expect(emails[0]).toBe(shared);
    expect(emails[1]).not.toBe(shared);
    expect(emails[1]).toMatch(/@gmail\.com$/);
  });
});
