/**
 * The loop of a live run: the discrete-event kernel keeps the order of events (and every part
 * of the engine that schedules on it), and the pacer runs its events when the live clock
 * reaches them. Inside race windows the clock runs at real (race) speed and the pacer waits for
 * it; outside them the clock runs at the faster `fastSpeed` while requests are in flight (polls
 * of a list that stays non-empty, people booking) and jumps to the next event whenever none is. A
 * request's answer is scheduled on the kernel at the clock's time when it arrives, so event
 * time never runs ahead of the clock the target sees.
 */
import { setImmediate as yieldToIo } from 'node:timers/promises';
import type { Kernel } from '../kernel/kernel.js';
import type { SteerableClock } from '../../target/http/steerable-clock.js';

export interface PacerOptions {
  /** is simulated time t inside a race window (no jumping there)? */
  racing(t: number): boolean;
  /** the clock's speed inside race windows, and outside them while requests are in flight */
  raceSpeed: number;
  fastSpeed: number;
  /** told after each jump or change of pace (a remote target's clock follows), awaited when it returns a promise */
  moved?(): Promise<void> | undefined;
  signal?: AbortSignal;
}

export class Pacer {
  private inFlight = 0;
  private wake: (() => void) | undefined;
  private failure: unknown;
  /** jumps made and simulated ms skipped by them (for the run's summary) */
  jumps = 0;
  skippedMs = 0;

  constructor(private readonly kernel: Kernel, private readonly clock: SteerableClock, private readonly options: PacerOptions) {}

  /** A request leaves: the clock may not jump until its answer is back. */
  sent(): void {
    this.inFlight++;
  }

  /** Its answer is back (and scheduled on the kernel). */
  answered(): void {
    this.inFlight--;
    this.wake?.();
  }

  /** Something went wrong outside the loop (a driver threw): the run stops with it. */
  fail(e: unknown): void {
    this.failure ??= e;
    this.wake?.();
  }

  get pending(): number {
    return this.inFlight;
  }

  /** Runs events up to simulated time `end`; resolves when the kernel has nothing left before it and nothing is in flight. */
  async run(end: number): Promise<void> {
    const { kernel, clock, options } = this;
    let batches = 0;
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
      const now = Math.min(clock.now(), end);
      const racing = options.racing(now);
      const speed = racing ? options.raceSpeed : options.fastSpeed;
      if (speed !== clock.speed) {
        clock.setSpeed(speed);
        await options.moved?.();
      }
      const next = kernel.peekTime();
      if (next <= now) {
        kernel.run(now);
        // let answers in between batches, or a burst of events would starve the sockets
        if (++batches % 16 === 0 || this.inFlight > 0) await yieldToIo();
        continue;
      }
      if (this.inFlight === 0) {
        if (next > end) return;
        if (!racing) {
          this.jumps++;
          this.skippedMs += next - clock.now();
          clock.jumpTo(next);
          await options.moved?.();
          continue;
        }
      }
      await this.sleep(next > end ? Infinity : clock.realDelayUntil(next));
    }
  }

  /** Until `ms` pass or an answer arrives, whichever is first. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === Infinity ? undefined : setTimeout(done, Math.max(1, Math.ceil(ms)));
      const self = this;
      function done(): void {
        if (timer) clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }
}
