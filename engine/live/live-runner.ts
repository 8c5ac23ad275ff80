/**
 * Running agents against a real target (the stepping itself is run/agent-stepper.ts, shared
 * with virtual time). A request goes to the live driver at once; no latency is modelled, the
 * network's is real. Its answer is scheduled on the kernel at the live clock's time when it
 * arrives (ANSWER), so the agent, the metrics and the watches see it in event order. Each
 * request is timed for the live metrics from when the agent meant to send it.
 */
import { performance } from 'node:perf_hooks';
import type { Outcome } from '../../bots/actions.js';
import type { AgentNet, CheckInAction, LiveDriver, TargetAction, WireAnswer } from '../drivers/driver.js';
import type { Kernel } from '../kernel/kernel.js';
import type { LiveRoute } from '../measure/live-types.js';
import { observeBotOutcome, observeEntry, observeOutcome } from '../measure/observe-outcome.js';
import type { InventoryChanges } from '../polls/inventory-changes.js';
import { CHECK_MS, LEGIT, POLL, RESUME, TIMEOUT, type AgentRun, type INBOX_NOW } from '../agents/agent-run.js';
import { AgentStepper, type StepperParts, type WatchAction } from '../run/agent-stepper.js';
import type { HarnessLedger } from './harness-ledger.js';
import type { SteerableClock } from '../../target/http/steerable-clock.js';
import type { LiveWatches } from './live-watches.js';
import type { LiveTarget } from './live-target.js';
import type { Pacer } from './pacer.js';

/** Kernel event code of an answer back from the target (beside agent-run.ts's codes). */
const ANSWER = 4;

/** What the live metrics are told of each request. */
export interface LiveProbe {
  request(population: number, route: LiveRoute, intendedAt: number, sentAt: number, endedAt: number, answer: WireAnswer): void;
}

interface Pending {
  action: TargetAction | CheckInAction;
  /** the watch a poll belongs to; -1 for an agent's own request */
  gen: number;
  answer: WireAnswer | undefined;
}

export interface LiveRunnerParts extends StepperParts {
  scheduler: Kernel;
  clock: SteerableClock;
  /** the driver of the agent's group or crew (http, browser…) */
  driverFor(agent: AgentRun): LiveDriver;
  pacer: Pacer;
  probe: LiveProbe;
  ledger: HarnessLedger;
  changes: InventoryChanges;
  counters: readonly string[];
  /** each agent's network identity (the drivers spell sessions as the target accepts them) */
  nets: readonly AgentNet[];
  /** runs the target's schedule when an unconfirmed hold lapses at `at` */
  tickAt(at: number): void;
  /** a target in another process: requests wait for the writes before them, answers for the harness to catch up */
  link: Pick<LiveTarget, 'pending' | 'caughtUp'>;
}

export class LiveRunner extends AgentStepper {
  private readonly counterIndex = new Map<string, number>();
  private watches!: LiveWatches;

  constructor(private readonly parts: LiveRunnerParts) {
    super(parts);
    parts.counters.forEach((c, i) => this.counterIndex.set(c, i));
  }

  /** The watches are built after the runner (they send their polls through it). */
  attach(watches: LiveWatches): void {
    this.watches = watches;
  }

  onAgentEvent(agent: AgentRun, code: number, payload: unknown): void {
    switch (code) {
      case RESUME:
        this.resume(agent, payload);
        return;
      case ANSWER:
        this.answered(agent, payload as Pending);
        return;
      case POLL:
        this.watches.onPoll(agent, payload);
        return;
      case TIMEOUT:
        this.watches.onTimeout(agent, payload);
    }
  }

  // --- what the watches ask of the runner ---

  sendPoll(agent: AgentRun, action: TargetAction, gen: number): void {
    this.send(agent, { action, gen, answer: undefined });
  }

  resumeAgent(agent: AgentRun, payload: Outcome | typeof INBOX_NOW): void {
    this.parts.scheduler.at(this.parts.scheduler.now, agent, RESUME, payload);
  }

  // --- the stepper's hooks ---

