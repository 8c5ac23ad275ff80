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
  kind: 'list' | 'captcha' | 'book' | 'bookingResult' | 'confirm' | 'cancel' | 'register' | 'lotteryResult' | 'joinRoom' | 'ticket';
}>;

/** Showing a convocation at the counter: not a web request, so no network identity. */
export type CheckInAction = Extract<Action, { kind: 'checkIn' }>;

/** Who sends a request, as the target sees it. */
export interface AgentNet {
  ip: string;
  session: string;
}

export interface Driver<Answer = Outcome | Promise<Outcome>> {
  /** Performs one request; a refusal is an outcome (`rejected` with the target's code), never a throw. */
  perform(net: AgentNet, action: TargetAction): Answer;
  /** The person (or whoever holds the convocation) at the counter: served or refused. */
  checkIn(action: CheckInAction): Answer;
}

/** A driver whose answers exist at once: what virtual time needs. */
export type SyncDriver = Driver<Outcome>;

/** Why a request got no HTTP answer: the driver's deadline passed, the socket failed, or the answer made no sense. */
export type WireFailure = 'timeout' | 'connection' | 'protocol';

/**
 * A request's answer as it came over the wire: the outcome the agent gets, and what a load tool
 * counts. A failure is an outcome too (`rejected` with `UNAVAILABLE`), never a throw, so an agent
 * retries as a person would when a page does not load.
 */
export interface WireAnswer {
  outcome: Outcome;
  /** HTTP status of the (last) response; 0 when none came */
  status: number;
  failure?: WireFailure;
}

/**
 * A driver of a remote target (HTTP API, HTML forms, a browser, or a team's own module). Live
 * runs take one; `close()` releases its sockets, browsers or pools.
 */
export interface LiveDriver extends Driver<Promise<WireAnswer>> {
  close(): Promise<void>;
}

/** What a live driver is built from. */
export interface LiveDriverOptions {
  /** base URL of the target, e.g. http://127.0.0.1:4100 (no trailing slash) */
  url: string;
  /** bearer token of the target's admin routes (check-in at the counter, reading mail) */
  adminToken: string;
  /** ms before a request counts as a timeout; default 10,000 */
  timeoutMs?: number;
  /** keep-alive connections to the target at most; default 64 */
  connections?: number;
}

/** What a driver module (`--driver ./my-driver.js`) exports as its default. */
export type LiveDriverFactory = (options: LiveDriverOptions) => LiveDriver | Promise<LiveDriver>;
