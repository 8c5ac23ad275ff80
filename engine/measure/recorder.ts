/**
 * Everything a replication measures, kept as it happens: per legit user (typed arrays indexed by
 * their number), per crew, per slot, plus traffic and the daily series. replication-metrics.ts turns it into
 * a ReplicationResult. Requests, money and slots count from the end of the warm-up.
 */
import type { CollateralMeasure } from './result-types.js';
import { COLLATERAL_MEASURES } from './result-types.js';
import { BOT, type AgentRun } from '../agents/agent-run.js';

export interface SlotRec {
  counter: string;
  start: number;
  releasedAt: number;
  /** index of its release batch */
  batch: number;
  firstBookedAt: number;
  /** 0 legit, 1 scalper, -1 never booked */
  firstBy: number;
  served: boolean;
}

export interface Batch {
  at: number;
  slots: SlotRec[];
}

export const WAITING = 1;
export const HOLDING = 2;
export const DONE = 3;

export class Recorder {
  // --- legit users, by legit index ---
  readonly group: Int32Array;
  readonly arrival: Float64Array;
  readonly needAt: Float64Array;
  readonly deadline: Float64Array;
  readonly servedAt: Float64Array;
  readonly servedSlot: Float64Array;
  /**
   * appointments served (first and later visits alike), and those of them on a slot bought from a
   * crew: legit.paidShare counts every appointment, as bots.revenueEur counts every sale
   */
  readonly visitsServed: Uint16Array;
  readonly visitsBought: Uint16Array;
  readonly money: Float64Array;
  readonly effortMs: Float64Array;
  readonly collateral: Uint16Array;
  readonly state: Uint8Array;
  /** bookingId → crew, for convocations a legit user bought (key: `${legit}:${bookingId}`) */
  readonly bought = new Map<string, number>();
  waiting = 0;

  // --- crews ---
  readonly crewBooked: Float64Array;
  readonly crewSold: Float64Array;
  readonly crewRevenue: Float64Array;
  readonly crewCost: Float64Array;
  readonly crewRefused: Float64Array;
  readonly crewRequests: Float64Array;

  // --- traffic (after warm-up) ---
  requests = 0;
  botRequests = 0;
  elidedPolls = 0;

  // --- slots and bookings ---
  readonly slots = new Map<string, SlotRec>();
  readonly batches: Batch[] = [];
  /** booking id → agent index of who made it */
  readonly bookedBy = new Map<string, number>();
  readonly refusedAtCounter: Record<string, number> = {};
  doubleSold = 0;
  cumLegit = 0;
  cumBots = 0;
  readonly daily: { day: number; bookedByLegit: number; bookedByBots: number; waitingUsers: number }[] = [];

  // --- lottery, after warm-up: entries for an open draw, those kept after de-duplication, those drawn ---
  readonly lottery = { entries: 0, deduplicated: 0, drawn: 0 };

  constructor(legitCount: number, crewCount: number, readonly warmupEnd: number) {
    this.group = new Int32Array(legitCount);
    this.arrival = new Float64Array(legitCount);
    this.needAt = new Float64Array(legitCount);
    this.deadline = new Float64Array(legitCount);
    this.servedAt = new Float64Array(legitCount).fill(Number.NaN);
    this.servedSlot = new Float64Array(legitCount).fill(Number.NaN);
    this.visitsServed = new Uint16Array(legitCount);
    this.visitsBought = new Uint16Array(legitCount);
    this.money = new Float64Array(legitCount);
    this.effortMs = new Float64Array(legitCount);
    this.collateral = new Uint16Array(legitCount);
    this.state = new Uint8Array(legitCount);
    this.crewBooked = new Float64Array(crewCount);
    this.crewSold = new Float64Array(crewCount);
    this.crewRevenue = new Float64Array(crewCount);
    this.crewCost = new Float64Array(crewCount);
    this.crewRefused = new Float64Array(crewCount);
    this.crewRequests = new Float64Array(crewCount);
  }

  counted(legit: number): boolean {
    return (this.arrival[legit] as number) >= this.warmupEnd;
  }

  requestsAt(agent: AgentRun, n: number, elided: boolean, at: number): void {
    if (at < this.warmupEnd) return;
    if (agent.kind === BOT) this.crewRequests[agent.owner] = (this.crewRequests[agent.owner] as number) + n;
    this.requests += n;
    if (agent.kind === BOT) this.botRequests += n;
    if (elided) this.elidedPolls += n;
  }

