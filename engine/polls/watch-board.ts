/**
 * Agents watching slot lists. Materialised: every poll is a kernel event. Elided (default):
 * while a counter is known to be empty, nobody's polls are simulated; each counter keeps its
 * watchers in a heap keyed by their next poll. When inventory appears at t (release,
 * cancellation, expiry, purge) the stale watchers jump to their first poll at or after t and the
 * polls they skipped are counted; then polls are dispatched in time order, for real, until one
 * finds the list empty again. Both ways make exactly the same polls see the same lists, so
 * results are identical (elision.test.ts); the elided cost grows with inventory changes,
 * not with poll frequency.
 */
import type { Action, SlotInfo } from '../../bots/actions.js';
import { POLL, TIMEOUT, type AgentRun } from '../agents/agent-run.js';
import type { ActiveClock } from '../kernel/active-clock.js';
import { HeapSpace, IndexedHeap } from '../kernel/indexed-heap.js';
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { InventoryChanges } from './inventory-changes.js';
import { beginWatch, firstPollFrom, pollTime } from './poll-schedule.js';

export type PollResult = readonly SlotInfo[] | 'empty' | 'refused';

export interface WatchHost {
  /** slots the agent's channel would list now */
  available(counter: number, leadMs: number): number;
  /** makes poll k of the agent for real */
  poll(agent: AgentRun, k: number): PollResult;
  /** polls [from, to) of the agent were not simulated: count them */
  skipped(agent: AgentRun, from: number, to: number): void;
  /** the watch ended: resume the agent with slots, its inbox, or a timeout */
  ended(agent: AgentRun, why: 'slots' | 'inbox' | 'timeout', slots: readonly SlotInfo[] | undefined): void;
}

/**
 * Dispatcher of the watchers of one channel (elided mode): a counter, and how far ahead a slot
 * must start to count (resellers ignore slots they could not sell in time).
 */
class Channel implements EventHandler {
  readonly heap: IndexedHeap;
  /** the list is known to be empty: polls are not simulated until wake() */
  dormant = true;
  scheduledAt = Infinity;
  gen = 0;

  constructor(private readonly board: WatchBoard, space: HeapSpace, readonly counter: number, readonly leadMs: number) {
    this.heap = new IndexedHeap(space);
  }

  fire(_code: number, gen: unknown): void {
    if (gen !== this.gen) return;
    this.scheduledAt = Infinity;
    this.board.dispatch(this);
  }
}

export class WatchBoard {
  /** each counter's channels in the order they were made (the order they are woken in) */
  private readonly byCounter: Channel[][];
  /** the same, by lead: the order in which a list can only get shorter */
  private readonly byLead: Channel[][];
  /** each counter's channel of each lead */
  private readonly ofLead: Map<number, Channel>[];
  private readonly space: HeapSpace;

  constructor(
    private readonly kernel: Kernel,
    private readonly host: WatchHost,
    /** the store tap's changed counters: their watchers are woken at each flush */
    changes: InventoryChanges,
    counterCount: number,
    agentCapacity: number,
    readonly materialise: boolean,
    private readonly agents: readonly AgentRun[],
  ) {
    this.space = new HeapSpace(agentCapacity);
    this.byCounter = Array.from({ length: counterCount }, () => []);
    this.byLead = Array.from({ length: counterCount }, () => []);
    this.ofLead = Array.from({ length: counterCount }, () => new Map());
    changes.subscribe((counter) => this.wake(counter));
  }

  /** The channel of (counter, lead), created on first use. */
  private channel(counter: number, leadMs: number): Channel {
    const ofLead = this.ofLead[counter] as Map<number, Channel>;
    let ch = ofLead.get(leadMs);
    if (!ch) {
      ch = new Channel(this, this.space, counter, leadMs);
      // born dormant only when there is nothing to see yet
      ch.dormant = this.host.available(counter, leadMs) === 0;
      ofLead.set(leadMs, ch);
      (this.byCounter[counter] as Channel[]).push(ch);
      const byLead = this.byLead[counter] as Channel[];
      byLead.push(ch);
      byLead.sort((a, b) => a.leadMs - b.leadMs);
    }
    return ch;
  }

  start(agent: AgentRun, w: Extract<Action, { kind: 'watch' }>, counter: number, clock: ActiveClock | null): void {
    const now = this.kernel.now;
    beginWatch(agent, w, counter, clock, now);
    if (agent.wUntil < Infinity) this.kernel.at(Math.max(now, agent.wUntil), agent, TIMEOUT, agent.wGen);
    if (counter < 0) return;
    if (this.materialise) this.kernel.at(pollTime(agent, 0), agent, POLL, agent.wGen);
    else this.place(agent, this.channel(counter, agent.wLead));
  }

