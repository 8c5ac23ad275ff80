/**
 * Stepping agents, whatever the clock: each generator is stepped until it yields an action that
 * takes time, and the actions that never reach the target are performed here the same way in
 * virtual time and in a live run (sleeps, captcha solving, the market). Requests, watches and
 * the counter are where the two differ: the virtual-time runner (agent-runner.ts) models them in
 * the kernel, the live runner (live/live-runner.ts) sends them to a real target.
 */
import type { Action, Outcome } from '../../bots/actions.js';
import type { CheckInAction, TargetAction } from '../drivers/driver.js';
import type { SimOracle } from '../drivers/sim-oracle.js';
import type { Scheduler } from '../kernel/scheduler.js';
import type { Market } from '../market/market.js';
import { DONE, type Recorder } from '../measure/recorder.js';
import type { Rng } from '../rng.js';
import { BOT, INBOX_NOW, LEGIT, RESUME, type AgentHost, type AgentRun } from '../agents/agent-run.js';
import type { AgentRegistry } from '../agents/agent-registry.js';
import { solveChallenge } from '../agents/solve-challenge.js';

/** An agent making this many actions in a row that take no time is stuck in a loop (a bug). */
const MAX_IMMEDIATE = 100_000;
export const OK: Outcome = { kind: 'ok' };

export type WatchAction = Extract<Action, { kind: 'watch' }>;

export interface StepperParts {
  scheduler: Scheduler;
  registry: AgentRegistry;
  recorder: Recorder;
  /** the expected answers of challenges, for the solver model */
  oracle: Pick<SimOracle, 'expectedAnswer'>;
  market: Market;
  /** proof-of-work difficulty of the policy (the sim target checks a cheaper one) */
  powDifficulty: number;
  eurPerUsd: number;
}

export abstract class AgentStepper implements AgentHost {
  constructor(private readonly base: StepperParts) {}

  start(agent: AgentRun): void {
    this.step(agent, OK);
  }

  abstract onAgentEvent(agent: AgentRun, code: number, payload: unknown): void;

  /** A request of the agent to the target; its answer comes back as a RESUME event. */
  protected abstract request(agent: AgentRun, a: TargetAction): void;
  /** A watch: its outcome when immediate, undefined when it will come as an event. */
  protected abstract watch(agent: AgentRun, a: WatchAction): Outcome | undefined;
  /** At the counter: its outcome when immediate, undefined when it will come as an event. */
  protected abstract checkIn(agent: AgentRun, a: CheckInAction): Outcome | undefined;

  /** The RESUME event: the agent goes on with this outcome (or its inbox). */
  protected resume(agent: AgentRun, payload: unknown): void {
    this.step(agent, payload === INBOX_NOW ? { kind: 'inbox', messages: agent.inbox.splice(0) } : (payload as Outcome));
  }

  protected step(agent: AgentRun, first: Outcome): void {
    if (agent.done) return; // a message or a wake-up for someone who has left: nobody to resume
    let out: Outcome | undefined = first;
    for (let n = 0; out !== undefined; n++) {
      if (n > MAX_IMMEDIATE) throw new Error(`agent ${agent.id} made ${n} actions without letting time pass (last outcome: ${JSON.stringify(out).slice(0, 200)})`);
      const r = (agent.gen as Generator<Action, void, Outcome>).next(out);
      if (r.done) {
        agent.done = true;
        // what the agent's code held (its context, persona, lists) can go: a year has thousands done
        agent.gen = undefined;
        if (agent.kind === LEGIT) this.base.recorder.setState(agent.local, DONE);
        return;
      }
      out = this.act(agent, r.value);
    }
  }

  /** Performs an action: its outcome when immediate, undefined when it will come as an event. */
  private act(agent: AgentRun, a: Action): Outcome | undefined {
    const { scheduler, recorder, market } = this.base;
    switch (a.kind) {
      case 'sleep':
        if (a.busy && agent.kind === LEGIT) recorder.effort(agent.local, a.ms);
        scheduler.after(Math.max(0, a.ms), agent, RESUME, OK);
        return undefined;
      case 'sleepUntil':
        scheduler.at(Math.max(scheduler.now, a.at), agent, RESUME, OK);
        return undefined;
      case 'watch':
        return this.watch(agent, a);
      case 'solve': {
        const s = solveChallenge(a.challenge, a.solver, this.base.registry.rngOf[agent.index] as Rng,
          this.base.oracle.expectedAnswer(a.challenge.id), this.base.powDifficulty);
        if (agent.kind === BOT && s.costUsd > 0) recorder.cost(agent.owner, s.costUsd * this.base.eurPerUsd, scheduler.now);
        // typing a captcha, or waiting for a phone to finish the proof-of-work, is time spent
        if (agent.kind === LEGIT) recorder.effort(agent.local, s.delayMs);
        scheduler.after(s.delayMs, agent, RESUME, { kind: 'answer', answer: s.answer });
        return undefined;
      }
      case 'offer':
        return market.offer(agent.id, agent.owner, a);
      case 'withdraw':
        return market.withdraw(a.bookingId);
      case 'deliver':
        return market.deliver(agent.id, a);
      case 'order':
        return market.order(agent.id, a);
      case 'cancelOrder':
        return market.cancelOrder(agent.id);
      case 'checkIn':
        return this.checkIn(agent, a);
      default:
        this.request(agent, a);
        return undefined;
    }
  }

  /** What a person at the counter tells the metrics. */
  protected checkedIn(agent: AgentRun, a: CheckInAction, out: Outcome, slotStart: number | undefined): void {
    const { recorder, scheduler } = this.base;
    if (agent.kind !== LEGIT || out.kind !== 'checkIn') return;
    recorder.checkIn(agent.local, a.bookingId, slotStart ?? scheduler.now, out.served, out.served ? undefined : out.reason, scheduler.now);
    if (!out.served && out.reason === 'NAME_MISMATCH') recorder.hit(agent.local, 'exactName');
    if (!out.served && out.reason === 'PURGED') recorder.hit(agent.local, 'purge');
  }
}
