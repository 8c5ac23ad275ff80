/**
 * Endogenous entry (`business.entry` of a crew, opt-in): how many of the crew's agents work
 * follows its profit. The crew starts with `startAgents` at work; every `reviewDays` it looks at
 * its margin over the period (what its sales brought at its price, less what its bookings cost
 * it) and puts one more agent to work when the margin was positive, one fewer when it was
 * negative; a period with neither sales nor bookings counts as positive when a slot would be
 * worth booking now (bots/business.ts), else as negative. So crews come when scalping pays and
 * leave when it does not, as scalpers enter a queue in Yang, Wang & Cui (2021,
 * docs/sources.md#queue-scalping), where the most come at intermediate demand. Agents not at
 * work still hand over what they sold and cancel what did not sell, but look at no slot.
 */
import type { ScalperCrew } from '../scenarios/schema.js';
import type { CrewState } from './context.js';

const DAY = 86_400_000;

export interface CrewEntry {
  /** agents at work: the first `active` of the crew */
  active: number;
  /** when the crew next looks at its margin (set at its first look) */
  nextReviewAt: number | undefined;
  /** sales and booking costs since the last review, in euros */
  income: number;
  spent: number;
}

export function crewEntry(crew: ScalperCrew): CrewEntry | undefined {
  const entry = crew.business?.entry;
  if (!entry) return undefined;
  return { active: Math.min(crew.agents, entry.startAgents), nextReviewAt: undefined, income: 0, spent: 0 };
}

/** Whether agent `agentIndex` of the crew works now (always, without `business.entry`). */
export function atWork(state: CrewState, agentIndex: number): boolean {
  return state.entry === undefined || agentIndex < state.entry.active;
}

export function noteIncome(state: CrewState, eur: number): void {
  if (state.entry) state.entry.income += eur;
}

export function noteSpent(state: CrewState, eur: number): void {
  if (state.entry) state.entry.spent += eur;
}

/** The crew's review, when one is due at `now`; `worthBooking`: a slot would pay if booked now. */
export function reviewEntry(state: CrewState, now: number, worthBooking: boolean): void {
  const e = state.entry;
  const every = (state.crew.business?.entry?.reviewDays ?? 7) * DAY;
  if (!e) return;
  if (e.nextReviewAt === undefined) {
    e.nextReviewAt = now + every;
    return;
  }
  if (now < e.nextReviewAt) return;
  const margin = e.income - e.spent;
  const grow = margin > 0 || (margin === 0 && worthBooking);
  e.active = grow ? Math.min(state.crew.agents, e.active + 1) : Math.max(0, e.active - 1);
  e.income = 0;
  e.spent = 0;
  while (e.nextReviewAt <= now) e.nextReviewAt += every;
}
