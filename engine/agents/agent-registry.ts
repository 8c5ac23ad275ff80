/**
 * Every agent of a replication, by index, id, session and lottery registration, with what the
 * engine keeps beside each one (network identity, random stream, active-hours clock). Built
 * first: the store tap, the watch board and the market look agents up here, and the agent
 * factory fills it.
 */
import type { ActiveClock } from '../kernel/active-clock.js';
import type { Rng } from '../rng.js';
import type { AgentNet } from '../drivers/driver.js';
import type { AgentRun } from './agent-run.js';

export class AgentRegistry {
  readonly agents: AgentRun[] = [];
  readonly byId = new Map<string, AgentRun>();
  readonly bySession = new Map<string, AgentRun>();
  /** lottery registration id → registrant */
  readonly registrants = new Map<string, AgentRun>();
  readonly nets: AgentNet[] = [];
  readonly rngOf: Rng[] = [];
  /** active-hours clock of a person (null for bots, who watch around the clock) */
  readonly clockOf: (ActiveClock | null)[] = [];

  add(agent: AgentRun, rng: Rng, net: AgentNet, clock: ActiveClock | null): void {
    this.agents[agent.index] = agent;
    this.byId.set(agent.id, agent);
    this.bySession.set(net.session, agent);
    this.nets[agent.index] = { ip: net.ip, session: net.session };
    this.rngOf[agent.index] = rng;
    this.clockOf[agent.index] = clock;
  }

  /** Who made a booking: the agent of its session, or for a lottery draw the registrant (the session is the registration id). */
  bookerOf(session: string): AgentRun | undefined {
    return this.bySession.get(session) ?? this.registrants.get(session);
  }
}
