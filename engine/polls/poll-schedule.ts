/**
 * When a watcher polls. Poll k is sent at active time A_k = A0 + k·every + jitter_k, with
 * jitter_k = jitterMs·u(seed, watch, k) in [0, jitterMs] (none for poll 0), and reaches the
 * server one latency later. Since jitter ≤ every, poll times increase with k, and "the first
 * poll at or after t" is found in O(1) from t: this is what lets the engine skip (elide) the
 * polls that would have seen an empty list, and count them, without simulating them.
 * The throttle draw of poll k is counter-based too, so a poll gets the same answer whether it is
 * materialised or only counted.
 */
import type { Action } from '../../bots/actions.js';
import type { AgentRun } from '../agents/agent-run.js';
import type { ActiveClock } from '../kernel/active-clock.js';
import { drawPrefix, uniformAfter } from '../rng.js';

const JITTER_KEY = 0;
const THROTTLE_KEY = 1;

/** Starts a watch at `now`: the agent's watch fields, from which every poll time follows. */
export function beginWatch(agent: AgentRun, w: Extract<Action, { kind: 'watch' }>, counter: number, clock: ActiveClock | null, now: number): void {
  agent.watching = true;
  agent.wSeq++;
  agent.wDraws = drawPrefix(agent.drawSeed, agent.wSeq);
  agent.wCounter = counter;
  agent.wEvery = Math.max(1, w.everyMs);
  agent.wJitter = Math.min(Math.max(0, w.jitterMs), agent.wEvery);
  agent.wClock = clock;
  agent.wStartedAt = now;
  agent.wA0 = clock ? clock.toActive(now) : now;
  agent.wK = 0;
  agent.wUntil = w.until ?? Infinity;
  agent.wInbox = w.inbox ?? false;
  agent.wLead = Math.max(0, w.minLeadMs ?? 0);
}

/** Server time of poll k of the agent's current watch. */
export function pollTime(a: AgentRun, k: number): number {
  let at = a.wA0 + k * a.wEvery;
  if (k > 0 && a.wJitter > 0) at += a.wJitter * uniformAfter(a.wDraws, k, JITTER_KEY);
  return (a.wClock ? a.wClock.toReal(at) : at) + a.latency;
}

/** Smallest k >= a.wK whose poll reaches the server at or after t (strictly after when `strict`). */
export function firstPollFrom(a: AgentRun, t: number, strict = false): number {
  const sent = t - a.latency;
  const active = a.wClock ? a.wClock.toActive(sent) : sent;
  // every k below this bound is sent before t, whatever its jitter
  let k = Math.max(a.wK, Math.ceil((active - a.wA0 - a.wJitter) / a.wEvery));
  while (strict ? pollTime(a, k) <= t : pollTime(a, k) < t) k++;
  return k;
}

/** Is poll k refused by the rate limiter (fluid model, see agents/population-plan.ts)? */
export function throttled(a: AgentRun, k: number): boolean {
  return a.passRate < 1 && uniformAfter(a.wDraws, k, THROTTLE_KEY) >= a.passRate;
}

/** First throttled poll among [from, to), or -1. Only needed for legit users' collateral. */
export function firstThrottled(a: AgentRun, from: number, to: number): number {
  if (a.passRate >= 1) return -1;
  for (let k = from; k < to; k++) if (throttled(a, k)) return k;
  return -1;
}