  /** A person who just arrived: their group, when they need a slot and by when. */
  arrived(legit: number, group: number, at: number, needAt: number, deadline: number): void {
    this.group[legit] = group;
    this.arrival[legit] = at;
    this.needAt[legit] = needAt;
    this.deadline[legit] = deadline;
    this.setState(legit, WAITING);
  }

  /** Time a person spent on the site (looking at the list, typing a captcha, filling a form). */
  effort(legit: number, ms: number): void {
    this.effortMs[legit] = (this.effortMs[legit] as number) + ms;
  }

  /** A slot was honoured at the counter. */
  slotServed(slotId: string): void {
    const rec = this.slots.get(slotId);
    if (rec) rec.served = true;
  }

  /** A registration for an open draw (people's and crews'): kept, or refused as a second entry of the same person. */
  lotteryEntry(kept: boolean, at: number): void {
    if (at < this.warmupEnd) return;
    this.lottery.entries++;
    if (kept) this.lottery.deduplicated++;
  }

  /** A registration the draw gave a slot. */
  lotteryDrawn(at: number): void {
    if (at >= this.warmupEnd) this.lottery.drawn++;
  }

  /** A convocation sold to a second buyer. */
  doubleSale(at: number): void {
    if (at >= this.warmupEnd) this.doubleSold++;
  }

  hit(legit: number, measure: CollateralMeasure): void {
    this.collateral[legit] = (this.collateral[legit] as number) | (1 << COLLATERAL_MEASURES.indexOf(measure));
  }

  setState(legit: number, state: number): void {
    const old = this.state[legit] as number;
    if (old === state || old === DONE) return;
    if (old === WAITING) this.waiting--;
    if (state === WAITING) this.waiting++;
    this.state[legit] = state;
  }

  released(slots: readonly { id: string; counter: string; start: number }[], at: number): void {
    const batch: Batch = { at, slots: [] };
    for (const s of slots) {
      const rec: SlotRec = { counter: s.counter, start: s.start, releasedAt: at, batch: this.batches.length, firstBookedAt: Number.NaN, firstBy: -1, served: false };
      this.slots.set(s.id, rec);
      batch.slots.push(rec);
    }
    this.batches.push(batch);
  }

  booked(slotId: string, bookingId: string, agent: AgentRun | undefined, at: number): void {
    if (agent) this.bookedBy.set(bookingId, agent.index);
    const rec = this.slots.get(slotId);
    if (agent?.kind === BOT) this.crewBooked[agent.owner] = (this.crewBooked[agent.owner] as number) + 1;
    if (!rec || rec.firstBy >= 0) return;
    rec.firstBookedAt = at;
    rec.firstBy = agent?.kind === BOT ? 1 : 0;
    if (rec.firstBy === 1) this.cumBots++;
    else this.cumLegit++;
  }

  paid(legit: number, crew: number, eur: number, bookingId: string, at: number): void {
    this.money[legit] = (this.money[legit] as number) + eur;
    this.bought.set(`${legit}:${bookingId}`, crew);
    if (at < this.warmupEnd) return;
    this.crewSold[crew] = (this.crewSold[crew] as number) + 1;
    this.crewRevenue[crew] = (this.crewRevenue[crew] as number) + eur;
  }

  cost(crew: number, eur: number, at: number): void {
    if (at >= this.warmupEnd) this.crewCost[crew] = (this.crewCost[crew] as number) + eur;
  }

  checkIn(legit: number, bookingId: string, slotStart: number, served: boolean, reason: string | undefined, at: number): void {
    const crew = this.bought.get(`${legit}:${bookingId}`);
    // a later visit (legit.laterVisits): the person's outcome is their first appointment; refusals still count
    const later = !Number.isNaN(this.servedSlot[legit] as number);
    if (served) {
      this.visitsServed[legit] = (this.visitsServed[legit] as number) + 1;
      if (crew !== undefined) this.visitsBought[legit] = (this.visitsBought[legit] as number) + 1;
    }
    if (served && later) return;
    if (served) {
      this.servedAt[legit] = at;
      this.servedSlot[legit] = slotStart;
      this.setState(legit, DONE);
      return;
    }
    if (!later) this.setState(legit, WAITING);
    if (!this.counted(legit)) return;
    const key = reason ?? 'UNKNOWN';
    this.refusedAtCounter[key] = (this.refusedAtCounter[key] ?? 0) + 1;
    if (crew !== undefined) this.crewRefused[crew] = (this.crewRefused[crew] as number) + 1;
  }

  sampleDay(day: number): void {
    this.daily.push({ day, bookedByLegit: this.cumLegit, bookedByBots: this.cumBots, waitingUsers: this.waiting });
  }
}
