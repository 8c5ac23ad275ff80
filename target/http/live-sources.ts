/**
 * The ports of a live target: a scaled wall clock, crypto ids and randomness, and an AGDREF
 * registry loaded over the admin API. (The simulator injects seeded ones instead.)
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { PARIS } from '../domain/calendar.js';
import type { Clock, IdSource, RandomSource, Registry } from '../domain/ports.js';

/**
 * simulated time = epoch + (real now − real start) × speed, so that a run compressed 60× reaches
 * the Sunday-20:00 release at the right real moment. `realNow` is injectable for tests.
 */
export class ScaledClock implements Clock {
  readonly startedAt: number;
  constructor(
    readonly epoch: number,
    readonly speed: number,
    private readonly realNow: () => number = Date.now,
  ) {
    if (!(Number.isFinite(speed) && speed > 0)) throw new RangeError(`speed must be a positive number, got ${speed}`);
    this.startedAt = realNow();
  }
  now(): number {
    return Math.floor(this.epoch + (this.realNow() - this.startedAt) * this.speed);
  }
  /** Real milliseconds until simulated time `t` (0 when it is past). */
  realDelayUntil(t: number): number {
    return Math.max(0, (t - this.now()) / this.speed);
  }
}

/**
 * "2019-01-06" (midnight in Paris), "2019-01-06T20:00" (Paris wall clock) or a full ISO instant
 * with offset ("2019-01-06T19:00:00Z"). Returns epoch ms, or undefined when unparseable.
 */
export function parseEpoch(text: string): number | undefined {
  const s = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(s)) return undefined;
  const dt = DateTime.fromISO(s.replace(' ', 'T'), { zone: PARIS });
  return dt.isValid ? dt.toMillis() : undefined;
}

/** Booking ids are shown on convocations; tokens are secrets. Both unguessable, both URL-safe. */
export const cryptoIds: IdSource = {
  next: (prefix) => `${prefix}-${randomUUID()}`,
  secret: () => randomBytes(24).toString('base64url'),
};

/** Uniform [0, 1) with 48 random bits: enough for shuffles of any queue we will see. */
export const cryptoRandom: RandomSource = {
  next: () => randomInt(0, 2 ** 48 - 1) / 2 ** 48,
};

export interface RegistryEntry { agdref: string; firstName: string; lastName: string }

/** The AGDREF registry of a live target: empty until PUT /admin/registry loads it. */
export class MemoryRegistry implements Registry {
  private entries = new Map<string, { firstName: string; lastName: string }>();
  lookup(agdref: string) {
    return this.entries.get(agdref.trim());
  }
  /** Replaces the whole registry (a reload, not a merge, so stale numbers disappear). */
  load(entries: readonly RegistryEntry[]): number {
    this.entries = new Map(entries.map((e) => [e.agdref.trim(), { firstName: e.firstName, lastName: e.lastName }]));
    return this.entries.size;
  }
  /** Adds or replaces one entry (a harness registering people as they arrive). */
  add(agdref: string, papers: { firstName: string; lastName: string }): void {
    this.entries.set(agdref.trim(), { firstName: papers.firstName, lastName: papers.lastName });
  }
  get size(): number {
    return this.entries.size;
  }
}
