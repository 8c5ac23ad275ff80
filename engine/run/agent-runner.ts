/**
 * Running agents in virtual time: each generator is stepped until it yields an action that takes
 * time, and its actions are dispatched. A request leaves the agent, reaches the target one
 * latency later (EXEC, through TargetRequests), and its answer comes back one latency after that
 * (RESUME). Sleeps, captcha solving, the market and the counter are modelled here; watches go to
 * the WatchBoard (poll elision). Everything it uses is built before it (run/replication.ts).
 */
import type { Action, Outcome } from '../../bots/actions.js';
import type { SyncDriver, TargetAction } from '../drivers/driver.js';
import type { SimOracle } from '../drivers/sim-oracle.js';
import type { Scheduler } from '../kernel/scheduler.js';
import type { Market } from '../market/market.js';
import { DONE, type Recorder } from '../measure/recorder.js';
import type { WatchBoard } from '../polls/watch-board.js';
import type { Rng } from '../rng.js';
import { BOT, CHECK_MS, EXEC, INBOX_NOW, LEGIT, POLL, RESUME, TIMEOUT, TIMEOUT_OUTCOME, type AgentHost, type AgentRun } from '../agents/agent-run.js';
import type { AgentRegistry } from '../agents/agent-registry.js';
import { solveChallenge } from '../agents/solve-challenge.js';
import type { TargetRequests } from './target-requests.js';

/** An agent making this many actions in a row that take no time is stuck in a loop (a bug). */
const MAX_IMMEDIATE = 100_000;
const OK: Outcome = { kind: 'ok' };

export interface RunnerParts {
  scheduler: Scheduler;
  registry: AgentRegistry;
  recorder: Recorder;
  /** performs check-ins at the counter (requests go through `requests`) */
  driver: SyncDriver;
  /** the expected answers of challenges, for the solver model */
  oracle: SimOracle;
  requests: TargetRequests;
  board: WatchBoard;
  market: Market;
  counters: readonly string[];
  /** share of polls made every `everyMs` a session's bucket lets through (fluid model) */
  sessionPass(everyMs: number): number;
  /** proof-of-work difficulty of the policy (the sim target checks a cheaper one) */
  powDifficulty: number;
  eurPerUsd: number;
}

export class AgentRunner implements AgentHost {
  private readonly counterIndex = new Map<string, number>();

  constructor(private readonly parts: RunnerParts) {
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
    const { scheduler, recorder } = this.parts;
    switch (a.kind) {
      case 'sleep':
        if (a.busy && agent.kind === LEGIT) recorder.effort(agent.local, a.ms);
        scheduler.after(Math.max(0, a.ms), agent, RESUME, OK);
        return undefined;
      case 'sleepUntil':
        scheduler.at(Math.max(scheduler.now, a.at), agent, RESUME, OK);
        return undefined;
      case 'watch': {
        if (a.inbox && agent.inbox.length > 0) return { kind: 'inbox', messages: agent.inbox.splice(0) };
        if ((a.until ?? Infinity) <= scheduler.now) return TIMEOUT_OUTCOME;
        const counter = a.counter === null ? -1 : (this.counterIndex.get(a.counter) ?? -2);
        if (counter === -2) return { kind: 'rejected', rejected: 'NOT_FOUND' };
        // the rate limit's share is read from what the agent declares, not guessed from its config
        agent.passRate = agent.ipPass * this.parts.sessionPass(a.everyMs);
        this.parts.board.start(agent, a, counter, a.activeHours ? this.parts.registry.clockOf[agent.index] ?? null : null);
        return undefined;
      }
      case 'solve': {
        const s = solveChallenge(a.challenge, a.solver, this.parts.registry.rngOf[agent.index] as Rng,
          this.parts.oracle.expectedAnswer(a.challenge.id), this.parts.powDifficulty);
        if (agent.kind === BOT && s.costUsd > 0) recorder.cost(agent.owner, s.costUsd * this.parts.eurPerUsd, scheduler.now);
        // typing a captcha, or waiting for a phone to finish the proof-of-work, is time spent
        if (agent.kind === LEGIT) recorder.effort(agent.local, s.delayMs);
        scheduler.after(s.delayMs, agent, RESUME, { kind: 'answer', answer: s.answer });
        return undefined;
      }
      case 'offer':
        return this.parts.market.offer(agent.id, agent.owner, a);
      case 'withdraw':
        return this.parts.market.withdraw(a.bookingId);
      case 'deliver':
        return this.parts.market.deliver(agent.id, a);
      case 'order':
        return this.parts.market.order(agent.id, a);
      case 'cancelOrder':
        return this.parts.market.cancelOrder(agent.id);
      case 'checkIn': {
        const out = this.parts.driver.checkIn(a);
        if (agent.kind === LEGIT && out.kind === 'checkIn') {
          const slotStart = this.parts.oracle.slotStartOf(a.bookingId);
          recorder.checkIn(agent.local, a.bookingId, slotStart ?? scheduler.now, out.served, out.served ? undefined : out.reason, scheduler.now);
          if (!out.served && out.reason === 'NAME_MISMATCH') recorder.hit(agent.local, 'exactName');
          if (!out.served && out.reason === 'PURGED') recorder.hit(agent.local, 'purge');
        }
        return out;
      }
      default:
        recorder.requestsAt(agent, 1, false, scheduler.now);
        if (agent.kind === LEGIT && a.kind === 'list') recorder.effort(agent.local, CHECK_MS);
        scheduler.after(agent.latency, agent, EXEC, a);
        return undefined;
    }
  }
}
