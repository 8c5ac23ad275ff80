/**
 * A crew bound by its business (`business:` of a crew). Holding a slot costs money (a fake
 * identity, its share of the fleet, the solver's fee) and pays only if a buyer takes it before its
 * time, so a crew books one more slot only while the expected margin of that booking is positive:
 *
 *   price × P(buyers before the slot's time > slots already in stock) − cost of one booking ≥ 0
 *
 * Buyers arrive as a Poisson stream whose rate the crew estimates from the orders it sees on the
 * market (a share of each, when several crews could sell to the buyer), and the market sells the
 * earliest slot first, so a new slot sells only once the stock held before it has. This is the
 * scalper of Yang, Wang & Cui (Management Science 2021, "A Model of Queue Scalping",
 * docs/sources.md#queue-scalping): when capacity is large beside demand, people get slots by
 * themselves, few buy, and a crew that watches its margin stops booking.
 *
 * The rule reads as a lead: with `n` slots unsold, a slot is worth booking only if it starts at
 * least `worthLeadMs` ahead (more time to sell it); the lead grows with the stock and falls with
 * demand, and is infinite when no slot is worth it. Strategies pass it as their watch's
 * `minLeadMs`, so a crew that does not want a slot never sees one listed.
 */
import type { CrewBusiness, ScalperCrew } from '../scenarios/schema.js';

const DAY = 86_400_000;
/** Leads are whole days: each distinct lead is a channel of the engine's watch board. */
const LEAD_STEP_MS = DAY;

/** Orders the crew has seen, in a sliding window, and when it started watching. */
export interface DemandBook {
  readonly terms: CrewBusiness;
  /** when the crew first looked at its business (the run's start, within a poll) */
  since: number | undefined;
  /** times of the orders seen, oldest first, from `head` on */
  at: number[];
  /** the share of each order the crew counts on (1 ÷ the crews that could sell to that buyer) */
  weight: number[];
  head: number;
  sum: number;
}

export function demandBook(terms: CrewBusiness): DemandBook {
  return { terms, since: undefined, at: [], weight: [], head: 0, sum: 0 };
}

/** An order the market reported (CrewNotice 'demand'), if this crew's price suits the buyer. */
export function noteDemand(book: DemandBook, crew: ScalperCrew, maxPriceEur: number, sellers: number, at: number): void {
  if (maxPriceEur < crew.priceEur) return;
  const w = 1 / Math.max(1, sellers);
  book.at.push(at);
  book.weight.push(w);
  book.sum += w;
}

/**
 * Buyers a day the crew expects: the orders of the last `demandWindowDays`, and before it has
 * watched that long, its prior belief (`expectedOrdersPerWeek`) for the part of the window not
 * seen yet.
 */
export function expectedBuyersPerDay(book: DemandBook, now: number): number {
  const windowMs = book.terms.demandWindowDays * DAY;
  if (book.since === undefined) book.since = now;
  while (book.head < book.at.length && (book.at[book.head] as number) < now - windowMs) {
    book.sum -= book.weight[book.head] as number;
    book.head++;
  }
  // forget the evicted prefix from time to time (the arrays would grow for a whole run)
  if (book.head > 1024 && book.head * 2 > book.at.length) {
    book.at.splice(0, book.head);
    book.weight.splice(0, book.head);
    book.head = 0;
  }
  const unseen = Math.max(0, windowMs - (now - book.since));
  const prior = (book.terms.expectedOrdersPerWeek / (7 * DAY)) * unseen;
  return (Math.max(0, book.sum) + prior) / book.terms.demandWindowDays;
}

/** P(N ≥ m) for N ~ Poisson(mean): exact below a mean of 50, the normal approximation above. */
export function poissonTail(mean: number, m: number): number {
  if (m <= 0) return 1;
  if (mean <= 0) return 0;
  if (mean < 50) {
    let term = Math.exp(-mean);
    let below = 0;
    for (let k = 0; k < m; k++) {
      below += term;
      term *= mean / (k + 1);
      if (k > mean && term < 1e-17) break;
    }
    return Math.min(1, Math.max(0, 1 - below));
  }
  return 0.5 * erfc((m - 0.5 - mean) / Math.sqrt(2 * mean));
}

/** Complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/**
 * Expected income of one more slot when `stock` slots are unsold before it and `mean` buyers are
 * expected before its time: each of its `copies` (double-selling) sells to a buyer beyond those
 * the earlier stock takes.
 */
export function expectedIncome(mean: number, stock: number, copies: number, priceEur: number): number {
  let p = 0;
  for (let j = 1; j <= copies; j++) p += poissonTail(mean, stock * copies + j);
  return priceEur * p;
}

/**
 * The fewest buyers the crew must expect before a new slot's time for that slot to pay for
 * itself; Infinity when none would (it costs at least what all its copies sell for).
 */
export function breakEvenBuyers(stock: number, copies: number, priceEur: number, costEur: number): number {
  // a pure function of few distinct arguments (a run has a few crews' terms, and stocks), asked
  // at every poll decision: its bisection is computed once per arguments, found without
  // building a key (a string of four numbers per call was most of its cost)
  const byStock = termsMemo(copies, priceEur, costEur);
  let v = byStock.get(stock);
  if (v === undefined) {
    if (byStock.size >= BREAK_EVEN_MEMO_SIZE) byStock.clear();
    v = solveBreakEven(stock, copies, priceEur, costEur);
    byStock.set(stock, v);
  }
  return v;
}

const BREAK_EVEN_MEMO_SIZE = 4096;
const BREAK_EVEN_TERMS_KEPT = 64;
const breakEvenMemo: { copies: number; priceEur: number; costEur: number; byStock: Map<number, number> }[] = [];

/** breakEvenBuyers' answers for one crew's terms, by stock. */
function termsMemo(copies: number, priceEur: number, costEur: number): Map<number, number> {
  for (const t of breakEvenMemo) if (t.copies === copies && t.priceEur === priceEur && t.costEur === costEur) return t.byStock;
  if (breakEvenMemo.length >= BREAK_EVEN_TERMS_KEPT) breakEvenMemo.length = 0;
  const byStock = new Map<number, number>();
  breakEvenMemo.push({ copies, priceEur, costEur, byStock });
  return byStock;
}

function solveBreakEven(stock: number, copies: number, priceEur: number, costEur: number): number {
  if (costEur <= 0) return 0;
  if (priceEur * copies <= costEur) return Infinity;
  const units = stock * copies + copies;
  let hi = units + 20 * Math.sqrt(units) + 50;
  if (expectedIncome(hi, stock, copies, priceEur) < costEur) return Infinity;
  let lo = 0;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (expectedIncome(mid, stock, copies, priceEur) >= costEur) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** What one booking costs the crew: the business's cost, and the solver's fee for the captcha it may need. */
export function bookingCostEur(crew: ScalperCrew, eurPerUsd: number, captcha: boolean): number {
  const terms = crew.business;
  if (!terms) return 0;
  const s = crew.captchaSolver;
  // a wrong answer is paid for too: 1 ÷ accuracy solves a booking
  const solver = captcha && s ? ((s.usdPer1000 / 1000) * eurPerUsd) / Math.max(0.01, s.accuracy) : 0;
  return terms.costPerBookingEur + solver;
}

/**
 * How far ahead a slot must start for one more booking to be worth it, in whole days, given the
 * slots unsold and the time a seller needs before a slot (`sellBeforeMs`: buyers want a day's
 * notice, unsold slots are cancelled ahead); Infinity when nothing is worth booking now.
 */
export function worthLeadMs(book: DemandBook, now: number, stock: number, copies: number, priceEur: number, costEur: number, sellBeforeMs: number): number {
  const buyers = breakEvenBuyers(stock, copies, priceEur, costEur);
  if (buyers === 0) return 0;
  const perDay = expectedBuyersPerDay(book, now);
  if (buyers === Infinity || perDay <= 0) return Infinity;
  const lead = (buyers / perDay) * DAY + sellBeforeMs;
  return Math.ceil(lead / LEAD_STEP_MS) * LEAD_STEP_MS;
}
