/** A target on a memory store with a hand-driven clock, for domain tests. */
import { MemoryStore } from '../../storage/memory-store.js';
import { BookingTarget } from '../booking-target.js';
import { parisDate } from '../calendar.js';
import { PolicySchema, type CounterConfig, type PolicyInput } from '../policy.js';
import type { RandomSource, Registry, Store } from '../ports.js';
import type { Identity, RequestContext } from '../types.js';

export const COUNTERS: Record<string, CounterConfig> = {
  renewal: { label: 'Renouvellement', days: ['mon', 'tue', 'thu', 'fri'], hours: '08:30-12:00', slotMinutes: 15, desks: 2 },
  'first-request': { days: ['wed'], hours: '13:30-15:30', slotMinutes: 30, desks: 1 },
};

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Monday 7 January 2019, midnight in Paris */
export const MONDAY = parisDate('2019-01-07');
/** the first Sunday-20:00 release after MONDAY */
export const SUNDAY_20H = MONDAY + 6 * DAY + 20 * HOUR;

export function person(n: number, extra: Partial<Identity> = {}): Identity {
  return { firstName: 'Aminata', lastName: `Diallo${n}`, email: `p${n}@example.org`, agdref: `75${String(n).padStart(8, '0')}`, ...extra };
}

export const ctxOf = (n: number, ip = `10.0.0.${n % 250}`): RequestContext => ({ ip, session: `s${n}` });

/** `random`: the target's source, for tests that measure chances (the default sequence is too regular for that) */
/** `store`: another store than a fresh memory one (tests that run on both stores) */
export function makeTarget(policy: PolicyInput, opts: { start?: number; registry?: Registry; random?: RandomSource; store?: Store } = {}) {
  const clock = { t: opts.start ?? MONDAY, now() { return this.t; } };
  let n = 0;
  let r = 0.123;
  const store = opts.store ?? new MemoryStore();
  const target = new BookingTarget({
    store,
    clock,
    ids: { next: (p) => `${p}${++n}`, secret: () => `secret${++n}` },
    // a fixed-step sequence: deterministic, and good enough to exercise shuffles
    random: opts.random ?? { next: () => (r = (r * 9301 + 49297) % 233280 / 233280) },
    seed: 'test',
    ...(opts.registry ? { registry: opts.registry } : {}),
  }, { counters: COUNTERS, policy: PolicySchema.parse(policy) });
  const advance = (to: number) => { clock.t = to; target.tick(); };
  return { target, clock, store, advance };
}

export const WEEKLY = { release: { kind: 'weekly', day: 'sun', at: '20:00', horizon: '2w' } } as const;
