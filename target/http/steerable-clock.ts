/**
 * A clock that whoever drives the target can steer: simulated time runs at `speed` simulated ms
 * per real ms, and can be moved forward at once (a test harness skipping the hours where only
 * empty polls would happen). It never goes back, so the target's timestamps, expiries and
 * rate-limit buckets stay consistent. A harness running the target in process shares one
 * instance with it; a target started separately with `--test-control` steers its own through
 * PUT /admin/clock.
 */
import { performance } from 'node:perf_hooks';
import type { Clock } from '../domain/ports.js';

export class SteerableClock implements Clock {
  /** simulated time at the anchor */
  private simAt: number;
  /** real time (performance.now()) at the anchor */
  private realAt: number;

  constructor(start: number, private pace: number, private readonly realNow: () => number = () => performance.now()) {
    checkSpeed(pace);
    this.simAt = start;
    this.realAt = realNow();
  }

  /** simulated ms per real ms now */
  get speed(): number {
    return this.pace;
  }

  /** From now on, `speed` simulated ms per real ms (the time reached so far is kept). */
  setSpeed(speed: number): void {
    if (speed === this.pace) return;
    checkSpeed(speed);
    this.simAt = this.now();
    this.realAt = this.realNow();
    this.pace = speed;
  }

  /** Simulated time now (whole ms, as the target stores it). */
  now(): number {
    return Math.floor(this.simAt + (this.realNow() - this.realAt) * this.pace);
  }

  /** Moves simulated time forward to `t` at once (never back). */
  jumpTo(t: number): void {
    const now = this.now();
    if (t <= now) return;
    this.simAt = t;
    this.realAt = this.realNow();
  }

  /** Starts again from `t`, earlier or later (only when everything timestamped before is gone: a reset). */
  restartAt(t: number): void {
    this.simAt = t;
    this.realAt = this.realNow();
  }

  /** Real ms until simulated time `t` (0 when it is past). */
  realDelayUntil(t: number): number {
    return Math.max(0, (t - this.now()) / this.pace);
  }

  /**
   * The real time (performance.now()) at which simulated time `t` was or will be reached at the
   * current pace; a time before the last jump maps to the jump itself (for a harness: when an
   * agent meant to send a request scheduled at `t`, the start of its latency as a person lives it).
   */
  realTimeOf(t: number): number {
    return this.realAt + Math.max(0, t - this.simAt) / this.pace;
  }
}

function checkSpeed(speed: number): void {
  if (!(Number.isFinite(speed) && speed > 0)) throw new RangeError(`speed must be a positive number, got ${speed}`);
}
