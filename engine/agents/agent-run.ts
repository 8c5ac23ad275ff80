/**
 * One agent as the engine runs it: its generator, network latency, inbox, and the state of the
 * watch it may be in. Plain fields rather than nested objects: there are tens of thousands of
 * agents and the watch fields are read on every poll computation.
 */
import type { Action, MarketMessage, Outcome } from '../../bots/actions.js';
import type { ActiveClock } from '../kernel/active-clock.js';
import type { EventHandler } from '../kernel/kernel.js';

export const LEGIT = 0;
export const BOT = 1;

/** Kernel event codes of an agent. */
export const RESUME = 0;
export const EXEC = 1;
export const POLL = 2;
export const TIMEOUT = 3;

/** RESUME payload: read the inbox when resuming (messages may arrive until then). */
export const INBOX_NOW = Symbol('inbox');
export const TIMEOUT_OUTCOME: Outcome = { kind: 'timeout' };
/** Minutes a person spends on one look at the slot list. */
export const CHECK_MS = 60_000;

export interface AgentHost {
  onAgentEvent(agent: AgentRun, code: number, payload: unknown): void;
}

export class AgentRun implements EventHandler {
  gen: Generator<Action, void, Outcome> | undefined;
  readonly inbox: MarketMessage[] = [];
  done = false;

  // --- the current watch (see polls/poll-schedule.ts) ---
  watching = false;
  /** counter index polled, -1 when waiting for the inbox or a time only */
  wCounter = -1;
  wEvery = 0;
  wJitter = 0;
  wClock: ActiveClock | null = null;
  /** real time the current watch started */
  wStartedAt = 0;
  /** active time of poll 0 */
  wA0 = 0;
  /** index of the next poll not yet made or accounted for */
  wK = 0;
  /** watches started so far: keys the jitter draws */
  wSeq = 0;
  /** drawPrefix(drawSeed, wSeq): the draws of this watch's polls start from it */
  wDraws = 0;
  wUntil = Infinity;
  wInbox = false;
  /** only slots starting at least this long after the poll count */
  wLead = 0;
  /** bumped when a watch ends, so its pending events are ignored */
  wGen = 0;
  /** legit only: hit by the rate limiter already (no need to look for more hits) */
  throttledOnce = false;
  /**
   * Share of the current watch's polls the rate limiter lets through (fluid model, 1 = no
   * limit): set when a watch starts, from the interval that watch declares.
   */
  passRate = 1;

  constructor(
    readonly host: AgentHost,
    readonly index: number,
    readonly id: string,
    readonly kind: typeof LEGIT | typeof BOT,
    /** group index (legit) or crew index (bot) */
    readonly owner: number,
    /** index among legit users, or among bots */
    readonly local: number,
    /** one-way network latency, ms */
    readonly latency: number,
    /** seed of this agent's counter-based draws */
    readonly drawSeed: number,
    /** share of the polls on its IP the IP's bucket lets through (fluid model, 1 = no limit) */
    readonly ipPass: number,
  ) {}

  fire(code: number, payload: unknown): void {
    this.host.onAgentEvent(this, code, payload);
  }
}
