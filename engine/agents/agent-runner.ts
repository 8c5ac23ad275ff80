/**
 * The running simulation: agents' actions answered in virtual time. A request leaves the agent,
 * reaches the in-process target one latency later (EXEC), and its answer comes back one latency
 * after that (RESUME). Sleeps, captcha solving, the market and the counter are modelled in the
 * engine; watches go to the WatchBoard (poll elision). The target's own schedule (releases,
 * expiries, purges) runs as kernel events at target.nextDueAt().
 */
import type { Action, MarketMessage, Outcome, SlotInfo } from '../../bots/actions.js';
import type { ActiveClock } from '../kernel/active-clock.js';
import { BOT, EXEC, LEGIT, POLL, RESUME, TIMEOUT, type AgentHost, type AgentRun } from './agent-run.js';
import type { SyncDriver, TargetAction } from '../drivers/driver.js';
import type { SimOracle } from '../drivers/sim-oracle.js';
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import type { Market } from '../market/market.js';
import { DONE, HOLDING, type Recorder } from '../measure/recorder.js';
import type { Rng } from '../rng.js';
import { observeOutcome } from '../measure/observe-outcome.js';
import { solveChallenge } from './solve-challenge.js';
import { throttled, firstPollFrom, firstThrottled } from '../polls/poll-schedule.js';
import type { PollResult, WatchBoard, WatchHost } from '../polls/watch-board.js';

/** An agent making this many actions in a row that take no time is stuck in a loop (a bug). */
const MAX_IMMEDIATE = 100_000;
/** Minutes a person spends on one look at the slot list. */
export const CHECK_MS = 60_000;
const OK: Outcome = { kind: 'ok' };
const TIMEOUT_OUTCOME: Outcome = { kind: 'timeout' };
/** RESUME payload: read the inbox when resuming (messages may arrive until then). */
const INBOX_NOW = Symbol('inbox');

export interface SimParts {
  kernel: Kernel;
  /** performs the agents' requests, answering at once (virtual time) */
  driver: SyncDriver;
  /** what only the simulation knows of the target (captcha answers, listings without a request, its schedule) */
  oracle: SimOracle;
  recorder: Recorder;
  counters: readonly string[];
  /** proof-of-work difficulty of the policy (the sim target checks a cheaper one) */
  powDifficulty: number;
  eurPerUsd: number;
}

export class Sim implements AgentHost, WatchHost, EventHandler {
  readonly agents: AgentRun[] = [];
  readonly byId = new Map<string, AgentRun>();
  readonly rngOf: Rng[] = [];
  readonly clockOf: (ActiveClock | null)[] = [];
  readonly bySession = new Map<string, AgentRun>();
  /** lottery registration id → registrant */
  readonly registrants = new Map<string, AgentRun>();
  readonly nets: { ip: string; session: string }[] = [];
  board!: WatchBoard;
  market!: Market;
  private readonly dirty = new Set<string>();
  private readonly counterIndex = new Map<string, number>();

  constructor(readonly parts: SimParts) {
    parts.counters.forEach((c, i) => this.counterIndex.set(c, i));
  }

  // --- agents ---

  start(agent: AgentRun): void {
    this.step(agent, OK);
  }

  onAgentEvent(agent: AgentRun, code: number, payload: unknown): void {
    switch (code) {
      case RESUME:
        this.step(agent, payload === INBOX_NOW ? { kind: 'inbox', messages: agent.inbox.splice(0) } : (payload as Outcome));
        return;
      case EXEC: {
        const out = this.exec(agent, payload as TargetAction);
        this.parts.kernel.after(agent.latency, agent, RESUME, out);
        return;
      }
      case POLL:
        this.board.onPoll(agent, payload);
        return;
      case TIMEOUT:
        this.board.onTimeout(agent, payload);
    }
  }

