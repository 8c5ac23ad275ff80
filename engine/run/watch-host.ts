/**
 * What the watch board asks of the simulation while agents watch slot lists: how many slots a
 * list would show (oracle, no request), a poll made for real (a request through the target, or
 * refused by the rate limiter's fluid model), the polls it skipped (counted as traffic and as a
 * person's time), and resuming the agent when its watch ends.
 */
import type { SlotInfo } from '../../bots/actions.js';
import type { SimOracle } from '../drivers/sim-oracle.js';
import type { Scheduler } from '../kernel/scheduler.js';
import type { Recorder } from '../measure/recorder.js';
import { firstPollFrom, firstThrottled, throttled } from '../polls/poll-schedule.js';
import type { PollResult, WatchHost } from '../polls/watch-board.js';
import { CHECK_MS, INBOX_NOW, LEGIT, RESUME, TIMEOUT_OUTCOME, type AgentRun } from '../agents/agent-run.js';
import type { TargetRequests } from './target-requests.js';

export class SimWatchHost implements WatchHost {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly recorder: Recorder,
    private readonly oracle: SimOracle,
    private readonly requests: TargetRequests,
    private readonly counters: readonly string[],
  ) {}

  available(counter: number, leadMs: number): number {
    return this.oracle.countAvailable(this.counters[counter] as string, leadMs);
  }

  poll(agent: AgentRun, k: number): PollResult {
    const { recorder, scheduler, oracle } = this;
    recorder.requestsAt(agent, 1, false, scheduler.now);
    if (agent.kind === LEGIT) recorder.effort(agent.local, CHECK_MS);
    if (throttled(agent, k)) {
      if (agent.kind === LEGIT) this.throttledLegit(agent);
      return 'refused';
    }
    const counter = this.counters[agent.wCounter] as string;
    if (oracle.countAvailable(counter, agent.wLead) === 0) return 'empty';
    const out = this.requests.exec(agent, agent.wLead > 0 ? { kind: 'list', counter, minLeadMs: agent.wLead } : { kind: 'list', counter });
    if (out.kind === 'slots' && out.slots.length > 0) return out.slots;
    return out.kind === 'slots' ? 'empty' : 'refused';
  }

  skipped(agent: AgentRun, from: number, to: number): void {
    countSkippedPolls(this.recorder, this.scheduler.now, agent, from, to, () => this.throttledLegit(agent));
  }

  ended(agent: AgentRun, why: 'slots' | 'inbox' | 'timeout', slots: readonly SlotInfo[] | undefined): void {
    const { scheduler } = this;
    if (why === 'slots') scheduler.after(agent.latency, agent, RESUME, { kind: 'slots', slots: slots ?? [] });
    else scheduler.at(scheduler.now, agent, RESUME, why === 'inbox' ? INBOX_NOW : TIMEOUT_OUTCOME);
  }

  private throttledLegit(agent: AgentRun): void {
    agent.throttledOnce = true;
    this.recorder.hit(agent.local, 'rateLimit');
  }
}

/**
 * Polls [from, to) of a watcher were not made (elided): count them as traffic and as a person's
 * time, and tell `throttled` when the fluid rate-limit model refuses one of a person's.
 */
export function countSkippedPolls(recorder: Recorder, now: number, agent: AgentRun, from: number, to: number, throttled: () => void): void {
  if (agent.kind === LEGIT) {
    recorder.effort(agent.local, (to - from) * CHECK_MS);
    if (!agent.throttledOnce && firstThrottled(agent, from, to) >= 0) throttled();
  }
  // polls before the end of the warm-up are not counted as traffic, as when they are simulated
  const w = recorder.warmupEnd;
  const split = w > now ? to : w <= agent.wStartedAt ? from : Math.min(to, firstPollFrom(agent, w));
  if (to > split) recorder.requestsAt(agent, to - split, true, Infinity);
}
