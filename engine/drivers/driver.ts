/**
 * The seam between agents and a booking target. A driver performs an agent's target actions
 * (the requests of bots/actions.ts) and answers with their outcomes; the in-process driver calls
 * the target's domain directly, an HTTP or browser driver will send real requests.
 *
 * Sync or async: one interface, generic in how its answer comes. `Driver` (the default) may
 * answer with `Outcome | Promise<Outcome>`, which is what a remote target needs. `SyncDriver`
 * answers at once: virtual time requires it, because a request reaches the target at one kernel
 * instant and its answer must exist at that instant (the kernel does not wait for promises, and
 * awaiting one per request would cost more than the simulation itself). So the virtual-time
 * runner takes a `SyncDriver`, and a live runner will take any `Driver` and await it. Two
 * interfaces would duplicate every method; a generic keeps them one.
 *
 * What only a simulation may know is not here but in `SimOracle` (sim-oracle.ts), so a remote
 * driver never has to provide it.
 */
import type { Action, Outcome } from '../../bots/actions.js';

/** The actions that are requests to the target, made over the agent's network identity. */
export type TargetAction = Extract<Action, {
  kind: 'list' | 'captcha' | 'book' | 'confirm' | 'cancel' | 'register' | 'lotteryResult' | 'joinRoom' | 'ticket';
}>;

/** Showing a convocation at the counter: not a web request, so no network identity. */
export type CheckInAction = Extract<Action, { kind: 'checkIn' }>;

/** Who sends a request, as the target sees it. */
export interface AgentNet {
  ip: string;
  session: string;
}

export interface Driver<Answer extends Outcome | Promise<Outcome> = Outcome | Promise<Outcome>> {
  /** Performs one request; a refusal is an outcome (`rejected` with the target's code), never a throw. */
  perform(net: AgentNet, action: TargetAction): Answer;
  /** The person (or whoever holds the convocation) at the counter: served or refused. */
  checkIn(action: CheckInAction): Answer;
}

/** A driver whose answers exist at once: what virtual time needs. */
export type SyncDriver = Driver<Outcome>;