  private step(agent: AgentRun, first: Outcome): void {
    let out: Outcome | undefined = first;
    for (let n = 0; out !== undefined; n++) {
      if (n > MAX_IMMEDIATE) throw new Error(`agent ${agent.id} made ${n} actions without letting time pass (last outcome: ${JSON.stringify(out).slice(0, 200)})`);
      const r = (agent.gen as Generator<Action, void, Outcome>).next(out);
      if (r.done) {
        agent.done = true;
        if (agent.kind === LEGIT) this.parts.recorder.setState(agent.local, DONE);
        return;
      }
      out = this.act(agent, r.value);
    }
  }

  /** Performs an action: its outcome when immediate, undefined when it will come as an event. */
  private act(agent: AgentRun, a: Action): Outcome | undefined {
    const { kernel, recorder } = this.parts;
    switch (a.kind) {
      case 'sleep':
        if (a.busy && agent.kind === LEGIT) recorder.effortMs[agent.local] = (recorder.effortMs[agent.local] as number) + a.ms;
        kernel.after(Math.max(0, a.ms), agent, RESUME, OK);
        return undefined;
      case 'sleepUntil':
        kernel.at(Math.max(kernel.now, a.at), agent, RESUME, OK);
        return undefined;
      case 'watch': {
        if (a.inbox && agent.inbox.length > 0) return { kind: 'inbox', messages: agent.inbox.splice(0) };
        if ((a.until ?? Infinity) <= kernel.now) return TIMEOUT_OUTCOME;
        const counter = a.counter === null ? -1 : (this.counterIndex.get(a.counter) ?? -2);
        if (counter === -2) return { kind: 'rejected', rejected: 'NOT_FOUND' };
        this.board.start(agent, a, counter, a.activeHours ? this.clockOf[agent.index] ?? null : null);
        return undefined;
      }
      case 'solve': {
        const s = solveChallenge(a.challenge, a.solver, this.rngOf[agent.index] as Rng,
          this.parts.oracle.expectedAnswer(a.challenge.id), this.parts.powDifficulty);
        if (agent.kind === BOT && s.costUsd > 0) recorder.cost(agent.owner, s.costUsd * this.parts.eurPerUsd, kernel.now);
        // typing a captcha, or waiting for a phone to finish the proof-of-work, is time spent
        if (agent.kind === LEGIT) recorder.effortMs[agent.local] = (recorder.effortMs[agent.local] as number) + s.delayMs;
        kernel.after(s.delayMs, agent, RESUME, { kind: 'answer', answer: s.answer });
        return undefined;
      }
      case 'offer':
        return this.market.offer(agent.id, agent.owner, a);
      case 'withdraw':
        return this.market.withdraw(a.bookingId);
      case 'deliver':
        return this.market.deliver(agent.id, a);
      case 'order':
        return this.market.order(agent.id, a);
      case 'cancelOrder':
        return this.market.cancelOrder(agent.id);
      case 'checkIn': {
        const out = this.parts.driver.checkIn(a);
        if (agent.kind === LEGIT && out.kind === 'checkIn') {
          const slotStart = this.parts.oracle.slotStartOf(a.bookingId);
          recorder.checkIn(agent.local, a.bookingId, slotStart ?? kernel.now, out.served, out.served ? undefined : out.reason, kernel.now);
          if (!out.served && out.reason === 'NAME_MISMATCH') recorder.hit(agent.local, 'exactName');
          if (!out.served && out.reason === 'PURGED') recorder.hit(agent.local, 'purge');
        }
        return out;
      }
      default:
        recorder.requestsAt(agent, 1, false, kernel.now);
        if (agent.kind === LEGIT && a.kind === 'list') recorder.effortMs[agent.local] = (recorder.effortMs[agent.local] as number) + CHECK_MS;
        kernel.after(agent.latency, agent, EXEC, a);
        return undefined;
    }
  }

  /** A request reaching the target (kernel time = server time). */
  private exec(agent: AgentRun, a: TargetAction): Outcome {
    const out = this.parts.driver.perform(this.nets[agent.index] as { ip: string; session: string }, a);
    if (agent.kind === LEGIT) observeOutcome(this.parts.recorder, agent.local, a, out);
    if (out.kind === 'registered') this.registrants.set(out.registrationId, agent);
    if (out.kind === 'booked' && out.confirmBy !== undefined) this.tickAt(out.confirmBy + 1);
    this.flush();
    return out;
  }

