/**
 * Agents watching slot lists in a live run. Each poll is a real list request, paced by the
 * watcher's own schedule (polls/poll-schedule.ts, the same times as in the simulation), except
 * outside race windows while the target's list is empty: there the watcher parks, its polls are
 * elided and counted as the simulation counts them, and it is woken when inventory appears
 * (a release, a cancellation, an expiry) or a race window opens. Without an oracle (a target
 * that cannot tell its inventory without a request) every poll is made.
 */
import type { Outcome } from '../../bots/actions.js';
import type { TargetAction } from '../drivers/driver.js';
import type { ActiveClock } from '../kernel/active-clock.js';
import type { Kernel } from '../kernel/kernel.js';
import type { Recorder } from '../measure/recorder.js';
import { beginWatch, firstPollFrom, pollTime } from '../polls/poll-schedule.js';
import type { InventoryChanges } from '../polls/inventory-changes.js';
import { CHECK_MS, INBOX_NOW, LEGIT, POLL, TIMEOUT, TIMEOUT_OUTCOME, type AgentRun } from '../agents/agent-run.js';
import type { WatchAction } from '../run/agent-stepper.js';
import { countSkippedPolls } from '../run/watch-host.js';

export interface InventoryOracle {
  /** slots a list of `counter` would show now, starting at least `leadMs` from now; no request is made */
  available(counter: string, leadMs: number): number;
}

export interface WatchSender {
  /** sends a poll of the watch numbered `gen`; its answer comes back through `answered` */
  sendPoll(agent: AgentRun, action: TargetAction, gen: number): void;
  /** the watch is over: resume the agent with this outcome (or INBOX_NOW) */
  resumeAgent(agent: AgentRun, payload: Outcome | typeof INBOX_NOW): void;
}

export class LiveWatches {
  private readonly parked: Set<AgentRun>[];
  private readonly watching = new Set<AgentRun>();

  constructor(
    private readonly kernel: Kernel,
    private readonly recorder: Recorder,
    private readonly counters: readonly string[],
    private readonly racing: (t: number) => boolean,
    private readonly oracle: InventoryOracle | undefined,
    private readonly sender: WatchSender,
    changes: InventoryChanges,
  ) {
    this.parked = counters.map(() => new Set<AgentRun>());
    changes.subscribe((counter) => this.wake(counter));
  }

  start(agent: AgentRun, w: WatchAction, counter: number, clock: ActiveClock | null): void {
    const now = this.kernel.now;
    beginWatch(agent, w, counter, clock, now);
    this.watching.add(agent);
    if (agent.wUntil < Infinity) this.kernel.at(Math.max(now, agent.wUntil), agent, TIMEOUT, agent.wGen);
    if (counter >= 0) this.schedulePoll(agent);
  }

  /** The agent's poll event: a real poll, or parked while the list is known to be empty. */
  onPoll(agent: AgentRun, gen: unknown): void {
    if (gen !== agent.wGen || !agent.watching) return;
    const now = this.kernel.now;
    const counter = this.counters[agent.wCounter] as string;
    if (this.oracle && !this.racing(now) && this.oracle.available(counter, agent.wLead) === 0) {
      this.parked[agent.wCounter]?.add(agent);
      return;
    }
    agent.wK++;
    this.recorder.requestsAt(agent, 1, false, now);
    if (agent.kind === LEGIT) this.recorder.effort(agent.local, CHECK_MS);
    this.sender.sendPoll(agent, agent.wLead > 0 ? { kind: 'list', counter, minLeadMs: agent.wLead } : { kind: 'list', counter }, agent.wGen);
  }

  /** A poll's answer: slots end the watch; an empty list, a refusal or a failure wait for the next poll. */
  onPollAnswer(agent: AgentRun, gen: number, out: Outcome): void {
    if (gen !== agent.wGen || !agent.watching) return;
    if (out.kind === 'slots' && out.slots.length > 0) {
      this.end(agent);
      this.sender.resumeAgent(agent, out);
      return;
    }
    this.schedulePoll(agent);
  }

  onTimeout(agent: AgentRun, gen: unknown): void {
    if (gen !== agent.wGen || !agent.watching) return;
    this.end(agent);
    this.sender.resumeAgent(agent, TIMEOUT_OUTCOME);
  }

  /** A market message arrived: an agent waiting on its inbox stops watching. */
  onMessage(agent: AgentRun): void {
    if (!agent.watching || !agent.wInbox) return;
    this.end(agent);
    this.sender.resumeAgent(agent, INBOX_NOW);
  }

  /** A race window opens: every parked watcher polls for real from now on. */
  raceStarted(): void {
    for (const set of this.parked) for (const agent of [...set]) this.unpark(agent, set);
  }

  /** Accounts the polls parked watchers skipped up to `end` (the end of the run). */
  finish(end: number): void {
    for (const agent of [...this.watching].sort((a, b) => a.index - b.index)) {
      if (this.parked[agent.wCounter]?.has(agent)) this.catchUp(agent, end, true);
    }
  }

  /** The list of a counter may have become non-empty: its parked watchers that would see slots poll again. */
  private wake(counter: number): void {
    const set = this.parked[counter];
    if (!set || set.size === 0 || !this.oracle) return;
    const name = this.counters[counter] as string;
    for (const agent of [...set]) if (this.oracle.available(name, agent.wLead) > 0) this.unpark(agent, set);
  }

  private unpark(agent: AgentRun, set: Set<AgentRun>): void {
    set.delete(agent);
    this.catchUp(agent, this.kernel.now, false);
    this.schedulePoll(agent);
  }

  /** The next poll at its scheduled time, or now when an answer came after it (a bot polls again at once). */
  private schedulePoll(agent: AgentRun): void {
    this.kernel.at(Math.max(this.kernel.now, pollTime(agent, agent.wK)), agent, POLL, agent.wGen);
  }

  /** Counts the polls a parked agent skipped before t (at or before t when `inclusive`). */
  private catchUp(agent: AgentRun, t: number, inclusive: boolean): void {
    const k = firstPollFrom(agent, t, inclusive);
    if (k > agent.wK) countSkippedPolls(this.recorder, this.kernel.now, agent, agent.wK, k, () => {});
    agent.wK = k;
  }

  private end(agent: AgentRun): void {
    const set = this.parked[agent.wCounter];
    if (set?.has(agent)) {
      set.delete(agent);
      this.catchUp(agent, this.kernel.now, false);
    }
    agent.watching = false;
    agent.wGen++;
    this.watching.delete(agent);
  }
}
