/**
 * fast-check arbitraries for the target's property tests: a random policy (every release kind,
 * any mix of measures, small bounds so that limits are reached) and random command sequences
 * (book, cancel, confirm, check-in, register, waiting room, release, clock moves). Commands are
 * plain data; command-driver.ts plays them on a target.
 */
import fc from 'fast-check';
import type { PolicyInput } from '../policy.js';

export type Command =
  /** the clock moves on by some minutes, or to the target's next due time (a release, a draw) less some minutes */
  | { kind: 'advance'; minutes: number }
  | { kind: 'toNextDue'; minutesBefore: number }
  /** `slot`: index in the available list; -1 an unknown id, -2 a slot that is not online */
  | { kind: 'book'; slot: number; person: number; session: number; captcha: 'fresh' | 'last' | 'none' | 'wrong' | 'foreign'; ticket: boolean }
  | { kind: 'cancel'; booking: number; session: number; rightToken: boolean }
  | { kind: 'confirm'; booking: number; rightCode: boolean }
  | { kind: 'checkIn'; booking: number; goToSlot: boolean; rightName: boolean; rightCounter: boolean }
  | { kind: 'register'; person: number; counter: number }
  | { kind: 'joinRoom'; session: number; counter: number }
  | { kind: 'releaseNow' };

/** people 0..PEOPLE-1; the registry knows all but the last, whose AGDREF is unknown */
export const PEOPLE = 6;
export const SESSIONS = 4;

const releaseArb: fc.Arbitrary<PolicyInput['release']> = fc.oneof(
  fc.constantFrom('1w', '2w').map((horizon) => ({ kind: 'weekly' as const, day: 'sun' as const, at: '20:00', horizon })),
  fc.integer({ min: 1, max: 5 }).map((n) => ({ kind: 'random' as const, batchesPerWeek: n, window: 'mon-fri 08:00-18:00', horizon: '1w' })),
  fc.constantFrom('10m', '1h').map((interval) => ({ kind: 'batch' as const, day: 'sun' as const, at: '20:00', interval, horizon: '1w' })),
  fc.constant({ kind: 'continuous' as const, horizon: '1w' }),
  fc.option(fc.subarray(['email', 'agdref'] as const), { nil: undefined }).map((oneEntryPer) => ({
    kind: 'lottery' as const, day: 'sun' as const, at: '20:00', horizon: '1w', ...(oneEntryPer ? { oneEntryPer } : {}),
  })),
  fc.record({ admit: fc.integer({ min: 1, max: 3 }), uses: fc.integer({ min: 1, max: 2 }), window: fc.constantFrom('5m', '1h') }).map((r) => ({
    kind: 'waiting-room' as const, day: 'sun' as const, at: '20:00', horizon: '1w',
    admitPerMinute: r.admit, bookingsPerAdmission: r.uses, admissionWindow: r.window,
  })),
);

const measuresArb = fc.record({
  captcha: fc.option(fc.oneof(
    fc.constantFrom('2m', '1h').map((ttl) => ({ kind: 'challenge' as const, ttl })),
    fc.constant({ kind: 'proof-of-work' as const, difficulty: 4 }),
  ), { nil: undefined }),
  identityLimit: fc.option(fc.record({
    perEmail: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
    perAgdref: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
    perPhone: fc.option(fc.constant(1), { nil: undefined }),
    purgeDuplicates: fc.boolean(),
  }, { requiredKeys: ['purgeDuplicates'] }), { nil: undefined }),
  exactName: fc.option(fc.constant({ atCheckIn: true }), { nil: undefined }),
  registryCheck: fc.option(fc.constant(null).map(() => ({ counters: ['renewal'] })), { nil: undefined }),
  rateLimit: fc.option(fc.constant({ perSession: { capacity: 8, refillPerMinute: 2 } }), { nil: undefined }),
  emailConfirmation: fc.option(fc.constantFrom('30m', '1d').map((within) => ({ within })), { nil: undefined }),
  capacity: fc.option(fc.constant({ extraDesks: 1 }), { nil: undefined }),
}, { requiredKeys: [] });

/** Without `undefined` members: the policy schema is strict about what it is given. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A policy with no flaw: the invariants must all hold under it. */
export const policyArb: fc.Arbitrary<PolicyInput> = fc.record({ release: releaseArb, measures: measuresArb })
  .map(({ release, measures }) => ({
    release,
    measures: defined({ ...measures, ...(measures.identityLimit ? { identityLimit: defined(measures.identityLimit) } : {}) }),
  }));

const person = fc.integer({ min: 0, max: PEOPLE - 1 });
const session = fc.integer({ min: 0, max: SESSIONS - 1 });
const pick = fc.nat({ max: 40 });

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('advance' as const), minutes: fc.oneof(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 60, max: 3 * 24 * 60 })) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('toNextDue' as const), minutesBefore: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('book' as const), slot: fc.oneof({ arbitrary: pick, weight: 8 }, fc.constant(-1), fc.constant(-2)), person, session,
      captcha: fc.oneof({ arbitrary: fc.constant('fresh' as const), weight: 5 }, { arbitrary: fc.constant('last' as const), weight: 3 }, fc.constantFrom('none' as const, 'wrong' as const, 'foreign' as const)),
      ticket: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, fc.constant(false)),
    }),
    weight: 8,
  },
  { arbitrary: fc.record({ kind: fc.constant('cancel' as const), booking: pick, session, rightToken: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('confirm' as const), booking: pick, rightCode: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('checkIn' as const), booking: pick, goToSlot: fc.boolean(), rightName: fc.boolean(), rightCounter: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('register' as const), person, counter: fc.nat({ max: 1 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('joinRoom' as const), session, counter: fc.nat({ max: 1 }) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'releaseNow' as const }), weight: 1 },
);

/** How many runs a property makes: GUICHET_PROPERTY_RUNS raises (or lowers) the default. */
export function propertyRuns(fallback: number): number {
  const n = Number(process.env['GUICHET_PROPERTY_RUNS']);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
