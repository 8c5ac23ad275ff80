/**
 * Drives a crew agent by hand for bots' tests: the test answers each action with an outcome it
 * builds, and time moves only by what the agent asks for (as the engine's kernel would move it).
 * No target is involved: strategies only yield actions and read outcomes.
 */
import type { z } from 'zod';
import { MarketSchema, ScalperCrewSchema } from '../../scenarios/schema/population.js';
import type { Action, Convocation, Identity, Outcome, SlotInfo } from '../actions.js';
import type { CrewContext, PublicRules } from '../context.js';
import { createCrewState } from '../crew.js';
import { testStream } from './stream.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export type CrewInput = z.input<typeof ScalperCrewSchema>;

export interface CrewSetup {
  crew?: Partial<CrewInput>;
  rules?: Partial<PublicRules>;
  counter?: string;
  agentIndex?: number;
  /** next public release strictly after `after`; default none (random release) */
  announcedRelease?: (after: number) => number | undefined;
  /** start time of the run */
  start?: number;
}

/** A crew context on a clock the driver moves; `clock.now` is the simulated time. */
export function crewContext(setup: CrewSetup = {}): { ctx: CrewContext; clock: { now: number } } {
  const crew = ScalperCrewSchema.parse({
    crew: 'cafe', strategy: 'hoarder', agents: 1, pollEverySeconds: 60, priceEur: 150, ...setup.crew,
  });
  const clock = { now: setup.start ?? 0 };
  const ctx: CrewContext = {
    id: `crew:${crew.crew}:${setup.agentIndex ?? 0}`,
    rng: testStream(7),
    now: () => clock.now,
    net: { ip: '10.0.0.9', session: 'bot-session', userAgent: 'bot' },
    rules: { release: 'random', captchaReplay: false, nonAtomicBooking: false, exactNameAtCheckIn: false, purgeDuplicates: false, registryCounters: [], ...setup.rules },
    announcedRelease: setup.announcedRelease ?? (() => undefined),
    localMinuteOfDay: () => 600,
    crew,
    state: createCrewState(crew),
    market: MarketSchema.parse(undefined),
    agentIndex: setup.agentIndex ?? 0,
    counter: setup.counter ?? 'renewal',
  };
  return { ctx, clock };
}

export interface Step {
  action: Action;
  /** simulated time when the agent yielded it */
  at: number;
}

/**
 * Runs `agent` for at most `steps` actions (strategies loop for ever), or until `stop` says so
 * of an action (which is logged, not answered). A watch answered with slots or an inbox lasts
 * one poll; answered with a timeout, it lasts until its `until`.
 */
export function drive(
  gen: Generator<Action, void, Outcome>, clock: { now: number },
  answer: (a: Action, now: number) => Outcome, steps = 60, stop: (a: Action) => boolean = () => false,
): Step[] {
  const log: Step[] = [];
  let out: Outcome = { kind: 'ok' };
  for (let i = 0; i < steps; i++) {
    const r = gen.next(out);
    if (r.done) break;
    const a = r.value;
    log.push({ action: a, at: clock.now });
    if (stop(a)) break;
    if (a.kind === 'sleep') clock.now += a.ms;
    if (a.kind === 'sleepUntil') clock.now = Math.max(clock.now, a.at);
    out = answer(a, clock.now);
    if (a.kind === 'watch') clock.now = out.kind === 'timeout' ? Math.max(clock.now, a.until ?? clock.now) : clock.now + a.everyMs;
  }
  return log;
}

/** Stops a drive at the first watch that no longer looks at the slot list (stock full, counter given up). */
export const idleWatch = (a: Action): boolean => a.kind === 'watch' && a.counter === null;

/** The actions of one kind, typed. */
export function actionsOf<K extends Action['kind']>(log: readonly Step[], kind: K): Extract<Action, { kind: K }>[] {
  return log.filter((s) => s.action.kind === kind).map((s) => s.action as Extract<Action, { kind: K }>);
}

/** `n` released slots of `counter`, a day apart from `firstStart`. */
export function slots(n: number, firstStart: number, counter = 'renewal'): SlotInfo[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${counter}#${i}`, counter, start: firstStart + i * DAY }));
}

/**
 * Scripted answers about a fixed set of slots: `book` gets a new booking (b1, b2…) of a free
 * slot, SLOT_TAKEN for a booked one; `cancel` frees it; `open` lists the free slots starting at
 * least `minLeadMs` after `now`, as the list and watch actions ask.
 */
export function bookingDesk(known: readonly SlotInfo[]) {
  let n = 0;
  const live = new Map<string, string>(); // bookingId → slotId
  const taken = () => new Set(live.values());
  return {
    open(now: number, minLeadMs = 0): SlotInfo[] {
      const t = taken();
      return known.filter((s) => !t.has(s.id) && s.start >= now + minLeadMs);
    },
    book(a: Extract<Action, { kind: 'book' }>): Outcome {
      const slot = known.find((s) => s.id === a.slotId);
      if (!slot) throw new Error(`the agent booked ${a.slotId}, which was never listed`);
      if (taken().has(slot.id)) return { kind: 'rejected', rejected: 'SLOT_TAKEN' };
      n++;
      live.set(`b${n}`, slot.id);
      const convocation: Convocation = {
        bookingId: `b${n}`, token: `t${n}`, slotId: slot.id, counter: slot.counter, slotStart: slot.start,
        name: `${a.identity.firstName} ${a.identity.lastName}`,
      };
      return { kind: 'booked', convocation };
    },
    cancel(a: Extract<Action, { kind: 'cancel' }>): Outcome {
      if (a.token !== `t${a.bookingId.slice(1)}` || !live.delete(a.bookingId)) return { kind: 'rejected', rejected: 'BOOKING_NOT_ACTIVE' };
      return { kind: 'ok' };
    },
    /** bookings still live */
    live: () => [...live.keys()],
  };
}

/**
 * The usual answers of a quiet target: watch and list give the open slots (a watch with
 * nothing to show times out), book and cancel go to the desk, anything else is ok.
 */
export function answering(desk: ReturnType<typeof bookingDesk>, overrides: (a: Action, now: number) => Outcome | undefined = () => undefined) {
  return (a: Action, now: number): Outcome => {
    const special = overrides(a, now);
    if (special) return special;
    switch (a.kind) {
      case 'watch': {
        const open = a.counter === null ? [] : desk.open(now, a.minLeadMs);
        return open.length > 0 ? { kind: 'slots', slots: open } : { kind: 'timeout' };
      }
      case 'list': return { kind: 'slots', slots: desk.open(now, a.minLeadMs) };
      case 'book': return desk.book(a);
      case 'cancel': return desk.cancel(a);
      default: return { kind: 'ok' };
    }
  };
}

export const buyer: Identity = { firstName: 'Amina', lastName: 'Diallo', email: 'amina@example.fr', agdref: '0123456789' };