  protected request(agent: AgentRun, a: TargetAction): void {
    const { recorder, scheduler } = this.parts;
    recorder.requestsAt(agent, 1, false, scheduler.now);
    if (agent.kind === LEGIT && a.kind === 'list') recorder.effort(agent.local, CHECK_MS);
    this.send(agent, { action: a, gen: -1, answer: undefined });
  }

  protected watch(agent: AgentRun, a: WatchAction): Outcome | undefined {
    const { scheduler, registry } = this.parts;
    if (a.inbox && agent.inbox.length > 0) return { kind: 'inbox', messages: agent.inbox.splice(0) };
    if ((a.until ?? Infinity) <= scheduler.now) return { kind: 'timeout' };
    const counter = a.counter === null ? -1 : (this.counterIndex.get(a.counter) ?? -2);
    if (counter === -2) return { kind: 'rejected', rejected: 'NOT_FOUND' };
    this.watches.start(agent, a, counter, a.activeHours ? registry.clockOf[agent.index] ?? null : null);
    return undefined;
  }

  protected checkIn(agent: AgentRun, a: CheckInAction): undefined {
    this.send(agent, { action: a, gen: -1, answer: undefined });
    return undefined;
  }

  // --- the wire ---

  private send(agent: AgentRun, p: Pending): void {
    const { pacer, probe, clock, scheduler, link } = this.parts;
    const driver = this.parts.driverFor(agent);
    const population = agent.kind === LEGIT ? 0 : 1 + agent.owner;
    const intendedAt = clock.realTimeOf(scheduler.now);
    let sentAt = performance.now();
    pacer.sent();
    const go = () => {
      sentAt = performance.now();
      return p.action.kind === 'checkIn'
        ? driver.checkIn(p.action)
        : driver.perform(this.parts.nets[agent.index] as AgentNet, p.action);
    };
    const before = link.pending();
    const answer = before ? before.then(go) : go();
    answer.then(async (a) => {
      const endedAt = performance.now();
      const caught = link.caughtUp();
      if (caught) await caught;
      probe.request(population, p.action.kind, intendedAt, sentAt, endedAt, a);
      p.answer = a;
      scheduler.at(Math.max(scheduler.now, clock.now()), agent, ANSWER, p);
      pacer.answered();
    }).catch((e: unknown) => pacer.fail(e));
  }

  private answered(agent: AgentRun, p: Pending): void {
    const out = (p.answer as WireAnswer).outcome;
    const { action } = p;
    if (action.kind === 'checkIn') {
      this.checkedIn(agent, action, out, this.parts.ledger.slotStartOf(action.bookingId));
      this.step(agent, out);
      return;
    }
    this.observe(agent, action, out);
    if (p.gen >= 0) this.watches.onPollAnswer(agent, p.gen, out);
    else this.step(agent, out);
  }

  /** batch closes a tick is scheduled at already */
  private readonly batchTicks = new Set<number>();

  /** What an answer tells the metrics and the harness's ledger (as run/target-requests.ts does in virtual time). */
  private observe(agent: AgentRun, a: TargetAction, out: Outcome): void {
    const { recorder, registry, ledger, changes } = this.parts;
    if (agent.kind === LEGIT) observeOutcome(recorder, agent.local, a, out);
    else observeBotOutcome(recorder, agent.owner, a, out, this.parts.scheduler.now);
    observeEntry(recorder, a, out, this.parts.scheduler.now);
    if (out.kind === 'registered') registry.registrants.set(out.registrationId, agent);
    if (out.kind === 'booked') {
      ledger.booked(out.convocation);
      if (out.confirmBy !== undefined) this.parts.tickAt(out.confirmBy + 1);
    }
    if (out.kind === 'lottery' && out.convocation) ledger.booked(out.convocation);
    // batch release: the target serves the batch when it closes, before its decisions are read
    if (out.kind === 'pending' && !this.batchTicks.has(out.decideAt)) {
      this.batchTicks.add(out.decideAt);
      this.parts.tickAt(out.decideAt);
    }
    changes.flush();
  }
}