  // --- market messages ---

  post(agentId: string, msg: MarketMessage): void {
    const agent = this.byId.get(agentId);
    if (!agent || agent.done) return;
    agent.inbox.push(msg);
    if (msg.kind === 'delivered' && agent.kind === LEGIT) this.parts.recorder.setState(agent.local, HOLDING);
    if (agent.watching && agent.wInbox) this.board.onMessage(agent);
  }

  // --- WatchHost ---

  available(counter: number, leadMs: number): number {
    return this.parts.oracle.countAvailable(this.parts.counters[counter] as string, leadMs);
  }

  poll(agent: AgentRun, k: number): PollResult {
    const { recorder, kernel, oracle } = this.parts;
    recorder.requestsAt(agent, 1, false, kernel.now);
    if (agent.kind === LEGIT) recorder.effortMs[agent.local] = (recorder.effortMs[agent.local] as number) + CHECK_MS;
    if (throttled(agent, k)) {
      if (agent.kind === LEGIT) this.throttledLegit(agent);
      return 'refused';
    }
    const counter = this.parts.counters[agent.wCounter] as string;
    if (oracle.countAvailable(counter, agent.wLead) === 0) return 'empty';
    const out = this.exec(agent, agent.wLead > 0 ? { kind: 'list', counter, minLeadMs: agent.wLead } : { kind: 'list', counter });
    if (out.kind === 'slots' && out.slots.length > 0) return out.slots;
    return out.kind === 'slots' ? 'empty' : 'refused';
  }

  skipped(agent: AgentRun, from: number, to: number): void {
    const { recorder } = this.parts;
    const n = to - from;
    if (agent.kind === LEGIT) {
      recorder.effortMs[agent.local] = (recorder.effortMs[agent.local] as number) + n * CHECK_MS;
      if (!agent.throttledOnce && firstThrottled(agent, from, to) >= 0) this.throttledLegit(agent);
    }
    // polls before the end of the warm-up are not counted as traffic, as when they are simulated
    const w = recorder.warmupEnd;
    const split = w > this.parts.kernel.now ? to : w <= agent.wStartedAt ? from : Math.min(to, firstPollFrom(agent, w));
    if (to > split) recorder.requestsAt(agent, to - split, true, Infinity);
  }

  ended(agent: AgentRun, why: 'slots' | 'inbox' | 'timeout', slots: SlotInfo[] | undefined): void {
    const { kernel } = this.parts;
    if (why === 'slots') kernel.after(agent.latency, agent, RESUME, { kind: 'slots', slots: slots ?? [] });
    else kernel.at(kernel.now, agent, RESUME, why === 'inbox' ? INBOX_NOW : TIMEOUT_OUTCOME);
  }

  private throttledLegit(agent: AgentRun): void {
    agent.throttledOnce = true;
    this.parts.recorder.hit(agent.local, 'rateLimit');
  }

  // --- inventory: wake the watchers of counters whose list may have become non-empty ---

  markDirty(counter: string): void {
    this.dirty.add(counter);
  }

  flush(): void {
    if (this.dirty.size === 0) return;
    for (const c of this.dirty) {
      const i = this.counterIndex.get(c);
      if (i !== undefined) this.board.wake(i);
    }
    this.dirty.clear();
  }

  /** The target's schedule (releases, expiries, purges). */
  fire(): void {
    const { oracle, kernel } = this.parts;
    oracle.tick();
    this.flush();
    const next = oracle.nextDueAt();
    kernel.at(Math.max(next, kernel.now + 1), this);
  }

  /** An extra tick, for an unconfirmed hold that expires at `at`. */
  tickAt(at: number): void {
    this.parts.kernel.at(at, this.extraTick);
  }

  private readonly extraTick: EventHandler = {
    fire: () => {
      this.parts.oracle.tick();
      this.flush();
    },
  };
}
