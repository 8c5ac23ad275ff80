import { describe, expect, it } from 'vitest';
import { ScalperCrewSchema } from '../scenarios/schema/population.js';
import { breakEvenBuyers, demandBook, expectedBuyersPerDay, expectedIncome, noteDemand, poissonTail, worthLeadMs } from './business.js';

const DAY = 86_400_000;
const crew = ScalperCrewSchema.parse({
  crew: 'cafe', strategy: 'hoarder', agents: 1, pollEverySeconds: 1, priceEur: 100,
  business: { costPerBookingEur: 5, expectedOrdersPerWeek: 70, demandWindowDays: 28 },
});
const terms = crew.business!;

/** P(N ≥ m) summed term by term, for comparison */
function tailBySum(mean: number, m: number): number {
  let logTerm = -mean;
  let below = 0;
  for (let k = 0; k < m; k++) {
    below += Math.exp(logTerm);
    logTerm += Math.log(mean) - Math.log(k + 1);
  }
  return 1 - below;
}

describe('poissonTail', () => {
  it('matches the Poisson distribution, exactly for small means and within 1 % beyond', () => {
    for (const [mean, m] of [[3, 1], [3, 5], [20, 25], [49, 40], [80, 90], [200, 180], [500, 530]] as const) {
      const want = tailBySum(mean, m);
      expect(Math.abs(poissonTail(mean, m) - want)).toBeLessThan(mean < 50 ? 1e-9 : 0.01);
    }
    expect(poissonTail(0, 1)).toBe(0);
    expect(poissonTail(10, 0)).toBe(1);
  });
});

describe('the margin of one more booking', () => {
  it('needs more expected buyers the larger the stock already held', () => {
    let last = -1;
    for (const stock of [0, 1, 5, 20, 100, 400]) {
      const b = breakEvenBuyers(stock, 1, 100, 5);
      expect(b).toBeGreaterThan(last);
      // a 5 % chance of selling pays for a 5 € booking sold at 100 €: fewer buyers than slots ahead, but not many fewer
      if (stock >= 20) expect(b).toBeGreaterThan(stock * 0.7);
      expect(b).toBeLessThan(stock + 1);
      expect(expectedIncome(b, stock, 1, 100)).toBeGreaterThanOrEqual(5 - 1e-6);
      last = b;
    }
  });

  it('needs more buyers the dearer a booking, and none at all when it costs nothing', () => {
    expect(breakEvenBuyers(10, 1, 100, 20)).toBeGreaterThan(breakEvenBuyers(10, 1, 100, 5));
    expect(breakEvenBuyers(10, 1, 100, 0)).toBe(0);
    // a slot that cannot sell for what it costs is never worth booking
    expect(breakEvenBuyers(0, 1, 100, 100)).toBe(Infinity);
    expect(breakEvenBuyers(0, 2, 100, 150)).toBeLessThan(Infinity);
  });

  it('is worth more to a double-seller: each slot sells twice', () => {
    expect(expectedIncome(30, 10, 2, 100)).toBeGreaterThan(expectedIncome(30, 10, 1, 100));
  });
});

describe('expected demand', () => {
  it('starts from the prior belief and gives way to the orders seen as the window fills', () => {
    const book = demandBook(terms);
    expect(expectedBuyersPerDay(book, 0)).toBeCloseTo(10, 6);
    // half the window seen, no order: half the prior is left
    expect(expectedBuyersPerDay(book, 14 * DAY)).toBeCloseTo(5, 6);
    expect(expectedBuyersPerDay(book, 28 * DAY)).toBe(0);
    for (let d = 0; d < 28; d++) noteDemand(book, crew, 150, 2, 28 * DAY + d * DAY);
    // one order a day shared with another crew: half a buyer a day
    expect(expectedBuyersPerDay(book, 56 * DAY - 1)).toBeCloseTo(0.5, 6);
    // orders older than the window are forgotten
    expect(expectedBuyersPerDay(book, 100 * DAY)).toBe(0);
  });

  it('ignores buyers who would not pay the crew’s price', () => {
    const book = demandBook(terms);
    expectedBuyersPerDay(book, 0);
    noteDemand(book, crew, 80, 1, 29 * DAY);
    expect(expectedBuyersPerDay(book, 30 * DAY)).toBe(0);
  });
});

describe('worthLeadMs', () => {
  it('asks a slot to start further ahead as stock grows and demand falls, in whole days, and never without demand', () => {
    const book = demandBook(terms);
    const at = (stock: number, now = 0) => worthLeadMs(book, now, stock, 1, 100, 5, DAY);
    expect(at(0) % DAY).toBe(0);
    expect(at(50)).toBeGreaterThan(at(5));
    // 10 buyers a day: a 5 % chance that the 51st sells needs about 4 days of buyers, plus the day buyers need
    expect(at(50)).toBeGreaterThan(4 * DAY);
    expect(at(50)).toBeLessThanOrEqual(6 * DAY);
    // less demand (half the prior left): the same stock needs twice the time
    expect(worthLeadMs(book, 14 * DAY, 50, 1, 100, 5, DAY)).toBeGreaterThan(at(50));
    expect(worthLeadMs(book, 28 * DAY, 0, 1, 100, 5, DAY)).toBe(Infinity);
  });
});
