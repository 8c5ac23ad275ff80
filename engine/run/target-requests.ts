/**
 * The target as the agents meet it in virtual time: a request reaching it (scheduler time = server
 * time) through the driver, what its outcome tells the metrics, and the target's own schedule
 * (releases, expiries, purges, draws) run through the oracle at `nextDueAt()` and when an
 * unconfirmed hold lapses. After each of them the inventory changes the store tap saw are
 * flushed, which wakes the watchers of those counters.
 */
import type { Outcome } from '../../bots/actions.js';
import type { AgentNet, SyncDriver, TargetAction } from '../drivers/driver.js';
import type { SimOracle } from '../drivers/sim-oracle.js';
import type { EventHandler, Scheduler } from '../kernel/scheduler.js';
import { observeBotOutcome, observeEntry, observeOutcome } from '../measure/observe-outcome.js';
import type { Recorder } from '../measure/recorder.js';
import type { InventoryChanges } from '../polls/inventory-changes.js';
import { LEGIT, type AgentRun } from '../agents/agent-run.js';
import type { AgentRegistry } from '../agents/agent-registry.js';

export class TargetRequests implements EventHandler {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly driver: SyncDriver,
    private readonly oracle: SimOracle,
    private readonly recorder: Recorder,
    private readonly registry: AgentRegistry,
    private readonly changes: InventoryChanges,
  ) {}

  /** batch closes a tick is scheduled at already (one tick serves the whole batch) */
  private readonly batchTicks = new Set<number>();

  /** A request of `agent` reaching the target now. */
  exec(agent: AgentRun, a: TargetAction): Outcome {
    const out = this.driver.perform(this.registry.nets[agent.index] as AgentNet, a);
    if (agent.kind === LEGIT) observeOutcome(this.recorder, agent.local, a, out);
    else observeBotOutcome(this.recorder, agent.owner, a, out, this.scheduler.now);
    observeEntry(this.recorder, a, out, this.scheduler.now);
    if (out.kind === 'registered') this.registry.registrants.set(out.registrationId, agent);
    if (out.kind === 'booked' && out.confirmBy !== undefined) this.tickAt(out.confirmBy + 1);
    // batch release: the batch is served when it closes, before anyone reads its decision
    if (out.kind === 'pending' && !this.batchTicks.has(out.decideAt)) {
      this.batchTicks.add(out.decideAt);
      this.tickAt(out.decideAt);
    }
    this.changes.flush();
    return out;
  }

  /** The target's schedule: schedule it first at the run's start, it reschedules itself. */
  fire(): void {
    this.oracle.tick();
    this.changes.flush();
    const next = this.oracle.nextDueAt();
    this.scheduler.at(Math.max(next, this.scheduler.now + 1), this);
  }

  /** An extra tick, for an unconfirmed hold that expires at `at`. */
  private tickAt(at: number): void {
    this.scheduler.at(at, this.extraTick);
  }

  private readonly extraTick: EventHandler = {
    fire: () => {
      this.batchTicks.delete(this.scheduler.now);
      this.oracle.tick();
      this.changes.flush();
    },
  };
}
