/**
 * Running agents in virtual time (the stepping itself is agent-stepper.ts). A request leaves the
 * agent, reaches the target one latency later (EXEC, through TargetRequests), and its answer
 * comes back one latency after that (RESUME). Watches go to the WatchBoard (poll elision), and
 * the counter answers at once. Everything it uses is built before it (run/replication.ts).
 */
import type { Outcome } from '../../bots/actions.js';
import type { CheckInAction, SyncDriver, TargetAction } from '../drivers/driver.js';
import type { SimOracle } from '../drivers/sim-oracle.js';
import type { WatchBoard } from '../polls/watch-board.js';
import { CHECK_MS, EXEC, LEGIT, POLL, RESUME, TIMEOUT, TIMEOUT_OUTCOME, type AgentRun } from '../agents/agent-run.js';
import { AgentStepper, type StepperParts, type WatchAction } from './agent-stepper.js';
import type { TargetRequests } from './target-requests.js';

export interface RunnerParts extends StepperParts {
  /** performs check-ins at the counter (requests go through `requests`) */
  driver: SyncDriver;
  oracle: SimOracle;
  requests: TargetRequests;
  board: WatchBoard;
  counters: readonly string[];
  /** share of polls made every `everyMs` a session's bucket lets through (fluid model) */
  sessionPass(everyMs: number): number;
}

export class AgentRunner extends AgentStepper {
  private readonly counterIndex = new Map<string, number>();

  constructor(private readonly parts: RunnerParts) {
    super(parts);
    parts.counters.forEach((c, i) => this.counterIndex.set(c, i));
  }

  onAgentEvent(agent: AgentRun, code: number, payload: unknown): void {
    switch (code) {
      case RESUME:
        this.resume(agent, payload);
        return;
      case EXEC: {
        const out = this.parts.requests.exec(agent, payload as TargetAction);
        this.parts.scheduler.after(agent.latency, agent, RESUME, out);
        return;
      }
      case POLL:
        this.parts.board.onPoll(agent, payload);
        return;
      case TIMEOUT:
        this.parts.board.onTimeout(agent, payload);
    }
  }

  protected request(agent: AgentRun, a: TargetAction): void {
    const { recorder, scheduler } = this.parts;
    recorder.requestsAt(agent, 1, false, scheduler.now);
    if (agent.kind === LEGIT && a.kind === 'list') recorder.effort(agent.local, CHECK_MS);
    scheduler.after(agent.latency, agent, EXEC, a);
  }

  protected watch(agent: AgentRun, a: WatchAction): Outcome | undefined {
    const { scheduler } = this.parts;
    if (a.inbox && agent.inbox.length > 0) return { kind: 'inbox', messages: agent.inbox.splice(0) };
    if ((a.until ?? Infinity) <= scheduler.now) return TIMEOUT_OUTCOME;
    const counter = a.counter === null ? -1 : (this.counterIndex.get(a.counter) ?? -2);
    if (counter === -2) return { kind: 'rejected', rejected: 'NOT_FOUND' };
    // the rate limit's share is read from what the agent declares, not guessed from its config
    agent.passRate = agent.ipPass * this.parts.sessionPass(a.everyMs);
    this.parts.board.start(agent, a, counter, a.activeHours ? this.parts.registry.clockOf[agent.index] ?? null : null);
    return undefined;
  }

  protected checkIn(agent: AgentRun, a: CheckInAction): Outcome {
    const out = this.parts.driver.checkIn(a);
    this.checkedIn(agent, a, out, this.parts.oracle.slotStartOf(a.bookingId));
    return out;
  }
}