  /** Materialised mode: the agent's poll event. */
  onPoll(agent: AgentRun, gen: unknown): void {
    if (gen !== agent.wGen || !agent.watching) return;
    const r = this.host.poll(agent, agent.wK);
    if (Array.isArray(r)) {
      agent.wK++;
      this.end(agent, 'slots', r);
      return;
    }
    agent.wK++;
    this.kernel.at(pollTime(agent, agent.wK), agent, POLL, agent.wGen);
  }

  onTimeout(agent: AgentRun, gen: unknown): void {
    if (gen !== agent.wGen || !agent.watching) return;
    this.end(agent, 'timeout', undefined);
  }

  /** A market message arrived: an agent waiting on its inbox stops watching. */
  onMessage(agent: AgentRun): void {
    if (agent.watching && agent.wInbox) this.end(agent, 'inbox', undefined);
  }

  /** Elided mode: the list of `counter` may have become non-empty at now. */
  wake(counter: number): void {
    if (this.materialise) return;
    const byLead = this.byLead[counter];
    if (!byLead) return;
    // A list with a longer lead shows fewer slots: the first dormant channel, by lead, that
    // would see none tells that no longer lead would see any. Resellers' leads vary with their
    // stock, so a counter gathers hundreds of channels; this asks about those that wake, and one.
    let noneFrom = Infinity;
    for (const ch of byLead) {
      if (ch.dormant && this.host.available(counter, ch.leadMs) === 0) {
        noneFrom = ch.leadMs;
        break;
      }
    }
    for (const ch of this.byCounter[counter] as Channel[]) {
      if (ch.dormant && ch.leadMs < noneFrom) this.wakeChannel(ch);
    }
  }

  private wakeChannel(cw: Channel): void {
    cw.dormant = false;
    const now = this.kernel.now;
    // watchers whose next poll fell in the empty period skip to their first poll from now (in
    // heap order, not time order: what a catch-up counts is a sum, the same in any order)
    cw.heap.rekeyBelow(now, (index) => {
      const agent = this.agentAt(index);
      this.catchUp(agent, now, false);
      return pollTime(agent, agent.wK);
    });
    this.schedule(cw);
  }

  /** Elided mode: a dispatcher event, at the time of its heap's first poll. */
  dispatch(cw: Channel): void {
    if (cw.dormant || cw.heap.size === 0) return;
    const now = this.kernel.now;
    if (cw.heap.minKey() > now) {
      this.schedule(cw);
      return;
    }
    const agent = this.agentAt(cw.heap.min());
    const r = this.host.poll(agent, agent.wK);
    agent.wK++;
    if (Array.isArray(r)) {
      this.end(agent, 'slots', r);
    } else {
      if (r === 'empty') cw.dormant = true;
      cw.heap.set(agent.index, pollTime(agent, agent.wK));
    }
    this.schedule(cw);
  }

  /** Accounts every watcher's polls up to `end` (the end of the run). */
  finish(end: number): void {
    // agents are held by index (a person not arrived yet leaves a hole): those still watching, in index order
    for (const agent of this.agents) {
      if (agent?.watching && agent.wCounter >= 0 && !this.materialise) this.catchUp(agent, end, true);
    }
  }

  private agentAt(index: number): AgentRun {
    return this.agents[index] as AgentRun;
  }

  private place(agent: AgentRun, cw: Channel): void {
    cw.heap.set(agent.index, pollTime(agent, agent.wK));
    if (!cw.dormant) this.schedule(cw);
  }

  private schedule(cw: Channel): void {
    if (cw.dormant) return;
    const t = cw.heap.minKey();
    if (t === Infinity || t >= cw.scheduledAt) return;
    cw.scheduledAt = t;
    this.kernel.at(Math.max(t, this.kernel.now), cw, 0, ++cw.gen);
  }

  /** Counts the polls an agent made, unseen, before t (at or before t when `inclusive`). */
  private catchUp(agent: AgentRun, t: number, inclusive: boolean): void {
    const k = firstPollFrom(agent, t, inclusive);
    if (k > agent.wK) this.host.skipped(agent, agent.wK, k);
    agent.wK = k;
  }

  private end(agent: AgentRun, why: 'slots' | 'inbox' | 'timeout', slots: readonly SlotInfo[] | undefined): void {
    if (agent.wCounter >= 0 && !this.materialise) {
      const cw = this.channel(agent.wCounter, agent.wLead);
      if (why !== 'slots') this.catchUp(agent, this.kernel.now, false);
      cw.heap.remove(agent.index);
    }
    agent.watching = false;
    agent.wGen++;
    this.host.ended(agent, why, slots);
  }
}
